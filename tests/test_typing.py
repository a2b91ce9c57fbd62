"""The typed API: pysock/__init__.pyi against the installed package (mypy's
stubtest), mypy --strict on the typed examples of tests/typed/, and the
generated constants section up to date. On Linux, where the stub's
constants are exact; mypy is a test dependency there."""
import os
import re
import subprocess
import sys

import pytest

from sockutil import IS_LINUX

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not IS_LINUX, reason="the stub's Linux part is the exact one; checked on Linux"),
]

pytest.importorskip("mypy", reason="mypy is a test dependency (noxfile.py TEST_DEPS)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPED = os.path.join(ROOT, "tests", "typed")
TYPING_TOOLS = os.path.join(ROOT, "tools", "typing")


@pytest.fixture
def mypy_env(pysock, tmp_path):
    """Where mypy finds this pysock: an installed one by its py.typed, a
    staged copy (PYTHONPATH) through MYPYPATH."""
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "mypy-cache"))
    home = os.path.dirname(os.path.dirname(os.path.abspath(pysock.__file__)))
    if os.path.basename(home) not in ("site-packages", "dist-packages"):
        env["MYPYPATH"] = home
    return env


def _run(args, env, cwd):
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)


def test_package_ships_its_stub(pysock):
    package = os.path.dirname(os.path.abspath(pysock.__file__))
    assert os.path.isfile(os.path.join(package, "py.typed"))
    assert os.path.isfile(os.path.join(package, "__init__.pyi"))


def test_stub_matches_the_installed_package(mypy_env, tmp_path):
    done = _run(["mypy.stubtest", "pysock", "--concise",
                 "--mypy-config-file", os.path.join(TYPING_TOOLS, "stubtest.ini"),
                 "--allowlist", os.path.join(TYPING_TOOLS, "stubtest-allowlist.txt")],
                dict(mypy_env, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)), str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_typed_examples_pass_mypy_strict(mypy_env, tmp_path):
    done = _run(["mypy", "--strict", os.path.join(TYPED, "usage.py")], mypy_env, str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_refuses_each_misuse(mypy_env, tmp_path):
    path = os.path.join(TYPED, "misuse.py")
    with open(path) as f:
        expected = {i for i, line in enumerate(f, 1) if line.rstrip().endswith("# error")}
    done = _run(["mypy", "--strict", path], mypy_env, str(tmp_path))
    reported = {int(m) for m in re.findall(r"misuse\.py:(\d+): error", done.stdout)}
    assert done.returncode == 1 and reported == expected, done.stdout + done.stderr


def test_typed_example_runs(pysock, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, os.path.join(TYPED, "usage.py")], capture_output=True,
                          text=True, env=env, cwd=str(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "AF_INET SOCK_STREAM 6 127.0.0.1" in done.stdout and "gaierror True" in done.stdout


def test_generated_constants_are_current(pysock, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "stub_constants.py"), "--check"],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
