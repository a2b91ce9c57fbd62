"""TLS over pysock sockets: a class with the API of `ssl.SSLSocket`.

`_ssl` drives only CPython's own socket type (`SSLContext._wrap_socket` reads
the descriptor and the timeout out of that C struct), so it cannot take a
pysock socket itself. Its engine is attached instead to a carrier: a
`_socket.socket` on a duplicate of the pysock socket's handle (the same
connection through a handle of its own) with the same timeout. OpenSSL then
reads and writes the connection directly, as for a stdlib socket, and every
TLS operation is the stdlib's own: the same timeouts over the whole
operation, SSLWantReadError/SSLWantWriteError in non-blocking mode, EINTR
retries and GIL release, and no copy through Python-level buffers. The
carrier lives as long as the TLS layer: unwrap, shutdown, detach and close
end it, and as its handle is a duplicate, closing one never closes the
other's. `_sslhook` makes `SSLContext.wrap_socket()` return this class for
pysock sockets.
"""
import errno
import warnings
import _socket
from ssl import CHANNEL_BINDING_TYPES, SSL_ERROR_EOF, SSLError, SSLObject

from . import _core, _socketobject
from ._constants import SOCK_STREAM, SOL_SOCKET, SO_TYPE

# The plain socket's read, for the check before the handshake.
_raw_recv = _core.socket.recv
# Plaintext handed to the engine per step of sendall().
_SENDALL_CHUNK = 262144


class _Carrier(_socket.socket):
    """The handle _ssl drives: `_socket.socket` with the weak references _ssl
    keeps to its socket."""
    __slots__ = ("__weakref__",)


def _from_engine(name, before=None):
    """A method returning the engine's answer, or `before` without one."""
    def method(self):
        return before if self._sslobj is None else getattr(self._sslobj, name)()
    method.__name__ = method.__qualname__ = name
    method.__doc__ = getattr(SSLObject, name).__doc__
    return method


class SSLSocket(_socketobject.socket):
    """A pysock socket with TLS: what SSLContext.wrap_socket() returns for a
    pysock socket. The API is that of ssl.SSLSocket."""

    def __init__(self, *args, **kwargs):
        raise TypeError(
            f"{self.__class__.__name__} does not have a public constructor. "
            f"Instances are returned by SSLContext.wrap_socket().")

    @classmethod
    def _create(cls, sock, server_side=False, do_handshake_on_connect=True,
                suppress_ragged_eofs=True, server_hostname=None, context=None, session=None):
        if sock.getsockopt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM:
            raise NotImplementedError("only stream sockets are supported")
        if server_side:
            if server_hostname:
                raise ValueError("server_hostname can only be specified in client mode")
            if session is not None:
                raise ValueError("session can only be specified in client mode")
        if context.check_hostname and not server_hostname:
            raise ValueError("check_hostname requires server_hostname")
        fields = dict(family=sock.family, type=sock.type, proto=sock.proto, fileno=sock.fileno())
        self = cls.__new__(cls, **fields)
        _socketobject.socket.__init__(self, **fields)
        timeout = sock.gettimeout()
        sock.detach()
        self._context = context
        self._session = session
        self._sslobj = None
        self._carrier = None
        self.server_side = server_side
        self.server_hostname = context._encode_hostname(server_hostname)
        self.do_handshake_on_connect = do_handshake_on_connect
        self.suppress_ragged_eofs = suppress_ragged_eofs
        self._connected = self._is_connected()
        self.settimeout(timeout)
        if self._connected:
            try:
                self._start_engine()
                if do_handshake_on_connect:
                    if timeout == 0.0:
                        raise ValueError("do_handshake_on_connect should not be specified "
                                         "for non-blocking sockets")
                    self.do_handshake()
            except (OSError, ValueError):
                self.close()
                raise
        return self

    def _is_connected(self):
        try:
            self.getpeername()
            return True
        except OSError as exc:
            if exc.errno != errno.ENOTCONN:
                raise
        # Not connected: bytes already waiting would be plaintext that a
        # caller could take for data that came through TLS (the stdlib's
        # check, CVE-2023-40217).
        self.setblocking(False)
        try:
            early = _raw_recv(self, 1)
        except OSError as exc:
            if exc.errno not in (errno.ENOTCONN, errno.EINVAL):
                raise
            early = b""
        if early:
            reason = "Closed before TLS handshake with data in recv buffer."
            error = SSLError(errno.ENOTCONN, reason)
            error.reason, error.library = reason, None
            self.close()
            raise error
        return False

    def _start_engine(self):
        # The carrier: a stdlib socket object on a handle of its own to the
        # same connection; only _ssl uses it (by weak reference: this holds it).
        self._carrier = _Carrier(self.family, self.type, self.proto, fileno=_core.dup(self.fileno()))
        self._carrier.settimeout(self.gettimeout())
        self._sslobj = self._context._wrap_socket(
            self._carrier, self.server_side, self.server_hostname, owner=self, session=self._session)

    def _end_engine(self):
        """Drops the TLS layer and closes the carrier's handle (never the socket's)."""
        self._sslobj = None
        self._close_carrier()

    def _close_carrier(self):
        carrier, self._carrier = self._carrier, None
        if carrier is not None:
            # Closing the carrier leaves the handle's mode as it is: the
            # carrier always carries the socket's timeout (settimeout and
            # setblocking set both), so the two agree on the shared
            # non-blocking flag.
            carrier.close()

    def settimeout(self, value):
        super().settimeout(value)
        if self._carrier is not None:
            self._carrier.settimeout(value)

    def setblocking(self, flag):
        super().setblocking(flag)
        if self._carrier is not None:
            self._carrier.setblocking(flag)

    # -- the TLS channel ------------------------------------------------------------------

    @property
    def context(self):
        return self._context

    @context.setter
    def context(self, context):
        self._context = context
        if self._sslobj is not None:
            self._sslobj.context = context

    @property
    def session(self):
        """The SSLSession of this connection; None before it has a TLS layer
        (as the stdlib's: a session set before is kept for the handshake,
        but not shown)."""
        if self._sslobj is not None:
            return self._sslobj.session
        return None

    @session.setter
    def session(self, session):
        self._session = session
        if self._sslobj is not None:
            self._sslobj.session = session

    @property
    def session_reused(self):
        """Whether the session was reused, None before the handshake."""
        if self._sslobj is not None:
            return self._sslobj.session_reused
        return None

    def dup(self):
        raise NotImplementedError(f"Can't dup() {self.__class__.__name__} instances")

    def _checkClosed(self, msg=None):
        # The stdlib's SSLSocket keeps this hook, which checks nothing; its
        # methods call it, these do not (a call less per operation).
        pass

    def _check_connected(self):
        if not self._connected:
            # Raises ENOTCONN, as the stdlib's does, when nothing connected it.
            self.getpeername()

    def do_handshake(self, block=False):
        """Performs the TLS handshake."""
        self._check_connected()
        timeout = self.gettimeout()
        try:
            if timeout == 0.0 and block:
                self.settimeout(None)
            self._sslobj.do_handshake()
        finally:
            self.settimeout(timeout)

    def read(self, len=1024, buffer=None):
        """Reads up to len bytes (into buffer when given) from the TLS channel."""
        sslobj = self._sslobj
        if sslobj is None:
            raise ValueError("Read on closed or unwrapped SSL socket.")
        try:
            if buffer is not None:
                return sslobj.read(len, buffer)
            return sslobj.read(len)
        except SSLError as exc:
            if exc.args[0] == SSL_ERROR_EOF and self.suppress_ragged_eofs:
                return 0 if buffer is not None else b""
            raise

    def write(self, data):
        """Writes data to the TLS channel; returns the number of bytes written."""
        if self._sslobj is None:
            raise ValueError("Write on closed or unwrapped SSL socket.")
        return self._sslobj.write(data)

    def getpeercert(self, binary_form=False):
        self._check_connected()
        return self._sslobj.getpeercert(binary_form)

    # Answers of the engine, or the stdlib's value before there is one.
    cipher = _from_engine("cipher")
    shared_ciphers = _from_engine("shared_ciphers")
    compression = _from_engine("compression")
    version = _from_engine("version")
    selected_alpn_protocol = _from_engine("selected_alpn_protocol")
    pending = _from_engine("pending", 0)

    def selected_npn_protocol(self):
        """None: NPN is gone from OpenSSL's TLS (the stdlib answers so too)."""
        warnings.warn("ssl NPN is deprecated, use ALPN instead", DeprecationWarning, stacklevel=2)
        return None

    if hasattr(SSLObject, "get_verified_chain"):  # 3.13

        def get_verified_chain(self):
            chain = self._sslobj.get_verified_chain()
            return [] if chain is None else chain

        def get_unverified_chain(self):
            chain = self._sslobj.get_unverified_chain()
            return [] if chain is None else chain

    def get_channel_binding(self, cb_type="tls-unique"):
        if self._sslobj is not None:
            return self._sslobj.get_channel_binding(cb_type)
        if cb_type not in CHANNEL_BINDING_TYPES:
            raise ValueError("{0} channel binding type not implemented".format(cb_type))
        return None

    def verify_client_post_handshake(self):
        if self._sslobj is None:
            raise ValueError("No SSL wrapper around " + str(self))
        return self._sslobj.verify_client_post_handshake()

    def unwrap(self):
        """Ends TLS (close_notify both ways); the socket then carries plain data."""
        if self._sslobj is None:
            raise ValueError("No SSL wrapper around " + str(self))
        self._sslobj.shutdown()
        self._end_engine()
        return self

    # -- the socket API over the channel ----------------------------------------------------

    def send(self, data, flags=0):
        if self._sslobj is None:
            return super().send(data, flags)
        if flags != 0:
            raise ValueError(f"non-zero flags not allowed in calls to send() on {self.__class__}")
        return self.write(data)

    def sendall(self, data, flags=0):
        if self._sslobj is None:
            return super().sendall(data, flags)
        if flags != 0:
            raise ValueError(f"non-zero flags not allowed in calls to sendall() on {self.__class__}")
        if type(data) is bytes and len(data) <= _SENDALL_CHUNK:
            # One write takes it all (the engine never writes part).
            self._sslobj.write(data)
            return
        with memoryview(data) as view, view.cast("B") as byte_view:
            count, amount = 0, len(byte_view)
            while count < amount:
                count += self.send(byte_view[count:count + _SENDALL_CHUNK])

    def sendto(self, data, flags_or_addr, addr=None):
        if self._sslobj is not None:
            raise ValueError(f"sendto not allowed on instances of {self.__class__}")
        if addr is None:
            return super().sendto(data, flags_or_addr)
        return super().sendto(data, flags_or_addr, addr)

    def sendmsg(self, *args, **kwargs):
        # Ensure programs don't send data unencrypted if they try to use this method.
        raise NotImplementedError(f"sendmsg not allowed on instances of {self.__class__}")

    def sendfile(self, file, offset=0, count=None):
        """Sends a file: through the TLS channel by reads and writes (the
        kernel's sendfile would bypass encryption)."""
        if self._sslobj is not None:
            return self._sendfile_use_send(file, offset, count)
        return super().sendfile(file, offset, count)

    def recv(self, buflen=1024, flags=0):
        if self._sslobj is None:
            return super().recv(buflen, flags)
        if flags != 0:
            raise ValueError(f"non-zero flags not allowed in calls to recv() on {self.__class__}")
        return self.read(buflen)

    def recv_into(self, buffer, nbytes=None, flags=0):
        if buffer and nbytes is None:
            nbytes = len(buffer)
        elif nbytes is None:
            nbytes = 1024
        if self._sslobj is None:
            return super().recv_into(buffer, nbytes, flags)
        if flags != 0:
            raise ValueError(f"non-zero flags not allowed in calls to recv_into() on {self.__class__}")
        return self.read(nbytes, buffer)

    def recvfrom(self, buflen=1024, flags=0):
        if self._sslobj is not None:
            raise ValueError(f"recvfrom not allowed on instances of {self.__class__}")
        return super().recvfrom(buflen, flags)

    def recvfrom_into(self, buffer, nbytes=None, flags=0):
        if self._sslobj is not None:
            raise ValueError(f"recvfrom_into not allowed on instances of {self.__class__}")
        return super().recvfrom_into(buffer, nbytes, flags)

    def recvmsg(self, *args, **kwargs):
        raise NotImplementedError(f"recvmsg not allowed on instances of {self.__class__}")

    def recvmsg_into(self, *args, **kwargs):
        raise NotImplementedError(f"recvmsg_into not allowed on instances of {self.__class__}")

    # pysock's batch datagrams would bypass the TLS channel, as sendmsg would.
    def sendmmsg(self, *args, **kwargs):
        raise NotImplementedError(f"sendmmsg not allowed on instances of {self.__class__}")

    def recvmmsg(self, *args, **kwargs):
        raise NotImplementedError(f"recvmmsg not allowed on instances of {self.__class__}")

    def recvmmsg_into(self, *args, **kwargs):
        raise NotImplementedError(f"recvmmsg_into not allowed on instances of {self.__class__}")

    def shutdown(self, how):
        self._end_engine()
        super().shutdown(how)

    def detach(self):
        # As the stdlib's, the TLS layer stays (version() and cipher() still
        # answer); the carrier's own handle goes with the socket's.
        self._close_carrier()
        return super().detach()

    def _real_close(self):
        self._end_engine()
        super()._real_close()

    # -- connecting and accepting -----------------------------------------------------------

    def _real_connect(self, addr, connect_ex):
        if self.server_side:
            raise ValueError("can't connect in server-side mode")
        # Here we assume that the socket is client-side, and not connected
        # at the time of the call; we connect it, then wrap it.
        if self._connected or self._sslobj is not None:
            raise ValueError("attempt to connect already-connected SSLSocket!")
        if connect_ex:
            rc = super().connect_ex(addr)
        else:
            rc = None
            super().connect(addr)
        if rc:
            return rc
        self._connected = True
        self._start_engine()
        try:
            if self.do_handshake_on_connect:
                self.do_handshake()
        except (OSError, ValueError):
            self._end_engine()
            raise
        return rc

    def connect(self, addr):
        """Connects to addr, then performs the TLS handshake (when
        do_handshake_on_connect)."""
        self._real_connect(addr, False)

    def connect_ex(self, addr):
        """connect() returning an errno instead of raising."""
        return self._real_connect(addr, True)

    def accept(self):
        """Accepts a connection and wraps it on the server side of TLS."""
        newsock, addr = super().accept()
        newsock = self.context.wrap_socket(
            newsock, do_handshake_on_connect=self.do_handshake_on_connect,
            suppress_ragged_eofs=self.suppress_ragged_eofs, server_side=True)
        return newsock, addr


# The stdlib copies SSLObject's docstrings onto SSLSocket's methods.
for _name in ("getpeercert", "get_channel_binding", "verify_client_post_handshake"):
    vars(SSLSocket)[_name].__doc__ = getattr(SSLObject, _name).__doc__
del _name
