"""A typed program over pysock's API, checked by `mypy --strict` in
tests/test_typing.py and run there as a program: a TCP echo through
create_server/create_connection, a UDP round trip, makefile, name service,
the enums, tcp_info() and batch datagrams. Every value has the type the stub gives it."""
import pysock as socket


def tcp_echo(payload: bytes) -> bytes:
    with socket.create_server(("127.0.0.1", 0)) as server:
        host, port = server.getsockname()[:2]
        with socket.create_connection((host, port), timeout=5.0) as client:
            conn, _peer = server.accept()
            with conn:
                client.sendall(payload)
                received = bytearray(len(payload))
                view = memoryview(received)
                got = 0
                while got < len(payload):
                    n = conn.recv_into(view[got:])
                    if n == 0:
                        break
                    got += n
                conn.sendall(received[:got])
                answer = b""
                while len(answer) < got:
                    chunk = client.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
                return answer


def udp_roundtrip(payload: bytes) -> tuple[bytes, int]:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
        a.bind(("127.0.0.1", 0))
        a.settimeout(5.0)
        b.sendto(payload, a.getsockname())
        data, sender = a.recvfrom(2048)
        port: int = sender[1]
        return data, port


def lines_through_makefile() -> list[str]:
    left, right = socket.socketpair()
    with left, right:
        writer = left.makefile("wb")
        writer.write(b"one\ntwo\n")
        writer.flush()
        writer.close()
        left.shutdown(socket.SHUT_WR)
        reader = right.makefile("r", encoding="ascii")
        lines = [line.rstrip("\n") for line in reader]
        reader.close()
        return lines


def names() -> list[str]:
    out: list[str] = []
    for family, kind, proto, _canon, sockaddr in socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET,
                                                                     socket.SOCK_STREAM, timeout=2.0):
        fam: socket.AddressFamily = family
        sk: socket.SocketKind = kind
        out.append(f"{fam.name} {sk.name} {proto} {sockaddr[0]}")
    packed: bytes = socket.inet_pton(socket.AF_INET6, "::1")
    out.append(socket.inet_ntop(socket.AF_INET6, packed))
    out.append(str(socket.htons(80)))
    timeout: float | None = socket.getdefaulttimeout()
    out.append(repr(timeout))
    return out


def tcp_state() -> tuple[str | None, int | None]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        with socket.create_connection(server.getsockname()[:2], timeout=5.0) as client:
            conn, _peer = server.accept()
            conn.close()
            info: socket.TcpInfo = client.tcp_info()
            rtt: int | None = info.rtt_us
            return info.state_name, rtt


def batch_roundtrip() -> list[bytes]:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
        a.bind(("127.0.0.1", 0))
        a.settimeout(5.0)
        sent: int = b.sendmmsg([([b"one"], [], a.getsockname()), ([b"two"], [], a.getsockname())])
        assert sent == 2
        got: list[bytes] = []
        while len(got) < 2:
            got += [data for data, _anc, _flags, _addr in a.recvmmsg(8, 64)]
        return got


def main() -> None:
    assert tcp_echo(b"x" * 10000) == b"x" * 10000
    data, port = udp_roundtrip(b"ping")
    assert data == b"ping" and port > 0
    assert lines_through_makefile() == ["one", "two"]
    print("\n".join(names()))
    assert batch_roundtrip() == [b"one", b"two"]
    state, rtt = tcp_state()
    print("tcp", state, rtt is None or rtt >= 0)
    try:
        socket.getaddrinfo("name.invalid", None, flags=socket.AI_NUMERICHOST)
    except socket.gaierror as e:
        print("gaierror", e.errno == socket.EAI_NONAME)


if __name__ == "__main__":
    main()
