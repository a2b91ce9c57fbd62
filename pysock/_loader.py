"""Picks and loads the backend library for the running platform.

This is the one place in the package that looks at the OS. Set the
environment variable PYSOCK_BACKEND to the path of another backend library
(for example a fault-injecting wrapper) to load that one instead.
"""
import errno
import os
import sys

try:
    from . import _core
except ImportError as exc:
    import importlib.util
    if importlib.util.find_spec(__package__ + "._core") is not None:
        raise  # _core is there and failed on its own: its error says why
    # Typically `python -m pysock` in a clone's root: the unbuilt sources
    # shadow the installed package.
    raise ImportError(
        f"pysock's extension _core is not built in {os.path.dirname(os.path.abspath(__file__))}: "
        "that is the source tree. Run Python outside it (or with -P), or build it in place "
        "with `pip install -e .`") from exc

# Capability bits of the backend's vtable (backends/abi/vtable.zig).
CAP_IPV6 = 1 << 0
CAP_UNIX = 1 << 1
CAP_SOCKETPAIR = 1 << 2
CAP_UNIX_ABSTRACT = 1 << 3
CAP_WINERROR = 1 << 4
CAP_HANDLE_INHERITANCE = 1 << 5
CAP_TIMEVAL_WAIT = 1 << 6
CAP_REUSEADDR_SHARES_PORT = 1 << 7
CAP_BATCH_NATIVE = 1 << 8  # recvmmsg/sendmmsg are one system call (else the backend loops)

_BACKEND_FILES = {
    "linux": "pysock_backend_linux.so",
    "darwin": "pysock_backend_bsd.dylib",
    "freebsd": "pysock_backend_bsd.so",
    "win32": "pysock_backend_windows.dll",
}


def backend_path():
    override = os.environ.get("PYSOCK_BACKEND")
    if override:
        return override
    key = "freebsd" if sys.platform.startswith("freebsd") else sys.platform
    name = _BACKEND_FILES.get(key)
    if name is None:
        raise ImportError(f"pysock has no backend for platform {sys.platform!r}")
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), name)


path = backend_path()
if not os.path.exists(path):
    raise ImportError(f"pysock: the backend for platform {sys.platform!r} is missing: {path}")
try:
    platform, abi_version, capabilities = _core._load(path, errno.EWOULDBLOCK, errno.EBADF, errno.ENOTSOCK)
except ImportError as exc:
    raise ImportError(f"{exc} (platform {sys.platform!r})") from None

has_ipv6 = bool(capabilities & CAP_IPV6)

# Functions whose backend entry is missing disappear, as on a stdlib without
# them (the socket type was made without such methods).
for _name in _core._unavailable():
    delattr(_core, _name)
