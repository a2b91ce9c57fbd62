"""Connection setup over TCP loopback: create_connection, accept, one byte
each way (the check), close both ends. One operation is one connection."""
from _bench import Workload, expect, timed


def _run(mod, n):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        address = listener.getsockname()

        def loop(n):
            create_connection, accept, bad = mod.create_connection, listener.accept, 0
            for i in range(n):
                client = create_connection(address)
                server, _ = accept()
                byte = bytes([i & 0xFF])
                client.sendall(byte)
                if server.recv(1) != byte:
                    bad += 1
                server.close()
                client.close()
            return bad
        seconds, bad = timed(loop, n)
    expect(bad == 0, f"{bad} connections lost their byte")
    return seconds, n


WORKLOADS = [
    Workload("connect+accept+close TCP", _run, n=1000, quick_n=100, floor="connect"),
]
