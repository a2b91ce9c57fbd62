"""pysock's wrap_socket hook (pysock/_sslhook.py) whichever of ssl and
pysock a program imports first, each order in a fresh interpreter; with
pysock first, ssl's module is loaded through pysock's loader wrapper, which
must answer the loader's other questions (get_source, get_filename, used by
tracebacks and inspect) as the plain import's loader does."""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

REPORT = ("import json, sys, ssl\n"
          "hook = getattr(ssl.SSLContext.wrap_socket, '_pysock_stdlib_wrap_socket', None) is not None\n"
          "loader = ssl.__spec__.loader\n"
          "print(json.dumps([hook, loader.get_filename('ssl'), loader.get_source('ssl') is not None,"
          " loader.is_package('ssl')]))\n")


def _child(pysock, code):
    pytest.importorskip("ssl")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__))] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


@pytest.mark.parametrize("first", ["ssl", "pysock"])
def test_hook_installed_whichever_comes_first(pysock, first):
    plain = _child(pysock, REPORT)
    assert plain[0] is False
    order = "import ssl, pysock\n" if first == "ssl" else "import pysock, ssl\n"
    got = _child(pysock, order + REPORT)
    assert got == [True] + plain[1:]


@pytest.mark.parametrize("first", ["ssl", "pysock"])
def test_no_finder_left_behind(pysock, first):
    """Once ssl is imported (and hooked), nothing of pysock's stays on
    sys.meta_path: the finder that waited for ssl goes, and imports after it
    are the interpreter's own, as in a program without pysock."""
    order = "import ssl, pysock\n" if first == "ssl" else "import pysock, ssl\n"
    code = order + ("import json, sys\n"
                    "print(json.dumps([type(f).__module__ for f in sys.meta_path]))\n")
    plain = _child(pysock, "import ssl\nimport json, sys\n"
                           "print(json.dumps([type(f).__module__ for f in sys.meta_path]))\n")
    assert _child(pysock, code) == plain
