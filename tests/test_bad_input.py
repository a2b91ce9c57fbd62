"""Bad input: wrong types raise TypeError, out-of-range values OverflowError or
ValueError, exactly as the stdlib does; a battery of bad calls never crashes."""

import os
import subprocess
import sys

import pytest

import badcalls
from sockutil import make, unix_only


@pytest.mark.parametrize("entry", badcalls.BATTERY, ids=[e[0] for e in badcalls.BATTERY])
def test_bad_call_differential(both, entry):
    res = [badcalls.run_one(m, entry) for m in both]
    if res[0] == ("skip",):
        pytest.skip("not on this platform")
    assert res[0] == res[1]


def test_battery_does_not_crash_in_child(mod):
    """Every bad call, in a child process: a crash (signal, abort) fails here."""
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([here] + sys.path)
    name = mod.__name__.split(".")[0]
    p = subprocess.run(
        [sys.executable, os.path.join(here, "badcalls.py"), name],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=60,
    )
    assert p.returncode == 0, "exit %s\n%s\n%s" % (p.returncode, p.stdout[-2000:], p.stderr[-2000:])
    assert "BATTERY-DONE" in p.stdout


# Explicit, readable cases (the battery compares; these pin the classes).

def test_bind_str_typeerror(mod, socks):
    with pytest.raises(TypeError):
        make(mod, track=socks).bind("x")


def test_send_str_typeerror(mod, socks):
    with pytest.raises(TypeError):
        make(mod, track=socks).send("str")


def test_recv_str_typeerror(mod, socks):
    with pytest.raises(TypeError):
        make(mod, track=socks).recv("1")


def test_setsockopt_float_typeerror(mod, socks):
    with pytest.raises(TypeError):
        make(mod, track=socks).setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 1.5)


@pytest.mark.parametrize("port", [-1, 65536, 1 << 70])
@pytest.mark.parametrize("method", ["bind", "connect", "connect_ex"])
def test_port_out_of_range_overflowerror(mod, socks, port, method):
    s = make(mod, track=socks)
    with pytest.raises(OverflowError):
        getattr(s, method)(("127.0.0.1", port))


@pytest.mark.parametrize("port", [-1, 65536])
def test_sendto_port_out_of_range_overflowerror(mod, socks, port):
    s = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    with pytest.raises(OverflowError):
        s.sendto(b"x", ("127.0.0.1", port))


@pytest.mark.parametrize("port", [-1, 65536])
def test_port_overflow_message_differential(both, port):
    msgs = []
    for m in both:
        with m.socket() as s:
            with pytest.raises(OverflowError) as ei:
                s.bind(("127.0.0.1", port))
            msgs.append(str(ei.value))
    assert msgs[0] == msgs[1]


def test_host_with_nul_differential(both):
    res = []
    for m in both:
        with m.socket() as s:
            try:
                s.bind(("127.0.0.1\0", 0))
            except Exception as e:  # noqa: BLE001
                res.append((type(e).__name__, str(e)))
    assert len(res) == 2 and res[0] == res[1]
