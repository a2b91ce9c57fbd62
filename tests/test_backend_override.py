"""PYSOCK_BACKEND (pysock/_loader.py): the path of another backend library
to load in place of the package's own; a fresh interpreter each."""
import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only


def _child(pysock, code, **extra):
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__))] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


def test_backend_override_is_loaded(pysock, tmp_path):
    from pysock import _loader
    copy = tmp_path / ("other-" + os.path.basename(_loader.path))
    shutil.copyfile(_loader.path, copy)
    run = _child(pysock, "import pysock, pysock._loader as l; print(l.path); print(pysock.gethostname() != '')",
                 PYSOCK_BACKEND=str(copy))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [str(copy), "True"]


def test_backend_override_missing(pysock, tmp_path):
    missing = tmp_path / "no-such-backend"
    run = _child(pysock, "import pysock", PYSOCK_BACKEND=str(missing))
    assert run.returncode != 0
    assert f"the backend for platform {sys.platform!r} is missing: {missing}" in run.stderr
