"""The Python-level socket class, over the `_core.socket` type."""
import io

from . import _core, _sendfile
from . import _constants
from ._constants import AF_INET, SOCK_STREAM, to_enum
from ._current import package

# Where the backend can share sockets between processes (Windows), a socket
# may be made from share()'s bytes, as the stdlib allows there.
_fromshare = getattr(_core, "fromshare", None)


class socket(_core.socket):
    """A socket object: socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)."""

    __slots__ = ["__weakref__", "_io_refs", "_closed"]

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
        if isinstance(fileno, bytes) and _fromshare is not None:
            # Bytes from share(pid): open that socket; its description, not
            # the arguments, says what family, type and protocol it has.
            fileno, family, type, proto = _fromshare(fileno)
            try:
                _core.socket.__init__(self, family, type, proto, fileno)
            except BaseException:
                _core.close(fileno)
                raise
        else:
            _core.socket.__init__(self, family, type, proto, fileno)
        self._io_refs = 0
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *args):
        if not self._closed:
            self.close()

    def __repr__(self):
        closed = getattr(self, "_closed", False)
        text = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            self.__class__.__module__, self.__class__.__qualname__,
            " [closed]" if closed else "", self.fileno(),
            self.family, self.type, self.proto)
        if not closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    text += ", laddr=%s" % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    text += ", raddr=%s" % str(raddr)
            except OSError:
                pass
        return text + ">"

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    @property
    def family(self):
        """Read-only access to the address family for this socket."""
        return to_enum(super().family, _constants.AddressFamily)

    @property
    def type(self):
        """Read-only access to the socket type."""
        return to_enum(super().type, _constants.SocketKind)

    # As the stdlib's socket.py (over os.get_inheritable): methods of the
    # class, not of the base type.
    def get_inheritable(self):
        """Whether the socket's descriptor is inherited by child processes."""
        return _core._get_inheritable(self.fileno())

    def set_inheritable(self, inheritable):
        """Sets whether the socket's descriptor is inherited by child processes."""
        _core._set_inheritable(self.fileno(), inheritable)

    def dup(self):
        """A new socket object for a duplicate of this socket's descriptor."""
        fd = _core.dup(self.fileno())
        sock = self.__class__(self.family, self.type, self.proto, fileno=fd)
        sock.settimeout(self.gettimeout())
        return sock

    def accept(self):
        """Waits for a connection; returns (new socket, address of the peer)."""
        fd, addr = self._accept()
        # The package's socket class as it is now, like the stdlib's module global.
        sock = package().socket(self.family, self.type, self.proto, fileno=fd)
        # Without a default timeout, the new socket is blocking even when the
        # listening one has a timeout (the stdlib's rule).
        if _core.getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr

    def makefile(self, mode="r", buffering=None, *,
                 encoding=None, errors=None, newline=None):
        """makefile(...) -> an I/O stream connected to the socket

        The arguments are those of open() after the file name, but the mode
        may only combine 'r' (the default), 'w' and 'b'. The socket's
        descriptor stays open until the socket and every stream made from it
        are closed.
        """
        if not set(mode) <= {"r", "w", "b"}:
            raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
        writing = "w" in mode
        reading = "r" in mode or not writing
        binary = "b" in mode
        from ._socketio import SocketIO  # imported on first use, as pysock.SocketIO is
        raw = SocketIO(self, ("r" if reading else "") + ("w" if writing else ""))
        # Counted from here on: raw.close() gives the reference back, and
        # the socket's close() waits for every stream to be closed.
        self._io_refs += 1
        if buffering is None or buffering < 0:
            buffering = io.DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if not binary:
                raise ValueError("unbuffered streams must be binary")
            return raw
        if reading and writing:
            buffer = io.BufferedRWPair(raw, raw, buffering)
        elif reading:
            buffer = io.BufferedReader(raw, buffering)
        else:
            buffer = io.BufferedWriter(raw, buffering)
        if binary:
            return buffer
        # Warns under -X warn_default_encoding, as open() does.
        encoding = io.text_encoding(encoding)
        text = io.TextIOWrapper(buffer, encoding, errors, newline)
        text.mode = mode
        return text

    # pysock's own extension, where the backend reads TCP information. The
    # record class is made on first use (dataclasses cost a third of
    # pysock's import).
    if hasattr(_core.socket, "_tcp_info"):
        def tcp_info(self):
            """tcp_info() -> TcpInfo

            The OS's TCP information of this connection (Linux and FreeBSD:
            TCP_INFO; macOS: TCP_CONNECTION_INFO; Windows: SIO_TCP_INFO),
            decoded. A socket that is not TCP raises the OSError the OS gives."""
            from . import _tcp_info
            return _tcp_info.record(self._tcp_info())

    sendfile = _sendfile.sendfile
    _sendfile_use_sendfile = _sendfile._sendfile_use_sendfile
    _sendfile_use_send = _sendfile._sendfile_use_send
    _check_sendfile_params = _sendfile._check_sendfile_params

    def _decref_socketios(self):
        if self._io_refs > 0:
            self._io_refs -= 1
        if self._closed:
            self.close()

    def _real_close(self, _close=_core.socket.close):
        _close(self)

    def close(self):
        """Closes the socket once no file object made by makefile() uses it."""
        self._closed = True
        if self._io_refs <= 0:
            self._real_close()

    def detach(self):
        """Closes the socket object without closing the descriptor; returns it."""
        self._closed = True
        return super().detach()


socket.__module__ = "pysock"
