"""A received sender's address that cannot be turned into Python (its text
form fails: `inet_ntop` made to fail by the fault backend, as an OS out of
memory would) raises, and what the call had already made is freed: the
datagram's bytes (recvfrom, recvmsg, recvmmsg), the accepted descriptor
(accept). No real address fails to decode on the OSes here, so only an
injected fault reaches these paths; the stdlib has no such failure to
compare with, and the same scenario run through it (no faults) shows the
calls themselves keep nothing."""
import gc
import tracemalloc

import pytest

from test_faults_leaks import open_handles

pytestmark = pytest.mark.pysock_only

ROUNDS = 64
# A datagram kept per round is ROUNDS * PAYLOAD = 3.8 MB; the slack is for
# the allocator's free lists and the tracemalloc bookkeeping.
PAYLOAD = 60_000
PYTHON_MEMORY_SLACK = 256 * 1024

DATAGRAM_READS = ["recvfrom", "recvmsg", "recvmmsg"]


def _udp_pair(mod):
    a, b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM), mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    b.bind(("127.0.0.1", 0))
    b.settimeout(10)
    return a, b


def _distinct(outcomes):
    """The different (exception, faults injected) pairs seen, as lists (JSON's form)."""
    return [list(o) for o in sorted(set(outcomes), key=repr)]


def _read(sock, method):
    if method == "recvmmsg":
        return sock.recvmmsg(1, PAYLOAD + 100)
    return getattr(sock, method)(PAYLOAD + 100)


def scenario_datagram_address_fails(mod, faults, method):
    """Per round: one datagram arrives, its sender's address fails to decode."""
    a, b = _udp_pair(mod)
    with a, b:
        where = b.getsockname()
        payload = b"d" * PAYLOAD

        def round_():
            a.sendto(payload, where)
            faults.set("inet_ntop=enobufs")
            try:
                _read(b, method)
                raised = None
            except OSError as e:
                raised = type(e).__name__
            injected = faults.injected()
            faults.set("")
            return raised, injected

        for _ in range(8):  # warm-up: caches, lazy imports, arenas
            round_()
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        outcomes = [round_() for _ in range(ROUNDS)]
        gc.collect()
        growth = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        return {"outcomes": _distinct(outcomes), "growth": growth}


def scenario_accept_address_fails(mod, faults):
    """Per round: a connection is accepted, its peer's address fails to decode."""
    lst = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
    with lst:
        lst.bind(("127.0.0.1", 0))
        lst.listen(4)
        lst.settimeout(10)
        where = lst.getsockname()

        def round_():
            with mod.create_connection(where, timeout=10):
                faults.set("inet_ntop=enobufs")
                try:
                    lst.accept()[0].close()
                    raised = None
                except OSError as e:
                    raised = type(e).__name__
                injected = faults.injected()
                faults.set("")
            return raised, injected

        round_()
        handles = open_handles()
        outcomes = [round_() for _ in range(ROUNDS)]
        return {"outcomes": _distinct(outcomes), "handles": [handles, open_handles()]}


@pytest.mark.parametrize("method", DATAGRAM_READS)
def test_received_data_freed_when_the_address_fails(fault_worker, pysock, method):
    if not hasattr(pysock.socket, method):
        pytest.skip(f"no {method} on this platform")
    report = fault_worker.run(scenario_datagram_address_fails, method)
    # Every round raised, each after the one injected failure.
    assert report["outcomes"] == [["OSError", 1]], report
    assert report["growth"] < PYTHON_MEMORY_SLACK, report


def test_accepted_handle_closed_when_the_address_fails(fault_worker, pysock):
    report = fault_worker.run(scenario_accept_address_fails)
    assert report["outcomes"] == [["OSError", 1]], report
    before, after = report["handles"]
    assert after == before, report


@pytest.mark.parametrize("method", ["recvfrom", "recvmsg"])
def test_same_reads_keep_nothing_in_the_stdlib(method):
    """The scenario's own bookkeeping (without the failure) keeps nothing:
    the growth the pysock test bounds is the binding's."""
    import socket

    from faultutil import NoFaults

    if not hasattr(socket.socket, method):
        pytest.skip(f"no {method} on this platform")

    report = scenario_datagram_address_fails(socket, NoFaults(), method)
    assert report["outcomes"] == [[None, None]], report
    assert report["growth"] < PYTHON_MEMORY_SLACK, report
