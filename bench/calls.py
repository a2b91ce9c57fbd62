"""Module functions that do no I/O: getaddrinfo of a numeric host, the inet_*
conversions and the byte-order functions. One operation is one call; each
call's result is compared with the expected value."""
import sys

from _bench import Workload, expect, timed


def _net(value, width):
    """value in network byte order, as read back by this host."""
    return int.from_bytes(value.to_bytes(width, sys.byteorder), "big")


def _repeat(call_name, *call_args, expected, freeze=lambda value: value):
    """A workload timing n calls of mod.<call_name>(*call_args); each result,
    passed through freeze, must equal expected."""
    def run(mod, n):
        func = getattr(mod, call_name)
        margs = [a(mod) if callable(a) else a for a in call_args]

        def loop(n):
            bad = 0
            for _ in range(n):
                if func(*margs) != expected_value:
                    bad += 1
            return bad
        expected_value = func(*margs)
        expect(freeze(expected_value) == expected, f"{call_name}{tuple(margs)} = {expected_value!r}")
        seconds, bad = timed(loop, n)
        expect(bad == 0, f"{bad} calls of {call_name} gave another value")
        return seconds, freeze(expected_value)
    return run


def _plain(result):
    """getaddrinfo's list with enum members as plain ints."""
    return [(int(f), int(t), p, c, a) for f, t, p, c, a in result]


AF_INET = lambda mod: mod.AF_INET  # noqa: E731
AF_INET6 = lambda mod: mod.AF_INET6  # noqa: E731
STREAM = lambda mod: mod.SOCK_STREAM  # noqa: E731

WORKLOADS = [
    Workload("getaddrinfo('127.0.0.1', 80, AF_INET, SOCK_STREAM)",
             _repeat("getaddrinfo", "127.0.0.1", 80, AF_INET, STREAM, freeze=_plain,
                     expected=[(2, 1, 6, "", ("127.0.0.1", 80))]),
             n=50_000, floor="getaddrinfo"),
    Workload("inet_pton(AF_INET6, '2001:db8::1')",
             _repeat("inet_pton", AF_INET6, "2001:db8::1", expected=bytes.fromhex("20010db8000000000000000000000001")),
             n=500_000, floor="inet_pton"),
    Workload("inet_ntop(AF_INET6, 16 bytes)",
             _repeat("inet_ntop", AF_INET6, bytes.fromhex("20010db8000000000000000000000001"), expected="2001:db8::1"),
             n=500_000, floor="inet_ntop"),
    Workload("inet_aton('127.0.0.1')", _repeat("inet_aton", "127.0.0.1", expected=b"\x7f\x00\x00\x01"),
             n=500_000, floor="inet_aton"),
    Workload("inet_ntoa(4 bytes)", _repeat("inet_ntoa", b"\x7f\x00\x00\x01", expected="127.0.0.1"),
             n=500_000, floor="inet_ntoa"),
    Workload("htonl(0x7f000001)", _repeat("htonl", 0x7F000001, expected=_net(0x7F000001, 4)),
             n=1_000_000, floor="htonl"),
    Workload("htons(80)", _repeat("htons", 80, expected=_net(80, 2)), n=1_000_000, floor="htons"),
    Workload("ntohl(0x0100007f)", _repeat("ntohl", _net(0x7F000001, 4), expected=0x7F000001), n=1_000_000, floor="htonl"),
    Workload("ntohs(0x5000)", _repeat("ntohs", _net(80, 2), expected=80), n=1_000_000, floor="htons"),
]
