"""Helpers shared by the test files (not a test module).

Everything here takes the module under test (``mod``: stdlib ``socket`` or
``pysock``) as an argument so that the same scenario can run through both.
Only loopback addresses are ever used.
"""

import errno
import os
import socket as _std
import sys
import threading
import time

import pytest

IS_WINDOWS = sys.platform == "win32"
IS_LINUX = sys.platform.startswith("linux")
HAS_UNIX = hasattr(_std, "AF_UNIX") and not IS_WINDOWS

# Every blocking step of a test is bounded by this (seconds).
TIMEOUT = 2.0

posix_only = pytest.mark.skipif(IS_WINDOWS, reason="POSIX only")


def _under_wine():
    if not IS_WINDOWS:
        return False
    import winreg

    try:
        winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"Software\Wine").Close()
        return True
    except OSError:
        return False


UNDER_WINE = _under_wine()
# Wine 8 cannot describe an existing SOCKET (SO_PROTOCOL_INFOW gives
# WSAEINVAL), so socket(fileno=...) fails there for the stdlib too.
needs_fileno_wrapping = pytest.mark.skipif(
    UNDER_WINE, reason="Wine 8 cannot wrap an existing SOCKET: the stdlib's socket(fileno=) fails there too")


def posix_semantics(what):
    """Skips a test whose expectation is POSIX behaviour that Windows does not share."""
    return pytest.mark.skipif(IS_WINDOWS, reason=f"Windows differs: {what} (the stdlib too)")
linux_only = pytest.mark.skipif(not IS_LINUX, reason="Linux only")
unix_only = pytest.mark.skipif(not HAS_UNIX, reason="AF_UNIX not available")


def _probe_ipv6():
    if not _std.has_ipv6:
        return False
    try:
        s = _std.socket(_std.AF_INET6, _std.SOCK_STREAM)
    except OSError:
        return False
    try:
        s.bind(("::1", 0))
        return True
    except OSError:
        return False
    finally:
        s.close()


HAS_IPV6 = _probe_ipv6()
ipv6_only = pytest.mark.skipif(not HAS_IPV6, reason="IPv6 loopback ::1 not usable")


def ebadf_expectation():
    """(errno, winerror) that the stdlib reports for a call on a closed socket."""
    s = _std.socket()
    s.close()
    try:
        s.getsockname()
    except OSError as e:
        return e.errno, getattr(e, "winerror", None)
    raise AssertionError("stdlib getsockname() on a closed socket did not raise")


def outcome(fn, *args, **kwargs):
    """Run ``fn`` and describe what happened in a module-neutral way.

    Returns ("ok", value) or ("raise", exception class name, errno, winerror).
    Exception classes are compared by name, since pysock's classes may be
    distinct objects with the same names (OSError, TimeoutError, gaierror...).
    """
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - we describe every exception
        return (
            "raise",
            exc_name(e),
            getattr(e, "errno", None),
            getattr(e, "winerror", None),
        )


def exc_name(e):
    """Name of the exception class, mapping aliases to their builtin names."""
    t = type(e)
    return t.__name__


class Sockets:
    """Collects sockets created by a test and closes them all at teardown."""

    def __init__(self):
        self._all = []

    def add(self, s):
        self._all.append(s)
        return s

    def close_all(self):
        for s in reversed(self._all):
            try:
                s.close()
            except Exception:
                pass
        self._all.clear()


def make(mod, family=None, type=None, proto=0, track=None, timeout=TIMEOUT):
    """Create a socket with a bounded timeout."""
    family = mod.AF_INET if family is None else family
    type = mod.SOCK_STREAM if type is None else type
    s = mod.socket(family, type, proto)
    if track is not None:
        track.add(s)
    if timeout is not None:
        s.settimeout(timeout)
    return s


def loopback(mod, family):
    return "::1" if family == mod.AF_INET6 else "127.0.0.1"


def tcp_connection(mod, family=None, track=None):
    """Return (listener, client, server_side) connected over loopback TCP."""
    family = mod.AF_INET if family is None else family
    lst = make(mod, family, mod.SOCK_STREAM, track=track)
    lst.bind((loopback(mod, family), 0))
    lst.listen()
    cli = make(mod, family, mod.SOCK_STREAM, track=track)
    cli.connect(lst.getsockname())
    srv, _addr = lst.accept()
    if track is not None:
        track.add(srv)
    srv.settimeout(TIMEOUT)
    return lst, cli, srv


def udp_pair(mod, family=None, track=None):
    """Two bound UDP sockets on loopback: (a, b)."""
    family = mod.AF_INET if family is None else family
    a = make(mod, family, mod.SOCK_DGRAM, track=track)
    b = make(mod, family, mod.SOCK_DGRAM, track=track)
    a.bind((loopback(mod, family), 0))
    b.bind((loopback(mod, family), 0))
    return a, b


def socketpair(mod, track=None, type=None):
    a, b = mod.socketpair() if type is None else mod.socketpair(type=type)
    for s in (a, b):
        if track is not None:
            track.add(s)
        s.settimeout(TIMEOUT)
    return a, b


def unix_pair(mod, track, kind=None):
    """A connected AF_UNIX pair, datagram unless ``kind`` says otherwise
    (message boundaries keep sendmsg/recvmsg tests exact)."""
    a, b = mod.socketpair(mod.AF_UNIX, kind if kind is not None else mod.SOCK_DGRAM)
    for s in (a, b):
        track.add(s)
        s.settimeout(TIMEOUT)
    return a, b


def run_while_blocked(blocking, unblock, spin=0.3):
    """Runs ``blocking()`` in a thread while the main thread keeps running
    Python code for ``spin`` seconds and then calls ``unblock()`` (which must
    end the wait). A blocking call that held the GIL would stall the main
    thread, so ``unblock`` would come too late. Returns (spin iterations,
    [the call's result or exception])."""
    started = threading.Event()
    result = []

    def worker():
        started.set()
        try:
            result.append(blocking())
        except Exception as e:  # noqa: BLE001
            result.append(e)

    t = threading.Thread(target=worker)
    t.start()
    try:
        assert started.wait(TIMEOUT)
        counter = 0
        end = time.monotonic() + spin
        while time.monotonic() < end:
            counter += 1
        unblock()
    finally:
        t.join(3 * TIMEOUT)
    assert not t.is_alive()
    return counter, result


def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        c = sock.recv(min(65536, n - got))
        if not c:
            break
        chunks.append(c)
        got += len(c)
    return b"".join(chunks)


def closed_port(mod=_std):
    """A loopback TCP port with (almost certainly) nobody listening on it."""
    s = _std.socket(_std.AF_INET, _std.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def count_fds():
    """Number of open descriptors (Linux /proc), or None where unknown."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def unix_path(tmp_path, name="s"):
    """A short AF_UNIX path (sun_path is ~108 bytes). pytest's tmp_path lives
    under the checkout when a runner sets TMPDIR there, which can be too deep:
    then a fresh directory under /tmp."""
    p = os.path.join(str(tmp_path), name)
    if len(p.encode()) > 100:
        import tempfile

        d = tempfile.mkdtemp(prefix="ps", dir="/tmp" if os.path.isdir("/tmp") else None)
        p = os.path.join(d, name)
    return p


def normalize_errno(code):
    return errno.errorcode.get(code, code) if code is not None else None


def backend_module_args(sys_zig):
    """`zig` command-line modules for a root that imports `abi`, `sys` and
    `posix` (pass ``--dep abi --dep sys --dep posix`` before its ``-Mroot``):
    the translated header at ``sys_zig`` and the backend modules, wired as
    build.zig wires them, so the header checks build what the wheel builds."""
    return [
        "-Mabi=backends/abi/vtable.zig",
        "-Msys=%s" % sys_zig,
        "--dep", "abi", "--dep", "sys", "--dep", "shared",
        "-Mposix=backends/posix/posix.zig",
        "--dep", "abi",
        "-Mshared=backends/shared/shared.zig",
    ]


def stable_repr(value):
    """repr() for test IDs, without object addresses ("<X object at 0x...>"
    changes from one collection to the next, which breaks --lf and parallel
    runners)."""
    import re

    return re.sub(r" at 0x[0-9A-Fa-f]+", "", repr(value))
