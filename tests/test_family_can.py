"""AF_CAN on a virtual CAN interface, only ever inside a private network
namespace the test makes (`unshare -n`), so the machine is left as it was.
A script run there drives the stdlib and pysock through the same steps
(CAN_RAW frames, bind/getsockname, CAN_BCM connect, ISO-TP and J1939
address round trips) and the results must be equal. Every missing piece
(CAN in the kernel, unshare, the vcan driver) is probed and skips with the
exact reason."""
import socket as std
import textwrap

import pytest

from familyutil import family_socket_or_skip
from netnsutil import run_in_private_network

# The protocol numbers below are the stdlib's: without AF_CAN it has none.
pytestmark = pytest.mark.skipif(not hasattr(std, "AF_CAN"),
                                reason="the stdlib socket module has no AF_CAN on this platform")

SCRIPT = textwrap.dedent(r'''
    import json, struct, subprocess, sys
    import socket as std
    import pysock

    r = subprocess.run(["ip", "link", "add", "dev", "vcan0", "type", "vcan"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(json.dumps({"skip": "ip link add dev vcan0 type vcan: " + (r.stderr or r.stdout).strip()}))
        sys.exit(0)
    subprocess.run(["ip", "link", "set", "vcan0", "up"], check=True)

    FRAME = struct.Struct("=IB3x8s")  # struct can_frame

    def outcome(fn):
        try:
            return repr(fn())
        except Exception as e:
            return repr((type(e).__name__, getattr(e, "errno", None), str(e)))

    def run(mod):
        res = {}
        a = mod.socket(mod.AF_CAN, mod.SOCK_RAW, mod.CAN_RAW)
        b = mod.socket(mod.AF_CAN, mod.SOCK_RAW, mod.CAN_RAW)
        anyif = mod.socket(mod.AF_CAN, mod.SOCK_RAW, mod.CAN_RAW)
        res["raw_unbound"] = outcome(a.getsockname)
        a.bind(("vcan0",))
        b.bind(("vcan0",))
        anyif.bind(("",))
        res["raw_name"] = outcome(a.getsockname)
        res["raw_any_name"] = outcome(anyif.getsockname)
        a.send(FRAME.pack(0x123, 3, b"abc"))
        b.settimeout(5)
        res["raw_recvfrom"] = outcome(lambda: b.recvfrom(FRAME.size))
        res["raw_sendto"] = outcome(lambda: a.sendto(FRAME.pack(0x124, 1, b"z"), ("vcan0",)))
        res["raw_recv2"] = outcome(lambda: b.recvfrom(FRAME.size))
        for s in (a, b, anyif):
            s.close()

        bcm = mod.socket(mod.AF_CAN, mod.SOCK_DGRAM, mod.CAN_BCM)
        res["bcm_connect"] = outcome(lambda: bcm.connect(("vcan0",)))
        res["bcm_peer"] = outcome(bcm.getpeername)
        bcm.close()

        try:
            iso = mod.socket(mod.AF_CAN, mod.SOCK_DGRAM, mod.CAN_ISOTP)
        except OSError as e:
            res["isotp"] = repr(("socket", e.errno))
        else:
            res["isotp_bind"] = outcome(lambda: iso.bind(("vcan0", 0x123, 0x456)))
            res["isotp_name"] = outcome(iso.getsockname)
            iso.close()

        try:
            j = mod.socket(mod.AF_CAN, mod.SOCK_DGRAM, mod.CAN_J1939)
        except OSError as e:
            res["j1939"] = repr(("socket", e.errno))
        else:
            res["j1939_bind"] = outcome(lambda: j.bind(("vcan0", mod.J1939_NO_NAME, mod.J1939_NO_PGN, 0x20)))
            res["j1939_name"] = outcome(j.getsockname)
            j.close()
        return res

    print(json.dumps({"socket": run(std), "pysock": run(pysock)}))
''')


def run_in_namespace():
    return run_in_private_network(SCRIPT)


def test_can_on_vcan_like_stdlib(pysock):
    family_socket_or_skip(std, "AF_CAN", "SOCK_RAW", std.CAN_RAW).close()
    family_socket_or_skip(pysock, "AF_CAN", "SOCK_RAW", std.CAN_RAW).close()
    report = run_in_namespace()
    assert report["pysock"] == report["socket"]
    got = report["pysock"]
    assert got["raw_name"] == repr(("vcan0",))
    assert got["raw_any_name"] == repr(("",))
    assert "b'#\\x01\\x00\\x00\\x03" in got["raw_recvfrom"]  # can_id 0x123, dlc 3


def test_can_socket_creation_like_stdlib(pysock):
    outcomes = []
    for mod in (std, pysock):
        row = []
        for kind, proto in (("SOCK_RAW", "CAN_RAW"), ("SOCK_DGRAM", "CAN_BCM"),
                            ("SOCK_DGRAM", "CAN_ISOTP"), ("SOCK_DGRAM", "CAN_J1939")):
            try:
                s = mod.socket(mod.AF_CAN, getattr(mod, kind), getattr(mod, proto))
            except OSError as e:
                row.append(("error", e.errno))
            else:
                row.append(("ok", s.family, s.type, s.proto))
                s.close()
        outcomes.append(row)
    assert outcomes[0] == outcomes[1]
