"""socket.sendfile(): send a file over a stream socket.

The fast path hands the copy to the kernel: with os.sendfile() where the os
module has it, with TransmitFile (the socket's `_transmitfile`, present
where the backend has that call: Windows) otherwise. Where neither can
serve (a file object without a descriptor, one that is not a regular file,
a socket with a timeout on the TransmitFile path), the file is read in
blocks and sent with send(). Either way the file position ends just after
the last byte sent, so a caller can find out how far a failed call got.

Each kernel copy keeps the results of the stdlib on its platform: the
os.sendfile path those of the stdlib's os.sendfile path, the TransmitFile
path those of the send() loop (which the stdlib always takes on Windows).

The functions take the socket as first argument; the socket class binds
them as methods under the stdlib's names.
"""
import io
import os
import selectors

from . import _core
from ._constants import SOCK_STREAM

# os.sendfile copies at most this much per call (bpo-38319: a larger count
# overflows on some platforms).
_MAX_SENDFILE_BLOCK = 2 ** 30
# The read size of the send() fallback.
_SEND_BLOCK = 8192
# The range of one TransmitFile call: between calls signal handlers run
# (Ctrl-C), and a failed call leaves the position at the last range that
# went out whole, so this bounds what an error leaves unaccounted for.
_TRANSMIT_BLOCK = 2 ** 23


class _GiveupOnSendfile(Exception):
    """The fast path cannot serve this file; the send() fallback must."""


def _check_sendfile_params(sock, file, offset, count):
    if "b" not in getattr(file, "mode", "b"):
        raise ValueError("file should be opened in binary mode")
    # A bit test, as the stdlib does (so SOCK_SEQPACKET passes too).
    if not sock.type & SOCK_STREAM:
        raise ValueError("only SOCK_STREAM type sockets are supported")
    if count is not None:
        if not isinstance(count, int):
            raise TypeError("count must be a positive integer (got {!r})".format(count))
        if count <= 0:
            raise ValueError("count must be a positive integer (got {!r})".format(count))


def _new_selector():
    # poll and select need no descriptor of their own, unlike epoll/kqueue,
    # and cost a single system call.
    if hasattr(selectors, "PollSelector"):
        return selectors.PollSelector()
    return selectors.SelectSelector()


def _sendfile_use_sendfile(sock, file, offset=0, count=None):
    """The kernel's copy; raises _GiveupOnSendfile when it cannot serve."""
    if hasattr(os, "sendfile"):
        return _use_os_sendfile(sock, file, offset, count)
    if hasattr(sock, "_transmitfile"):
        return _use_transmitfile(sock, file, offset, count)
    raise _GiveupOnSendfile("no kernel copy (os.sendfile, TransmitFile) on this platform")


def _use_os_sendfile(sock, file, offset, count):
    _check_sendfile_params(sock, file, offset, count)
    sock_fd = sock.fileno()
    try:
        file_fd = file.fileno()
    except (AttributeError, io.UnsupportedOperation) as exc:
        raise _GiveupOnSendfile(exc)  # no descriptor: not a regular file
    try:
        size = os.fstat(file_fd).st_size
    except OSError as exc:
        raise _GiveupOnSendfile(exc)
    if not size:
        return 0  # an empty file (or one whose size the OS does not know)
    block = min(count or size, _MAX_SENDFILE_BLOCK)
    timeout = sock.gettimeout()
    if timeout == 0:
        raise ValueError("non-blocking sockets are not supported")
    selector = _new_selector()
    selector.register(sock_fd, selectors.EVENT_WRITE)
    sent_total = 0
    try:
        while True:
            # The socket's timeout bounds each wait for room to send, as for
            # send(); with a timeout the descriptor is non-blocking.
            if timeout and not selector.select(timeout):
                raise TimeoutError("timed out")
            if count:
                block = min(count - sent_total, block)
                if block <= 0:
                    break
            try:
                sent = os.sendfile(sock_fd, file_fd, offset, block)
            except BlockingIOError:
                if not timeout:
                    selector.select()  # a blocking socket: wait, don't spin
                continue
            except OSError as exc:
                if sent_total == 0:
                    # Nothing sent yet: the file is likely not mmap-able
                    # (a pipe, a special file); send() can still do it.
                    raise _GiveupOnSendfile(exc)
                raise exc from None
            if sent == 0:
                break  # end of file
            offset += sent
            sent_total += sent
        return sent_total
    finally:
        selector.close()
        if sent_total > 0 and hasattr(file, "seek"):
            file.seek(offset)


def _use_transmitfile(sock, file, offset, count):
    """TransmitFile with the send() loop's results: the bytes come from where
    the loop reads them (`offset`, or the file position when offset is 0)
    and the position ends at offset + sent, as the loop leaves it."""
    _check_sendfile_params(sock, file, offset, count)
    timeout = sock.gettimeout()
    if timeout == 0:
        raise ValueError("non-blocking sockets are not supported")
    if timeout is not None:
        # TransmitFile can neither stop at a deadline nor say how far it
        # got: the send() loop keeps the timeout and the position exact.
        raise _GiveupOnSendfile("TransmitFile has no timeout")
    try:
        file_fd = file.fileno()
    except (AttributeError, OSError, ValueError) as exc:  # ValueError: closed
        raise _GiveupOnSendfile(exc)
    if not isinstance(file_fd, int):
        raise _GiveupOnSendfile("fileno() gave no descriptor")
    if offset:
        file.seek(offset)  # the loop's first step, with its errors
    try:
        # The logical position (a buffered file's raw one may be ahead).
        # Writes still in a buffer lie before it: the range is on disk.
        start = file.tell()
    except (AttributeError, OSError, ValueError) as exc:  # not seekable
        raise _GiveupOnSendfile(exc)
    try:
        # A connection that cannot take data (not connected, shut down,
        # reset) refuses a send of nothing; the send() loop then fails as
        # the stdlib's does, error and file position alike.
        _core.socket.send(sock, b"")
    except OSError as exc:
        raise _GiveupOnSendfile(exc)
    block = _TRANSMIT_BLOCK
    sent_total = 0
    try:
        while True:
            if count:
                block = min(count - sent_total, block)
                if block <= 0:
                    break
            # An OSError here leaves the position after the last range that
            # went out whole; a refusal of the connection (a send of nothing
            # fails first) means no byte of this range did.
            sent = sock._transmitfile(file_fd, start + sent_total, block)
            if sent is None:
                if sent_total == 0:
                    # Not a disk file, a text-mode descriptor, a socket
                    # without TransmitFile: nothing went out yet.
                    raise _GiveupOnSendfile("TransmitFile cannot send this file")
                raise OSError("sendfile: the file cannot be sent any more (closed during the transfer?)")
            if sent == 0:
                break  # end of file
            sent_total += sent
        return sent_total
    finally:
        if sent_total > 0 and hasattr(file, "seek"):
            file.seek(offset + sent_total)


def _sendfile_use_send(sock, file, offset=0, count=None):
    """The portable path: read blocks from the file and send() them."""
    _check_sendfile_params(sock, file, offset, count)
    if sock.gettimeout() == 0:
        raise ValueError("non-blocking sockets are not supported")
    if offset:
        file.seek(offset)
    block = min(count, _SEND_BLOCK) if count else _SEND_BLOCK
    sent_total = 0
    try:
        while True:
            if count:
                block = min(count - sent_total, block)
                if block <= 0:
                    break
            data = memoryview(file.read(block))
            if not data:
                break  # end of file
            while data:
                try:
                    sent = sock.send(data)
                except BlockingIOError:
                    continue
                sent_total += sent
                data = data[sent:]
        return sent_total
    finally:
        if sent_total > 0 and hasattr(file, "seek"):
            file.seek(offset + sent_total)


def sendfile(self, file, offset=0, count=None):
    """sendfile(file[, offset[, count]]) -> sent

    Sends the binary file `file` from `offset` until its end, or `count`
    bytes, copied by the kernel where possible (os.sendfile, TransmitFile)
    and with send() otherwise; returns
    the number of bytes sent. The file position ends after the last byte
    sent, also when an error interrupts the transfer. The socket must be a
    SOCK_STREAM socket in blocking or timeout mode.
    """
    try:
        return self._sendfile_use_sendfile(file, offset, count)
    except _GiveupOnSendfile:
        return self._sendfile_use_send(file, offset, count)
