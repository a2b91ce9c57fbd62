"""Property-based differential tests: generated inputs go to the stdlib and
to pysock, which must return the same result or raise the same exception
(type, errno and arguments). Nothing may crash.

Only numeric hosts are generated where a name could reach the resolver
(bind, getaddrinfo without AI_NUMERICHOST): no test may depend on DNS.
Runs are derandomized, without an example database, so CI is reproducible.
"""

import ipaddress
import os
import socket as std
import sys

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sockutil import HAS_IPV6, IS_LINUX, IS_WINDOWS  # noqa: E402

PROPS = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def ps():
    from conftest import load_pysock

    return load_pysock()


def describe_exception(exc):
    """An exception as compared here: its type, and for OSError (gaierror
    included) its arguments too, errno first. The wording of TypeError and
    ValueError messages is the business of test_bad_input, not of these
    tests (some change between Python versions)."""
    if isinstance(exc, OSError):
        return ("raise", type(exc).__name__, exc.args)
    return ("raise", type(exc).__name__)


def describe(fn, *args):
    """The result of fn(*args), or the exception as describe_exception() says."""
    try:
        return ("ok", fn(*args))
    except Exception as exc:  # noqa: BLE001 - every exception is compared
        return describe_exception(exc)


def same(std_fn, ps_fn, *args):
    expected = describe(std_fn, *args)
    got = describe(ps_fn, *args)
    assert got == expected, args
    return expected


@pytest.fixture(scope="module")
def scratch_dir(tmp_path_factory):
    """An empty current directory for the duration of a test module."""
    path = tmp_path_factory.mktemp("props")
    before = os.getcwd()
    os.chdir(path)
    yield path
    os.chdir(before)


# -- generated values -------------------------------------------------------------

any_int = st.one_of(
    st.integers(-70000, 70000),
    st.integers(),
    st.sampled_from([-1, 0, 1, 2 ** 15, 2 ** 16 - 1, 2 ** 16, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1,
                     2 ** 32, 2 ** 63 - 1, 2 ** 63, 2 ** 64, -2 ** 31, -2 ** 31 - 1, -2 ** 63 - 1, 2 ** 200]),
)
junk = st.one_of(
    st.none(), st.floats(allow_nan=True), st.booleans(), st.text(max_size=8), st.binary(max_size=8),
    st.lists(st.integers(0, 3), max_size=2), st.just(object()),
)

octet = st.integers(0, 255)
dotted = st.tuples(octet, octet, octet, octet).map(lambda t: "%d.%d.%d.%d" % t)
# The classic inet_aton forms: 1 to 5 parts, decimal, octal or hex, any size.
aton_part = st.one_of(
    st.integers(0, 2 ** 33).map(str),
    st.integers(0, 2 ** 33).map(hex),
    st.integers(0, 2 ** 33).map(lambda n: "0%o" % n),
    st.sampled_from(["", " ", "-1", "+1", "0x", "08", "1e3", "\u0661"]),
)
aton_like = st.lists(aton_part, min_size=1, max_size=5).map(".".join)
v6_text = st.integers(0, 2 ** 128 - 1).flatmap(lambda n: st.sampled_from([
    str(ipaddress.IPv6Address(n)), ipaddress.IPv6Address(n).exploded,
    ipaddress.IPv6Address(n).exploded.upper()]))
v6_like = st.text(alphabet="0123456789abcdefABCDEF:.%g", max_size=45)
any_text = st.text(max_size=40)  # NULs, surrogates, any code point


def text_variants(s):
    return st.sampled_from([s, s.encode("utf-8", "surrogatepass"), bytearray(s.encode("utf-8", "surrogatepass"))])


# -- byte-order functions ---------------------------------------------------------

@pytest.mark.parametrize("name", ["htons", "ntohs", "htonl", "ntohl"])
@PROPS
@given(value=st.one_of(any_int, junk))
def test_byte_order(ps, name, value):
    same(getattr(std, name), getattr(ps, name), value)


# -- inet_aton / inet_ntoa ----------------------------------------------------------

@PROPS
@given(value=st.one_of(dotted, aton_like, any_text, st.binary(max_size=20), junk,
                       aton_like.map(lambda s: s + "\0"), aton_like.map(lambda s: s + " x")))
def test_inet_aton(ps, value):
    same(std.inet_aton, ps.inet_aton, value)


@PROPS
@given(value=st.one_of(st.binary(max_size=10), st.binary(max_size=10).map(bytearray),
                       st.binary(max_size=10).map(memoryview), junk, any_int))
def test_inet_ntoa(ps, value):
    same(std.inet_ntoa, ps.inet_ntoa, value)


# -- inet_pton / inet_ntop --------------------------------------------------------------

families = st.one_of(st.sampled_from([std.AF_INET, std.AF_INET6]), st.integers(-3, 40), any_int, junk)


@PROPS
@given(family=families, value=st.one_of(dotted, aton_like, v6_text, v6_like, any_text,
                                        st.binary(max_size=20), junk))
def test_inet_pton(ps, family, value):
    same(std.inet_pton, ps.inet_pton, family, value)


@PROPS
@given(family=families, value=st.one_of(st.binary(min_size=0, max_size=20),
                                        st.binary(min_size=16, max_size=16),
                                        st.binary(min_size=4, max_size=4).map(bytearray),
                                        st.binary(max_size=16).map(memoryview), junk))
def test_inet_ntop(ps, family, value):
    same(std.inet_ntop, ps.inet_ntop, family, value)


@PROPS
@given(packed=st.binary(min_size=16, max_size=16))
def test_inet6_round_trip(ps, packed):
    text = same(std.inet_ntop, ps.inet_ntop, std.AF_INET6, packed)[1]
    assert same(std.inet_pton, ps.inet_pton, std.AF_INET6, text) == ("ok", packed)


# -- address parsing through bind() ---------------------------------------------------------

def bind_outcome(m, family, kind, address):
    s = m.socket(family, kind)
    try:
        s.bind(address)
        name = s.getsockname()
        # The OS picks the port: compare everything else.
        if isinstance(name, tuple):
            name = (name[0],) + name[2:]
        return ("ok", name)
    except Exception as exc:  # noqa: BLE001
        return describe_exception(exc)
    finally:
        s.close()


def same_bind(ps, family, kind, address):
    expected = bind_outcome(std, family, kind, address)
    got = bind_outcome(ps, getattr(ps, family.name), kind, address)
    assert got == expected, address


# Ports: 0 (the OS picks), then values that must be refused before the bind.
bad_port = st.one_of(st.integers(max_value=-1), st.integers(min_value=65536),
                     st.sampled_from([-1, 65536, 2 ** 31, 2 ** 32, 2 ** 64]))
port = st.one_of(st.just(0), bad_port, junk)
v4_host = st.one_of(
    st.sampled_from(["", "127.0.0.1", "0.0.0.0", "<broadcast>", "255.255.255.255"]),
    st.tuples(st.just(127), octet, octet, octet).map(lambda t: "%d.%d.%d.%d" % t),
    dotted,
).flatmap(text_variants)
v6_host = st.one_of(
    # The IPv4 broadcast names are refused without a lookup.
    st.sampled_from(["", "::", "::1", "<broadcast>", "255.255.255.255"]),
    v6_text,
).flatmap(text_variants)
wrong_host = st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.just("a"), max_size=1),
                       st.text(max_size=5).map(lambda s: "127.0.0.1\0" + s))


def shapes(host, extra):
    """Tuples and non-tuples of the many wrong shapes."""
    return st.one_of(
        st.tuples(host, port),
        st.tuples(host, port, *extra),
        st.tuples(host),
        st.tuples(host, port, port, port, port, port),
        st.tuples(wrong_host, port),
        st.tuples(host, port).map(list),
        st.just(()),
        host,
        junk,
    )


@PROPS
@given(address=shapes(v4_host, [st.just(0)]))
def test_bind_inet(ps, address):
    same_bind(ps, std.AF_INET, std.SOCK_DGRAM, address)


@pytest.mark.skipif(not HAS_IPV6, reason="IPv6 loopback ::1 not usable")
@PROPS
@given(address=shapes(v6_host, [any_int]) | st.tuples(v6_host, port, st.one_of(any_int, junk),
                                                     st.one_of(any_int, junk)))
def test_bind_inet6(ps, address):
    same_bind(ps, std.AF_INET6, std.SOCK_DGRAM, address)


@pytest.mark.skipif(not IS_LINUX, reason="Linux: abstract AF_UNIX names")
@PROPS
@given(address=st.one_of(
    st.binary(max_size=120).map(lambda b: b"\0" + b),
    st.text(max_size=60).map(lambda s: "\0" + s),
    st.binary(max_size=110).map(lambda b: bytearray(b"\0" + b)),
    st.binary(min_size=109, max_size=200).filter(lambda b: b"\0" not in b),
    # A lone surrogate outside U+DC80..U+DCFF cannot be encoded as a path.
    st.text(min_size=1, max_size=5).map(lambda s: s.replace("\0", "") + "\ud800"),
    junk.filter(lambda v: not isinstance(v, (str, bytes))),
))
def test_bind_unix(ps, address, scratch_dir):
    # Abstract names and refused paths only: nothing should be created on
    # disk, and the current directory is a scratch one in case it is.
    # (Filesystem paths with an embedded NUL are left out on purpose: the
    # stdlib binds the part before the NUL, pysock refuses them.)
    same_bind(ps, std.AF_UNIX, std.SOCK_STREAM, address)
    assert os.listdir(".") == []


# -- setsockopt / getsockopt --------------------------------------------------------------------

OPTIONS = [
    ("SOL_SOCKET", "SO_REUSEADDR"), ("SOL_SOCKET", "SO_KEEPALIVE"), ("SOL_SOCKET", "SO_RCVBUF"),
    ("SOL_SOCKET", "SO_LINGER"), ("SOL_SOCKET", "SO_RCVTIMEO"), ("IPPROTO_TCP", "TCP_NODELAY"),
    ("IPPROTO_IP", "IP_TTL"),
]


def sockopt_outcome(m, level, name, value, optlen, buflen):
    s = m.socket(m.AF_INET, m.SOCK_STREAM)
    try:
        results = [describe(s.setsockopt, level, name, value) if optlen is None
                   else describe(s.setsockopt, level, name, value, optlen)]
        results.append(describe(s.getsockopt, level, name))
        if buflen is not None:
            results.append(describe(s.getsockopt, level, name, buflen))
        return results
    finally:
        s.close()


@PROPS
@given(
    option=st.sampled_from(OPTIONS),
    value=st.one_of(any_int, st.binary(max_size=40), st.binary(max_size=40).map(bytearray), junk, st.none()),
    optlen=st.one_of(st.none(), any_int, junk),
    buflen=st.one_of(st.none(), st.integers(-4, 1100), any_int, junk),
)
def test_sockopts(ps, option, value, optlen, buflen):
    level, name = (getattr(std, n) for n in option)
    if optlen is not None and value is not None and not isinstance(value, int):
        value = None  # the 4-argument form: None and a length
    expected = sockopt_outcome(std, level, name, value, optlen, buflen)
    got = sockopt_outcome(ps, level, name, value, optlen, buflen)
    assert got == expected


# -- getaddrinfo, numeric only ---------------------------------------------------------------------

AI_EXTRA = [f for f in ("AI_PASSIVE", "AI_CANONNAME", "AI_V4MAPPED", "AI_ALL", "AI_ADDRCONFIG")
            if hasattr(std, f)]
NUMERIC = std.AI_NUMERICHOST | getattr(std, "AI_NUMERICSERV", 0)

gai_host = st.one_of(st.none(), dotted, aton_like, v6_text, v6_like, any_text,
                     st.binary(max_size=20), junk)
gai_port = st.one_of(st.none(), any_int, st.integers(0, 70000).map(str), st.text(max_size=8),
                     st.binary(max_size=6), junk)
gai_family = st.one_of(st.sampled_from([0, std.AF_INET, std.AF_INET6, getattr(std, "AF_UNIX", 1)]),
                       st.integers(-2, 50), junk)
gai_type = st.one_of(st.sampled_from([0, std.SOCK_STREAM, std.SOCK_DGRAM, std.SOCK_RAW]),
                     st.integers(-2, 20), junk)
gai_proto = st.one_of(st.sampled_from([0, 6, 17]), st.integers(-2, 300), junk)
gai_flags = st.lists(st.sampled_from(AI_EXTRA), max_size=3).map(
    lambda names: NUMERIC | sum({getattr(std, n) for n in names}))


def normalize_gai(result):
    if result[0] == "ok":
        return ("ok", [(int(f), int(t), p, c, a) for f, t, p, c, a in result[1]])
    return result


@PROPS
@given(host=gai_host, port=gai_port, family=gai_family, kind=gai_type, proto=gai_proto,
       flags=st.one_of(gai_flags, gai_flags.map(lambda f: f | (1 << 20))))
def test_getaddrinfo_numeric(ps, host, port, family, kind, proto, flags):
    args = (host, port, family, kind, proto, flags)
    expected = normalize_gai(describe(std.getaddrinfo, *args))
    got = normalize_gai(describe(ps.getaddrinfo, *args))
    assert got == expected


@PROPS
@given(host=st.one_of(dotted, v6_text), port=st.integers(0, 65535))
def test_getaddrinfo_keywords(ps, host, port):
    kwargs = dict(host=host, port=port, flags=NUMERIC, type=std.SOCK_STREAM)
    expected = normalize_gai(describe(lambda: std.getaddrinfo(**kwargs)))
    got = normalize_gai(describe(lambda: ps.getaddrinfo(**kwargs)))
    assert got == expected


# -- getnameinfo, numeric only -----------------------------------------------------------------------

NI_NUMERIC = getattr(std, "NI_NUMERICHOST", 1) | getattr(std, "NI_NUMERICSERV", 2)


@PROPS
@given(
    sockaddr=st.one_of(
        st.tuples(dotted, st.integers(0, 65535)),
        st.tuples(v6_text, st.integers(0, 65535), st.integers(0, 2 ** 20), st.just(0)),
        st.tuples(v6_text, st.integers(0, 65535)),
        st.tuples(dotted, bad_port),
        st.tuples(v6_text, st.integers(0, 65535), any_int, any_int),
        st.tuples(any_text, st.integers(0, 65535)).filter(lambda t: t[0] != ""),
        st.tuples(dotted), st.tuples(dotted, st.integers(0, 9), st.just(0), st.just(0), st.just(0)),
        junk,
    ),
    extra=st.sampled_from([0, getattr(std, "NI_DGRAM", 16), getattr(std, "NI_NOFQDN", 4)]),
)
def test_getnameinfo_numeric(ps, sockaddr, extra):
    if isinstance(sockaddr, tuple) and sockaddr and isinstance(sockaddr[0], str):
        # Only numeric hosts: a name would go to the resolver.
        try:
            ipaddress.ip_address(sockaddr[0])
        except ValueError:
            if sockaddr[0].isascii() and sockaddr[0].strip("0123456789.:abcdefABCDEF%") == "":
                pass  # numeric-looking garbage: getaddrinfo(AI_NUMERICHOST) refuses it
            else:
                return
    same(std.getnameinfo, ps.getnameinfo, sockaddr, NI_NUMERIC | extra)
