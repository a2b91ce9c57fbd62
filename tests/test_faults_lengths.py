"""The zero-fill rule on every backend: a read whose reported length passes
its buffer (Linux's MSG_TRUNC for a cut datagram, injected here as the
fault `truncated` so that Windows is held to it too) gives the stdlib's
length with zeros past what the buffer received, and the *_into forms write
nothing outside the caller's buffer (README, "Deliberate differences")."""
import pytest

pytestmark = pytest.mark.pysock_only

EXTRA = 3000
DATA = bytes(range(256)) * 80


def scenario_truncated(mod, faults, method, size):
    a, b = mod.socketpair()
    with a, b:
        b.settimeout(10)
        a.sendall(DATA)
        b.recv(1, mod.MSG_PEEK)  # until the bytes are there
        entry = {"recv_into": "recv", "recvfrom_into": "recvfrom", "recvmsg": "recvmsg"}.get(method, method)
        faults.set(f"{entry}@{b.fileno()}=truncated:{EXTRA}")
        if method.endswith("_into"):
            buf = bytearray(b"\xee" * (size + 64))
            result = getattr(b, method)(memoryview(buf)[:size])
            n = result if method == "recv_into" else result[0]
            return [n, bytes(buf[:size]) == DATA[:size], bytes(buf[size:]) == b"\xee" * 64]
        if method == "recvmsg":
            data, _, flags, _ = b.recvmsg(size)
            return [len(data), data == DATA[:size], bool(flags & mod.MSG_TRUNC)]
        result = getattr(b, method)(size)
        data = result if method == "recv" else result[0]
        return [len(data), data[:size] == DATA[:size], data[size:] == bytes(len(data) - size)]


@pytest.mark.parametrize("size", [16, 9000])
@pytest.mark.parametrize("method", ["recv", "recvfrom", "recv_into", "recvfrom_into", "recvmsg"])
def test_reported_length_past_the_buffer(fault_worker, pysock, method, size):
    if not hasattr(pysock.socket, method):
        pytest.skip(f"no {method} on this platform (as in the stdlib)")
    length, head_ok, rest_ok = fault_worker.run(scenario_truncated, method, size)
    # recvmsg never grows its result (the stdlib's rule): MSG_TRUNC says it was cut.
    assert length == (size if method == "recvmsg" else size + EXTRA)
    assert head_ok and rest_ok
