"""An AF_PACKET address refused while it is read (a number past a C int, a
hardware address that is no buffer, a field of the wrong type) raises the
stdlib's error and never reaches the backend's address encoder, let alone
the system call. The fault backend counts the calls of `addr_encode` (a
`delay:0`, which fires and counts without changing the call). The errors
themselves are compared with the stdlib's in the same run."""
import sys

import pytest

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AF_PACKET is Linux's")]

BAD = [("lo", 2 ** 40), ("lo", 0, 2 ** 40), ("lo", 0, 0, -2 ** 40), ("lo", "x"),
       ("lo", 0, 0, 0, 5), ("lo", 0, 0, 0, "ab")]


def scenario_refusals(m, faults):
    try:
        p = m.socket(m.AF_PACKET, m.SOCK_DGRAM, 0)
    except PermissionError:
        return "skip"
    seen = []
    with p:
        for address in BAD:
            for name, call in (("bind", p.bind), ("connect", p.connect),
                               ("sendto", lambda a: p.sendto(b"x", a))):
                faults.set("addr_encode=delay:0")
                try:
                    call(address)
                    outcome = ["returned"]
                except Exception as e:  # noqa: BLE001 - compared with the stdlib's
                    outcome = [type(e).__name__, str(e)]
                seen.append([name, repr(address), outcome, faults.injected()])
                faults.set("")
    return seen


def test_refused_packet_addresses_reach_no_encoder(fault_worker):
    import socket

    import faultutil

    got = fault_worker.run(scenario_refusals)
    if got == "skip":
        pytest.skip("AF_PACKET needs CAP_NET_RAW")
    expected = scenario_refusals(socket, faultutil.NoFaults())
    assert [row[:3] for row in got] == [row[:3] for row in expected]
    assert all(row[2][0] in ("OverflowError", "TypeError") for row in got), got
    assert [row for row in got if row[3] != 0] == []
