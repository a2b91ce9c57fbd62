"""The SIO_RCVALL capture's calls and exit paths, on any OS: `sniff` runs against
a stand-in module that has SIO_RCVALL and no AF_PACKET and records every call
its socket gets. Promiscuous mode must be turned off again however the capture
ends (--count, Ctrl-C, an error), and a refusal must be a message, not a
traceback. (Under Wine and on Windows the real calls are checked by
`nox -s wine-sniff-trace` and the Windows runner.)"""
import types

import pytest

from sniffutil import ipv4, transport

pytest.importorskip("pysock._sniff")
from pysock._sniff import capture, cli  # noqa: E402

RCVALL_ON, RCVALL_OFF, SIO_RCVALL = 1, 0, 0x98000001
PACKET = ipv4(17, "192.0.2.7", "192.0.2.8", transport(17, 1111, 2222, b"hi"))


class RecordingSocket:
    def __init__(self, calls, receive, refuse):
        self.calls, self.receive, self.refuse = calls, receive, refuse

    def __getattr__(self, name):
        def call(*args):
            self.calls.append((name, *args))
            if name == self.refuse:
                raise PermissionError(10013, "access denied")
            if name == "recvfrom":
                return self.receive()
        return call


def stand_in(calls, receive, refuse=None):
    def socket(*args):
        calls.append(("socket", *args))
        return RecordingSocket(calls, receive, refuse)
    return types.SimpleNamespace(
        AF_INET=2, SOCK_RAW=3, IPPROTO_IP=0, IP_HDRINCL=2, SIO_RCVALL=SIO_RCVALL,
        RCVALL_ON=RCVALL_ON, RCVALL_OFF=RCVALL_OFF, socket=socket,
        gethostname=lambda: "here", gethostbyname=lambda name: "192.0.2.8")


def sniff(monkeypatch, receive, *options, refuse=None):
    calls = []
    monkeypatch.setattr(capture, "pysock", stand_in(calls, receive, refuse))
    return cli.main(["--count", "2", *options]), calls


def test_the_reference_sequence_then_off_at_count(monkeypatch, capsys):
    status, calls = sniff(monkeypatch, lambda: (PACKET, ("192.0.2.7", 0)))
    names = [call[0] for call in calls if call[0] != "settimeout"]
    assert status == 0
    assert calls[0] == ("socket", 2, 3, 0)
    assert ("bind", ("192.0.2.8", 0)) in calls and ("setsockopt", 0, 2, 1) in calls
    assert names == ["socket", "bind", "setsockopt", "ioctl", "recvfrom", "recvfrom", "ioctl", "close"]
    assert [c for c in calls if c[0] == "ioctl"] == [("ioctl", SIO_RCVALL, RCVALL_ON),
                                                     ("ioctl", SIO_RCVALL, RCVALL_OFF)]
    out = capsys.readouterr()
    assert out.out.count("UDP 192.0.2.7:1111 > 192.0.2.8:2222 len 30 payload 2") == 2
    assert out.err.endswith("2 packets captured\n")


def test_ctrl_c_turns_promiscuous_mode_off(monkeypatch, capsys):
    def interrupted():
        raise KeyboardInterrupt
    status, calls = sniff(monkeypatch, interrupted)
    assert status == 0 and calls[-2:] == [("ioctl", SIO_RCVALL, RCVALL_OFF), ("close",)]


def test_a_failed_receive_turns_it_off_and_says_so(monkeypatch, capsys):
    status, calls = sniff(monkeypatch, None, refuse="recvfrom")
    assert status == 1 and calls[-2:] == [("ioctl", SIO_RCVALL, RCVALL_OFF), ("close",)]
    assert capsys.readouterr().err == (
        "sniff: capturing on 192.0.2.8 with a raw IP socket with SIO_RCVALL (SOCK_RAW + IPPROTO_IP)\n"
        "sniff: the capture stopped: [Errno 10013] access denied\n")


def test_without_administrator_a_message(monkeypatch, capsys):
    status, calls = sniff(monkeypatch, None, refuse="bind")
    assert status == 1 and calls[-1] == ("close",)
    assert not [c for c in calls if c[0] == "ioctl"]         # never turned on: nothing to undo
    assert capsys.readouterr().err == ("sniff: capturing needs Administrator rights (run from "
                                       "an elevated prompt): [Errno 10013] access denied\n")


def test_a_filter_runs_on_the_decoded_packet(monkeypatch, capsys):
    other = ipv4(6, "192.0.2.7", "192.0.2.8", transport(6, 1111, 2222, b""))
    packets = iter([other, PACKET, other, PACKET])
    status, _ = sniff(monkeypatch, lambda: (next(packets), ("192.0.2.7", 0)), "--proto", "udp")
    assert status == 0
    assert capsys.readouterr().out.count("UDP 192.0.2.7:1111") == 2


def test_no_capture_method_says_what_to_use(monkeypatch, capsys):
    monkeypatch.setattr(capture, "pysock", types.SimpleNamespace())
    for options in (["--count", "1"], ["--list-interfaces"]):
        assert cli.main(options) == 1
        assert "use tcpdump or Wireshark" in capsys.readouterr().err


def test_list_interfaces_of_the_rcvall_capture(monkeypatch, capsys):
    calls = []
    fake = stand_in(calls, None)
    fake.AF_INET = 2
    fake.getaddrinfo = lambda host, port, family: [(2, 1, 6, "", ("192.0.2.8", 0)),
                                                    (2, 2, 17, "", ("192.0.2.8", 0)),
                                                    (2, 1, 6, "", ("198.51.100.1", 0))]
    monkeypatch.setattr(capture, "pysock", fake)
    assert cli.main(["--list-interfaces"]) == 0
    assert capsys.readouterr().out == "192.0.2.8\n198.51.100.1\n"
