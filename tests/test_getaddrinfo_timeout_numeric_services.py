"""getaddrinfo(numeric host, numeric service, timeout=0): a numeric host
with a port number needs no resolver, so even a timeout of 0 answers, and
with the stdlib's answer; the service as a one-digit string or bytes
included. An empty or non-decimal service goes to the real lookup."""
import sys

import pytest

pytestmark = pytest.mark.pysock_only


@pytest.mark.parametrize("service", [str(d) for d in range(10)] + [b"7", "65535", "08"])
def test_numeric_service_answers_at_timeout_zero(both, service):
    std, mod = both
    expected = std.getaddrinfo("127.0.0.1", service, std.AF_INET, std.SOCK_STREAM)
    got = mod.getaddrinfo("127.0.0.1", service, mod.AF_INET, mod.SOCK_STREAM, timeout=0)
    assert [(int(f), int(t), p, c, a) for f, t, p, c, a in got] == \
        [(int(f), int(t), p, c, a) for f, t, p, c, a in expected]


@pytest.mark.parametrize("service", ["", "7a", "-1"])
def test_other_services_answer_as_stdlib_with_a_timeout(both, service):
    std, mod = both

    def result(fn, **kw):
        try:
            return ["ok", [(int(f), int(t), p, c, a) for f, t, p, c, a in fn("127.0.0.1", service, 2, 1, **kw)]]
        except OSError as e:
            return ["raise", type(e).__name__, e.errno]

    assert result(mod.getaddrinfo, timeout=30) == result(std.getaddrinfo)


def test_canonical_name_is_never_answered_without_a_lookup(both):
    """With AI_CANONNAME even a numeric host goes to the real lookup (some C
    libraries look its canonical name up); with time, the answer is the
    stdlib's. At a timeout of 0 the POSIX lookup, which runs in a thread of
    its own, has no time: TimeoutError. (Windows' asynchronous lookup can
    answer a numeric host at once, so there either outcome is right.)"""
    std, mod = both
    expected = std.getaddrinfo("127.0.0.1", 80, std.AF_INET, std.SOCK_STREAM, 0, std.AI_CANONNAME)
    got = mod.getaddrinfo("127.0.0.1", 80, mod.AF_INET, mod.SOCK_STREAM, 0, mod.AI_CANONNAME, timeout=30)
    assert [(int(f), int(t), p, c, a) for f, t, p, c, a in got] == \
        [(int(f), int(t), p, c, a) for f, t, p, c, a in expected]
    if sys.platform != "win32":
        with pytest.raises(TimeoutError):
            mod.getaddrinfo("127.0.0.1", 80, mod.AF_INET, mod.SOCK_STREAM, 0, mod.AI_CANONNAME, timeout=0)
