"""`python -m pysock echo` exits 1 when the reply is not the message: the
fault backend cuts every recv to one byte, so the round trip comes back
short. (Without faults it exits 0: tests/test_main.py.)"""
import os
import subprocess
import sys

import pytest

import faultutil

pytestmark = pytest.mark.pysock_only


def test_echo_with_a_short_reply_exits_1(pysock):
    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib):
        pytest.skip("no fault backend beside this pysock")
    env = dict(os.environ, PYSOCK_BACKEND=lib, PYSOCK_FAULTS="recv=short",
               PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run([sys.executable, "-m", "pysock", "echo"], capture_output=True, text=True,
                         timeout=60, env=env)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "echoed b'h'" in run.stdout
