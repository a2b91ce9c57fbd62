"""Running a script inside a private network namespace (not a test module):
the tests that need to change the network (make interfaces, set sysctls)
do it there, so the machine is left as it was."""
import json
import shutil
import subprocess
import sys
import tempfile

import pytest


def run_in_private_network(script, *args, tools=("ip",)):
    """Runs `script` (Python source, given `args`) under `unshare -n` and
    returns the JSON object it printed last. Skips, saying why, where
    unshare or one of `tools` is missing, where no namespace can be made, or
    where the script printed {"skip": reason}."""
    for tool in ("unshare", *tools):
        if shutil.which(tool) is None:
            pytest.skip(f"no {tool} here")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a network namespace: unshare -n: %s" % probe.stderr.strip())
    result = subprocess.run(["unshare", "-n", sys.executable, "-c", script, *args],
                            capture_output=True, text=True, timeout=120,
                            # Not the repository: its pysock/ is the unbuilt source.
                            cwd=tempfile.gettempdir())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if "skip" in report:
        pytest.skip(report["skip"])
    return report
