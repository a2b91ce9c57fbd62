"""The `--proto/--host/--port` filter of `python -m pysock sniff`, as a value.

`Filter.matches` applies it to a decoded packet (used where no kernel filter
can be attached); `bpf.compile_filter` turns the same filter into a classic
BPF program for the kernel. Both accept a packet when every given condition
holds: the protocol, the host as source or destination, the TCP/UDP port as
source or destination."""
import dataclasses

import pysock

from . import decode

PROTOCOLS = {"tcp": (decode.PROTO_TCP, decode.PROTO_TCP),
             "udp": (decode.PROTO_UDP, decode.PROTO_UDP),
             "icmp": (decode.PROTO_ICMP, decode.PROTO_ICMPV6)}   # (IPv4, IPv6)


@dataclasses.dataclass(frozen=True)
class Filter:
    proto: str = None        # "tcp", "udp", "icmp" or None
    host: bytes = None       # packed address (4 or 16 bytes) or None
    port: int = None

    @classmethod
    def from_options(cls, proto=None, host=None, port=None):
        """Build from the command-line strings; ValueError says what is wrong."""
        if proto is not None and proto not in PROTOCOLS:
            raise ValueError(f"--proto must be one of {', '.join(PROTOCOLS)}")
        packed = None
        if host is not None:
            for family in (pysock.AF_INET, pysock.AF_INET6):
                try:
                    packed = pysock.inet_pton(family, host)
                    break
                except OSError:
                    pass
            else:
                raise ValueError(f"--host needs a numeric IPv4 or IPv6 address, not {host!r}")
        if port is not None and not 0 <= port <= 0xFFFF:
            raise ValueError("--port must be between 0 and 65535")
        return cls(proto, packed, port)

    def __bool__(self):
        return (self.proto, self.host, self.port) != (None, None, None)

    def matches(self, packet):
        if packet.protocol < 0:
            return not self
        v6 = ":" in packet.src
        if self.proto is not None and packet.protocol != PROTOCOLS[self.proto][v6]:
            return False
        if self.host is not None:
            family = pysock.AF_INET6 if v6 else pysock.AF_INET
            if len(self.host) != (16 if v6 else 4):
                return False
            host = pysock.inet_ntop(family, self.host)
            if host not in (packet.src, packet.dst):
                return False
        if self.port is not None:
            if packet.protocol not in (decode.PROTO_TCP, decode.PROTO_UDP):
                return False
            if self.port not in (packet.sport, packet.dport):
                return False
        return True
