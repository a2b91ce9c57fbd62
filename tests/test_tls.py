"""TLS over pysock sockets through ssl.SSLContext.wrap_socket().

Each scenario runs with the stdlib's sockets and with pysock's in the same
run (the `mod` fixture), both sides of the connection made by that module,
and the outcomes are compared; with pysock, the wrapped sockets must be
pysock's TLS class (never a fallback to CPython's socket type).
Certificates are made at test time (tests/tlscerts.py) for loopback.
"""
import errno
import gc
import io
import os
import select
import ssl
import struct
import subprocess
import sys
import threading
import warnings

import pytest

import tlscerts
from sockutil import closed_port, count_fds

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    folder = tlscerts.make(str(tmp_path_factory.mktemp("certs")))
    if folder is None:
        pytest.skip("no openssl command, cryptography package or PYSOCK_TEST_CERTS here")
    return {name[:-4]: os.path.join(folder, name) for name in tlscerts.NAMES}


@pytest.fixture
def server_context(certs):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs["cert"], certs["key"])
    return context


@pytest.fixture
def client_context(certs):
    return ssl.create_default_context(cafile=certs["ca"])


def assert_tls_class(mod, *socks):
    """With pysock, every TLS socket is pysock's class over a pysock socket."""
    for sock in socks:
        if mod.__name__ == "pysock":
            from pysock import _tls
            assert type(sock) is _tls.SSLSocket
        else:
            assert type(sock) is ssl.SSLSocket


class Peer:
    """Runs serve(listener) in a thread over a listening socket of mod."""

    def __init__(self, mod, serve):
        self.listener = mod.create_server(("127.0.0.1", 0))
        self.address = self.listener.getsockname()
        self.error = None
        self.result = None
        self._thread = threading.Thread(target=self._run, args=(serve,))
        self._thread.start()

    def _run(self, serve):
        try:
            self.result = serve(self.listener)
        except BaseException as exc:  # reported in join()
            self.error = exc
        finally:
            self.listener.close()

    def join(self):
        self._thread.join(30)
        assert not self._thread.is_alive()
        if self.error is not None:
            raise self.error
        return self.result


def tls_server(server_context, handle, **wrap):
    """A serve() that accepts one connection, wraps it, and runs handle(conn)."""
    def serve(listener):
        conn, _ = listener.accept()
        conn.settimeout(20)
        with server_context.wrap_socket(conn, server_side=True, **wrap) as tls:
            return handle(tls)
    return serve


def echo(tls):
    version = tls.version()
    while data := tls.recv(65536):
        tls.sendall(data)
    return version


def test_handshake_and_bulk_echo(mod, server_context, client_context):
    peer = Peer(mod, tls_server(server_context, echo))
    payload = os.urandom(1 << 20)
    with mod.create_connection(peer.address, timeout=20) as raw:
        with client_context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert_tls_class(mod, tls)
            assert raw.fileno() == -1  # wrap_socket took the descriptor
            assert tls.server_hostname == "localhost" and not tls.server_side
            assert tls.version() == "TLSv1.3"
            assert dict(x[0] for x in tls.getpeercert()["subject"]) == {"commonName": "localhost"}
            assert isinstance(tls.getpeercert(binary_form=True), bytes)
            assert tls.cipher()[1] == "TLSv1.3"
            assert tls.recv(0) == b""  # at once, with nothing received
            tls.sendall(payload)
            received = bytearray()
            buffer = bytearray(50000)
            while len(received) < len(payload):
                if len(received) % 2:
                    received += tls.recv(70000)
                else:
                    n = tls.recv_into(buffer)
                    received += buffer[:n]
            assert bytes(received) == payload
            assert tls.pending() == 0
            assert type(tls.session) is ssl.SSLSession and tls.session_reused is False
            if hasattr(tls, "get_verified_chain"):  # 3.13: the server's certificate, then its CA's
                assert len(tls.get_verified_chain()) == 2 and len(tls.get_unverified_chain()) == 1
            tls.shutdown(mod.SHUT_WR)
    assert peer.join() == "TLSv1.3"


def test_server_side_through_a_wrapped_listener_and_client_certificates(mod, certs, server_context,
                                                                      client_context):
    server_context.verify_mode = ssl.CERT_REQUIRED
    server_context.load_verify_locations(certs["ca"])
    client_context.load_cert_chain(certs["cert"], certs["key"])

    def serve(listener):
        with server_context.wrap_socket(listener, server_side=True) as tls_listener:
            conn, _ = tls_listener.accept()
            with conn:
                assert_tls_class(mod, tls_listener, conn)
                assert conn.server_side
                conn.sendall(conn.recv(100).upper())
                return dict(x[0] for x in conn.getpeercert()["subject"])

    peer = Peer(mod, serve)
    with client_context.wrap_socket(mod.socket(), server_hostname="localhost") as tls:
        tls.settimeout(20)
        tls.connect(peer.address)  # connect(), then the handshake
        assert_tls_class(mod, tls)
        tls.sendall(b"hello")
        assert tls.recv(100) == b"HELLO"
    assert peer.join() == {"commonName": "localhost"}


def test_makefile_and_sendfile(mod, tmp_path, server_context, client_context):
    def handle(tls):
        with tls.makefile("rwb") as stream:
            line = stream.readline()
            stream.write(b"got " + line)
            stream.flush()
            return stream.read(4096 * 3)

    peer = Peer(mod, tls_server(server_context, handle))
    content = os.urandom(4096 * 3)
    path = tmp_path / "payload"
    path.write_bytes(content)
    with client_context.wrap_socket(mod.create_connection(peer.address, timeout=20),
                                    server_hostname="localhost") as tls:
        with tls.makefile("rw", encoding="ascii", newline="\n") as text:
            text.write("first line\n")
            text.flush()
            assert text.readline() == "got first line\n"
        with open(path, "rb") as f:
            assert tls.sendfile(f) == len(content)
            assert f.tell() == len(content)
    assert peer.join() == content


def test_read_timeout_is_timeout_error(mod, server_context, client_context):
    release = threading.Event()

    def handle(tls):
        release.wait(20)
        return None

    peer = Peer(mod, tls_server(server_context, handle))
    try:
        with client_context.wrap_socket(mod.create_connection(peer.address, timeout=20),
                                        server_hostname="localhost") as tls:
            tls.settimeout(0.2)
            with pytest.raises(TimeoutError) as info:
                tls.recv(10)
            assert str(info.value) == "The read operation timed out"
    finally:
        release.set()
    peer.join()


def test_handshake_timeout_is_the_sockets(mod, client_context):
    """A peer that accepts and never answers the ClientHello: the handshake
    made by wrap_socket on a socket with a timeout ends with TimeoutError
    after that timeout, as the stdlib's does (the TLS layer waits with the
    socket's own timeout, not blocking)."""
    release = threading.Event()

    def serve(listener):
        conn, _ = listener.accept()
        with conn:
            release.wait(20)

    peer = Peer(mod, serve)
    try:
        with mod.create_connection(peer.address, timeout=0.3) as raw:
            with pytest.raises(TimeoutError) as info:
                client_context.wrap_socket(raw, server_hostname="localhost")
            assert "timed out" in str(info.value)
    finally:
        release.set()
    peer.join()


def test_non_blocking_use_with_want_read(mod, server_context, client_context):
    go = threading.Event()

    def handle(tls):
        go.wait(20)
        tls.sendall(b"late reply")
        return tls.recv(10)

    peer = Peer(mod, tls_server(server_context, handle))
    raw = mod.create_connection(peer.address, timeout=20)
    raw.setblocking(False)
    with client_context.wrap_socket(raw, server_hostname="localhost",
                                    do_handshake_on_connect=False) as tls:
        assert_tls_class(mod, tls)
        while True:  # the non-blocking handshake loop of the ssl documentation
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                select.select([tls], [], [], 20)
            except ssl.SSLWantWriteError:
                select.select([], [tls], [], 20)
        with pytest.raises(ssl.SSLWantReadError):
            tls.recv(100)
        go.set()
        data = b""
        while len(data) < len(b"late reply"):
            select.select([tls], [], [], 20)
            try:
                data += tls.recv(100)
            except ssl.SSLWantReadError:
                pass
        assert data == b"late reply"
        tls.setblocking(True)
        tls.sendall(b"done")
    assert peer.join() == b"done"


def test_blocking_handshake_on_a_non_blocking_socket(mod, server_context, client_context):
    """do_handshake(block=True) completes the handshake on a non-blocking
    socket, which stays non-blocking afterwards."""
    def handle(tls):
        return tls.recv(4)

    peer = Peer(mod, tls_server(server_context, handle))
    raw = mod.create_connection(peer.address, timeout=20)
    raw.setblocking(False)
    with client_context.wrap_socket(raw, server_hostname="localhost",
                                    do_handshake_on_connect=False) as tls:
        tls.do_handshake(block=True)
        assert tls.version() == "TLSv1.3" and tls.gettimeout() == 0.0
        tls.setblocking(True)
        tls.sendall(b"done")
    assert peer.join() == b"done"


def test_bulk_through_a_small_send_buffer(mod, server_context, client_context):
    """A send buffer smaller than one TLS record: under a timeout the socket
    takes each record in parts, and no byte of ciphertext is lost."""
    payload = os.urandom(300_000)

    def handle(tls):
        received = bytearray()
        while len(received) < len(payload):
            received += tls.recv(65536)
        return bytes(received) == payload

    peer = Peer(mod, tls_server(server_context, handle))
    with mod.socket() as raw:
        raw.setsockopt(mod.SOL_SOCKET, mod.SO_SNDBUF, 2048)
        raw.settimeout(20)
        raw.connect(peer.address)
        with client_context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(payload)
            assert peer.join() is True


def test_unwrap_back_to_plain_data(mod, server_context, client_context):
    def handle(tls):
        assert tls.recv(5) == b"tls!!"
        plain = tls.unwrap()
        plain.sendall(b"plain reply")
        return plain.recv(100)

    peer = Peer(mod, tls_server(server_context, handle))
    with client_context.wrap_socket(mod.create_connection(peer.address, timeout=20),
                                    server_hostname="localhost") as tls:
        tls.sendall(b"tls!!")
        plain = tls.unwrap()
        assert plain is tls if mod.__name__ == "pysock" else isinstance(plain, mod.socket)
        # The TLS object itself, its layer gone, reads as the plain socket.
        data, buf = b"", bytearray(100)
        while len(data) < 11:
            n = tls.recv_into(buf)
            data += buf[:n]
        assert data == b"plain reply"
        plain.sendall(b"bye")
        with pytest.raises(ValueError, match="No SSL wrapper"):
            tls.unwrap()
    assert peer.join() == b"bye"


def _outcome(fn):
    try:
        return ("ok", fn())
    except Exception as exc:  # noqa: BLE001 - compared between the modules
        return ("raise", type(exc).__name__, str(exc).split(" (_ssl.c")[0])


def test_wrong_host_name_fails_verification(mod, server_context, client_context):
    def serve(listener):
        conn, _ = listener.accept()
        with conn:
            return _outcome(lambda: server_context.wrap_socket(conn, server_side=True))

    peer = Peer(mod, serve)
    raw = mod.create_connection(peer.address, timeout=20)
    with pytest.raises(ssl.SSLCertVerificationError) as info:
        client_context.wrap_socket(raw, server_hostname="wrong.invalid")
    assert info.value.verify_message.startswith("Hostname mismatch")
    assert peer.join()[0] == "raise"


def test_connect_then_reset_keeps_the_peers_certificate(both, server_context, client_context):
    """connect() on a wrapped socket, then the peer resets the connection:
    the handshake's certificate is still there and a second connect() is
    refused, as with the stdlib (a socket connected through the TLS layer
    is taken as connected; getpeername would say ENOTCONN now)."""
    outcomes = []
    for mod in both:
        def serve(listener):
            conn, _ = listener.accept()
            conn.settimeout(20)
            tls = server_context.wrap_socket(conn, server_side=True)
            tls.sendall(b"bye")
            tls.recv(2)  # the client has read it
            # Closing with a zero linger time sends a reset, not a FIN.
            linger = struct.pack("HH" if os.name == "nt" else "ii", 1, 0)  # struct linger
            tls.setsockopt(mod.SOL_SOCKET, mod.SO_LINGER, linger)
            tls.close()

        peer = Peer(mod, serve)
        with client_context.wrap_socket(mod.socket(), server_hostname="localhost") as tls:
            tls.settimeout(20)
            tls.connect(peer.address)
            first = tls.recv(3)
            tls.sendall(b"ok")
            peer.join()
            while True:  # until the reset has arrived
                try:
                    if not tls.recv(100):
                        break
                except OSError:
                    break
            cert = _outcome(lambda: dict(x[0] for x in tls.getpeercert()["subject"]))
            again = _outcome(lambda: tls.connect(peer.address))
        outcomes.append((first, cert, again))
    if sys.platform == "win32":
        # The Windows stdlib (under Wine) forgets the handshake on a reset:
        # its getpeercert raises "handshake not done yet" where pysock's
        # still answers. A difference left open (closing note of stop 18).
        outcomes = [(first, again) for first, _, again in outcomes]
        assert outcomes[0] == (b"bye", ("raise", "ValueError", "attempt to connect already-connected SSLSocket!"))
    else:
        assert outcomes[0] == (b"bye", ("ok", {"commonName": "localhost"}),
                               ("raise", "ValueError", "attempt to connect already-connected SSLSocket!"))
    assert outcomes[0] == outcomes[1]


def test_failed_handshake_closes_the_tls_socket(both, client_context):
    """wrap_socket of a connected socket whose handshake fails (the peer
    speaks no TLS) closes what it made before raising: no unclosed socket is
    left for the garbage collector to warn about, as with the stdlib."""
    outcomes = []
    for mod in both:
        def serve(listener):
            conn, _ = listener.accept()
            with conn:
                conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")

        peer = Peer(mod, serve)
        raw = mod.create_connection(peer.address, timeout=20)
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            failure = _outcome(lambda: client_context.wrap_socket(raw, server_hostname="localhost"))
            gc.collect()
        peer.join()
        raw.close()
        outcomes.append((failure[:2], raw.fileno(), [str(w.message) for w in seen if w.category is ResourceWarning]))
    assert outcomes[0][0] == ("raise", "SSLError") and outcomes[0][2] == []
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("case", ["datagram", "no hostname", "server hostname", "server session"])
def test_bad_wrap_arguments_differential(both, server_context, client_context, case):
    outcomes = []
    for mod in both:
        sock = mod.socket(mod.AF_INET, mod.SOCK_DGRAM if case == "datagram" else mod.SOCK_STREAM)
        with sock:
            if case == "datagram":
                call = lambda: client_context.wrap_socket(sock, server_hostname="localhost")  # noqa: E731
            elif case == "no hostname":
                call = lambda: client_context.wrap_socket(sock)  # noqa: E731
            elif case == "server hostname":
                call = lambda: server_context.wrap_socket(sock, server_side=True, server_hostname="x")  # noqa: E731
            else:
                call = lambda: server_context.wrap_socket(sock, server_side=True, session=object())  # noqa: E731
            outcomes.append(_outcome(call))
    assert outcomes[0] == outcomes[1] and outcomes[0][0] == "raise"


def test_unconnected_tls_socket_refuses_io_like_the_stdlib(both, client_context):
    outcomes = []
    for mod in both:
        with client_context.wrap_socket(mod.socket(), server_hostname="localhost") as tls:
            outcomes.append([_outcome(f) for f in (
                lambda: tls.getpeercert(), lambda: tls.do_handshake(), lambda: tls.version(),
                lambda: tls.cipher(), lambda: tls.pending(), lambda: tls.dup(),
                lambda: tls.sendmsg([b"x"]), lambda: tls.recvmsg(1),
                # Without a TLS session these are the plain socket's calls.
                lambda: tls.recvfrom(1), lambda: tls.recvfrom_into(bytearray(4)),
                lambda: tls.sendto(b"x", ("127.0.0.1", 9)), lambda: tls.sendto(b"x", 0, ("127.0.0.1", 9)),
                lambda: tls.sendfile(io.BytesIO(b"data")),
                # Private, and read by other code all the same: False, not just falsy.
                lambda: tls._connected,
                lambda: tls.connect(("127.0.0.1", closed_port(mod))))])
    # The same outcome and exception class for each call (messages name the class).
    std_row, py_row = ([item[:2] for item in row] for row in outcomes)
    assert std_row == py_row


# -- HTTPS through the stdlib's clients ---------------------------------------------------------

def _https_server(mod, server_context, body):
    """An HTTPS server answering every GET with body (written by hand: this
    is the server side of the test, over the module under test)."""
    def handle(tls):
        with tls.makefile("rb") as request:
            while request.readline() not in (b"\r\n", b""):
                pass
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                    b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
        tls.sendall(body)
        return None
    return Peer(mod, tls_server(server_context, handle))


@pytest.mark.parametrize("client", ["http.client", "urllib.request"])
def test_https_through_the_stdlib_clients(mod, monkeypatch, server_context, client_context, client):
    import http.client
    import urllib.request

    # http.client makes its connections with socket.create_connection: with
    # the module under test in its place, they are that module's sockets.
    monkeypatch.setattr(http.client, "socket", mod)
    made = []
    original = client_context.wrap_socket

    def recording_wrap(sock, *args, **kwargs):
        made.append(original(sock, *args, **kwargs))
        return made[-1]

    monkeypatch.setattr(client_context, "wrap_socket", recording_wrap)
    body = os.urandom(1 << 20)
    peer = _https_server(mod, server_context, body)
    url = "https://localhost:%d/file" % peer.address[1]
    if client == "http.client":
        conn = http.client.HTTPSConnection("localhost", peer.address[1], context=client_context, timeout=20)
        conn.request("GET", "/file")
        response = conn.getresponse()
        assert response.status == 200
        assert response.read() == body
        conn.close()
    else:
        with urllib.request.urlopen(url, context=client_context, timeout=20) as response:
            assert response.read() == body
    peer.join()
    assert len(made) == 1
    assert_tls_class(mod, *made)


# -- whether ssl was imported before or after pysock took socket's place --------------------------

_ORDER_SCRIPT = r"""
import sys, threading
certs = sys.argv[2]
if sys.argv[1] == "ssl first":
    import ssl, http.client
    import pysock
    sys.modules["socket"] = pysock
    http.client.socket = pysock
else:
    import pysock
    sys.modules["socket"] = pysock
    import ssl, http.client
import socket
assert socket is pysock
server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_context.load_cert_chain(certs + "/cert.pem", certs + "/key.pem")
client_context = ssl.create_default_context(cafile=certs + "/ca.pem")
listener = socket.create_server(("127.0.0.1", 0))
def serve():
    conn, _ = listener.accept()
    with server_context.wrap_socket(conn, server_side=True) as tls:
        assert type(tls).__module__ == "pysock._tls", type(tls)
        tls.sendall(tls.recv(10)[::-1])
thread = threading.Thread(target=serve)
thread.start()
raw = socket.create_connection(listener.getsockname(), timeout=20)
with client_context.wrap_socket(raw, server_hostname="localhost") as tls:
    assert type(tls).__module__ == "pysock._tls", type(tls)
    tls.sendall(b"abc")
    print(tls.recv(10).decode(), type(tls).__qualname__)
thread.join()
"""


@pytest.mark.parametrize("order", ["ssl first", "pysock first"])
def test_wrap_socket_whichever_module_came_first(pysock, certs, order):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__))] + sys.path))
    done = subprocess.run([sys.executable, "-c", _ORDER_SCRIPT, order, os.path.dirname(certs["ca"])],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["cba", "SSLSocket"]


@pytest.mark.skipif(count_fds() is None, reason="needs /proc/self/fd (Linux)")
@pytest.mark.parametrize("end", ["close", "unwrap", "detach", "collect"])
def test_no_descriptor_outlives_the_tls_layer(mod, server_context, client_context, end):
    # pysock's TLS socket holds a second handle (the carrier _ssl drives):
    # every way TLS ends closes it, and only it.
    def handle(tls):
        assert tls.recv(4) == b"ping"
        tls.sendall(b"pong")
        try:
            tls.unwrap()
        except (OSError, ValueError):
            pass  # the client went without close_notify

    gc.collect()
    before = count_fds()
    peer = Peer(mod, tls_server(server_context, handle))
    raw = mod.create_connection(peer.address, timeout=20)
    tls = client_context.wrap_socket(raw, server_hostname="localhost")
    tls.sendall(b"ping")
    assert tls.recv(4) == b"pong"
    if end != "collect":
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            if end == "close":
                tls.close()
            elif end == "unwrap":
                tls.unwrap().close()
            else:
                mod.close(tls.detach())
            gc.collect()
        assert not [w for w in caught if issubclass(w.category, ResourceWarning)]  # closed, not collected
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            del tls, raw
            gc.collect()
    peer.join()
    gc.collect()
    assert count_fds() == before  # `tls` itself is still referenced but for "collect"


def handle_mode(sock):
    """The socket's timeout, getblocking() and, where the OS tells, the
    handle's own non-blocking flag."""
    flag = os.get_blocking(sock.fileno()) if os.name == "posix" else None
    return sock.gettimeout(), sock.getblocking(), flag


@pytest.mark.parametrize("later", [None, 0.0, 5.0], ids=["blocking", "non-blocking", "timeout"])
def test_unwrap_leaves_the_socket_mode(mod, server_context, client_context, later):
    """After unwrap() the plain socket keeps the mode last set on the TLS one:
    the handle shared with the TLS layer is left as it was."""
    def handle(tls):
        tls.unwrap()
        return True

    peer = Peer(mod, tls_server(server_context, handle))
    with client_context.wrap_socket(mod.create_connection(peer.address, timeout=20),
                                    server_hostname="localhost") as tls:
        tls.settimeout(later)
        before = handle_mode(tls)
        tls.settimeout(20)
        plain = tls.unwrap()
        after_unwrap = handle_mode(plain)
        plain.settimeout(later)
        modes = (before, after_unwrap, handle_mode(plain))
    assert peer.join() is True
    # (gettimeout, getblocking, os.get_blocking): the same for both modules.
    expected = {None: (None, True, True), 0.0: (0.0, False, False), 5.0: (5.0, True, False)}[later]
    flag = (lambda m: m) if os.name == "posix" else (lambda m: m[:2] + (None,))
    assert modes == (flag(expected), flag((20.0, True, False)), flag(expected))


@pytest.mark.parametrize("end", ["shutdown", "detach"])
def test_tls_layer_after_shutdown_or_detach(mod, server_context, client_context, end):
    """shutdown() drops the TLS layer, as the stdlib's does: the socket then
    reports no protocol version, cipher or pending bytes. detach() keeps it,
    as the stdlib's does."""
    def handle(tls):
        return tls.recv(10)

    peer = Peer(mod, tls_server(server_context, handle))
    with client_context.wrap_socket(mod.create_connection(peer.address, timeout=20),
                                    server_hostname="localhost") as tls:
        tls.sendall(b"hello")
        during = tls.version(), tls.cipher()
        if end == "shutdown":
            tls.shutdown(mod.SHUT_RDWR)
        else:
            mod.socket(fileno=tls.detach()).close()
        after = tls.version(), tls.cipher(), tls.pending()
        if end == "shutdown":
            # Shut down both ways: a plain send now fails (EPIPE; WSAESHUTDOWN on Windows).
            with pytest.raises(OSError):
                tls.send(b"after")
    assert peer.join() == b"hello"
    assert None not in during
    assert after == ((None, None, 0) if end == "shutdown" else during + (0,))


def test_session_before_the_connection(mod, client_context):
    """An unconnected TLS socket shows no session, even one set for its
    handshake to come (the stdlib keeps it unseen), and no reuse yet."""
    with mod.socket() as raw:
        tls = client_context.wrap_socket(raw, server_hostname="localhost")
        with tls:
            tls.session = marker = object()
            assert (tls.session, tls.session_reused, tls._session is marker) == (None, None, True)


def test_connect_ex_of_a_tls_socket(mod, server_context, client_context):
    """connect_ex answers an errno for a refused connection, as the stdlib's,
    and 0 once connected, with the handshake done."""
    def handle(tls):
        return tls.recv(5)

    with mod.socket() as raw:
        tls = client_context.wrap_socket(raw, server_hostname="localhost")
        with tls:
            tls.settimeout(20)
            refused = tls.connect_ex(("127.0.0.1", closed_port(mod)))
    assert refused == errno.ECONNREFUSED or (os.name == "nt" and refused == 10061), refused
    peer = Peer(mod, tls_server(server_context, handle))
    with mod.socket() as raw:
        tls = client_context.wrap_socket(raw, server_hostname="localhost")
        with tls:
            tls.settimeout(20)
            assert tls.connect_ex(peer.address) == 0
            assert tls.version() is not None
            tls.sendall(b"hello")
    assert peer.join() == b"hello"


def test_plain_after_a_failed_handshake(mod, client_context):
    """A handshake that fails on connect (the peer answers the ClientHello
    with plain text) leaves the socket without a TLS layer, as the stdlib's:
    what is sent next goes out as plain bytes."""
    def serve(listener):
        conn, _ = listener.accept()
        conn.settimeout(20)
        conn.recv(4096)
        conn.sendall(b"HTTP/1.0 400 no tls here\r\n\r\n")
        return conn.recv(5), conn

    peer = Peer(mod, serve)
    with mod.socket() as raw:
        tls = client_context.wrap_socket(raw, server_hostname="localhost")
        with tls:
            tls.settimeout(20)
            with pytest.raises(ssl.SSLError):
                tls.connect(peer.address)
            sent = tls.send(b"plain")
            got, conn = peer.join()
            conn.close()
    assert (sent, got) == (5, b"plain")
