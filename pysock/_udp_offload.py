"""UDP segmentation offload (Linux): reading the UDP_GRO control message.

recvmsg and recvmmsg give every control message as the stdlib's recvmsg
does, as (level, type, bytes). With UDP_GRO set on a socket, the kernel may
hand over several datagrams of one sender coalesced into one, with a
(SOL_UDP, UDP_GRO, data) item whose bytes are a C int: the size of the
segments (the last may be shorter). gro_segment_size() reads it, so the
ancillary data itself stays exactly the stdlib's.

Sending the other way needs no helper: setsockopt(SOL_UDP, UDP_SEGMENT, size)
or, per message, the item (SOL_UDP, UDP_SEGMENT, struct.pack("=H", size)) (a
C unsigned short) makes the kernel cut one large send into datagrams of
`size` bytes.
"""
from array import array

from . import _constants

# Only where the backend's headers define UDP_GRO (Linux), like the constant.
__all__ = []

if hasattr(_constants, "UDP_GRO"):
    _SOL_UDP = _constants.SOL_UDP
    _UDP_GRO = _constants.UDP_GRO

    def gro_segment_size(ancdata):
        """The segment size of a coalesced datagram from recvmsg's or
        recvmmsg's ancdata (the UDP_GRO item's C int), or None when the
        ancillary data has no such item (the datagram was not coalesced)."""
        for level, kind, data in ancdata:
            if level == _SOL_UDP and kind == _UDP_GRO:
                value = array("i")
                if len(data) < value.itemsize:
                    raise ValueError("UDP_GRO control message shorter than a C int")
                value.frombytes(bytes(data[:value.itemsize]))
                return value[0]
        return None

    __all__.append("gro_segment_size")
