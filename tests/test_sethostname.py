"""sethostname, only ever inside a private UTS namespace (`unshare -u`): a
subprocess sets the name there with the stdlib and with pysock and reports
what each saw; this machine's own host name is never touched."""

import json
import os
import shutil
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, os, socket, sys
import pysock

def outcome(fn, *args):
    try:
        return ["ok", repr(fn(*args))]
    except Exception as e:
        return ["raise", type(e).__name__, repr(e.args)]

report = {}
for label, mod in (("socket", socket), ("pysock", pysock)):
    rows = []
    for arg in ["pysock-" + label, b"bytes-" + label.encode(), "x" * 100, b"a\x00b", "a\x00b",
                1, None, bytearray(b"ba")]:
        rows.append([repr(arg), outcome(mod.sethostname, arg), socket.gethostname(), pysock.gethostname()])
    rows.append(["count", outcome(mod.sethostname), outcome(mod.sethostname, "a", "b")])
    report[label] = rows
if os.getuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
    report["unprivileged"] = [outcome(socket.sethostname, "denied"), outcome(pysock.sethostname, "denied"),
                              socket.gethostname()]
print(json.dumps(report))
"""


def _unshare():
    tool = shutil.which("unshare")
    if tool is None:
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run([tool, "-u", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("cannot create a UTS namespace here: " + (probe.stderr.strip() or f"exit {probe.returncode}"))
    return tool


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="UTS namespaces are Linux only")
def test_sethostname_in_private_namespace(pysock):
    tool = _unshare()
    before = os.uname().nodename
    env = dict(os.environ)
    # The subprocess must import the same pysock as this test run.
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(pysock.__file__))
    run = subprocess.run([tool, "-u", sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=60)
    assert os.uname().nodename == before, "the host name outside the namespace changed"
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    std_rows, py_rows = report["socket"], report["pysock"]
    assert len(std_rows) == len(py_rows)
    for s_row, p_row in zip(std_rows, py_rows):
        # Same outcome; the name each module then reads is what it set.
        if p_row[0] == "count":
            assert p_row == s_row
            continue
        assert p_row[1] == s_row[1]
        assert p_row[2] == p_row[3]
    assert py_rows[0][2] == "pysock-pysock" and std_rows[0][2] == "pysock-socket"
    assert py_rows[1][2] == "bytes-pysock"
    if "unprivileged" in report:
        std_denied, py_denied, name = report["unprivileged"]
        assert std_denied[:2] == ["raise", "PermissionError"]
        assert py_denied == std_denied
        assert name != "denied"
