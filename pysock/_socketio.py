"""SocketIO: the raw binary stream under socket.makefile().

The buffered and text layers of the io module need a RawIOBase to sit on.
A FileIO over the descriptor would not do: it ignores the socket's timeout
(it sees a non-blocking descriptor) and Windows cannot read() a SOCKET.
So the raw stream calls the socket's own recv_into() and send().
"""
import errno
import io

# The errnos of a non-blocking call that found nothing to do; raw streams
# report those as None ("no data now"), not as an error.
_WOULD_BLOCK = frozenset({errno.EAGAIN, errno.EWOULDBLOCK})

_MODES = ("r", "w", "rw", "rb", "wb", "rwb")


class SocketIO(io.RawIOBase):
    """Raw I/O over a stream socket: the layer under socket.makefile()."""

    # Set before __init__ can fail, so that the finalizer's close() of a
    # half-made stream (bad mode) finds no socket to give a reference back to.
    _sock = None

    def __init__(self, sock, mode):
        if mode not in _MODES:
            raise ValueError("invalid mode: %r" % mode)
        io.RawIOBase.__init__(self)
        self._sock = sock
        self._mode = mode if "b" in mode else mode + "b"
        self._reading = "r" in mode
        self._writing = "w" in mode
        # After a timeout, the amount of data the socket consumed is unknown,
        # so the stream refuses further reads rather than return a torn view.
        self._timeout_occurred = False

    def readinto(self, b):
        """Reads up to len(b) bytes into b; returns the count, 0 at the end of
        the stream, or None when a non-blocking socket has nothing yet."""
        self._checkClosed()
        self._checkReadable()
        if self._timeout_occurred:
            raise OSError("cannot read from timed out object")
        try:
            # recv_into retries by itself after EINTR (PEP 475), so an
            # interrupted read only surfaces when a signal handler raises.
            return self._sock.recv_into(b)
        except TimeoutError:
            self._timeout_occurred = True
            raise
        except OSError as exc:
            if exc.errno in _WOULD_BLOCK:
                return None
            raise

    def write(self, b):
        """Sends b; returns the count sent (maybe fewer than len(b)), or None
        when a non-blocking socket cannot take any byte now."""
        self._checkClosed()
        self._checkWritable()
        try:
            return self._sock.send(b)
        except OSError as exc:
            if exc.errno in _WOULD_BLOCK:
                return None
            raise

    def _check_open(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")

    def readable(self):
        """True if the stream was opened for reading."""
        self._check_open()
        return self._reading

    def writable(self):
        """True if the stream was opened for writing."""
        self._check_open()
        return self._writing

    def seekable(self):
        """False: a socket has no position."""
        self._check_open()
        return super().seekable()

    def fileno(self):
        """The descriptor of the underlying socket."""
        self._checkClosed()
        return self._sock.fileno()

    @property
    def name(self):
        """The socket's descriptor while open, -1 once closed."""
        return -1 if self.closed else self.fileno()

    @property
    def mode(self):
        return self._mode

    def close(self):
        """Closes the stream; the socket itself closes only when it was
        closed too and no other stream made from it remains open."""
        if self.closed:
            return
        io.RawIOBase.close(self)
        if self._sock is not None:
            self._sock._decref_socketios()
            self._sock = None


SocketIO.__module__ = "pysock"
