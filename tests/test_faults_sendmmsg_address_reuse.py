"""pysock's sendmmsg parses the address object of a batch once: messages
that give the very same immutable address object as the message before
reuse its native address, so a host name is looked up once for them (an
equal address given as another object is parsed again). The fault backend
counts the lookups: a rule that fires on every getaddrinfo without
changing it (delay:0)."""
import sys

import pytest

pytestmark = pytest.mark.pysock_only


def scenario_lookups(mod, faults):
    if not hasattr(mod.socket, "sendmmsg"):
        return "skip"
    a, b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM), mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    with a, b:
        b.bind(("127.0.0.1", 0))
        to = ("localhost", b.getsockname()[1])
        counts = []
        for batch in ([to, to, to], [to, to, tuple(list(to))], [to]):
            faults.set("getaddrinfo=delay:0")
            sent = a.sendmmsg([([str(i).encode()], [], addr) for i, addr in enumerate(batch)])
            counts.append([sent, faults.injected()])
            faults.set("")
        b.settimeout(10)
        received = [b.recv(16).decode() for _ in range(7)]
        return counts, received


def test_one_lookup_per_address_object(fault_worker):
    result = fault_worker.run(scenario_lookups)
    if result == "skip":
        pytest.skip("no sendmmsg here")
    counts, received = result
    assert counts == [[3, 1], [3, 2], [1, 1]]
    assert received == ["0", "1", "2", "0", "1", "2", "0"]
