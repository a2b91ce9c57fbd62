"""sethostname keeps no reference to the name it is given (bytes are used
as given, so a kept one shows in the object's reference count) nor any
block of a converted str, as with the stdlib; only inside a private UTS
namespace (`unshare -u`), this machine's own host name is never touched."""
import json
import os
import shutil
import subprocess
import sys

import pytest

SCRIPT = r"""
import gc, json, socket, sys
import pysock

report = {}
for label, mod in (("socket", socket), ("pysock", pysock)):
    name = b"refs-" + label.encode()
    text = "text-" + label
    mod.sethostname(name)
    mod.sethostname(text)
    before = sys.getrefcount(name)
    for _ in range(200):
        mod.sethostname(name)
    after = sys.getrefcount(name)
    gc.collect()
    blocks = sys.getallocatedblocks()
    for _ in range(200):
        mod.sethostname(text)
    gc.collect()
    report[label] = [after - before, sys.getallocatedblocks() - blocks < 50, socket.gethostname()]
print(json.dumps(report))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="UTS namespaces are Linux only")
@pytest.mark.skipif(not hasattr(sys, "getrefcount"), reason="needs reference counts")
def test_sethostname_keeps_no_reference(pysock):
    tool = shutil.which("unshare")
    if tool is None:
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run([tool, "-u", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("cannot create a UTS namespace here: " + (probe.stderr.strip() or f"exit {probe.returncode}"))
    before = os.uname().nodename
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(pysock.__file__)))
    run = subprocess.run([tool, "-u", sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=60)
    assert os.uname().nodename == before, "the host name outside the namespace changed"
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["socket"] == [0, True, "text-socket"]
    assert report["pysock"] == [0, True, "text-pysock"]
