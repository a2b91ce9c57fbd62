"""socket.ioctl, socket.share and fromshare: the Windows-only socket API.

On Windows every scenario runs through the stdlib and pysock and must end the
same way: same result, or same exception type, message, errno and winerror.
Where the OS (or Wine) refuses a control, the stdlib's refusal is the
expectation. Elsewhere the names must be absent, as they are from the stdlib.
"""

import os
import socket as _std
import subprocess
import sys

import pytest

from sockutil import IS_LINUX, IS_WINDOWS, TIMEOUT, make, tcp_connection

windows_only = pytest.mark.skipif(
    not IS_WINDOWS, reason="Windows only: ioctl, share and fromshare exist only there (the stdlib too)")

METHODS = ("ioctl", "share")


def described(fn, *args, **kwargs):
    """What a call did, comparable across the two modules: ("ok", value) or
    ("raise", class name, message, errno, winerror)."""
    try:
        value = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - every exception is described
        return ("raise", type(e).__name__, str(e), getattr(e, "errno", None), getattr(e, "winerror", None))
    if isinstance(value, bytes):
        return ("ok", "bytes", len(value))
    return ("ok", value)


# -- presence --------------------------------------------------------------------


def test_names_present_exactly_where_the_stdlib_has_them(pysock):
    for name in METHODS:
        assert hasattr(pysock.socket, name) == hasattr(_std.socket, name), name
    assert hasattr(pysock, "fromshare") == hasattr(_std, "fromshare")
    assert ("fromshare" in pysock.__all__) == ("fromshare" in _std.__all__)
    for name in ("SIO_RCVALL", "SIO_KEEPALIVE_VALS", "SIO_LOOPBACK_FAST_PATH",
                 "RCVALL_ON", "RCVALL_OFF", "RCVALL_SOCKETLEVELONLY", "RCVALL_MAX"):
        assert getattr(pysock, name, None) == getattr(_std, name, None), name


@pytest.mark.skipif(not IS_LINUX, reason="Linux only")
@pytest.mark.pysock_only
def test_absent_on_linux(pysock):
    # The Linux stdlib has none of them; neither may pysock, nor its _core.
    assert not hasattr(_std.socket, "ioctl") and not hasattr(_std, "fromshare")
    for name in METHODS:
        assert not hasattr(pysock.socket, name)
        assert not hasattr(pysock._core.socket, name)
    assert not hasattr(pysock, "fromshare")
    assert not hasattr(pysock._core, "fromshare")
    assert "fromshare" not in pysock.__all__


# -- ioctl -------------------------------------------------------------------------


def _ioctl_outcomes(both, family, kind, control_name, option, connect=False):
    results = []
    for mod in both:
        if connect:
            lst, cli, srv = tcp_connection(mod)
            lst.close()
            srv.close()
            s = cli
        else:
            s = make(mod, getattr(mod, family), getattr(mod, kind))
        try:
            results.append(described(s.ioctl, getattr(mod, control_name), option))
            results.append(described(s.getsockopt, mod.SOL_SOCKET, mod.SO_KEEPALIVE))
        finally:
            s.close()
    return results[:2], results[2:]


@windows_only
@pytest.mark.parametrize("connect", [False, True], ids=["fresh", "connected"])
@pytest.mark.parametrize("values", [(1, 10000, 3000), (0, 5000, 1000), [1, 1, 1]])
def test_keepalive_vals(both, values, connect):
    std, ps = _ioctl_outcomes(both, "AF_INET", "SOCK_STREAM", "SIO_KEEPALIVE_VALS", values, connect)
    assert ps == std
    # The control works on a TCP socket, and switches SO_KEEPALIVE with onoff.
    assert std[0] == ("ok", 0)
    assert std[1] == ("ok", 1 if values[0] else 0)


@windows_only
def test_keepalive_vals_on_udp(both):
    std, ps = _ioctl_outcomes(both, "AF_INET", "SOCK_DGRAM", "SIO_KEEPALIVE_VALS", (1, 2, 3))
    assert ps == std


@windows_only
@pytest.mark.parametrize("option", [1, 0, True])
@pytest.mark.parametrize("kind", ["SOCK_STREAM", "SOCK_DGRAM"])
def test_loopback_fast_path(both, kind, option):
    # Wine refuses the control (WSAEOPNOTSUPP); Windows 8+ accepts it on TCP.
    std, ps = _ioctl_outcomes(both, "AF_INET", kind, "SIO_LOOPBACK_FAST_PATH", option)
    assert ps == std


@windows_only
@pytest.mark.parametrize("option", ["RCVALL_ON", "RCVALL_OFF", "RCVALL_SOCKETLEVELONLY"])
def test_rcvall_on_a_tcp_socket(both, option):
    # SIO_RCVALL wants a raw socket: a TCP socket is refused by the OS.
    std, ps = _ioctl_outcomes(both, "AF_INET", "SOCK_STREAM", "SIO_RCVALL", getattr(_std, option))
    assert ps == std
    assert std[0][0] == "raise"


@windows_only
def test_rcvall_on_a_raw_socket(both):
    outcomes = []
    for mod in both:
        try:
            s = mod.socket(mod.AF_INET, mod.SOCK_RAW, mod.IPPROTO_IP)
        except OSError as e:
            outcomes.append(("socket", type(e).__name__, e.errno, e.winerror))
            continue
        try:
            s.bind(("127.0.0.1", 0))
            outcomes.append(("ioctl", described(s.ioctl, mod.SIO_RCVALL, mod.RCVALL_ON),
                             described(s.ioctl, mod.SIO_RCVALL, mod.RCVALL_OFF)))
        finally:
            s.close()
    assert outcomes[1] == outcomes[0]
    if outcomes[0][0] == "socket":
        pytest.skip(f"SIO_RCVALL needs a raw socket, and socket(AF_INET, SOCK_RAW) fails here for the "
                    f"stdlib and pysock alike ({outcomes[0][1]}, winerror {outcomes[0][3]}; Windows "
                    f"wants an administrator)")


@windows_only
@pytest.mark.parametrize("control_name", ["SIO_KEEPALIVE_VALS", "SIO_LOOPBACK_FAST_PATH", "SIO_RCVALL"])
def test_ioctl_on_a_closed_socket(both, control_name):
    results = []
    for mod in both:
        s = mod.socket()
        s.close()
        option = (1, 2, 3) if control_name == "SIO_KEEPALIVE_VALS" else 1
        results.append(described(s.ioctl, getattr(mod, control_name), option))
    assert results[1] == results[0]
    assert results[0][0] == "raise"


class _Index:
    def __index__(self):
        return 1


class _BrokenItem:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == 1:
            raise KeyError(i)
        return 1


class _BrokenLen:
    def __len__(self):
        raise RuntimeError("no length")

    def __getitem__(self, i):
        return 1


K, L, R, OTHER = "SIO_KEEPALIVE_VALS", "SIO_LOOPBACK_FAST_PATH", "SIO_RCVALL", "other"
BAD_IOCTL = [
    # SIO_KEEPALIVE_VALS wants a sequence (not bytes) of three ints.
    (K, 1), (K, None), (K, ()), (K, (1, 2)), (K, (1, 2, 3, 4)), (K, ((1, 2, 3),)), (K, (1.0, 2, 3)),
    (K, ("a", 2, 3)), (K, (1, "x", 3)), (K, (1, 2, None)), (K, (_Index(), 2, 3)), (K, "abc"),
    (K, "ab"), (K, b"abc"), (K, {0: 1, 1: 2, 2: 3}), (K, {1, 2, 3}), (K, iter((1, 2, 3))),
    (K, _BrokenItem()), (K, _BrokenLen()),
    # ...and masks them to 32 bits without complaint.
    (K, (-1, 2, 3)), (K, (1 << 40, 2, 3)), (K, (1 << 80, 2, 3)), (K, (True, 2, 3)),
    (K, bytearray(3)), (K, range(3)), (K, memoryview(b"abc")),
    # The others want one integer (anything with __index__, masked).
    (L, 1.0), (L, "1"), (L, (1,)), (L, None), (L, -1), (L, 1 << 40), (L, 1 << 80), (L, _Index()),
    (R, 1.5), (R, "x"), (R, None), (R, -1), (R, _Index()),
    # Unknown controls; the control is an int (no __index__) cut to 32 bits.
    (12345, 1), (-1, 1), (1 << 40, 1), (1 << 80, 1), (True, 1), (1.0, 1), ("x", 1),
    (None, 1), (_Index(), 1), (OTHER, (1, 2, 3)),
]


@windows_only
@pytest.mark.parametrize("control, option", BAD_IOCTL, ids=[f"{i}" for i in range(len(BAD_IOCTL))])
def test_ioctl_arguments(both, control, option):
    results = []
    for mod in both:
        if control == OTHER:  # SIO_KEEPALIVE_VALS above 32 bits: masked back to it
            ctl = mod.SIO_KEEPALIVE_VALS + (1 << 32)
        elif isinstance(control, str) and control.startswith("SIO_"):
            ctl = getattr(mod, control)
        else:
            ctl = control
        with make(mod) as s:
            results.append(described(s.ioctl, ctl, option))
    assert results[1] == results[0]


@windows_only
def test_ioctl_argument_count_and_keywords(both):
    results = []
    for mod in both:
        with make(mod) as s:
            results.append([
                described(s.ioctl),
                described(s.ioctl, mod.SIO_RCVALL),
                described(s.ioctl, mod.SIO_RCVALL, 1, 2),
                described(lambda: s.ioctl(control=mod.SIO_RCVALL, option=1)),
            ])
    assert results[1] == results[0]
    assert all(r[1] == "TypeError" for r in results[0])


# -- share / fromshare -----------------------------------------------------------------


def _share_or_skip(mod, s, pid):
    try:
        return s.share(pid)
    except OSError as e:
        if mod is _std:
            pytest.skip(f"the stdlib cannot share a socket here either: {e!r}")
        raise


@windows_only
def test_share_and_fromshare_in_this_process(mod):
    lst, cli, srv = tcp_connection(mod)
    try:
        data = _share_or_skip(mod, srv, os.getpid())
        assert isinstance(data, bytes)
        new = mod.fromshare(data)
        try:
            assert type(new) is mod.socket
            # The description names the protocol the socket was made with 0.
            assert (new.family, new.type, new.proto) == (srv.family, srv.type, mod.IPPROTO_TCP)
            assert new.getsockname() == srv.getsockname()
            assert new.getpeername() == srv.getpeername()
            assert new.get_inheritable() is False
            assert new.gettimeout() is None
            srv.close()
            new.settimeout(TIMEOUT)
            new.sendall(b"through the shared socket")
            assert cli.recv(100) == b"through the shared socket"
            cli.sendall(b"and back")
            assert new.recv(100) == b"and back"
        finally:
            new.close()
    finally:
        for s in (lst, cli, srv):
            s.close()


@windows_only
def test_share_results_agree(both):
    results = []
    for mod in both:
        with make(mod, mod.AF_INET, mod.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            data = s.share(os.getpid())
            new = mod.fromshare(data)
            with new:
                results.append((len(data), new.family, new.type, new.proto, new.getsockname() == s.getsockname()))
    assert results[1] == results[0]


@windows_only
def test_socket_from_shared_bytes_takes_the_description(mod):
    # socket(family, type, proto, bytes): the shared socket's own family,
    # type and protocol win over the arguments, and the default timeout applies.
    with make(mod) as s:
        s.bind(("127.0.0.1", 0))
        data = _share_or_skip(mod, s, os.getpid())
        mod.setdefaulttimeout(3.0)
        new = mod.socket(mod.AF_INET6, mod.SOCK_DGRAM, 17, data)
        with new:
            assert (new.family, new.type, new.proto) == (mod.AF_INET, mod.SOCK_STREAM, mod.IPPROTO_TCP)
            assert new.gettimeout() == 3.0
            assert new.getsockname() == s.getsockname()


@windows_only
def test_share_arguments(both):
    results = []
    for mod in both:
        s = make(mod)
        closed = mod.socket()
        closed.close()
        try:
            results.append([
                described(s.share, v) for v in ("x", 1.0, None, -1, 1 << 40, 1 << 80, _Index(), 0, True)
            ] + [
                described(s.share),
                described(s.share, 1, 2),
                described(lambda: s.share(process_id=os.getpid())),
                described(closed.share, os.getpid()),
            ])
        finally:
            s.close()
    assert results[1] == results[0]


@windows_only
@pytest.mark.parametrize("info", [b"", b"x", bytes(627), bytes(629), "x", bytearray(628), bytes(628)],
                         ids=["empty", "short", "one-short", "one-long", "str", "bytearray", "zeros"])
def test_fromshare_arguments(both, info):
    results = [described(mod.fromshare, info) for mod in both]
    assert results[1] == results[0]
    assert results[0][0] == "raise"


_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
mod = __import__(sys.argv[2])
data = bytes.fromhex(sys.stdin.readline().strip())
listener = mod.fromshare(data)
listener.settimeout(10)
conn, _ = listener.accept()
conn.sendall(b"accepted in the child: %d %d" % (listener.family, listener.type))
conn.close()
listener.close()
"""


@windows_only
def test_share_with_another_process(mod):
    # The child process opens the listening socket this process shared with
    # it, and accepts a connection on it.
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(mod.__file__)))
    name = "socket" if mod is _std else "pysock"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, package_root, name],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        with make(mod) as lst:
            lst.bind(("127.0.0.1", 0))
            lst.listen()
            addr = lst.getsockname()
            data = _share_or_skip(mod, lst, child.pid)
            child.stdin.write(data.hex().encode() + b"\n")
            child.stdin.flush()
        # Only the child holds the listener now.
        with make(mod, timeout=10) as cli:
            cli.connect(addr)
            expected = b"accepted in the child: %d %d" % (mod.AF_INET, mod.SOCK_STREAM)
            got = b""
            while len(got) < len(expected):
                chunk = cli.recv(100)
                if not chunk:
                    break
                got += chunk
            assert got == expected
        out, err = child.communicate(timeout=30)
        assert child.returncode == 0, err.decode(errors="replace")
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()


class _FailingItem:
    """A 3-item sequence whose item `bad` cannot be retrieved."""

    def __init__(self, bad):
        self.bad = bad

    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == self.bad:
            raise KeyError(i)
        return 1


@windows_only
@pytest.mark.parametrize("bad", [0, 1, 2])
def test_keepalive_vals_refused_item_leaves_the_socket_alone(both, bad):
    """An item the argument parser cannot retrieve refuses the call before
    the OS sees it: the same TypeError, and keep-alive still off (a control
    sent anyway, with whatever the other two slots held, turns it on)."""
    results = []
    for mod in both:
        with make(mod) as s:
            outcome = described(s.ioctl, mod.SIO_KEEPALIVE_VALS, _FailingItem(bad))
            results.append((outcome, s.getsockopt(mod.SOL_SOCKET, mod.SO_KEEPALIVE)))
    assert results[1] == results[0]
    assert results[0][0][:2] == ("raise", "TypeError")
