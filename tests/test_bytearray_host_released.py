"""A host given as a bytearray inside an address tuple (bind, connect,
sendto) is copied and its buffer given back: the bytearray can be resized
after the call, whatever the call did, as in the stdlib."""
import pytest

from sockutil import outcome

CALLS = {
    "bind": lambda s, addr: s.bind(addr),
    "connect": lambda s, addr: s.connect(addr),
    "sendto": lambda s, addr: s.sendto(b"x", addr),
}


class Bytearray(bytearray):
    """A bytearray subclass: a bytearray host all the same."""


class NoBuffer(bytearray):
    """A bytearray subclass whose buffer protocol fails (`__buffer__`, honoured
    from 3.12 on): the stdlib reads a bytearray host from its own storage, so
    it is a host all the same."""

    def __buffer__(self, flags):
        raise RuntimeError("no buffer")


@pytest.mark.parametrize("kind", [bytearray, Bytearray, NoBuffer], ids=["bytearray", "subclass", "no-buffer"])
@pytest.mark.parametrize("host", [b"127.0.0.1", b"localhost", b"no-such-host.invalid", b"bad\x00name"],
                         ids=["numeric", "name", "unknown", "nul"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_bytearray_host_is_released(both, call, host, kind):
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            name = kind(host)
            first = outcome(CALLS[call], s, (name, 9))
            # Resizing fails with BufferError while a buffer export is held.
            res.append((first[:2], outcome(name.extend, b".more"), name.hex()))
    assert res[0][1] == ("ok", None)
    assert res[0] == res[1]


@pytest.mark.parametrize("kind", [bytearray, Bytearray, NoBuffer], ids=["bytearray", "subclass", "no-buffer"])
@pytest.mark.parametrize("function", ["gethostbyname", "gethostbyname_ex", "gethostbyaddr"])
def test_bytearray_host_name_lookups(both, function, kind):
    res = []
    for m in both:
        r = outcome(getattr(m, function), kind(b"127.0.0.1"))
        res.append(r[0] if r[0] == "ok" else r[:2])
    assert res[0] == "ok"
    assert res[0] == res[1]


@pytest.mark.parametrize("host", ["é" * 64, "a." + "é" * 70 + ".b", "ä" * 300], ids=["label-64", "middle-label", "long"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_host_idna_cannot_encode_like_stdlib(both, call, host):
    """A non-ASCII host in an address tuple that the IDNA codec refuses (a
    label past 63 bytes): the stdlib's TypeError."""
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            r = outcome(CALLS[call], s, (host, 9))
            res.append(r[:2])
    assert res[0] == ("raise", "TypeError")
    assert res[0] == res[1]
