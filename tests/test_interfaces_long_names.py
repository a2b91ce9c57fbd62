"""Interface names of the longest length Linux allows (IFNAMSIZ 16: fifteen
bytes and a NUL), on a veth pair the test makes inside a private network
namespace (`unshare -n`, so the machine is left as it was): if_nameindex,
if_indextoname and if_nametoindex give what the stdlib gives, no byte cut.
Every missing piece (unshare, ip, veth) skips with the exact reason."""
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")

LONGEST = "abcdefghijklmno"  # 15 bytes
SCRIPT = textwrap.dedent(r'''
    import json, subprocess, sys
    import socket as std
    import pysock

    longest = sys.argv[1]
    r = subprocess.run(["ip", "link", "add", longest, "type", "veth", "peer", "name", "p" + longest[1:]],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(json.dumps({"skip": "ip link add ... type veth: " + (r.stderr or r.stdout).strip()}))
        sys.exit(0)
    report = {}
    for m in (std, pysock):
        pairs = sorted(m.if_nameindex())
        report[m.__name__] = {
            "pairs": pairs,
            "to_name": [m.if_indextoname(i) for i, _ in pairs],
            "to_index": [m.if_nametoindex(n) for _, n in pairs],
        }
    print(json.dumps(report))
''')


def test_longest_interface_names_like_stdlib(pysock):
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            pytest.skip(f"no {tool} here")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a network namespace: unshare -n: %s" % probe.stderr.strip())
    result = subprocess.run(["unshare", "-n", sys.executable, "-c", SCRIPT, LONGEST],
                            capture_output=True, text=True, timeout=120,
                            # Not the repository: its pysock/ is the unbuilt source.
                            cwd=tempfile.gettempdir())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if "skip" in report:
        pytest.skip(report["skip"])
    assert report["pysock"] == report["socket"]
    names = [n for _, n in report["socket"]["pairs"]]
    assert LONGEST in names and "p" + LONGEST[1:] in names
