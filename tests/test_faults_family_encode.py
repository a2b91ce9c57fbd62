"""Address tuples of the families this kernel may not open (CAN, AF_ALG,
TIPC, QIPCRTR) are read into the fields the stdlib's getsockaddrarg fills.
No socket of those families can be made here, and a bind on the look-alike
socket (a UDP descriptor claiming the family, as in
test_faults_family_addresses.py) fails whatever the address held. So the
fault backend checks what the binding hands the backend to encode
(`addr_encode=expected:FORM`, backends/faults/addresses.zig): the neutral
address must be the form's, field by field, or the call fails with an
OSError naming the field that differs.

The tuples are those of test_faults_family_addresses.py's decoded forms,
so each family's address goes both ways; the expectations follow CPython's
getsockaddrarg formats (Modules/socketmodule.c): "kk" for CAN_ISOTP's ids,
"KIB" for J1939 (the pgn and address cut to 32 and 8 bits), "HH" for
AF_ALG's feat and mask (cut to 16 bits, although the fields are __u32),
"IIII|I" for TIPC (the scope's default TIPC_CLUSTER_SCOPE), "II" for
QIPCRTR."""
import sys

import pytest

from test_faults_family_addresses import AF_ALG, AF_CAN, AF_QIPCRTR, AF_TIPC, CAN_ISOTP, CAN_J1939, CAN_RAW

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="these families are Linux's"),
]

MISMATCH = "the address to encode is not"

# name: (form expected, family, type, proto of the socket, the tuple bound)
CASES = {
    "can_raw": ("can_raw", AF_CAN, "SOCK_RAW", CAN_RAW, ("vcan0",)),
    "can_isotp": ("can_isotp", AF_CAN, "SOCK_DGRAM", CAN_ISOTP, ("vcan\udcff", 0x80001234, 0x7FF)),
    "can_j1939": ("can_j1939", AF_CAN, "SOCK_DGRAM", CAN_J1939, ("can1", 0xA00C81045A20021B, 0x40000, 0xFE)),
    # J1939's pgn is "I" and its address "B": bits past 32 and 8 are dropped.
    "can_j1939 wide": ("can_j1939", AF_CAN, "SOCK_DGRAM", CAN_J1939,
                       ("can1", 0xA00C81045A20021B, 0x7_0004_0000, 0x3FE)),
    "alg": ("alg_short", AF_ALG, "SOCK_SEQPACKET", 0, ("skcipher", "cbc(aes)", 0x2345, 0x8001)),
    # "HH": feat and mask keep their low 16 bits.
    "alg wide": ("alg_short", AF_ALG, "SOCK_SEQPACKET", 0, ("skcipher", "cbc(aes)", 0x12345, 0x18001)),
    "tipc_nameseq": ("tipc_nameseq", AF_TIPC, "SOCK_RDM", 0, (1, 0x80000001, 17, 0xFFFFFFFF, 1)),
    "tipc_name": ("tipc_name", AF_TIPC, "SOCK_RDM", 0, (2, 0x80000001, 17, 17, 3)),
    "tipc_id": ("tipc_id", AF_TIPC, "SOCK_RDM", 0, (3, 0x80000001, 0xFFFFFFFE, 0, 0xFFFFFFFF)),
    "qipcrtr": ("qipcrtr", AF_QIPCRTR, "SOCK_DGRAM", 0, (7, 0xFFFFFFFE)),
}


def scenario_encode(mod, faults, form, family, kind, proto, address, method):
    address = tuple(address)  # (a list after the trip to the worker)
    udp = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    with mod.socket(family, getattr(mod, kind), proto, fileno=udp.detach()) as s:
        calls = {
            "bind": lambda: s.bind(address),
            "connect": lambda: s.connect(address),
            "sendto": lambda: s.sendto(b"x", address),
        }
        faults.set(f"addr_encode=expected:{form}*1")
        try:
            calls[method]()
            got = "ok"
        except OSError as e:
            got = str(e)
        return [got, faults.injected()]


@pytest.mark.parametrize("method", ["bind", "connect", "sendto"])
@pytest.mark.parametrize("name", list(CASES))
def test_tuple_encoded_into_the_stdlibs_fields(fault_worker, name, method):
    form, family, kind, proto, address = CASES[name]
    got, injected = fault_worker.run(scenario_encode, form, family, kind, proto, address, method)
    assert injected == 1, got  # the check ran
    assert MISMATCH not in got, got


@pytest.mark.parametrize("name, address, field", [
    ("can_isotp", ("vcan\udcff", 0x7FF, 0x80001234), "nums[0]"),
    ("can_j1939", ("can1", 0xA00C81045A20021B, 0x40000, 0xFD), "nums[2]"),
    ("alg", ("skcipher", "ctr(aes)", 0x2345, 0x8001), "data"),
    ("alg", ("aead", "cbc(aes)", 0x2345, 0x8001), "name"),
    ("tipc_name", (2, 0x80000001, 17, 17), "nums[4]"),
])
def test_a_different_tuple_is_caught(fault_worker, name, address, field):
    """The check itself: a tuple that differs in one field is refused with that field."""
    form, family, kind, proto, _ = CASES[name]
    got, injected = fault_worker.run(scenario_encode, form, family, kind, proto, address, "bind")
    assert injected == 1
    assert f"{MISMATCH} {form}'s: {field} differs" in got, got
