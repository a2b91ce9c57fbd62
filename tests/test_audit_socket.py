"""Audit events of the socket object (PEP 578): socket.__new__, socket.bind,
socket.connect (also from connect_ex) and socket.sendto, with the stdlib's
arguments and timing: after the arguments are parsed, before the system
call. A hook that raises stops the operation.

Audit hooks are process-global and cannot be removed, so one hook is
installed for the whole session; it records only while a test switches it on.
"""

import errno
import sys

import pytest

from sockutil import HAS_UNIX, IS_WINDOWS, closed_port, needs_fileno_wrapping, unix_path

_HOOK = {"installed": False, "events": None, "veto": set()}


def _hook(event, args):
    if _HOOK["events"] is None or not event.startswith("socket."):
        return
    _HOOK["events"].append((event, args))
    if event in _HOOK["veto"]:
        raise RuntimeError("vetoed " + event)


@pytest.fixture(scope="module")
def hook():
    if not _HOOK["installed"]:
        sys.addaudithook(_hook)
        _HOOK["installed"] = True
    yield _HOOK
    _HOOK["events"] = None
    _HOOK["veto"].clear()


class Recorder:
    """Records the socket.* events of a block of code; args are kept."""

    def __init__(self, veto=()):
        self.events = []
        self.veto = set(veto)

    def __enter__(self):
        _HOOK["veto"] = self.veto
        _HOOK["events"] = self.events
        return self

    def __exit__(self, *exc):
        _HOOK["events"] = None
        _HOOK["veto"] = set()
        return False


def _describe(value, sockets):
    """Audit arguments in a module-neutral form: sockets by their role."""
    for name, s in sockets.items():
        if value is s:
            return name
    if type(value).__name__ == "socket" and hasattr(value, "fileno"):
        return "<new socket>"
    return value


def run_scenario(m, scenario):
    """Runs `scenario(m, sockets)`; returns (outcome, [(event, args)])."""
    sockets = {}
    with Recorder() as rec:
        try:
            result = ("ok", scenario(m, sockets))
        except Exception as exc:  # noqa: BLE001 - compared below
            result = ("raise", type(exc).__name__, getattr(exc, "errno", None))
    events = [(e, tuple(_describe(v, sockets) for v in args)) for e, args in rec.events]
    for s in sockets.values():
        s.close()
    return result, events


def _new(m, sockets, *args, **kwargs):
    s = m.socket(*args, **kwargs)
    sockets.setdefault("s", s)
    return s


def _udp(m, sockets):
    with Recorder():  # not part of what is compared
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
    sockets["s"] = s
    return s


def _tcp(m, sockets):
    with Recorder():
        s = m.socket(m.AF_INET, m.SOCK_STREAM)
        s.settimeout(2)
    sockets["s"] = s
    return s


def _closed_udp(m, sockets):
    s = _udp(m, sockets)
    s.close()
    return s


SCENARIOS = {
    "new-default": lambda m, k: _new(m, k) and None,
    "new-positional": lambda m, k: _new(m, k, m.AF_INET, m.SOCK_DGRAM, 0) and None,
    "new-keywords": lambda m, k: _new(m, k, type=m.SOCK_DGRAM) and None,
    "new-proto": lambda m, k: _new(m, k, m.AF_INET, m.SOCK_STREAM, 6) and None,
    "new-bad-type-arg": lambda m, k: _new(m, k, m.AF_INET, "x"),
    "new-bad-family": lambda m, k: _new(m, k, 12345, m.SOCK_STREAM),
    "new-negative-fileno": lambda m, k: _new(m, k, fileno=-5),
    "new-bad-fileno-type": lambda m, k: _new(m, k, fileno="x"),
    "bind-ok": lambda m, k: _udp(m, k).bind(("127.0.0.1", 0)),
    "bind-wrong-type": lambda m, k: _udp(m, k).bind("127.0.0.1"),
    "bind-list": lambda m, k: _udp(m, k).bind(["127.0.0.1", 0]),
    "bind-bad-port": lambda m, k: _udp(m, k).bind(("127.0.0.1", 70000)),
    "bind-bad-host-type": lambda m, k: _udp(m, k).bind((1, 0)),
    "bind-twice": lambda m, k: (_udp(m, k).bind(("127.0.0.1", 0)), k["s"].bind(("127.0.0.1", 0))),
    "bind-closed": lambda m, k: _closed_udp(m, k).bind(("127.0.0.1", 0)),
    "connect-udp": lambda m, k: _udp(m, k).connect(("127.0.0.1", 9)),
    "connect-refused": lambda m, k: _tcp(m, k).connect(("127.0.0.1", closed_port())),
    "connect-bad-port": lambda m, k: _tcp(m, k).connect(("127.0.0.1", -1)),
    "connect-wrong-type": lambda m, k: _tcp(m, k).connect(None),
    "connect_ex-udp": lambda m, k: _udp(m, k).connect_ex(("127.0.0.1", 9)),
    "connect_ex-refused": lambda m, k: _tcp(m, k).connect_ex(("127.0.0.1", closed_port())) != 0,
    "connect_ex-bad-port": lambda m, k: _tcp(m, k).connect_ex(("127.0.0.1", 65536)),
    "sendto-ok": lambda m, k: _udp(m, k).sendto(b"x", ("127.0.0.1", 9)),
    "sendto-flags": lambda m, k: _udp(m, k).sendto(b"x", 0, ("127.0.0.1", 9)),
    "sendto-bytes-host": lambda m, k: _udp(m, k).sendto(b"x", (b"127.0.0.1", 9)),
    "sendto-bad-data": lambda m, k: _udp(m, k).sendto("x", ("127.0.0.1", 9)),
    "sendto-bad-flags": lambda m, k: _udp(m, k).sendto(b"x", "f", ("127.0.0.1", 9)),
    "sendto-bad-address": lambda m, k: _udp(m, k).sendto(b"x", ("127.0.0.1", -1)),
    "sendto-one-arg": lambda m, k: _udp(m, k).sendto(b"x"),
    "sendto-closed": lambda m, k: _closed_udp(m, k).sendto(b"x", ("127.0.0.1", 9)),
    "send-no-event": lambda m, k: _udp(m, k).send(b"x"),
    "dup": lambda m, k: _udp(m, k).dup().close(),
    "socketpair": lambda m, k: [s.close() for s in m.socketpair()] and None,
    "fromfd": lambda m, k: m.fromfd(_udp(m, k).fileno(), m.AF_INET, m.SOCK_DGRAM).close(),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_events_match_stdlib(hook, both, name):
    import socket as std

    if name == "socketpair" and IS_WINDOWS:
        pytest.skip("Windows: socketpair() is emulated with TCP sockets (more events)")
    expected = run_scenario(std, SCENARIOS[name])
    got = run_scenario(both[1], SCENARIOS[name])
    assert got == expected


@needs_fileno_wrapping
def test_fileno_events(hook, both):
    # socket(fileno=...) passes the -1 placeholders, not the queried values;
    # on Windows the stdlib raises no event for wrapping a handle.
    rows = []
    for m in both:
        base = m.socket(m.AF_INET, m.SOCK_DGRAM)
        with Recorder() as rec:
            s = m.socket(fileno=base.fileno())
            t = m.socket(m.AF_INET, fileno=base.fileno())
        rows.append([(e, args[1:]) for e, args in rec.events] + [args[0] is s for _, args in rec.events[:1]])
        s.detach()
        t.detach()
        base.close()
    assert rows[0] == rows[1]
    if not IS_WINDOWS:
        assert rows[1][0] == ("socket.__new__", (-1, -1, -1))


def test_accept_event(hook, both):
    rows = []
    for m in both:
        srv = m.create_server(("127.0.0.1", 0))
        cli = m.create_connection(srv.getsockname())
        with Recorder() as rec:
            conn, _ = srv.accept()
        rows.append([(e, args[1:]) for e, args in rec.events] + [args[0] is conn for _, args in rec.events[:1]])
        for s in (conn, cli, srv):
            s.close()
    assert rows[0] == rows[1]


@pytest.mark.skipif(not HAS_UNIX, reason="AF_UNIX not available")
def test_unix_bind_event(hook, both, tmp_path):
    rows = []
    for i, m in enumerate(both):
        s = m.socket(m.AF_UNIX, m.SOCK_STREAM)
        path = unix_path(tmp_path, f"s{i}")
        with Recorder() as rec:
            s.bind(path)
        rows.append([(e, args[1:]) for e, args in rec.events])
        s.close()
    assert [(e, tuple(a.replace("s1", "s0") for a in args)) for e, args in rows[1]] == rows[0]


def test_hook_argument_is_the_object_passed(hook, both):
    for m in both:
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
        addr = ("127.0.0.1", 0)
        with Recorder() as rec:
            s.bind(addr)
            s.sendto(b"", s.getsockname())
        assert rec.events[0][1][0] is s and rec.events[0][1][1] is addr
        assert rec.events[1][0] == "socket.sendto"
        s.close()


@pytest.mark.parametrize("event,action", [
    ("socket.__new__", lambda m, s: m.socket(m.AF_INET, m.SOCK_DGRAM)),
    ("socket.bind", lambda m, s: s.bind(("127.0.0.1", 0))),
    ("socket.connect", lambda m, s: s.connect(("127.0.0.1", 9))),
    ("socket.connect", lambda m, s: s.connect_ex(("127.0.0.1", 9))),
    ("socket.sendto", lambda m, s: s.sendto(b"x", ("127.0.0.1", 9))),
])
def test_veto_stops_the_operation(hook, both, event, action):
    rows = []
    for m in both:
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
        with Recorder(veto={event}) as rec:
            with pytest.raises(RuntimeError, match="vetoed " + event):
                action(m, s)
        # Nothing happened: not bound, not connected.
        rows.append((len(rec.events), _name(s.getsockname), _name(s.getpeername)))
        s.close()
    assert rows[0] == rows[1]
    assert rows[1][1] in (("0.0.0.0", 0), errno.EINVAL)  # Windows: unbound is EINVAL


def _name(getter):
    try:
        return getter()
    except OSError as exc:
        return exc.errno


def test_vetoed_new_leaks_no_descriptor(hook, pysock):
    from sockutil import count_fds

    before = count_fds()
    if before is None:
        pytest.skip("descriptor count unknown on this platform")
    with Recorder(veto={"socket.__new__"}):
        for _ in range(20):
            with pytest.raises(RuntimeError):
                pysock.socket()
    assert count_fds() == before


def test_rebinding_sys_audit_does_not_silence(hook, both, monkeypatch):
    # The stdlib raises events from C; rebinding sys.audit changes nothing.
    monkeypatch.setattr(sys, "audit", lambda *args: None)
    for m in both:
        with Recorder() as rec:
            m.socket(m.AF_INET, m.SOCK_DGRAM).close()
        assert [e for e, _ in rec.events] == ["socket.__new__"]


@pytest.mark.pysock_only
def test_sendmmsg_raises_sendmsgs_event_per_destination(pysock, hook):
    """pysock's sendmmsg: each message is what one sendmsg would send, so
    sendmsg's event, once per change of destination (the same address, even
    as another object, raises none); a hook that refuses stops the batch
    before anything is sent."""
    a, b, c = (pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) for _ in range(3))
    with a, b, c:
        b.bind(("127.0.0.1", 0))
        c.bind(("127.0.0.1", 0))
        to_b, to_c = b.getsockname(), c.getsockname()
        with Recorder() as r:
            sent = a.sendmmsg([([b"1"], [], to_b), ([b"2"], [], to_b), ([b"3"], [], to_c),
                               ([b"4"], [], tuple(list(to_c))), ([b"5"], [], to_b)])
        assert sent == 5
        events = [(event, args[0] is a, args[1]) for event, args in r.events if event == "socket.sendmsg"]
        assert events == [("socket.sendmsg", True, to_b), ("socket.sendmsg", True, to_c),
                          ("socket.sendmsg", True, to_b)]
        with Recorder(veto={"socket.sendmsg"}):
            with pytest.raises(RuntimeError, match="vetoed socket.sendmsg"):
                a.sendmmsg([([b"never"], [], to_b)])
        b.settimeout(2)
        assert [m[0] for m in b.recvmmsg(8, 16)] == [b"1", b"2", b"5"]
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recv(16)
