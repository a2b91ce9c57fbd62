"""Packet decoding for `python -m pysock sniff`: Ethernet, IPv4, IPv6, TCP, UDP,
ICMP and ICMPv6 headers, into one `Packet` per captured frame.

Captured bytes are untrusted: every header is length-checked before it is
read, and a packet too short for what it claims is returned with `error` set
("truncated ...") instead of raising. Nothing here touches the network."""
import dataclasses
import struct
import time

import pysock

ETHERTYPE_IPV4 = 0x0800
ETHERTYPE_IPV6 = 0x86DD
ETHERTYPE_ARP = 0x0806
ETHERTYPE_VLAN = (0x8100, 0x88A8)

PROTO_ICMP = 1
PROTO_TCP = 6
PROTO_UDP = 17
PROTO_ICMPV6 = 58
# IPv6 extension headers that are skipped to reach the transport header
# (each starts with next-header and a length in 8-byte units after the first 8).
IPV6_EXTENSIONS = {0, 43, 60}
IPV6_FRAGMENT = 44

PROTO_NAMES = {PROTO_ICMP: "ICMP", PROTO_TCP: "TCP", PROTO_UDP: "UDP",
               PROTO_ICMPV6: "ICMP6", 2: "IGMP", 47: "GRE", 50: "ESP", 51: "AH",
               132: "SCTP"}
TCP_FLAGS = ((0x01, "FIN"), (0x02, "SYN"), (0x04, "RST"), (0x08, "PSH"),
             (0x10, "ACK"), (0x20, "URG"), (0x40, "ECE"), (0x80, "CWR"))


class Truncated(Exception):
    """A header runs past the end of the captured bytes."""


@dataclasses.dataclass
class Packet:
    """What one captured frame carries, as far as it could be decoded."""
    proto: str = "?"            # "TCP", "UDP", "ICMP", "ICMP6", "ARP", "IP proto 89", ...
    protocol: int = -1          # IP protocol number, -1 when not IP
    src: str = ""
    dst: str = ""
    sport: int = None
    dport: int = None
    length: int = 0             # the IP packet's length as captured (frame length if not IP)
    flags: tuple = ()           # TCP flag names
    info: str = ""              # ICMP type/code, fragment, ethertype, ...
    payload: bytes = b""        # transport payload (or what follows the last decoded header)
    error: str = None           # "truncated ..." / "malformed ..." when decoding stopped early


def need(data, size, what):
    if len(data) < size:
        raise Truncated(f"truncated {what} ({len(data)} of {size} bytes)")


def decode_ethernet(frame):
    """Decode an Ethernet frame (what AF_PACKET SOCK_RAW and LINKTYPE_ETHERNET carry)."""
    packet = Packet(length=len(frame))
    try:
        need(frame, 14, "Ethernet header")
        ethertype, = struct.unpack_from("!H", frame, 12)
        offset = 14
        while ethertype in ETHERTYPE_VLAN:
            need(frame, offset + 4, "VLAN tag")
            ethertype, = struct.unpack_from("!H", frame, offset + 2)
            offset += 4
        if ethertype in (ETHERTYPE_IPV4, ETHERTYPE_IPV6):
            return decode_ip(frame[offset:])
        packet.proto = "ARP" if ethertype == ETHERTYPE_ARP else f"ether 0x{ethertype:04x}"
        packet.src = frame[6:12].hex(":")
        packet.dst = frame[0:6].hex(":")
        packet.payload = frame[offset:]
    except Truncated as exc:
        packet.error = str(exc)
    return packet


def decode_ip(data):
    """Decode an IP packet (what the SIO_RCVALL socket and LINKTYPE_RAW carry)."""
    packet = Packet(length=len(data))
    try:
        need(data, 1, "IP header")
        version = data[0] >> 4
        if version == 4:
            transport = decode_ipv4(data, packet)
        elif version == 6:
            transport = decode_ipv6(data, packet)
        else:
            packet.error = f"malformed IP header (version {version})"
            return packet
        if transport is not None:
            decode_transport(transport, packet)
    except Truncated as exc:
        packet.error = str(exc)
    return packet


def decode_ipv4(data, packet):
    need(data, 20, "IPv4 header")
    header_len = (data[0] & 0x0F) * 4
    if header_len < 20:
        packet.error = f"malformed IPv4 header (header length {header_len})"
        return None
    need(data, header_len, "IPv4 header")
    total_len, frag, protocol = struct.unpack_from("!2xH2xHxB", data, 0)
    packet.src = pysock.inet_ntop(pysock.AF_INET, data[12:16])
    packet.dst = pysock.inet_ntop(pysock.AF_INET, data[16:20])
    set_protocol(packet, protocol)
    end = min(len(data), max(total_len, header_len))   # drop Ethernet padding
    if frag & 0x1FFF:
        packet.info = f"fragment offset {(frag & 0x1FFF) * 8}"
        packet.payload = data[header_len:end]
        return None
    return data[header_len:end]


def decode_ipv6(data, packet):
    need(data, 40, "IPv6 header")
    payload_len, protocol = struct.unpack_from("!4xHB", data, 0)
    packet.src = pysock.inet_ntop(pysock.AF_INET6, data[8:24])
    packet.dst = pysock.inet_ntop(pysock.AF_INET6, data[24:40])
    rest = data[40:40 + payload_len]
    while protocol in IPV6_EXTENSIONS or protocol == IPV6_FRAGMENT:
        need(rest, 8, "IPv6 extension header")
        if protocol == IPV6_FRAGMENT:
            if struct.unpack_from("!H", rest, 2)[0] & 0xFFF8:
                set_protocol(packet, rest[0])
                packet.info = "fragment"
                packet.payload = rest[8:]
                return None
            protocol, size = rest[0], 8
        else:
            protocol, size = rest[0], (rest[1] + 1) * 8
        need(rest, size, "IPv6 extension header")
        rest = rest[size:]
    set_protocol(packet, protocol)
    return rest


def set_protocol(packet, protocol):
    packet.protocol = protocol
    packet.proto = PROTO_NAMES.get(protocol, f"IP proto {protocol}")


def decode_transport(data, packet):
    if packet.protocol == PROTO_TCP:
        need(data, 4, "TCP header")
        packet.sport, packet.dport = struct.unpack_from("!HH", data, 0)
        need(data, 20, "TCP header")
        offset_byte, flags = struct.unpack_from("!12xBB", data, 0)
        header_len = (offset_byte >> 4) * 4
        if header_len < 20:
            packet.error = f"malformed TCP header (data offset {header_len})"
            return
        need(data, header_len, "TCP header")
        packet.flags = tuple(name for bit, name in TCP_FLAGS if flags & bit)
        packet.payload = data[header_len:]
    elif packet.protocol == PROTO_UDP:
        need(data, 4, "UDP header")
        packet.sport, packet.dport = struct.unpack_from("!HH", data, 0)
        need(data, 8, "UDP header")
        udp_len, = struct.unpack_from("!H", data, 4)
        packet.payload = data[8:max(8, udp_len)]
    elif packet.protocol in (PROTO_ICMP, PROTO_ICMPV6):
        need(data, 4, f"{packet.proto} header")
        packet.info = f"type {data[0]} code {data[1]}"
        packet.payload = data[4:]
    else:
        packet.payload = data


def endpoint(address, port):
    if port is None:
        return address
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def format_packet(packet, timestamp, hexdump=False):
    """One line per packet: time, protocol, source > destination, length, details."""
    seconds, micros = divmod(round(timestamp * 1_000_000), 1_000_000)   # as in the pcap file
    clock = "%s.%06d" % (time.strftime("%H:%M:%S", time.localtime(seconds)), micros)
    line = f"{clock} {packet.proto} {endpoint(packet.src, packet.sport)} > " \
           f"{endpoint(packet.dst, packet.dport)} len {packet.length}"
    if packet.flags:
        line += f" [{','.join(packet.flags)}]"
    if packet.info:
        line += f" {packet.info}"
    if packet.sport is not None:
        line += f" payload {len(packet.payload)}"
    if packet.error:
        line += f" ({packet.error})"
    if hexdump and packet.payload:
        line += "\n" + hex_lines(packet.payload)
    return line


def hex_lines(data):
    lines = []
    for start in range(0, len(data), 16):
        chunk = data[start:start + 16]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"  {start:04x}  {chunk.hex(' '):<47}  {text}")
    return "\n".join(lines)
