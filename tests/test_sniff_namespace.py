"""`python -m pysock sniff` capturing for real: as root in a private network
namespace (`unshare -n`, loopback up, nothing leaves the machine) the stdlib
sends known UDP, TCP and ICMP traffic, sniff captures it through pysock, the
printed lines are checked, and the pcap file is read back by tcpdump, whose
bytes must be the packets sent. Traffic the kernel filter must drop is sent
first in every run: had it passed, it would be what sniff --count reported."""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "sniff_namespace_run.py")


def _namespace_problem():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root (a private network namespace and CAP_NET_RAW)"
    for tool in ("unshare", "ip", "tcpdump"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"],
                           capture_output=True, text=True)
    if probe.returncode:
        return f"unshare -n does not work here: {probe.stderr.strip()}"
    return None


pytestmark = pytest.mark.skipif(_namespace_problem() is not None,
                                reason=str(_namespace_problem()))


def sniff_in_namespace(traffic, *options, pcap=None):
    import pysock
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__)), os.environ.get("PYTHONPATH", "")]))
    extra = ["--pcap", str(pcap)] if pcap else []
    run = subprocess.run(
        ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
         sys.executable, RUNNER, ",".join(traffic), "--", "--timeout", "15", *options, *extra],
        capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["ready"].startswith("sniff: capturing"), result
    assert result["status"] == 0, result
    return result["lines"]


def tcpdump_packets(pcap):
    """(summary line, IP packet bytes) per packet, as tcpdump reads the file."""
    out = subprocess.run(["tcpdump", "-r", str(pcap), "-nn", "-x"], capture_output=True,
                         text=True, check=True).stdout
    packets = []
    for line in out.splitlines():
        if not line.startswith("\t"):
            packets.append([line, b""])
        else:
            packets[-1][1] += bytes.fromhex("".join(line.split(":", 1)[1].split()))
    return packets


def test_udp_filter_drops_icmp_and_tcp(tmp_path):
    pcap = tmp_path / "udp.pcap"
    lines = sniff_in_namespace(["icmp", "tcp", "udp4"], "-i", "lo", "--proto", "udp",
                               "--count", "1", "--hex", pcap=pcap)
    assert re.fullmatch(r"[\d:.]+ UDP 127\.0\.0\.1:\d+ > 127\.0\.0\.1:5007 len 39 payload 11",
                        lines[0]), lines
    assert "udp-to-5007" in lines[1]           # the --hex dump of the payload
    [(summary, data)] = tcpdump_packets(pcap)
    assert re.search(r"IP 127\.0\.0\.1\.\d+ > 127\.0\.0\.1\.5007: UDP, length 11", summary)
    assert len(data) == 39 and data.endswith(b"udp-to-5007")


def test_tcp_port_filter_sees_the_handshake(tmp_path):
    pcap = tmp_path / "tcp.pcap"
    lines = sniff_in_namespace(["udp4", "tcp-other", "tcp"], "-i", "lo", "--proto", "tcp",
                               "--port", "5007", "--count", "4", pcap=pcap)
    flags = [re.search(r"\[([A-Z,]+)\]", line).group(1) for line in lines]
    assert flags == ["SYN", "SYN,ACK", "ACK", "PSH,ACK"], lines
    assert all(":5007" in line for line in lines) and "payload 11" in lines[3]
    packets = tcpdump_packets(pcap)
    assert [re.search(r"Flags \[([^\]]+)\]", s).group(1) for s, _ in packets] == \
        ["S", "S.", ".", "P."]
    assert packets[3][1].endswith(b"tcp-to-5007")


def test_icmp_echo_and_reply(tmp_path):
    pcap = tmp_path / "icmp.pcap"
    lines = sniff_in_namespace(["udp4", "icmp"], "-i", "lo", "--proto", "icmp",
                               "--count", "2", pcap=pcap)
    assert [line.split(" ", 1)[1] for line in lines] == [
        "ICMP 127.0.0.1 > 127.0.0.1 len 37 type 8 code 0",
        "ICMP 127.0.0.1 > 127.0.0.1 len 37 type 0 code 0"]
    packets = tcpdump_packets(pcap)
    assert "ICMP echo request, id 4660, seq 1" in packets[0][0]
    assert "ICMP echo reply, id 4660, seq 1" in packets[1][0]
    assert all(data.endswith(b"icmp-echo") for _, data in packets)


def test_host_filter_on_all_interfaces_takes_ipv6(tmp_path):
    pcap = tmp_path / "v6.pcap"
    lines = sniff_in_namespace(["udp4", "udp4-other", "udp6"], "--host", "::1",
                               "--port", "5007", "--count", "1", pcap=pcap)
    assert lines[0].split(" ", 1)[1].startswith("UDP [::1]:") and \
        lines[0].endswith(" > [::1]:5007 len 60 payload 12"), lines
    [(summary, data)] = tcpdump_packets(pcap)
    assert "IP6 ::1." in summary and data.endswith(b"udp6-to-5007")


def test_without_cap_net_raw_a_clear_message(tmp_path):
    """Root without CAP_NET_RAW (setpriv drops it from the bounding set, so the
    program starts without it; the user stays root, so the interpreter's
    files stay readable): sniff says what it needs, status 1, no traceback."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    import pysock
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(pysock.__file__)))
    run = subprocess.run(["setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-all",
                          sys.executable, "-m", "pysock", "sniff",
                          "--count", "1"], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=60)
    assert run.returncode == 1, run
    assert run.stderr.startswith("sniff: capturing needs CAP_NET_RAW (run as root): "), run.stderr
    assert "Traceback" not in run.stderr
