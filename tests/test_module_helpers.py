"""socketpair, create_connection, create_server."""

import errno
import os
import socket as std
import subprocess
import sys

import pytest

from sockutil import HAS_IPV6, HAS_UNIX, IS_WINDOWS, TIMEOUT, closed_port, ipv6_only, outcome


def test_socketpair_default(mod):
    a, b = mod.socketpair()
    with a, b:
        assert isinstance(a, mod.socket) and isinstance(b, mod.socket)
        expected_family = mod.AF_UNIX if HAS_UNIX else mod.AF_INET
        assert a.family == expected_family and b.family == expected_family
        assert a.type == mod.SOCK_STREAM
        a.settimeout(TIMEOUT)
        b.settimeout(TIMEOUT)
        a.sendall(b"ab")
        assert b.recv(2) == b"ab"
        b.sendall(b"ba")
        assert a.recv(2) == b"ba"


def test_socketpair_attributes_differential(both):
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            res.append((int(a.family), int(a.type), a.proto, a.gettimeout(), a.get_inheritable()))
    assert res[0] == res[1]


@pytest.mark.skipif(not HAS_UNIX, reason="AF_UNIX socketpair")
def test_socketpair_dgram(mod):
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    with a, b:
        assert a.type == mod.SOCK_DGRAM
        b.settimeout(TIMEOUT)
        a.send(b"d1")
        a.send(b"d2")
        assert b.recv(10) == b"d1"
        assert b.recv(10) == b"d2"


def test_socketpair_inet_differential(both):
    """AF_INET socketpair: emulated over loopback on Windows, EOPNOTSUPP on Linux."""
    res = []
    for m in both:
        r = outcome(m.socketpair, m.AF_INET)
        if r[0] == "ok":
            a, b = r[1]
            with a, b:
                assert a.getpeername() == b.getsockname()
                assert a.getsockname()[0] == "127.0.0.1"
                r = ("ok", int(a.family), int(a.type))
        res.append(r)
    assert res[0] == res[1]


def test_create_connection(mod):
    with mod.socket() as lst:
        lst.settimeout(TIMEOUT)
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        with mod.create_connection(lst.getsockname()) as c:
            assert isinstance(c, mod.socket)
            assert c.getpeername() == lst.getsockname()
            assert c.gettimeout() is None
            conn, _ = lst.accept()
            with conn:
                c.sendall(b"cc")
                conn.settimeout(TIMEOUT)
                assert conn.recv(2) == b"cc"


def test_create_connection_timeout(mod):
    with mod.socket() as lst:
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        with mod.create_connection(lst.getsockname(), timeout=1.5) as c:
            assert c.gettimeout() == 1.5


def test_create_connection_source_address(mod):
    with mod.socket() as lst:
        lst.settimeout(TIMEOUT)
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        with mod.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            src_port = probe.getsockname()[1]
        with mod.create_connection(lst.getsockname(), timeout=TIMEOUT,
                                   source_address=("127.0.0.1", src_port)) as c:
            assert c.getsockname() == ("127.0.0.1", src_port)
            conn, addr = lst.accept()
            with conn:
                assert addr == ("127.0.0.1", src_port)


def test_create_connection_hostname_localhost(mod):
    with mod.socket() as lst:
        lst.settimeout(TIMEOUT)
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        # 'localhost' may resolve to ::1 first (nobody listens there): then
        # create_connection must go on to 127.0.0.1.
        with mod.create_connection(("localhost", lst.getsockname()[1]), timeout=TIMEOUT) as c:
            assert c.getpeername()[1] == lst.getsockname()[1]


def test_create_connection_refused(mod):
    port = closed_port()
    with pytest.raises(ConnectionRefusedError):
        mod.create_connection(("127.0.0.1", port), timeout=TIMEOUT)


def test_create_connection_refused_differential(both):
    port = closed_port()
    res = [outcome(m.create_connection, ("127.0.0.1", port), TIMEOUT) for m in both]
    assert res[0][0] == "raise"
    assert res[0] == res[1]


def test_create_connection_all_errors(mod):
    port = closed_port()
    with pytest.raises(ExceptionGroup) as ei:
        mod.create_connection(("127.0.0.1", port), timeout=TIMEOUT, all_errors=True)
    assert all(isinstance(e, OSError) for e in ei.value.exceptions)


def test_create_server(mod):
    with mod.create_server(("127.0.0.1", 0)) as srv:
        assert isinstance(srv, mod.socket)
        assert srv.family == mod.AF_INET and srv.type == mod.SOCK_STREAM
        addr = srv.getsockname()
        assert addr[0] == "127.0.0.1"
        if not IS_WINDOWS:
            assert srv.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR) != 0
        with mod.create_connection(addr, timeout=TIMEOUT) as c:
            srv.settimeout(TIMEOUT)
            conn, _ = srv.accept()
            conn.close()


def test_create_server_backlog(mod):
    with mod.create_server(("127.0.0.1", 0), backlog=3) as srv:
        assert srv.getsockname()[1] > 0


def test_create_server_options_differential(both):
    res = []
    for m in both:
        with m.create_server(("127.0.0.1", 0)) as srv:
            res.append(
                (
                    int(srv.family),
                    int(srv.type),
                    srv.proto,
                    srv.gettimeout(),
                    srv.getsockopt(m.SOL_SOCKET, m.SO_REUSEADDR) != 0,
                )
            )
    assert res[0] == res[1]


@pytest.mark.skipif(not hasattr(std, "SO_REUSEPORT"), reason="SO_REUSEPORT not supported")
def test_create_server_reuse_port(mod):
    with mod.create_server(("127.0.0.1", 0), reuse_port=True) as srv:
        assert srv.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEPORT) != 0
        port = srv.getsockname()[1]
        with mod.create_server(("127.0.0.1", port), reuse_port=True) as srv2:
            assert srv2.getsockname()[1] == port


def test_has_dualstack_ipv6_differential(both):
    assert both[0].has_dualstack_ipv6() == both[1].has_dualstack_ipv6()


@ipv6_only
def test_create_server_ipv6(mod):
    with mod.create_server(("::1", 0), family=mod.AF_INET6) as srv:
        assert srv.family == mod.AF_INET6
        assert srv.getsockname()[0] == "::1"
        with mod.create_connection(srv.getsockname()[:2], timeout=TIMEOUT):
            srv.settimeout(TIMEOUT)
            conn, addr = srv.accept()
            conn.close()
            assert len(addr) == 4


@ipv6_only
def test_create_server_dualstack(mod):
    if not mod.has_dualstack_ipv6():
        pytest.skip("no dual-stack IPv6")
    # Bound to the v4-mapped loopback address, not a wildcard: loopback only.
    with mod.create_server(("::ffff:127.0.0.1", 0), family=mod.AF_INET6, dualstack_ipv6=True) as srv:
        assert srv.getsockopt(mod.IPPROTO_IPV6, mod.IPV6_V6ONLY) == 0
        port = srv.getsockname()[1]
        with mod.create_connection(("127.0.0.1", port), timeout=TIMEOUT):
            srv.settimeout(TIMEOUT)
            conn, addr = srv.accept()
            conn.close()
            assert addr[0] == "::ffff:127.0.0.1"


def test_create_server_dualstack_requires_inet6(mod):
    with pytest.raises(ValueError):
        mod.create_server(("127.0.0.1", 0), family=mod.AF_INET, dualstack_ipv6=True)


@pytest.mark.pysock_only
@pytest.mark.parametrize("failure", ["foreign peer", "foreign peer, seen by the client",
                                     "foreign peer, seen by the server", "accept fails"])
def test_emulated_socketpair_closes_every_socket_on_failure(pysock, monkeypatch, failure):
    """The loopback emulation of socketpair (Windows' path) checks that the
    connection it accepted is its own, and closes every socket it made
    before raising, as the stdlib's _fallback_socketpair does: when the peer
    is another process's (either end's view of its peer is enough), and
    when accept itself fails."""
    from pysock import _helpers
    made = []

    class Failing(pysock.socket):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.connecting = False
            made.append(self)

        def connect(self, address):
            self.connecting = True
            return super().connect(address)

        def getpeername(self):
            host, port = super().getpeername()[:2]
            foreign = (failure == "foreign peer"
                       or failure == "foreign peer, seen by the client" and self.connecting
                       or failure == "foreign peer, seen by the server" and not self.connecting)
            return (host, port ^ 1) if foreign else (host, port)

        def accept(self):
            if failure == "accept fails":
                raise ConnectionAbortedError("injected")
            return super().accept()

    monkeypatch.setattr(pysock, "socket", Failing)
    with pytest.raises(ConnectionError):
        _helpers._emulated_socketpair()
    assert len(made) >= 2 and all(s.fileno() == -1 for s in made), made


@pytest.mark.pysock_only
def test_emulated_socketpair_connects_its_own_ends(pysock):
    from pysock import _helpers
    a, b = _helpers._emulated_socketpair()
    with a, b:
        assert a.getpeername() == b.getsockname() and b.getpeername() == a.getsockname()
        # Both ends blocking, as a native socketpair's are.
        assert (a.gettimeout(), b.gettimeout()) == (None, None)
        a.sendall(b"own")
        assert b.recv(3) == b"own"


# What the stdlib's _fallback_socketpair (3.12 on) says to each refused
# argument; on 3.11, which lacks it, its words as of 3.12.
_EMULATION_REFUSALS = {
    "unix family": ((getattr(std, "AF_UNIX", 1),), "Only AF_INET and AF_INET6 socket address families are supported"),
    "datagram": ((std.AF_INET, std.SOCK_DGRAM), "Only SOCK_STREAM socket type is supported"),
    "protocol": ((std.AF_INET, std.SOCK_STREAM, 6), "Only protocol zero is supported"),
}


@pytest.mark.pysock_only
@pytest.mark.parametrize("case", sorted(_EMULATION_REFUSALS))
def test_emulated_socketpair_refusals_like_stdlib(pysock, case):
    from pysock import _helpers
    args, words = _EMULATION_REFUSALS[case]
    if hasattr(std, "_fallback_socketpair"):
        with pytest.raises(ValueError) as stdlib_said:
            std._fallback_socketpair(*args)
        words = str(stdlib_said.value)
    with pytest.raises(ValueError, match=f"^{words}$"):
        _helpers._emulated_socketpair(*args)


@pytest.mark.pysock_only
@ipv6_only
def test_emulated_socketpair_over_ipv6(pysock):
    from pysock import _helpers
    a, b = _helpers._emulated_socketpair(pysock.AF_INET6)
    with a, b:
        assert a.family == b.family == pysock.AF_INET6
        assert a.getsockname()[0] == "::1"
        assert a.getpeername() == b.getsockname() and b.getpeername() == a.getsockname()
        b.sendall(b"six")
        assert a.recv(3) == b"six"


@pytest.mark.skipif(IS_WINDOWS, reason="RLIMIT_NOFILE is POSIX's")
def test_has_dualstack_ipv6_without_descriptors_like_stdlib(pysock):
    """With no descriptor left to make its probe socket, has_dualstack_ipv6()
    answers False, as the stdlib does: a child lowers its RLIMIT_NOFILE under
    its lowest free descriptor after importing both modules."""
    code = (
        "import os, resource, socket, pysock\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (3, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))\n"
        "answers = []\n"
        "for m in (socket, pysock):\n"
        "    try:\n"
        "        m.socket(m.AF_INET6, m.SOCK_STREAM)\n"
        "        answers.append('made a socket')\n"
        "    except OSError as e:\n"
        "        answers.append(e.errno)\n"
        "    answers.append(m.has_dualstack_ipv6())\n"
        "print(answers)\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(pysock.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + [p for p in sys.path if p]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [f"[{errno.EMFILE},", "False,", f"{errno.EMFILE},", "False]"]


def test_create_server_on_a_taken_port_closes_its_socket(both):
    """create_server on a port another socket listens on: the stdlib's OSError
    (with the address in its words), and the socket it made is closed, not
    left to the garbage collector."""
    import gc
    import warnings
    res = []
    for m in both:
        with m.create_server(("127.0.0.1", 0)) as first:
            port = first.getsockname()[1]
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                r = outcome(m.create_server, ("127.0.0.1", port))
                gc.collect()
            res.append((r, [str(w.message) for w in seen if w.category is ResourceWarning]))
    assert res[0][0][:2] == ("raise", "OSError") and res[0][1] == []
    assert res[0] == res[1]


@pytest.mark.pysock_only
def test_fromfd_closes_its_duplicate_when_the_socket_fails(pysock):
    """fromfd duplicates the descriptor first; when the socket cannot be made
    of it (a protocol past a C int), the duplicate is closed again (the
    stdlib leaks it)."""
    from sockutil import count_fds
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as s:
        before = count_fds()
        if before is None or os.name != "posix":  # (Wine's /proc counts other handles too)
            pytest.skip("descriptors are counted on POSIX only")
        for _ in range(5):
            with pytest.raises(OverflowError):
                pysock.fromfd(s.fileno(), pysock.AF_INET, pysock.SOCK_DGRAM, 2 ** 40)
        assert count_fds() == before


def test_create_connection_failure_keeps_no_cycle(both):
    """The error create_connection raises does not hold, through its
    traceback, the list of the errors it collected (a reference cycle the
    stdlib breaks explicitly): that frame's list is empty."""
    from sockutil import closed_port
    res = []
    for m in both:
        try:
            m.create_connection(("127.0.0.1", closed_port(m)), timeout=10)
        except OSError as exc:
            tb, frames = exc.__traceback__, {}
            while tb is not None:
                if tb.tb_frame.f_code.co_name == "create_connection":
                    frames[id(tb.tb_frame)] = list(tb.tb_frame.f_locals.get("exceptions", [None]))
                tb = tb.tb_next
            res.append((type(exc).__name__, list(frames.values())))
    assert res[0] == res[1]
    assert res[0][1] == [[]]
