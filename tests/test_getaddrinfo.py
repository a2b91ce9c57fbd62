"""gethostname and getaddrinfo (numeric hosts and 'localhost' only), compared
with the stdlib including the enum types in the results."""

import socket as std

import pytest

from sockutil import HAS_IPV6, outcome


def test_gethostname_equals_stdlib(mod):
    assert mod.gethostname() == std.gethostname()
    assert type(mod.gethostname()) is str


def _norm(results):
    """Sortable, module-neutral form of getaddrinfo() results."""
    out = []
    for fam, typ, proto, canon, addr in results:
        out.append((type(fam).__name__, int(fam), type(typ).__name__, int(typ), proto, canon, addr))
    return sorted(out, key=repr)


QUERIES = [
    (("127.0.0.1", 80), {}),
    (("127.0.0.1", None), {}),
    (("127.0.0.1", "80"), {}),
    (("127.0.0.1", 0), {"type": "SOCK_STREAM"}),
    (("127.0.0.1", 53), {"type": "SOCK_DGRAM"}),
    (("127.0.0.1", 80), {"proto": "IPPROTO_TCP"}),
    (("127.0.0.1", 80), {"family": "AF_INET"}),
    (("127.0.0.1", 80), {"flags": "AI_NUMERICHOST"}),
    (("127.0.0.1", 80), {"flags": "AI_CANONNAME|AI_NUMERICHOST"}),
    (("::1", 80), {}),
    (("::1", 80), {"family": "AF_INET6", "type": "SOCK_STREAM"}),
    (("::ffff:127.0.0.1", 80), {"flags": "AI_NUMERICHOST"}),
    (("localhost", 80), {}),
    (("localhost", 80), {"family": "AF_INET", "type": "SOCK_STREAM"}),
    ((None, 80), {"flags": "AI_PASSIVE", "type": "SOCK_STREAM"}),
    ((None, 80), {"type": "SOCK_STREAM"}),
    ((b"127.0.0.1", 80), {}),
    (("127.0.0.1", b"80"), {}),
    (("127.0.0.1", 80), {"family": "AF_INET6", "flags": "AI_NUMERICHOST"}),
    (("not an address", 80), {"flags": "AI_NUMERICHOST"}),
    (("127.0.0.1", "no-such-service-xyz"), {"flags": "AI_NUMERICSERV"}),
    (("127.0.0.1", 70000), {}),
    (("127.0.0.1", -1), {}),
    (("127.0.0.1", 1.5), {}),
    ((1234, 80), {}),
]


def _kwargs(m, kw):
    out = {}
    for k, v in kw.items():
        if isinstance(v, str):
            val = 0
            for part in v.split("|"):
                val |= getattr(m, part)
            out[k] = val
        else:
            out[k] = v
    return out


@pytest.mark.parametrize("args,kw", QUERIES, ids=["%r-%r" % q for q in QUERIES])
def test_getaddrinfo_differential(both, args, kw):
    res = []
    for m in both:
        r = outcome(m.getaddrinfo, *args, **_kwargs(m, kw))
        res.append(("ok", _norm(r[1])) if r[0] == "ok" else r)
    assert res[0] == res[1]


def test_getaddrinfo_shape(mod):
    res = mod.getaddrinfo("127.0.0.1", 80, type=mod.SOCK_STREAM)
    assert isinstance(res, list) and res
    fam, typ, proto, canon, addr = res[0]
    assert fam is mod.AF_INET or (fam == mod.AF_INET and isinstance(fam, mod.AddressFamily))
    assert isinstance(typ, mod.SocketKind) and typ == mod.SOCK_STREAM
    assert type(proto) is int
    assert canon == ""
    assert addr == ("127.0.0.1", 80)


@pytest.mark.skipif(not HAS_IPV6, reason="IPv6 not usable")
def test_getaddrinfo_ipv6_addr_is_4_tuple(mod):
    res = mod.getaddrinfo("::1", 443, mod.AF_INET6, mod.SOCK_STREAM)
    assert res[0][4] == ("::1", 443, 0, 0)
    assert isinstance(res[0][0], mod.AddressFamily)


def test_getaddrinfo_keywords(mod):
    res = mod.getaddrinfo(host="127.0.0.1", port=80, family=mod.AF_INET, type=mod.SOCK_DGRAM,
                          proto=0, flags=0)
    assert all(r[1] == mod.SOCK_DGRAM for r in res)


def test_getaddrinfo_numeric_failure_is_gaierror(mod):
    with pytest.raises(mod.gaierror):
        mod.getaddrinfo("not an address", 80, flags=mod.AI_NUMERICHOST)


def test_getaddrinfo_huge_port_differential(both):
    """3.11 raises OverflowError, 3.12+ gaierror: pysock follows the running stdlib."""
    res = [outcome(m.getaddrinfo, "127.0.0.1", 1 << 70) for m in both]
    assert res[0][0] == "raise"
    assert res[0] == res[1]
