"""Module-level helpers of the socket API, built on the socket class.

Like the stdlib's, they find the socket class (and getaddrinfo) through the
package when they run, so `pysock.socket = MySocket` changes what they make.
"""
from . import _core, _loader, _stdlib
from ._constants import AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, to_enum
from . import _constants
from ._current import package

_AF_INET6 = vars(_constants).get("AF_INET6")
_AF_UNIX = vars(_constants).get("AF_UNIX")
_IPPROTO_IPV6 = vars(_constants).get("IPPROTO_IPV6")
_IPV6_V6ONLY = vars(_constants).get("IPV6_V6ONLY")
_SO_REUSEPORT = vars(_constants).get("SO_REUSEPORT")
_LOCALHOST = "127.0.0.1"
_LOCALHOST_V6 = "::1"

has_ipv6 = _loader.has_ipv6


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0, *, timeout=None):
    """Resolves host and port into a list of 5-tuples
    (family, type, proto, canonname, sockaddr).

    timeout (pysock's own): None waits as long as the lookup takes, as the
    stdlib does; a number of seconds bounds the wait, raising TimeoutError
    when it runs out (the lookup is then abandoned to finish in the
    background)."""
    if timeout is None:
        infos = _core.getaddrinfo(host, port, family, type, proto, flags)
    else:
        infos = _core.getaddrinfo(host, port, family, type, proto, flags, timeout)
    # to_enum's dict lookup done here, to_enum itself called only for what
    # it misses: a call less per item pays for the keyword-only argument.
    families, kinds, family_member, kind_member = _enum_lookups or _first_lookups()
    return [
        (family_member(af) or to_enum(af, families), kind_member(kind) or to_enum(kind, kinds),
         pr, canon, addr)
        for af, kind, pr, canon, addr in infos
    ]


# The enums and their value lookups, taken on the first call (the enums are
# built on first use: _constants.py).
_enum_lookups = None


def _first_lookups():
    global _enum_lookups
    families, kinds = _constants.AddressFamily, _constants.SocketKind
    _enum_lookups = (families, kinds, families._value2member_map_.get, kinds._value2member_map_.get)
    return _enum_lookups


def fromfd(fd, family, type, proto=0):
    """A socket object for a duplicate of the descriptor fd."""
    nfd = _core.dup(fd)
    try:
        return package().socket(family, type, proto, nfd)
    except BaseException:
        # The stdlib leaks the duplicate here; pysock closes it.
        _core.close(nfd)
        raise


if hasattr(_core, "fromshare"):

    def fromshare(info):
        """fromshare(info) -> socket object

        A socket object for the socket described by info, the bytes that
        socket.share(pid) returned for this process."""
        return package().socket(0, 0, 0, info)


def _native_socketpair(family=None, type=SOCK_STREAM, proto=0):
    if family is None:
        family = _AF_UNIX
    a, b = _core.socketpair(family, type, proto)
    socket = package().socket
    # A socket object owns its handle once made: should making the first
    # fail (say, setting a default timeout), the second handle is closed here.
    try:
        first = socket(family, type, proto, a)
    except BaseException:
        _core.close(b)
        raise
    try:
        return first, socket(family, type, proto, b)
    except BaseException:
        first.close()
        raise


def _emulated_socketpair(family=AF_INET, type=SOCK_STREAM, proto=0):
    # Without a native socketpair(), connect two TCP sockets over loopback.
    if family == AF_INET:
        host = _LOCALHOST
    elif family == _AF_INET6:
        host = _LOCALHOST_V6
    else:
        raise ValueError("Only AF_INET and AF_INET6 socket address families are supported")
    if type != SOCK_STREAM:
        raise ValueError("Only SOCK_STREAM socket type is supported")
    if proto != 0:
        raise ValueError("Only protocol zero is supported")
    socket = package().socket
    with socket(family, type, proto) as listener:
        listener.bind((host, 0))
        listener.listen()
        addr, port = listener.getsockname()[:2]
        client = socket(family, type, proto)
        try:
            client.setblocking(False)
            try:
                client.connect((addr, port))
            except (BlockingIOError, InterruptedError):
                pass
            client.setblocking(True)
            server, _ = listener.accept()
        except BaseException:
            client.close()
            raise
    # Make sure the accepted peer is the socket we connected.
    if server.getsockname()[:2] != client.getpeername()[:2] or server.getpeername()[:2] != client.getsockname()[:2]:
        server.close()
        client.close()
        raise ConnectionError("Unexpected peer connection")
    return server, client


if _loader.capabilities & _loader.CAP_SOCKETPAIR:
    socketpair = _native_socketpair
else:
    socketpair = _emulated_socketpair
socketpair.__name__ = "socketpair"
socketpair.__doc__ = """socketpair([family[, type[, proto]]]) -> (socket object, socket object)

Two connected socket objects (AF_UNIX where the platform has a native
socketpair, else AF_INET over loopback)."""

# "No timeout given"; callers pass it explicitly, the stdlib's too (see _stdlib.py).
_GLOBAL_DEFAULT_TIMEOUT = _stdlib.GLOBAL_DEFAULT_TIMEOUT


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT,
                      source_address=None, *, all_errors=False):
    """Connects to (host, port), trying each address getaddrinfo gives, and
    returns the socket. Raises the last error, or an ExceptionGroup of all of
    them when all_errors is true."""
    host, port = address
    pkg = package()
    exceptions = []
    for family, kind, proto, _canonname, sockaddr in pkg.getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = pkg.socket(family, kind, proto)
            if not _stdlib.is_default_timeout(timeout):
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            exceptions.clear()
            return sock
        except OSError as exc:
            if not all_errors:
                exceptions.clear()
            exceptions.append(exc)
            if sock is not None:
                sock.close()
    if exceptions:
        try:
            if not all_errors:
                raise exceptions[0]
            raise ExceptionGroup("create_connection failed", exceptions)
        finally:
            exceptions.clear()
    raise OSError("getaddrinfo returns an empty list")


def has_dualstack_ipv6():
    """True if this platform supports one socket for IPv4 and IPv6."""
    if not has_ipv6 or _IPPROTO_IPV6 is None or _IPV6_V6ONLY is None:
        return False
    try:
        with package().socket(_AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(_IPPROTO_IPV6, _IPV6_V6ONLY, 0)
            return True
    except OSError:
        return False


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
                  dualstack_ipv6=False):
    """A TCP socket bound to address and listening, ready for accept()."""
    if reuse_port and _SO_REUSEPORT is None:
        raise ValueError("SO_REUSEPORT not supported on this platform")
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != _AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = package().socket(family, SOCK_STREAM)
    try:
        # SO_REUSEADDR lets a restarted server bind at once; where it would
        # let two servers share a port (Windows), the stdlib leaves it off.
        if not (_loader.capabilities & _loader.CAP_REUSEADDR_SHARES_PORT):
            try:
                sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
            except OSError:
                pass
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, _SO_REUSEPORT, 1)
        if has_ipv6 and family == _AF_INET6:
            if dualstack_ipv6:
                sock.setsockopt(_IPPROTO_IPV6, _IPV6_V6ONLY, 0)
            elif _IPV6_V6ONLY is not None and _IPPROTO_IPV6 is not None:
                sock.setsockopt(_IPPROTO_IPV6, _IPV6_V6ONLY, 1)
        try:
            sock.bind(address)
        except OSError as err:
            raise OSError(err.errno, "%s (while attempting to bind on address %r)"
                          % (err.strerror, address)) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except OSError:
        sock.close()
        raise
