"""Constants: every constant pysock exposes exists in the stdlib with the same
value and type, and the stdlib's major groups are present in pysock."""

import re
import socket as std

import pytest

import own_names

GROUPS = ["AF_", "SOCK_", "SO_", "SOL_", "IPPROTO_", "MSG_", "TCP_"]

# Names that issue 2 (the core API slice) requires wherever the stdlib has them.
CORE = [
    "AF_INET", "AF_INET6", "AF_UNIX", "AF_UNSPEC",
    "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_SEQPACKET", "SOCK_NONBLOCK", "SOCK_CLOEXEC",
    "SOL_SOCKET", "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST", "SO_LINGER",
    "SO_RCVBUF", "SO_SNDBUF", "SO_ERROR", "SO_TYPE", "SO_RCVTIMEO", "SO_SNDTIMEO",
    "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_OOBINLINE", "SO_DONTROUTE", "SO_ACCEPTCONN",
    "IPPROTO_IP", "IPPROTO_IPV6", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_ICMP", "IPPROTO_RAW",
    "MSG_PEEK", "MSG_OOB", "MSG_WAITALL", "MSG_DONTWAIT", "MSG_NOSIGNAL", "MSG_TRUNC",
    "MSG_CTRUNC", "MSG_DONTROUTE",
    "TCP_NODELAY", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_MAXSEG",
    "SHUT_RD", "SHUT_WR", "SHUT_RDWR",
    "IPV6_V6ONLY", "IP_TTL",
    "AI_PASSIVE", "AI_CANONNAME", "AI_NUMERICHOST", "AI_NUMERICSERV",
    "EAI_NONAME", "SOMAXCONN",
]

_CONST_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def constant_names(m):
    return sorted(
        n for n in dir(m)
        if _CONST_RE.match(n) and isinstance(getattr(m, n), int) and not isinstance(getattr(m, n), bool)
    )


def test_pysock_constants_exist_in_stdlib_with_same_value_and_type(pysock):
    problems = []
    for name in constant_names(pysock):
        pv = getattr(pysock, name)
        if not hasattr(std, name):
            # pysock's own constants (own_names.py) are extras, nothing else.
            if name not in own_names.CONSTANTS:
                problems.append("%s=%r: not in the stdlib" % (name, pv))
            continue
        sv = getattr(std, name)
        if int(pv) != int(sv):
            problems.append("%s: pysock %r != stdlib %r" % (name, int(pv), int(sv)))
        if type(pv).__name__ != type(sv).__name__:
            problems.append("%s: pysock type %s != stdlib type %s"
                            % (name, type(pv).__name__, type(sv).__name__))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", CORE)
def test_core_constant_present(pysock, name):
    if not hasattr(std, name):
        pytest.skip("%s is not defined by the stdlib on this platform" % name)
    assert hasattr(pysock, name), "pysock lacks %s" % name
    assert int(getattr(pysock, name)) == int(getattr(std, name))
    assert type(getattr(pysock, name)).__name__ == type(getattr(std, name)).__name__


def _coverage(pysock):
    """{group: (present, total, missing)} over the stdlib's names in each group."""
    out = {}
    for g in GROUPS:
        names = [n for n in constant_names(std) if n.startswith(g)]
        missing = [n for n in names if not hasattr(pysock, n)]
        out[g] = (len(names) - len(missing), len(names), missing)
    return out


def test_group_coverage_report(pysock, capsys):
    """Reports coverage per group (printed with -s / -rA); asserts each group exists."""
    cov = _coverage(pysock)
    lines = ["constant coverage (pysock / stdlib):"]
    for g, (have, total, missing) in cov.items():
        lines.append("  %-9s %4d / %-4d %s" % (g + "*", have, total,
                                               ("missing: " + " ".join(missing[:12]) +
                                                (" ..." if len(missing) > 12 else "")) if missing else ""))
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    for g, (have, total, _missing) in cov.items():
        if total:
            assert have > 0, "pysock defines no %s* constant at all" % g


@pytest.mark.parametrize("group", GROUPS)
def test_group_full_coverage(pysock, group):
    have, total, missing = _coverage(pysock)[group]
    assert not missing, "%s* missing in pysock: %s" % (group, " ".join(missing))


def test_every_stdlib_constant_present_with_same_value_and_type(pysock):
    """All of them: every int constant of the running Python's socket module
    (errno re-exports included) is in pysock, equal, and of the same type
    (the same enum class where the stdlib's is an enum member)."""
    problems = []
    for name in constant_names(std):
        if not hasattr(pysock, name):
            problems.append("%s: missing" % name)
            continue
        sv, pv = getattr(std, name), getattr(pysock, name)
        if int(pv) != int(sv):
            problems.append("%s: pysock %r != stdlib %r" % (name, int(pv), int(sv)))
        if type(pv).__name__ != type(sv).__name__:
            problems.append("%s: pysock type %s != stdlib type %s"
                            % (name, type(pv).__name__, type(sv).__name__))
    assert not problems, "%d problems:\n%s" % (len(problems), "\n".join(problems))


@pytest.mark.parametrize("enum_name", ["AddressFamily", "SocketKind", "MsgFlag", "AddressInfo"])
def test_enum_members_equal_stdlib(pysock, enum_name):
    """Same member names and values (aliases included) as the stdlib's enum."""
    def members(m):
        return {name: int(value) for name, value in getattr(m, enum_name).__members__.items()}
    assert members(pysock) == members(std)


def test_errno_reexports(pysock):
    for name in ("EBADF", "EAGAIN", "EWOULDBLOCK"):
        assert getattr(pysock, name) == getattr(std, name)
        assert name not in pysock.__all__


def test_enum_members_are_module_constants(mod):
    for enum_cls in (mod.AddressFamily, mod.SocketKind):
        for name, member in enum_cls.__members__.items():
            assert getattr(mod, name) is member or getattr(mod, name) == member


def test_constant_types(mod):
    assert isinstance(mod.AF_INET, mod.AddressFamily)
    assert isinstance(mod.SOCK_STREAM, mod.SocketKind)
    assert type(mod.SOL_SOCKET) is int
    assert type(mod.SO_REUSEADDR) is int
    assert type(mod.IPPROTO_TCP) is int
    assert isinstance(mod.MSG_PEEK, int)


def test_msg_flags_enum_like_stdlib(pysock):
    """If the stdlib wraps MSG_* / AI_* in IntFlag classes, pysock's are the same kind."""
    for cls_name in ("MsgFlag", "AddressInfo"):
        if hasattr(std, cls_name):
            assert hasattr(pysock, cls_name), cls_name
            for name, member in getattr(std, cls_name).__members__.items():
                if hasattr(pysock, name):
                    assert int(getattr(pysock, name)) == int(member)


def test_has_ipv6_matches(both):
    assert both[0].has_ipv6 == both[1].has_ipv6


@pytest.mark.pysock_only
def test_constants_table_keeps_no_name_per_call(pysock):
    """_core.constants() keys its dict by interned names and keeps no
    reference to them per call: the name's reference count is the same
    after 100 tables (on 3.12 and later interned names are immortal, and
    the count never moves)."""
    import sys

    from pysock import _core

    table = _core.constants()
    assert "AF_INET" in table and "SOCK_STREAM" in table
    del table
    before = sys.getrefcount("AF_INET"), sys.getrefcount("SOCK_STREAM")
    for _ in range(100):
        _core.constants()
    assert (sys.getrefcount("AF_INET"), sys.getrefcount("SOCK_STREAM")) == before


@pytest.mark.pysock_only
def test_error_table_texts_are_the_backends_messages(pysock):
    """errorTab (Windows): each code has the backend's message for it, text
    up to its end: never empty, no NUL in it."""
    if not hasattr(pysock, "errorTab"):
        pytest.skip("errorTab is Windows only, as in the stdlib")
    texts = dict(pysock.errorTab)
    assert texts
    for code, text in texts.items():
        assert text.strip() and "\0" not in text, (code, text)


@pytest.mark.pysock_only
def test_error_table_keeps_nothing_per_call(pysock):
    """_core._error_table() (errorTab's source, Windows) leaves no key or text
    behind: each call's table is all there is of it."""
    import gc
    import tracemalloc

    from pysock import _core

    if not _core._error_table():
        pytest.skip("the backend lists no socket error codes (errorTab is Windows only, as in the stdlib)")
    for _ in range(10):
        _core._error_table()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(500):
        _core._error_table()
    gc.collect()
    growth = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    # One int key kept per entry and call would be about 1.5 MB.
    assert growth < 256 * 1024, growth

