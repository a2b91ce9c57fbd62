"""The C heap's bytes in use, for leak checks of the binding's own allocations
(not a test module)."""
import ctypes


def _reader():
    try:  # glibc 2.33+
        info = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError, TypeError):  # not glibc, or Windows (no CDLL(None))
        return None

    class Mallinfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost")]

    info.restype = Mallinfo2
    return info


_MALLINFO2 = _reader()


def c_heap_in_use():
    """Bytes malloc has handed out and not had back (small blocks and mapped
    ones), or None where glibc's count is not available."""
    if _MALLINFO2 is None:
        return None
    info = _MALLINFO2()
    return info.uordblks + info.hblkhd
