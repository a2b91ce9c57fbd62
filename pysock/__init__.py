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
from ._core import herror, gaierror, CAPI
from ._core import (
    close, dup, getdefaulttimeout, setdefaulttimeout, gethostname,
    inet_aton, inet_ntoa, inet_pton, inet_ntop, htonl, htons, ntohl, ntohs,
)
from ._socketobject import socket
# pysock's own extension (socket.tcp_info()): attributes, not in __all__,
# which stays the stdlib's.
from ._fds import *  # CMSG_LEN, CMSG_SPACE, send_fds, recv_fds where the backend has them
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

# Every constant of the backend's table; those the stdlib has as enum members
# (and the enums) come on first use, see __getattr__.
_LAZY = {name for name in _constants.names if _constants.is_enum_member(name)}
_LAZY.update(_constants.ENUMS)
globals().update({name: getattr(_constants, name) for name in _constants.names if name not in _LAZY})

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
_socket = _core  # where socket.py has its C module


def __getattr__(name):
    module = _ON_FIRST_USE.get(name)
    if module is not None:
        value = getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)
        globals()[name] = value
        return value
    if name in _LAZY:
        # The enums, built now, and their members (see _constants.py).
        globals().update({enum: getattr(_constants, enum) for enum in _constants.ENUMS})
        globals().update({member: getattr(_constants, member) for member in _LAZY})
        return globals()[name]
    # Two private names depend on the stdlib module itself, which pysock
    # imports only when one of them is asked for (see _stdlib.py).
    if name == "_stdlib_socket":  # the stdlib module pysock stands in for
        return _stdlib.module()
    if name == "_fallback_socketpair" and hasattr(_stdlib.module(), name):  # 3.13 on
        return _helpers._emulated_socketpair
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Names whose module is imported when one is first asked for: each import
# is a few per cent of pysock's, and most programs use none of them.
_ON_FIRST_USE = {"getfqdn": "_names", "SocketIO": "_socketio", "patch": "_patch"}
# pysock's own extensions beyond those (README, "pysock's own extensions"),
# kept out of __all__, where the backend has them (as are the socket methods
# tcp_info, recvmmsg, recvmmsg_into and sendmmsg, and UDP_SEGMENT/UDP_GRO).
if hasattr(_core.socket, "_tcp_info"):  # TCP information: the record and the states
    _ON_FIRST_USE.update(TcpInfo="_tcp_info", TcpState="_tcp_info")
if hasattr(_constants, "UDP_GRO"):  # UDP offload: reading UDP_GRO's control message
    _ON_FIRST_USE.update(gro_segment_size="_udp_offload")


def __dir__():
    names = list(set(globals()) | _LAZY | set(_ON_FIRST_USE)) + ["_stdlib_socket"]
    if hasattr(_stdlib.module(), "_fallback_socketpair"):
        names.append("_fallback_socketpair")
    return sorted(names)

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

# pysock.patch(): pysock in place of the stdlib module for the whole process
# (beyond the stdlib's namespace, the one public name it adds); see __getattr__.

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
