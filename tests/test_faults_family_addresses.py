"""Addresses of the families this kernel may not open (CAN, AF_ALG, TIPC,
QIPCRTR) come back as the stdlib builds them. No socket of those families
can be made here, so the fault backend plants each address
(`addr_decode=address:FORM`, backends/faults/addresses.zig: the abi.Address
the Linux backend's decoder fills for such a sockaddr) under a socket that
wraps a UDP or TCP descriptor with the family and protocol claimed
(`socket(family, type, proto, fileno=)`, which the stdlib allows too), and
the binding's decoder turns it into Python.

The stdlib cannot produce these addresses here either, so each expectation
is written out from CPython's makesockaddr (Modules/socketmodule.c), whose
Py_BuildValue format is quoted beside it: "k"/"K"/"I" are unsigned, "H"
builds from an unsigned int (do_mkvalue in Python/modsupport.c does not cut
it to 16 bits), "O&" with PyUnicode_DecodeFSDefault makes the interface
name a str with surrogate escapes. Compared by repr, so the element types
count as well as the values."""
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="these families are Linux's"),
]

# Linux UAPI values (the ones the stdlib's constants carry).
AF_CAN, CAN_RAW, CAN_BCM, CAN_ISOTP, CAN_J1939 = 29, 1, 2, 6, 7  # linux/socket.h, linux/can.h
AF_TIPC, AF_ALG, AF_QIPCRTR = 30, 38, 42  # linux/socket.h
TIPC_ADDR_NAMESEQ, TIPC_ADDR_NAME, TIPC_ADDR_ID = 1, 2, 3  # linux/tipc.h
TIPC_ZONE_SCOPE, TIPC_NODE_SCOPE = 1, 3  # linux/tipc.h

INVALID = ("ValueError", "Invalid address type")

# form: (family, type, proto of the socket, what makesockaddr returns)
CASES = {
    # AF_CAN, a protocol other than CAN_ISOTP/CAN_J1939: "(O&)".
    "can_raw": (AF_CAN, "SOCK_RAW", CAN_RAW, ("vcan0",)),
    # CAN_ISOTP: "O&kk" (canid_t rx_id, tx_id); the name b"vcan\xff" decodes
    # with surrogateescape.
    "can_isotp": (AF_CAN, "SOCK_DGRAM", CAN_ISOTP, ("vcan\udcff", 0x80001234, 0x7FF)),
    # CAN_J1939: "O&KIB" (u64 name, u32 pgn, u8 addr).
    "can_j1939": (AF_CAN, "SOCK_DGRAM", CAN_J1939, ("can1", 0xA00C81045A20021B, 0x40000, 0xFE)),
    # AF_ALG: "s#s#HH" (salg_type, salg_name, __u32 salg_feat, salg_mask).
    "alg": (AF_ALG, "SOCK_SEQPACKET", 0, ("skcipher", "cbc(aes)", 0x12345, 0x80000001)),
    # AF_TIPC: "IIIII" (addrtype, three values by type, scope).
    "tipc_nameseq": (AF_TIPC, "SOCK_RDM", 0, (TIPC_ADDR_NAMESEQ, 0x80000001, 17, 0xFFFFFFFF, TIPC_ZONE_SCOPE)),
    "tipc_name": (AF_TIPC, "SOCK_RDM", 0, (TIPC_ADDR_NAME, 0x80000001, 17, 17, TIPC_NODE_SCOPE)),
    # The scope is a signed char promoted to int: -1 comes back as "I" reads it.
    "tipc_id": (AF_TIPC, "SOCK_RDM", 0, (TIPC_ADDR_ID, 0x80000001, 0xFFFFFFFE, 0, 0xFFFFFFFF)),
    # Any other addrtype: ValueError("Invalid address type").
    "tipc_type0": (AF_TIPC, "SOCK_RDM", 0, INVALID),
    "tipc_type4": (AF_TIPC, "SOCK_RDM", 0, INVALID),
    # AF_QIPCRTR: "II" (sq_node, sq_port).
    "qipcrtr": (AF_QIPCRTR, "SOCK_DGRAM", 0, (7, 0xFFFFFFFE)),
}


def _outcome(call):
    try:
        return repr(call())
    except ValueError as e:
        return repr(("ValueError", str(e)))


def _claimed(mod, family, kind, proto, base):
    """A socket of `family`/`proto` over the descriptor of `base`."""
    return mod.socket(family, getattr(mod, kind), proto, fileno=base.detach())


def scenario_getsockname(mod, faults, form, family, kind, proto):
    udp = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    with _claimed(mod, family, kind, proto, udp) as s:
        faults.set(f"addr_decode=address:{form}*1")
        got = _outcome(s.getsockname)
        return [got, faults.injected()]


def scenario_each_call(mod, faults, method, form, family, kind, proto):
    """The planted address through one of the calls that report one."""
    base = mod.socket(mod.AF_INET, mod.SOCK_STREAM if method == "accept" else mod.SOCK_DGRAM)
    base.bind(("127.0.0.1", 0))
    where = base.getsockname()
    if method == "accept":
        base.listen(1)
    elif method == "getpeername":
        base.connect(where)
    with _claimed(mod, family, kind, proto, base) as s:
        s.settimeout(10)
        if method == "accept":
            client = mod.create_connection(where, timeout=10)
        elif method != "getpeername":
            # Sent from a plain socket: the claimed one cannot name the port.
            with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as tx:
                tx.sendto(b"x", where)
        calls = {
            "getpeername": s.getpeername,
            "recvfrom": lambda: s.recvfrom(16)[1],
            "recvfrom_into": lambda: s.recvfrom_into(bytearray(16))[1],
            "recvmsg": lambda: s.recvmsg(16)[3],
            "recvmmsg": lambda: s.recvmmsg(1, 16)[0][3],
        }
        faults.set(f"addr_decode=address:{form}*1")
        if method == "accept":
            try:
                conn, peer = s.accept()
                conn.close()
                got = repr(peer)
            finally:
                client.close()
        else:
            got = _outcome(calls[method])
        return [got, faults.injected()]


@pytest.mark.parametrize("form", list(CASES))
def test_planted_address_decoded_like_makesockaddr(fault_worker, form):
    family, kind, proto, expected = CASES[form]
    got = fault_worker.run(scenario_getsockname, form, family, kind, proto)
    assert got == [repr(expected), 1], form


# The format follows the socket's protocol, not the address: a CAN_RAW or
# CAN_BCM socket gets the interface alone whatever its address holds, and an
# ISOTP address under a J1939 socket is read as J1939's (its fields where the
# Linux decoder put them; the binding builds from what it was given).
PROTOCOL_CASES = [
    ("can_isotp", "SOCK_RAW", CAN_RAW, ("vcan\udcff",)),
    ("can_j1939", "SOCK_DGRAM", CAN_BCM, ("can1",)),
    ("can_raw", "SOCK_DGRAM", CAN_ISOTP, ("vcan0", 0, 0)),
    ("can_raw", "SOCK_DGRAM", CAN_J1939, ("vcan0", 0, 0, 0)),
]


@pytest.mark.parametrize("form, kind, proto, expected", PROTOCOL_CASES)
def test_can_format_follows_the_socket_protocol(fault_worker, form, kind, proto, expected):
    got = fault_worker.run(scenario_getsockname, form, AF_CAN, kind, proto)
    assert got == [repr(expected), 1]


CALLS = ["getpeername", "recvfrom", "recvfrom_into", "recvmsg", "recvmmsg", "accept"]


@pytest.mark.parametrize("method", CALLS)
def test_each_reporting_call_passes_the_socket_protocol(fault_worker, pysock, method):
    """CAN_ISOTP's format depends on the socket's protocol: every call that
    reports an address must hand the decoder the socket's."""
    if not hasattr(pysock.socket, method):
        pytest.skip(f"no {method} here")
    family, kind, proto, expected = CASES["can_isotp"]
    if method == "accept":
        kind = "SOCK_STREAM"
    got = fault_worker.run(scenario_each_call, method, "can_isotp", family, kind, proto)
    assert got == [repr(expected), 1]


def test_invalid_tipc_type_through_recvfrom(fault_worker):
    """The ValueError leaves the call as the stdlib's does (the datagram is
    consumed: makesockaddr runs after the receive)."""
    got = fault_worker.run(scenario_each_call, "recvfrom", "tipc_type4", AF_TIPC, "SOCK_RDM", 0)
    assert got == [repr(INVALID), 1]


def scenario_refused(mod, faults, spec):
    try:
        faults.set(spec)
        return None
    except ValueError as e:
        return str(e)


@pytest.mark.parametrize("spec, reason", [
    ("getsockname=address:can_raw", "address applies to addr_decode"),
    ("addr_decode=address:nosuch", "address:FORM"),
    ("addr_decode=address", "address:FORM"),
])
def test_address_fault_refusals(fault_worker, spec, reason):
    got = fault_worker.run(scenario_refused, spec)
    assert got is not None and reason in got, got
