"""create_server(dualstack_ipv6=True) on a system whose IPv6 sockets are
IPv6-only by default (net.ipv6.bindv6only = 1, set inside a private network
namespace so the machine is left as it was): the server clears IPV6_V6ONLY
itself and an IPv4 client reaches it, as with the stdlib. Every missing
piece (unshare, ip, the sysctl) skips with the exact reason."""
import sys
import textwrap

import pytest

from netnsutil import run_in_private_network

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")

SCRIPT = textwrap.dedent(r'''
    import json, subprocess
    import socket as std
    import pysock

    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    try:
        with open("/proc/sys/net/ipv6/bindv6only", "w") as f:
            f.write("1")
    except OSError as e:
        print(json.dumps({"skip": "cannot set net.ipv6.bindv6only: %s" % e}))
        raise SystemExit(0)
    report = {}
    for m in (std, pysock):
        with m.create_server(("::", 0), family=m.AF_INET6, dualstack_ipv6=True) as server:
            port = server.getsockname()[1]
            v6only = server.getsockopt(m.IPPROTO_IPV6, m.IPV6_V6ONLY)
            with m.create_connection(("127.0.0.1", port), timeout=10) as client:
                conn, peer = server.accept()
                with conn:
                    client.sendall(b"v4")
                    report[m.__name__] = [v6only, peer[0], conn.recv(2).decode()]
    print(json.dumps(report))
''')


def test_dualstack_server_with_ipv6_only_default(pysock):
    if not pysock.has_dualstack_ipv6():
        pytest.skip("no dual-stack IPv6 here")
    report = run_in_private_network(SCRIPT)
    assert report["socket"] == [0, "::ffff:127.0.0.1", "v4"]
    assert report["pysock"] == report["socket"]
