"""getservbyport and getservbyname with service names of every length up
to 255 bytes (pysock's limit for the name it returns), read from a services
file of the test's own, bind-mounted over /etc/services in a private mount
namespace (`unshare -m`, as root; the machine is left as it was): each
answer is the stdlib's. No name of /etc/services comes near that length,
so only a file written for it shows a name cut short."""
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mount namespaces"),
    pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (unshare -m)"),
    pytest.mark.skipif(shutil.which("unshare") is None or shutil.which("mount") is None,
                       reason="unshare and mount are needed"),
]

LENGTHS = [1, 15, 200, 254, 255]
FIRST_PORT = 47001

SCRIPT = textwrap.dedent(r'''
    import json, sys
    import socket as std
    import pysock

    lengths = json.loads(sys.argv[1])
    first = int(sys.argv[2])
    report = {}
    for m in (std, pysock):
        rows = []
        for i, n in enumerate(lengths):
            name = "s" * (n - 1) + "%x" % i
            row = []
            for call in (lambda: m.getservbyport(first + i, "tcp"), lambda: m.getservbyport(first + i),
                         lambda: m.getservbyname(name, "tcp")):
                try:
                    row.append(call())
                except OSError as e:
                    row.append(["raise", type(e).__name__, str(e)])
            rows.append(row)
        report[m.__name__] = rows
    print(json.dumps(report))
''')


def test_long_service_names_like_stdlib(pysock, tmp_path):
    services = tmp_path / "services"
    services.write_text("".join("%s %d/tcp\n" % ("s" * (n - 1) + "%x" % i, FIRST_PORT + i)
                                for i, n in enumerate(LENGTHS)))
    nsswitch = tmp_path / "nsswitch.conf"
    nsswitch.write_text("services: files\n")
    binds = f"mount --bind '{services}' /etc/services && mount --bind '{nsswitch}' /etc/nsswitch.conf"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", binds], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("cannot bind-mount in a private mount namespace: " + probe.stderr.strip())
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run(["unshare", "-m", "sh", "-c", binds + ' && exec "$@"', "sh", sys.executable, "-c",
                          SCRIPT, json.dumps(LENGTHS), str(FIRST_PORT)],
                         capture_output=True, text=True, env=env, timeout=120, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["pysock"] == report["socket"]
    names = [row[0] for row in report["socket"]]
    assert [len(n) for n in names] == LENGTHS, names
    assert [row[2] for row in report["socket"]] == [FIRST_PORT + i for i in range(len(LENGTHS))]
