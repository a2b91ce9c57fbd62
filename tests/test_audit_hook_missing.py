"""pysock's _core captures sys.audit when it is imported (binding/audit.zig)
so that rebinding it later cannot silence pysock's events. An interpreter
without sys.audit at that moment gets an ImportError saying so (never an
exception-less failure, SystemError), and pysock imports again once
sys.audit is back."""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import json, sys
saved = sys.audit
del sys.audit
chain = []
try:
    import pysock
except BaseException as e:
    while e is not None:
        chain.append([type(e).__name__, [str(a) for a in e.args]])
        e = e.__cause__ or e.__context__
for name in [n for n in sys.modules if n == "pysock" or n.startswith("pysock.")]:
    del sys.modules[name]
sys.audit = saved
import pysock
with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as s:
    again = s.family == pysock.AF_INET
print(json.dumps({"chain": chain, "again": again}))
"""


def test_import_without_sys_audit_raises_import_error(pysock):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.splitlines()[-1])
    assert report["chain"], report  # the import failed
    assert all(kind == "ImportError" for kind, _ in report["chain"]), report
    assert ["ImportError", ["pysock: sys.audit is missing"]] in report["chain"], report
    assert report["again"] is True
