"""The stdlib's equivalent of pysock's batch datagram calls (not a test module).

pysock's recvmmsg / recvmmsg_into / sendmmsg have no stdlib counterpart; the
oracle of their differential tests is what a loop of the stdlib's single
calls gives on the same traffic: the first call as the socket's timeout mode
says, later ones only while a message is already there (select with a zero
timeout), so a batch never waits past its first message. Where the stdlib
has no recvmsg/sendmsg (Windows), recvfrom/sendto stand in, with the tuples
recvmsg would have given.

`recv_batch` and friends use the batch call when the socket has it and the
loop otherwise, so one scenario runs through both modules.
"""
import operator
import select
import sys


def _more(sock):
    return bool(select.select([sock], [], [], 0)[0])


def _recvmsg(sock, bufsize, ancbufsize, flags):
    if hasattr(sock, "recvmsg"):
        return sock.recvmsg(bufsize, ancbufsize, flags)
    data, addr = sock.recvfrom(bufsize, flags)
    return (data, [], 0, addr)


def _recvmsg_into(sock, buffers, ancbufsize, flags):
    if hasattr(sock, "recvmsg_into"):
        return sock.recvmsg_into(buffers, ancbufsize, flags)
    scratch = bytearray(sum(memoryview(b).nbytes for b in buffers))
    n, addr = sock.recvfrom_into(scratch, 0, flags)
    offset = 0
    for b in buffers:
        with memoryview(b) as view, view.cast("B") as target:
            piece = scratch[offset:min(n, offset + len(target))]
            target[:len(piece)] = piece
            offset += len(target)
    return (n, [], 0, addr)


def recv_loop(sock, count, bufsize, ancbufsize=0, flags=0):
    """What recvmmsg(count, bufsize, ancbufsize, flags) gives, as a loop."""
    out = [_recvmsg(sock, bufsize, ancbufsize, flags)]
    while len(out) < count and _more(sock):
        out.append(_recvmsg(sock, bufsize, ancbufsize, flags))
    return out


def recv_into_loop(sock, buffers_list, ancbufsize=0, flags=0):
    """What recvmmsg_into(buffers_list, ancbufsize, flags) gives, as a loop."""
    out = [_recvmsg_into(sock, buffers_list[0], ancbufsize, flags)]
    while len(out) < len(buffers_list) and _more(sock):
        out.append(_recvmsg_into(sock, buffers_list[len(out)], ancbufsize, flags))
    return out


def _sendmsg(sock, message, flags):
    message = tuple(message)
    buffers, ancdata, address = message + ((), None)[len(message) - 1:]
    if hasattr(sock, "sendmsg"):
        return sock.sendmsg(buffers, ancdata, flags, address)
    assert not list(ancdata), "no ancillary data without sendmsg"
    data = b"".join(bytes(b) for b in buffers)
    return sock.sendto(data, flags, address) if address is not None else sock.send(data, flags)


def send_loop(sock, messages, flags=0):
    """What sendmmsg(messages, flags) gives, as a loop: the first message's
    error raises, a later one ends the batch with the count so far."""
    _sendmsg(sock, messages[0], flags)
    for i, message in enumerate(messages[1:], 1):
        try:
            _sendmsg(sock, message, flags)
        except OSError:
            return i
    return len(messages)


def recv_batch(sock, count, bufsize, ancbufsize=0, flags=0):
    if hasattr(sock, "recvmmsg"):
        return sock.recvmmsg(count, bufsize, ancbufsize, flags)
    return recv_loop(sock, count, bufsize, ancbufsize, flags)


def recv_into_batch(sock, buffers_list, ancbufsize=0, flags=0):
    if hasattr(sock, "recvmmsg_into"):
        return sock.recvmmsg_into(buffers_list, ancbufsize, flags)
    return recv_into_loop(sock, buffers_list, ancbufsize, flags)


def send_batch(sock, messages, flags=0):
    if hasattr(sock, "sendmmsg"):
        return sock.sendmmsg(messages, flags)
    return send_loop(sock, messages, flags)


def plain(results, names=None):
    """Result tuples with plain ints for the flags and every address named by
    `names` ({address: label}) replaced by its label, so that two runs on
    different sockets (other ports, other paths) compare equal."""
    names = names or {}
    out = []
    for first, ancdata, msg_flags, address in results:
        label = names.get(address, address) if _hashable(address) else address
        out.append((first, [tuple(item) for item in ancdata], int(msg_flags), label))
    return out


def _hashable(value):
    try:
        hash(value)
        return True
    except TypeError:
        return False


# -- the stdlib's equivalent with pysock's argument checks, for the fuzzer ---------

MAX_BATCH = 1024  # abi.max_batch: a larger count is a batch of this many


def _ssize(x):
    value = operator.index(x)
    if not -2**63 <= value < 2**63:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return value


def _cint(x):
    value = operator.index(x)
    if not -2**31 <= value < 2**31:
        raise OverflowError("signed integer is out of range")
    return value


def emulated_recvmmsg(sock, count, bufsize, ancbufsize=0, flags=0):
    """recvmmsg as the stdlib would give it: pysock's conversions and checks
    in its order, its memory for the batch, then a loop of recvmsg."""
    count, bufsize, ancbufsize, flags = _ssize(count), _ssize(bufsize), _ssize(ancbufsize), _cint(flags)
    if count <= 0:
        raise ValueError("recvmmsg() count must be positive")
    if bufsize < 0:
        raise ValueError("negative buffer size in recvmmsg()")
    if ancbufsize < 0 or ancbufsize > 0x7FFFFFFF:
        raise ValueError("invalid ancillary data buffer length")
    count = min(count, MAX_BATCH)
    # The memory pysock takes for the batch (one block for the data, one for
    # the control buffers, 16-byte aligned each): MemoryError where it
    # cannot be had.
    data, control = count * bufsize, count * (-(-ancbufsize // 16) * 16)
    held = [bytes(size) if size <= sys.maxsize else _no_memory() for size in (data, control) if size > 512]
    del held
    return recv_loop(sock, count, bufsize, ancbufsize, flags)


def _no_memory():
    raise MemoryError()


def emulated_recvmmsg_into(sock, buffers, ancbufsize=0, flags=0):
    """recvmmsg_into as the stdlib would give it (see emulated_recvmmsg)."""
    ancbufsize, flags = _ssize(ancbufsize), _cint(flags)
    entries = list(buffers)[:MAX_BATCH]
    if not entries:
        raise ValueError("recvmmsg_into() needs the buffers of at least one message")
    entries = [list(entry) for entry in entries]
    for entry in entries:
        for item in entry:
            try:
                view = memoryview(item)
            except (TypeError, ValueError, BufferError):
                raise TypeError("recvmmsg_into() argument 1 must be an iterable of iterables of "
                                "single-segment read-write buffers") from None
            with view:
                if view.readonly or not view.c_contiguous:
                    raise TypeError("recvmmsg_into() argument 1 must be an iterable of iterables of "
                                    "single-segment read-write buffers")
    if ancbufsize < 0 or ancbufsize > 0x7FFFFFFF:
        raise ValueError("invalid ancillary data buffer length")
    return recv_into_loop(sock, entries, ancbufsize, flags)
