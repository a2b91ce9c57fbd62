"""gethostbyname, gethostbyname_ex and gethostbyaddr keep no reference to
the host they are given, whether the lookup answers or the argument is
refused: the host object's reference count is what it was, as with the
stdlib."""
import sys

import pytest

CALLS = ["gethostbyname", "gethostbyname_ex", "gethostbyaddr"]


def references_kept(mod, name, host, rounds=50):
    fn = getattr(mod, name)
    outcome = None
    before = sys.getrefcount(host)
    for _ in range(rounds):
        try:
            fn(host)
            outcome = "ok"
        except Exception as e:
            outcome = type(e).__name__
    return outcome, sys.getrefcount(host) - before


@pytest.mark.skipif(not hasattr(sys, "getrefcount"), reason="needs reference counts")
@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("host", [b"127.0.0.1", bytearray(b"127.0.0.1"), "127.0.0.1", b"127.0.0.1\x00x"],
                         ids=["bytes", "bytearray", "str", "bytes-nul"])
def test_host_lookup_keeps_no_reference(both, name, host):
    std, mod = both
    expected = references_kept(std, name, host)
    if expected[0] == "gaierror" or expected[0] == "herror":
        pytest.skip(f"127.0.0.1 does not resolve here ({expected[0]})")
    assert expected[1] == 0
    assert references_kept(mod, name, host) == expected
