"""The enums are built on first use (pysock/_constants.py): whichever use
comes first in a fresh interpreter must already see the enum, not only the
uses after it. Each scenario runs in a new interpreter, once with the stdlib
`socket` and once with pysock, and prints the reprs; they must be equal."""
import os
import subprocess
import sys

import pytest

# No constant is read through the module first: the socket's own defaults,
# its properties and getaddrinfo's results are the first use.
SCENARIOS = {
    "family": "s = M.socket(); print(repr(s.family)); s.close()",
    "type": "s = M.socket(); print(repr(s.type)); s.close()",
    "socketpair": "a, b = M.socketpair(); print(repr(a.family), repr(b.type)); a.close(); b.close()",
    "getaddrinfo": "print(repr([a[:3] for a in M.getaddrinfo('127.0.0.1', 80, 2, 1)]))",
    "enum": "print(repr(M.AddressFamily), repr(M.SocketKind(1)))",
    "member": "print(repr(M.AF_INET), repr(M.MsgFlag.MSG_PEEK))",
}


def _run(module, code, pysock):
    env = dict(os.environ)
    # The child must import the same pysock as this test run.
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__))] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    run = subprocess.run([sys.executable, "-c", f"import {module} as M\n{code}"], capture_output=True,
                         text=True, env=env, timeout=60)
    return run.returncode, run.stdout, run.stderr.strip().splitlines()[-1:] if run.returncode else []


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_first_enum_use_in_a_fresh_process(pysock, scenario):
    if pysock.__name__ != "pysock":
        pytest.skip("the stdlib against itself (self-check mode)")
    code = SCENARIOS[scenario]
    want = _run("socket", code, pysock)
    assert want[0] == 0, want
    assert _run("pysock", code, pysock) == want
