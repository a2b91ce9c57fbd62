"""The suite's own test IDs are the same from one collection to the next
(pytest --lf, -n and --deselect name tests by ID)."""

import os
import re
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _collect():
    out = subprocess.run(
        [sys.executable, "-m", "pytest", HERE, "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:randomly"],
        capture_output=True, text=True, timeout=600, env=dict(os.environ, PYTHONHASHSEED="random"),
    )
    ids = [line for line in out.stdout.splitlines() if "::" in line]
    assert ids, out.stdout[-2000:] + out.stderr[-2000:]
    return ids


@pytest.mark.skipif(sys.platform == "win32", reason="the IDs are the same code everywhere; collecting twice under Wine costs minutes")
def test_ids_carry_no_object_addresses_and_do_not_change():
    first, second = _collect(), _collect()
    assert [i for i in first if re.search(r"0x[0-9a-fA-F]{6,}", i)] == []
    assert first == second
