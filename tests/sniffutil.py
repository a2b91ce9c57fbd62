"""Helpers for the sniff tests: building Ethernet/IP frames with known fields,
and a classic-BPF interpreter to run the compiled filters in user space."""
import socket
import struct

ETHER = b"\x00" * 12


def transport(proto, sport, dport, payload, flags=0x18):
    if proto == 6:
        return struct.pack("!HHIIBBHHH", sport, dport, 1, 2, 5 << 4, flags, 1024, 0, 0) + payload
    if proto == 17:
        return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    if proto in (1, 58):
        return struct.pack("!BBHHH", 8 if proto == 1 else 128, 0, 0, 1, 1) + payload
    return payload


def ipv4(proto, src, dst, body, frag=0):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, frag, 64, proto, 0,
                         socket.inet_pton(socket.AF_INET, src),
                         socket.inet_pton(socket.AF_INET, dst))
    return header + body


def ipv6(proto, src, dst, body):
    header = struct.pack("!IHBB16s16s", 6 << 28, len(body), proto, 64,
                         socket.inet_pton(socket.AF_INET6, src),
                         socket.inet_pton(socket.AF_INET6, dst))
    return header + body


def frame(ip_packet):
    ethertype = 0x0800 if ip_packet[0] >> 4 == 4 else 0x86DD
    return ETHER + struct.pack("!H", ethertype) + ip_packet


def run_bpf(program, packet):
    """What the kernel's classic BPF machine returns for `packet` (0 = drop)."""
    a = x = 0
    pc = 0
    while True:
        code, jt, jf, k = program[pc]
        pc += 1
        cls = code & 0x07
        if cls == 0x06:                                   # RET
            return k
        if cls in (0x00, 0x01):                           # LD / LDX
            mode, size = code & 0xE0, code & 0x18
            if cls == 0x01 and mode == 0x00:              # LDX IMM
                x = k
                continue
            if cls == 0x01 and mode == 0xA0:              # LDX MSH
                if k >= len(packet):
                    return 0
                x = 4 * (packet[k] & 0x0F)
                continue
            offset = k + (x if mode == 0x40 else 0)
            width = {0x00: 4, 0x08: 2, 0x10: 1}[size]
            if offset + width > len(packet):
                return 0
            a = int.from_bytes(packet[offset:offset + width], "big")
            continue
        if cls == 0x05:                                   # JMP
            op = code & 0xF0
            taken = a == k if op == 0x10 else bool(a & k)
            pc += jt if taken else jf
            continue
        raise AssertionError(f"instruction {code:#x} not interpreted")
