"""The control bytes sendmsg builds, seen whole: the fault backend sends a
message's control data as its data (`sendmsg=control_as_data`), so a UDP
receiver gets exactly what the binding handed the OS. Here for
sendmsg_afalg (on a socket that claims AF_ALG over a UDP descriptor, as
test_faults_family_addresses.py does: this kernel may have no AF_ALG, and
UDP ignores SOL_ALG items), whose op, IV and associated-data length no
look-alike could otherwise show, and for a plain sendmsg. The expected
bytes follow the Linux ABI: each item a struct cmsghdr (cmsg_len =
CMSG_LEN(data), level, type), its data, padding to CMSG_SPACE; ALG_SET_IV's
data is struct af_alg_iv, a native u32 length and the IV (linux/if_alg.h)."""
import socket as std
import struct
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AF_ALG and this cmsghdr layout are Linux's"),
]

# linux/socket.h, linux/if_alg.h
SOL_ALG, ALG_SET_IV, ALG_SET_OP, ALG_SET_AEAD_ASSOCLEN = 279, 2, 3, 4
AF_ALG = 38


def item(level, kind, data):
    """One control message as the kernel reads it."""
    header = struct.pack("@Nii", std.CMSG_LEN(len(data)), level, kind)
    return (header + data).ljust(std.CMSG_SPACE(len(data)), b"\0")


def scenario_afalg(mod, faults, op, iv, assoclen):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as rx:
        rx.bind(("127.0.0.1", 0))
        rx.settimeout(10)
        udp = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
        udp.connect(rx.getsockname())
        with mod.socket(AF_ALG, mod.SOCK_SEQPACKET, 0, fileno=udp.detach()) as alg:
            faults.set("sendmsg=control_as_data*1")
            kwargs = {"op": op}
            if iv is not None:
                kwargs["iv"] = bytes.fromhex(iv)
            if assoclen is not None:
                kwargs["assoclen"] = assoclen
            alg.sendmsg_afalg([b"message"], **kwargs)
        return [rx.recv(4096).hex(), faults.injected()]


@pytest.mark.parametrize("op, iv, assoclen", [
    (1, None, None),
    (0, "00112233445566778899aabbccddeeff", None),
    (1, "0102030405060708090a0b0c", 16),
    (0, "ab" * 100, 0),   # an IV past the stack buffer (64 bytes): the heap copy
], ids=["op-only", "iv", "iv-assoclen", "long-iv"])
def test_sendmsg_afalg_builds_the_kernels_items(fault_worker, op, iv, assoclen):
    got, injected = fault_worker.run(scenario_afalg, op, iv, assoclen)
    expected = item(SOL_ALG, ALG_SET_OP, struct.pack("@I", op))
    if iv is not None:
        raw = bytes.fromhex(iv)
        expected += item(SOL_ALG, ALG_SET_IV, struct.pack("@I", len(raw)) + raw)
    if assoclen is not None:
        expected += item(SOL_ALG, ALG_SET_AEAD_ASSOCLEN, struct.pack("@I", assoclen))
    assert (bytes.fromhex(got), injected) == (expected, 1)


def scenario_plain(mod, faults, items):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as rx, mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as tx:
        rx.bind(("127.0.0.1", 0))
        rx.settimeout(10)
        faults.set("sendmsg=control_as_data*1")
        tx.sendmsg([b"data"], [(level, kind, bytes.fromhex(data)) for level, kind, data in items], 0,
                   rx.getsockname())
        return [rx.recv(4096).hex(), faults.injected()]


def test_sendmsg_items_in_order_with_their_padding(fault_worker):
    items = [(std.IPPROTO_IP, 1, "01"), (std.SOL_SOCKET, 2, "0102030405"), (7, 8, "")]
    got, injected = fault_worker.run(scenario_plain, items)
    expected = b"".join(item(level, kind, bytes.fromhex(data)) for level, kind, data in items)
    assert (bytes.fromhex(got), injected) == (expected, 1)
