"""TLS over loopback: pysock's TLS class against the stdlib's ssl.SSLSocket.

Two workloads, each through `ssl.SSLContext.wrap_socket()` over sockets of
the module measured (TLS 1.3, certificates made for the run):

- tls-bulk: the client sends MiB of data, a server thread reads it all and
  answers one byte; time from the first byte to the answer.
- tls-pingpong: 64-byte request, 64-byte answer from a server thread, many
  round trips.

Runs of the stdlib and of pysock are interleaved; the best of the repeats is
reported with the pysock/stdlib time ratio (below 1.0: pysock is faster).

    python bench/tls.py [--megabytes 64] [--round-trips 20000] [--repeats 3]

Both also run as workloads of the suite (`WORKLOADS`, in `nox -s bench`'s
table), the data checked (byte count and CRC of what the server received;
every echo compared). No assertion on timings.
"""
import argparse
import atexit
import os
import shutil
import socket as stdlib_socket
import ssl
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests"))
import tlscerts  # noqa: E402  (tests/tlscerts.py: certificates made at run time)
from _bench import Workload, crc, expect, payload  # noqa: E402

PAYLOAD = b"x" * 64
CHUNK = 256 * 1024


def _contexts(folder):
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
    client = ssl.create_default_context(cafile=os.path.join(folder, "ca.pem"))
    return server, client


def _connected(mod, contexts, serve):
    """A TLS client socket of mod connected to a server thread running serve(tls)."""
    server_context, client_context = contexts
    listener = mod.create_server(("127.0.0.1", 0))

    def accept():
        conn, _ = listener.accept()
        listener.close()
        conn.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
        with server_context.wrap_socket(conn, server_side=True) as tls:
            serve(tls)

    thread = threading.Thread(target=accept)
    thread.start()
    raw = mod.create_connection(listener.getsockname())
    raw.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
    return client_context.wrap_socket(raw, server_hostname="localhost"), thread


def bulk(mod, contexts, megabytes):
    """Seconds to send `megabytes` MiB through TLS and get the answer."""
    total = megabytes << 20

    def serve(tls):
        buffer = bytearray(CHUNK)
        received = 0
        while received < total:
            n = tls.recv_into(buffer)
            if not n:
                raise RuntimeError("connection closed early")
            received += n
        tls.sendall(b"!")

    tls, thread = _connected(mod, contexts, serve)
    data = b"\0" * CHUNK
    with tls:
        start = time.perf_counter()
        for _ in range(total // CHUNK):
            tls.sendall(data)
        if tls.recv(1) != b"!":
            raise RuntimeError("no answer")
        elapsed = time.perf_counter() - start
    thread.join()
    return elapsed


def pingpong(mod, contexts, round_trips):
    """Seconds for `round_trips` 64-byte request/answer exchanges."""
    def serve(tls):
        while data := tls.recv(64):
            tls.sendall(data)

    tls, thread = _connected(mod, contexts, serve)
    with tls:
        for _ in range(100):  # warm-up
            tls.sendall(PAYLOAD)
            tls.recv(64)
        start = time.perf_counter()
        for _ in range(round_trips):
            tls.sendall(PAYLOAD)
            if len(tls.recv(64)) != 64:
                raise RuntimeError("short answer")
        elapsed = time.perf_counter() - start
    thread.join()
    return elapsed


# -- as workloads of the suite (bench/run.py) ----------------------------------------------

_suite_contexts = []


def _contexts_for_suite():
    """The two contexts, over certificates made once per process."""
    if not _suite_contexts:
        folder = tempfile.mkdtemp(prefix="pysock-bench-tls-")
        atexit.register(shutil.rmtree, folder, True)
        certs = tlscerts.make(folder)
        if certs is None:
            raise RuntimeError("no openssl command or cryptography package to make certificates")
        _suite_contexts.extend(_contexts(certs))
    return tuple(_suite_contexts)


def _suite_bulk(mod, n):
    """n chunks of 256 KiB through TLS; the server checks count and CRC."""
    block = payload(CHUNK)
    got = {}

    def serve(tls):
        buffer, received, value = bytearray(CHUNK), 0, 0
        view = memoryview(buffer)
        while received < n * CHUNK:
            k = tls.recv_into(buffer)
            expect(k > 0, "connection closed early")
            value = crc(view[:k], value)
            received += k
        got["check"] = (received, value)
        tls.sendall(b"!")

    tls, thread = _connected(mod, _contexts_for_suite(), serve)
    with tls:
        start = time.perf_counter()
        for _ in range(n):
            tls.sendall(block)
        expect(tls.recv(1) == b"!", "the server's answer")
        elapsed = time.perf_counter() - start
    thread.join()
    expected = 0
    for _ in range(n):
        expected = crc(block, expected)
    expect(got["check"] == (n * CHUNK, expected), f"received {got['check']}")
    return elapsed, got["check"]


def _suite_pingpong(mod, n):
    """n 64-byte round trips through TLS, each answer checked."""
    def serve(tls):
        while data := tls.recv(64):
            tls.sendall(data)

    tls, thread = _connected(mod, _contexts_for_suite(), serve)
    value = 0
    with tls:
        start = time.perf_counter()
        for _ in range(n):
            tls.sendall(PAYLOAD)
            answer = tls.recv(64)
            expect(answer == PAYLOAD, "the echoed 64 bytes")
            value = crc(answer, value)
        elapsed = time.perf_counter() - start
    thread.join()
    return elapsed, (n, value)


WORKLOADS = [
    Workload("TLS bulk (per 256 KiB)", _suite_bulk, n=256, quick_n=16),
    Workload("TLS ping-pong 64 B", _suite_pingpong, n=5000, quick_n=200),
]


def run(megabytes=64, round_trips=20000, repeats=3):
    """[(workload, unit, stdlib figure, pysock figure, time ratio)] for each
    workload; figures are the best of `repeats` interleaved runs."""
    import pysock

    modules = [stdlib_socket, pysock]
    with tempfile.TemporaryDirectory() as folder:
        certs = tlscerts.make(folder)
        if certs is None:
            raise RuntimeError("no openssl command or cryptography package to make certificates")
        contexts = _contexts(certs)
        rows = []
        for name, unit, measure, amount in (
                ("tls-bulk", "MiB/s", bulk, megabytes),
                ("tls-pingpong", "us/round trip", pingpong, round_trips)):
            best = {mod: float("inf") for mod in modules}
            for _ in range(repeats):
                for mod in modules:
                    best[mod] = min(best[mod], measure(mod, contexts, amount))
            std, py = best[stdlib_socket], best[pysock]
            if unit == "MiB/s":
                figures = (amount / std, amount / py)
            else:
                figures = (std / amount * 1e6, py / amount * 1e6)
            rows.append((name, unit, *figures, py / std))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=64)
    parser.add_argument("--round-trips", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args(argv)
    print(f"TLS over loopback ({ssl.OPENSSL_VERSION}, best of {options.repeats})")
    print(f"{'workload':<14} {'unit':<14} {'stdlib':>10} {'pysock':>10} {'time ratio':>11}")
    for name, unit, std, py, ratio in run(options.megabytes, options.round_trips, options.repeats):
        print(f"{name:<14} {unit:<14} {std:>10.1f} {py:>10.1f} {ratio:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
