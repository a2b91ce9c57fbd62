"""No leaked descriptor: count /proc/self/fd (Linux) around loops of
create/close, failed connects, accepts, bad calls, etc."""

import gc
import warnings

import pytest

import badcalls
from sockutil import IS_LINUX, TIMEOUT, closed_port, count_fds

pytestmark = pytest.mark.skipif(not IS_LINUX or count_fds() is None,
                                reason="needs /proc/self/fd (Linux)")

ROUNDS = 30


def _no_leak(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        fn()  # warm-up: lazy imports, caches
        gc.collect()
        before = count_fds()
        for _ in range(ROUNDS):
            fn()
        gc.collect()
        after = count_fds()
    assert after == before, "descriptor count %d -> %d" % (before, after)


def test_create_close(mod):
    def f():
        mod.socket().close()
        mod.socket(mod.AF_INET, mod.SOCK_DGRAM).close()
        with mod.socket():
            pass
    _no_leak(f)


def test_failed_connect(mod):
    port = closed_port()

    def f():
        with mod.socket() as s:
            s.settimeout(TIMEOUT)
            try:
                s.connect(("127.0.0.1", port))
            except OSError:
                pass
            s.connect_ex(("127.0.0.1", port))
        try:
            mod.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        except OSError:
            pass
    _no_leak(f)


def test_listen_accept_cycle(mod):
    def f():
        with mod.socket() as lst:
            lst.settimeout(TIMEOUT)
            lst.bind(("127.0.0.1", 0))
            lst.listen()
            with mod.create_connection(lst.getsockname(), timeout=TIMEOUT) as c:
                conn, _ = lst.accept()
                with conn:
                    c.sendall(b"x")
                    conn.recv(1)
    _no_leak(f)


def test_accept_timeout_cycle(mod):
    def f():
        with mod.socket() as lst:
            lst.settimeout(0.001)
            lst.bind(("127.0.0.1", 0))
            lst.listen()
            try:
                lst.accept()
            except TimeoutError:
                pass
    _no_leak(f)


def test_socketpair_dup_detach(mod):
    def f():
        a, b = mod.socketpair()
        d = a.dup()
        fd = b.detach()
        mod.socket(fileno=fd).close()
        for s in (a, b, d):
            s.close()
    _no_leak(f)


def test_create_server_cycle(mod):
    def f():
        mod.create_server(("127.0.0.1", 0)).close()
    _no_leak(f)


def test_failed_bind_cycle(mod):
    def f():
        with mod.socket() as a:
            a.bind(("127.0.0.1", 0))
            with mod.socket() as b:
                try:
                    b.bind(a.getsockname())
                except OSError:
                    pass
    _no_leak(f)


def test_bad_call_battery(mod):
    def f():
        for entry in badcalls.BATTERY:
            badcalls.run_one(mod, entry)
    _no_leak(f)


def test_unclosed_sockets_are_freed_by_gc(mod):
    def f():
        s = mod.socket()
        del s
    _no_leak(f)


def test_closed_socket_calls(mod):
    def f():
        s = mod.socket()
        s.close()
        for name, args in (("recv", (1,)), ("send", (b"x",)), ("getsockname", ())):
            try:
                getattr(s, name)(*args)
            except OSError:
                pass
    _no_leak(f)
