"""create_server()'s socket options, read back with getsockopt and compared
with the stdlib's: IPV6_V6ONLY on (not dual-stack) or off (dualstack_ipv6),
SO_REUSEADDR where the stdlib sets it."""
import os
import socket as std

import pytest


def _ipv6_loopback():
    if not std.has_ipv6:
        return False
    try:
        with std.socket(std.AF_INET6, std.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback")
@pytest.mark.skipif(not hasattr(std, "IPV6_V6ONLY"), reason="no IPV6_V6ONLY")
@pytest.mark.parametrize("dualstack", [False, True])
def test_create_server_v6only(mod, dualstack):
    if dualstack and not mod.has_dualstack_ipv6():
        pytest.skip("no dual-stack sockets here")
    # The wildcard address: binding a specific IPv6 address turns
    # IPV6_V6ONLY on by itself (Linux). Nothing connects to it.
    with mod.create_server(("::", 0), family=mod.AF_INET6, dualstack_ipv6=dualstack) as s:
        got = s.getsockopt(mod.IPPROTO_IPV6, mod.IPV6_V6ONLY)
    assert bool(got) is (not dualstack)


@pytest.mark.skipif(os.name != "posix", reason="the stdlib sets SO_REUSEADDR on POSIX only")
def test_create_server_reuseaddr(mod):
    with mod.create_server(("127.0.0.1", 0)) as s:
        assert bool(s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR))
