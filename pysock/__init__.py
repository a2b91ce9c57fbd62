"""pysock: Python's socket module, with its operating-system layer in Zig.

Use it in place of the standard library module:

    import pysock as socket

The socket type and the calls that reach the OS live in the extension
`pysock._core`, which drives a platform backend (Linux, BSD/macOS or Windows)
through one C-ABI vtable; this package adds the Python-level API on top.
"""
from . import _loader
from . import _core
from . import _constants
from ._constants import AddressFamily, SocketKind, MsgFlag, AddressInfo
from ._core import herror, gaierror
from ._core import (
    close, dup, getdefaulttimeout, setdefaulttimeout, gethostname,
    inet_aton, inet_ntoa, inet_pton, inet_ntop,
)
from ._socketobject import socket
from ._fds import *  # CMSG_LEN, CMSG_SPACE, send_fds, recv_fds where the backend has them
from ._helpers import (
    create_connection, create_server, fromfd, getaddrinfo, has_dualstack_ipv6,
    has_ipv6, htonl, htons, ntohl, ntohs, socketpair,
)
from . import _helpers
if hasattr(_helpers, "fromshare"):  # Windows: sockets shared between processes
    from ._helpers import fromshare

# Every constant of the backend's table, as enum members where the stdlib has them.
globals().update({name: getattr(_constants, name) for name in _constants.names})

# errno values the stdlib module re-exports (not part of its __all__).
from errno import EBADF, EAGAIN, EWOULDBLOCK

error = OSError
timeout = TimeoutError
SocketType = _core.socket
herror.__module__ = gaierror.__module__ = __name__

__all__ = [
    "AddressFamily", "SocketKind", "MsgFlag", "AddressInfo",
    "socket", "SocketType", "error", "herror", "gaierror", "timeout",
    "close", "dup", "fromfd", "socketpair", "create_connection", "create_server",
    "has_dualstack_ipv6", "has_ipv6", "getaddrinfo", "gethostname",
    "getdefaulttimeout", "setdefaulttimeout",
    "htonl", "htons", "ntohl", "ntohs",
    "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop",
] + list(_constants.names) + _fds.__all__
if "fromshare" in globals():
    __all__.append("fromshare")
