"""Compile a sniff `Filter` into a classic BPF program for Ethernet frames,
packed as the kernel's `struct sock_fprog` for setsockopt(SO_ATTACH_FILTER).

The program reads the fixed headers only: the IPv4 header (its length from
IHL), the 40-byte IPv6 header and its next-header field (IPv6 extension headers
are not followed, as in tcpdump's simple `ip6 proto` test), and the TCP/UDP
ports right after. Non-first IPv4 fragments carry no ports and fail a port test.
A load past the end of the packet makes the kernel drop the packet."""
import struct

from . import decode
from .filter import PROTOCOLS

# Instruction classes and modes of classic BPF (linux/filter.h, bpf(4)).
LD_W_ABS = 0x20
LD_H_ABS = 0x28
LD_B_ABS = 0x30
LD_H_IND = 0x48
LDX_B_MSH = 0xB1          # X = 4 * (P[k] & 0x0f): the IPv4 header length
LDX_IMM = 0x01
JEQ_K = 0x15
JSET_K = 0x45
RET_K = 0x06

ACCEPT = 0x40000          # bytes of the packet to keep: all of it
ETHER = 14                # the Ethernet header before the IP header
INSTRUCTION = struct.Struct("HBBI")   # struct sock_filter {u16 code; u8 jt, jf; u32 k}


class Assembler:
    """Instructions with forward jumps to named labels, resolved by `program()`.
    A jump target of None means the next instruction."""

    def __init__(self):
        self.code = []        # [code, true label, false label, k]
        self.labels = {}
        self.count = 0

    def new_label(self):
        self.count += 1
        return f"L{self.count}"

    def op(self, code, k=0):
        self.code.append([code, None, None, k])

    def jump(self, code, k, true, false):
        self.code.append([code, true, false, k])

    def label(self, name):
        self.labels[name] = len(self.code)

    def program(self):
        return [(code, self._offset(i, true), self._offset(i, false), k)
                for i, (code, true, false, k) in enumerate(self.code)]

    def _offset(self, index, name):
        if name is None:
            return 0
        offset = self.labels[name] - index - 1
        if not 0 <= offset <= 255:
            raise ValueError("BPF jump out of range")
        return offset


def compile_filter(flt):
    """The classic BPF program (a list of (code, jt, jf, k)) accepting what `flt` accepts."""
    if not flt:      # no condition: everything passes, IP or not
        return [(RET_K, 0, 0, ACCEPT)]
    asm = Assembler()
    asm.op(LD_H_ABS, 12)
    asm.jump(JEQ_K, decode.ETHERTYPE_IPV4, None, "not_ipv4")
    _ip_tests(asm, flt, v6=False)
    asm.label("not_ipv4")
    asm.jump(JEQ_K, decode.ETHERTYPE_IPV6, None, "reject")
    _ip_tests(asm, flt, v6=True)
    asm.label("reject")
    asm.op(RET_K, 0)
    asm.label("accept")
    asm.op(RET_K, ACCEPT)
    return asm.program()


def _ip_tests(asm, flt, v6):
    if flt.host is not None and len(flt.host) != (16 if v6 else 4):
        asm.jump(JEQ_K, 0, "reject", "reject")     # the host is of the other IP version
        return
    _protocol_test(asm, flt, ETHER + (6 if v6 else 9), v6)
    if flt.host is not None:
        _host_test(asm, flt.host, (ETHER + 8, ETHER + 24) if v6 else (ETHER + 12, ETHER + 16))
    if flt.port is None:
        asm.jump(JEQ_K, 0, "accept", "accept")
        return
    if v6:
        asm.op(LDX_IMM, 40)                          # the fixed IPv6 header
    else:
        asm.op(LD_H_ABS, ETHER + 6)
        asm.jump(JSET_K, 0x1FFF, "reject", None)     # a later fragment: no ports
        asm.op(LDX_B_MSH, ETHER)
    # X = the IP header length. The destination port first: a packet cut
    # inside the ports is dropped by that load, as the decoder shows no ports.
    asm.op(LD_H_IND, ETHER + 2)
    asm.jump(JEQ_K, flt.port, "accept", None)
    asm.op(LD_H_IND, ETHER)
    asm.jump(JEQ_K, flt.port, "accept", "reject")


def _protocol_test(asm, flt, offset, v6):
    if flt.proto is not None:
        asm.op(LD_B_ABS, offset)
        asm.jump(JEQ_K, PROTOCOLS[flt.proto][v6], None, "reject")
    elif flt.port is not None:                       # ports exist in TCP and UDP only
        ok = asm.new_label()
        asm.op(LD_B_ABS, offset)
        asm.jump(JEQ_K, decode.PROTO_TCP, ok, None)
        asm.jump(JEQ_K, decode.PROTO_UDP, None, "reject")
        asm.label(ok)


def _host_test(asm, host, fields):
    """Go on when the address at either offset in `fields` equals `host`, else reject."""
    words = struct.unpack(f"!{len(host) // 4}I", host)
    matched = asm.new_label()
    for n, field in enumerate(fields):
        miss = asm.new_label() if n == 0 else "reject"
        for i, word in enumerate(words):
            asm.op(LD_W_ABS, field + 4 * i)
            asm.jump(JEQ_K, word, matched if i == len(words) - 1 else None, miss)
        if n == 0:
            asm.label(miss)
    asm.label(matched)


def sock_fprog(program):
    """Pack `program` as struct sock_fprog {unsigned short len; struct sock_filter *filter}.

    Returns (fprog bytes, the instruction buffer that must stay alive while the
    setsockopt call reads it)."""
    import ctypes
    raw = b"".join(INSTRUCTION.pack(*ins) for ins in program)
    buffer = ctypes.create_string_buffer(raw, len(raw))
    return struct.pack("HP", len(program), ctypes.addressof(buffer)), buffer
