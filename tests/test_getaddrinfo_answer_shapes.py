"""getaddrinfo's wrapping of the C answer, given the same answer in both
modules (a test double for the C function, as CPython's own tests do): a
family or socket type the enums know becomes their member, one they do not
know (a type of 0, as Windows' getaddrinfo gives; a family past the enum)
stays a plain int, and the rest of each entry passes unchanged."""
import socket as std

import pytest

from sockutil import outcome

pytestmark = pytest.mark.pysock_only

ANSWER = [
    (int(std.AF_INET), int(std.SOCK_STREAM), 6, "", ("192.0.2.1", 80)),
    (int(std.AF_INET), 0, 0, "canon.example", ("192.0.2.2", 80)),
    (int(std.AF_INET6), 99, 17, "", ("2001:db8::1", 80, 0, 0)),
    (250, int(std.SOCK_DGRAM), 0, "", ("192.0.2.3", 80)),
]


def _shapes(result):
    return [(type(af).__name__, int(af), type(kind).__name__, int(kind), rest) for af, kind, *rest in result]


def test_unknown_family_and_type_stay_ints(pysock, monkeypatch):
    from pysock import _helpers
    fake = lambda *args: list(ANSWER)  # noqa: E731
    monkeypatch.setattr(std._socket, "getaddrinfo", fake)
    monkeypatch.setattr(_helpers._core, "getaddrinfo", fake)
    res = [outcome(m.getaddrinfo, "host.example", 80) for m in (std, pysock)]
    assert res[0][0] == res[1][0] == "ok"
    assert _shapes(res[1][1]) == _shapes(res[0][1])
    assert [type(kind).__name__ for _, kind, *_ in res[0][1]] == ["SocketKind", "int", "int", "SocketKind"]
