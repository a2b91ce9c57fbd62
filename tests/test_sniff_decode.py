"""The sniffer's packet decoder, filter, BPF compiler and pcap writer, without
the network: known packets decode to their fields, truncated and random bytes
never raise, the kernel program accepts exactly what the Python filter accepts,
and the pcap file is what tcpdump reads."""
import io
import shutil
import struct
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from sniffutil import frame, ipv4, ipv6, run_bpf, transport

decode = pytest.importorskip("pysock._sniff.decode")
from pysock._sniff import bpf, pcap  # noqa: E402
from pysock._sniff.filter import Filter  # noqa: E402


def test_tcp_over_ipv4():
    packet = decode.decode_ethernet(frame(ipv4(6, "10.0.0.1", "10.0.0.2",
                                               transport(6, 1234, 80, b"GET", flags=0x12))))
    assert (packet.proto, packet.src, packet.sport, packet.dst, packet.dport) == \
        ("TCP", "10.0.0.1", 1234, "10.0.0.2", 80)
    assert packet.flags == ("SYN", "ACK") and packet.payload == b"GET" and packet.error is None
    line = decode.format_packet(packet, 0.5)
    assert line.endswith("TCP 10.0.0.1:1234 > 10.0.0.2:80 len 43 [SYN,ACK] payload 3")


def test_udp_icmp6_and_other_protocols():
    udp = decode.decode_ip(ipv6(17, "::1", "fe80::2", transport(17, 53, 5353, b"q")))
    assert (udp.proto, udp.src, udp.dst, udp.sport, udp.payload) == ("UDP", "::1", "fe80::2", 53, b"q")
    assert "[::1]:53 > [fe80::2]:5353" in decode.format_packet(udp, 0)
    icmp6 = decode.decode_ip(ipv6(58, "::1", "::1", transport(58, 0, 0, b"")))
    assert (icmp6.proto, icmp6.info) == ("ICMP6", "type 128 code 0")
    ospf = decode.decode_ip(ipv4(89, "1.1.1.1", "2.2.2.2", b"xyz"))
    assert ospf.proto == "IP proto 89" and ospf.payload == b"xyz"
    arp = decode.decode_ethernet(b"\xff" * 6 + b"\x02" * 6 + b"\x08\x06" + b"\x00" * 28)
    assert arp.proto == "ARP" and arp.error is None


def test_truncated_headers_are_reported():
    whole = frame(ipv4(6, "10.0.0.1", "10.0.0.2", transport(6, 1, 2, b"")))
    assert decode.decode_ethernet(whole[:10]).error == "truncated Ethernet header (10 of 14 bytes)"
    assert decode.decode_ethernet(whole[:30]).error == "truncated IPv4 header (16 of 20 bytes)"
    cut = decode.decode_ethernet(whole[:44])
    assert cut.error == "truncated TCP header (10 of 20 bytes)" and cut.sport == 1
    assert "(truncated TCP header" in decode.format_packet(cut, 0)
    assert decode.decode_ip(b"\x75" + b"\x00" * 30).error == "malformed IP header (version 7)"


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=120))
def test_random_bytes_never_raise(data):
    for packet in (decode.decode_ethernet(data), decode.decode_ip(data),
                   decode.decode_ethernet(b"\x00" * 12 + b"\x86\xdd" + data),
                   decode.decode_ip(b"\x45" + data), decode.decode_ip(b"\x60" + data)):
        decode.format_packet(packet, 0, hexdump=True)


addresses4 = st.sampled_from(["10.0.0.1", "10.0.0.2", "127.0.0.1"])
addresses6 = st.sampled_from(["::1", "fe80::1", "2001:db8::1"])
protocols = st.sampled_from([1, 6, 17, 47, 58])
ports = st.sampled_from([53, 80, 5000])


@st.composite
def frames(draw):
    proto, sport, dport = draw(protocols), draw(ports), draw(ports)
    body = transport(proto, sport, dport, draw(st.binary(max_size=8)))
    if draw(st.booleans()):
        ip = ipv6(proto, draw(addresses6), draw(addresses6), body)
    else:
        frag = draw(st.sampled_from([0, 0, 0x2000, 3]))
        ip = ipv4(proto, draw(addresses4), draw(addresses4), body, frag)
    whole = frame(ip)
    # Cut anywhere in the transport header or payload (the kernel hands over whole IP headers).
    return whole[:draw(st.integers(len(whole) - len(body), len(whole)))]


filters = st.builds(Filter.from_options,
                    st.sampled_from([None, "tcp", "udp", "icmp"]),
                    st.sampled_from([None, "10.0.0.1", "127.0.0.1", "::1", "2001:db8::1"]),
                    st.sampled_from([None, 53, 5000]))


@settings(max_examples=600, deadline=None)
@given(filters, frames())
def test_kernel_program_agrees_with_python_filter(flt, data):
    """The BPF program (run by an interpreter of the kernel's rules) and the Python
    filter on the decoded packet accept the same frames."""
    assert bool(run_bpf(bpf.compile_filter(flt), data)) == flt.matches(decode.decode_ethernet(data))


def test_sock_fprog_layout():
    program = bpf.compile_filter(Filter.from_options("udp", None, 53))
    fprog, keep = bpf.sock_fprog(program)
    length, = struct.unpack_from("H", fprog)
    assert length == len(program) and len(fprog) == struct.calcsize("HP")
    assert keep.raw == b"".join(struct.pack("HBBI", *ins) for ins in program)


@pytest.mark.skipif(shutil.which("tcpdump") is None, reason="tcpdump is not installed")
def test_pcap_file_reads_back_with_tcpdump(tmp_path):
    packets = [frame(ipv4(17, "10.0.0.1", "10.0.0.2", transport(17, 1000, 2000, b"abc"))),
               frame(ipv6(6, "::1", "::2", transport(6, 3000, 80, b"", flags=0x02)))]
    path = tmp_path / "out.pcap"
    with open(path, "wb") as f:
        writer = pcap.PcapWriter(f, pcap.LINKTYPE_ETHERNET)
        for i, data in enumerate(packets):
            writer.write(1700000000 + i + 0.25, data)
    out = subprocess.run(["tcpdump", "-r", str(path), "-nn", "-tt", "-x"],
                         capture_output=True, text=True, check=True).stdout
    assert "1700000000.250000 IP 10.0.0.1.1000 > 10.0.0.2.2000: UDP, length 3" in out
    assert "1700000001.250000 IP6 ::1.3000 > ::2.80: Flags [S]" in out
    raw = io.BytesIO()
    pcap.PcapWriter(raw, pcap.LINKTYPE_RAW)
    assert struct.unpack("=IHHiIII", raw.getvalue())[6] == 101
