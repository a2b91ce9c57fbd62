"""htons, ntohs, htonl, ntohl: byte order with the stdlib's argument checks.

Pure functions of their argument; `_core` carries them too, as `_socket` does.
"""
import operator
import struct
import sys

_C_ULONG_SIZE = struct.calcsize("L")


def _swap16(name, x):
    x = _index16(name, x)
    return x if sys.byteorder == "big" else ((x & 0xFF) << 8) | (x >> 8)


def _index16(name, x):
    if isinstance(x, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    x = operator.index(x)
    if x < 0:
        raise OverflowError(f"{name}: can't convert negative Python int to C 16-bit unsigned integer")
    if x > 0xFFFF:
        if x > 0x7FFFFFFFFFFFFFFF:
            raise OverflowError("Python int too large to convert to C long")
        if x > 0x7FFFFFFF:
            raise OverflowError("signed integer is greater than maximum")
        raise OverflowError(f"{name}: Python int too large to convert to C 16-bit unsigned integer")
    return x


def _swap32(x):
    if not isinstance(x, int):
        raise TypeError(f"expected int, {type(x).__name__} found")
    if x < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if x > 0xFFFFFFFF:
        # The stdlib converts to a C unsigned long first, whose size varies.
        if x >= 1 << (8 * _C_ULONG_SIZE):
            raise OverflowError("Python int too large to convert to C unsigned long")
        raise OverflowError("int larger than 32 bits")
    return x if sys.byteorder == "big" else int.from_bytes(x.to_bytes(4, "little"), "big")


def htons(x):
    """Converts a 16-bit positive integer from host to network byte order."""
    return _swap16("htons", x)


def ntohs(x):
    """Converts a 16-bit positive integer from network to host byte order."""
    return _swap16("ntohs", x)


def htonl(x):
    """Converts a 32-bit positive integer from host to network byte order."""
    return _swap32(x)


def ntohl(x):
    """Converts a 32-bit positive integer from network to host byte order."""
    return _swap32(x)
