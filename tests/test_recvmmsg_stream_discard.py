"""recvmmsg with MSG_TRUNC on a TCP stream: Linux discards the bytes it
reports and writes none, so the message's data is zeros of the reported
length (as pysock's recv gives with MSG_TRUNC), never memory, whether the
block is on the stack or from the heap; the stream goes on after them."""
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a stream read with MSG_TRUNC discards on Linux"),
]


@pytest.mark.parametrize("size", [16, 20000])
def test_recvmmsg_truncating_stream_read_gives_zeros(pysock, size):
    if not hasattr(pysock.socket, "recvmmsg") or not hasattr(pysock, "MSG_TRUNC"):
        pytest.skip("no recvmmsg / MSG_TRUNC here")
    payload = bytes(i % 251 + 1 for i in range(2 * size))
    with pysock.create_server(("127.0.0.1", 0)) as server, \
            pysock.create_connection(server.getsockname(), timeout=10) as client:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(10)
            client.sendall(payload)
            client.shutdown(pysock.SHUT_WR)
            [(data, ancdata, flags, addr)] = conn.recvmmsg(1, size, 0, pysock.MSG_TRUNC)
            assert 0 < len(data) <= size
            assert data == bytes(len(data))
            assert ancdata == []
            rest = b""
            while chunk := conn.recv(65536):
                rest += chunk
            assert rest == payload[len(data):]
