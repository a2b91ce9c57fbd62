"""An ancillary item of a single byte is sent as given: IP_TOS takes one
byte (Linux's ip_cmsg_send reads an int or a u8), and the receiver's
IP_RECVTOS item carries it back, with the stdlib and with pysock alike."""
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a one-byte IP_TOS item is Linux's")


def tos_round_trip(mod, tos):
    if not hasattr(mod.socket, "sendmsg") or not hasattr(mod, "IP_RECVTOS"):
        pytest.skip("no sendmsg / IP_RECVTOS here")
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as a, mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        b.settimeout(10)
        b.setsockopt(mod.IPPROTO_IP, mod.IP_RECVTOS, 1)
        sent = a.sendmsg([b"tos"], [(mod.IPPROTO_IP, mod.IP_TOS, bytes([tos]))], 0, b.getsockname())
        data, ancdata, flags, _ = b.recvmsg(16, 64)
        return sent, data, ancdata, flags


@pytest.mark.parametrize("tos", [0x28, 0x10, 0x00])
def test_one_byte_ip_tos_item_like_stdlib(both, tos):
    std, mod = both
    expected = tos_round_trip(std, tos)
    assert expected[2] == [(std.IPPROTO_IP, std.IP_TOS, bytes([tos]))]
    assert tos_round_trip(mod, tos) == expected
