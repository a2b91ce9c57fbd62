"""pysock: Python's socket module, with its operating-system layer in Zig.

Use it in place of the standard library module:

    import pysock as socket

The socket type and the calls that reach the OS live in the extension
`pysock._core`, which drives a platform backend (Linux, BSD/macOS or Windows)
through one C-ABI vtable; this package adds the Python-level API on top.
"""
# The one place the version is written (the build reads it from here).
__version__ = "0.1.0"

# The stdlib's socket module exposes these imports as attributes too; code
# written against it may use them (socket.errno, socket.os, ...).
import errno, io, os, selectors, sys
from enum import IntEnum, IntFlag
from errno import EAGAIN, EBADF, EWOULDBLOCK

from . import _loader
from . import _core
from . import _constants
from . import _core_namespace
from ._constants import AddressFamily, SocketKind, MsgFlag, AddressInfo
from ._core import herror, gaierror, CAPI
from ._core import (
    close, dup, getdefaulttimeout, setdefaulttimeout, gethostname,
    inet_aton, inet_ntoa, inet_pton, inet_ntop, htonl, htons, ntohl, ntohs,
)
from ._socketobject import socket
from ._fds import *  # CMSG_LEN, CMSG_SPACE, send_fds, recv_fds where the backend has them
from ._names import getfqdn
from ._socketio import SocketIO
from ._helpers import (
    create_connection, create_server, fromfd, getaddrinfo, has_dualstack_ipv6,
    has_ipv6, socketpair,
)
from . import _helpers
if hasattr(_helpers, "fromshare"):  # Windows: sockets shared between processes
    from ._helpers import fromshare

# The name-service and interface functions the backend provides (one it
# lacks is absent, as from a stdlib built without it).
_NAME_FUNCTIONS = [
    name for name in (
        "getnameinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
        "getservbyname", "getservbyport", "getprotobyname", "sethostname",
        "if_nameindex", "if_nametoindex", "if_indextoname",
    ) if hasattr(_core, name)
]
globals().update({name: getattr(_core, name) for name in _NAME_FUNCTIONS})
# The stdlib imports array for send_fds/recv_fds, so has it where those are.
if hasattr(_core.socket, "sendmsg") or hasattr(_core.socket, "recvmsg"):
    import array

# Every constant of the backend's table, as enum members where the stdlib has them.
globals().update({name: getattr(_constants, name) for name in _constants.names})

# errno values the stdlib module re-exports (not part of its __all__).
from errno import EBADF, EAGAIN, EWOULDBLOCK

error = OSError
timeout = TimeoutError
SocketType = _core.socket

# The stdlib module's private names, which other modules reach for
# (http.client and ssl import _GLOBAL_DEFAULT_TIMEOUT, for instance).
from ._helpers import _GLOBAL_DEFAULT_TIMEOUT, _LOCALHOST, _LOCALHOST_V6
from ._sendfile import _GiveupOnSendfile
from . import _stdlib
from ._constants import to_enum as _intenum_converter
_blocking_errnos = {EAGAIN, EWOULDBLOCK}
if hasattr(_stdlib.module, "_fallback_socketpair"):  # 3.13, and where no native one
    _fallback_socketpair = _helpers._emulated_socketpair
_socket = _core  # where socket.py has its C module
_stdlib_socket = _stdlib.module  # the stdlib module pysock stands in for

__all__ = [
    # Like the stdlib's: MsgFlag, AddressInfo, SocketIO and the imports are
    # attributes but not exported.
    "AddressFamily", "SocketKind",
    "socket", "SocketType", "error", "herror", "gaierror", "timeout", "CAPI",
    "close", "dup", "fromfd", "socketpair", "create_connection", "create_server",
    "has_dualstack_ipv6", "has_ipv6", "getaddrinfo", "gethostname", "getfqdn",
    "getdefaulttimeout", "setdefaulttimeout",
    "htonl", "htons", "ntohl", "ntohs",
    "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop",
] + _NAME_FUNCTIONS + _constants.exported + _fds.__all__
if "fromshare" in globals():
    __all__.append("fromshare")

# pysock.patch(): pysock in place of the stdlib module for the whole process.
from ._patch import patch

# pysock's own extensions (README, "pysock's own extensions"), beyond the
# stdlib's namespace and kept out of __all__: the socket methods recvmmsg,
# recvmmsg_into and sendmmsg (the binding's), the UDP_SEGMENT/UDP_GRO
# constants (the backend's table) and the helper reading UDP_GRO's message.
from ._udp_offload import *

# TLS: ssl.SSLContext.wrap_socket() gives pysock sockets pysock's TLS class.
from . import _sslhook
_sslhook.install_when_imported()

# Windows' table of socket error messages, keyed by error code: made from the
# backend's own messages where it documents such codes.
_error_table = _core._error_table()
if _error_table:
    errorTab = _error_table
    __all__.append("errorTab")
del _error_table
