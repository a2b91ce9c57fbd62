"""Runs pytest on a stage: natively for Linux, under Wine for Windows.

A mutant's run stops at the first failure (-x). The baseline run (no mutant)
runs every test file of the platform without -x: tests that fail there are
deselected from the mutants' runs, and said so, so that a test broken
without any mutant never counts as a kill.
"""
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WINPYTHON = os.path.join(ROOT, "tools", "wine", "winpython.py")
WINE_WORK = os.path.join(ROOT, ".wine-test")
PYTEST = ["-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-rfE",
          "--tb=line", "--no-header"]
FAILED = re.compile(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", re.M)
TO_TREE = re.compile(r"^.*?\btests/")
# pytest's exit statuses that say the run itself was wrong (a test ID it could
# not find, nothing collected): no verdict on a mutant.
USAGE_ERROR, NO_TESTS = 4, 5


def tree_relative(test_id):
    """A test ID relative to the tree (as --deselect takes them): pytest
    prints them relative to the folder it runs in, with the OS's separators
    in the path (a test's own name may hold a backslash)."""
    path, sep, name = test_id.partition("::")
    return TO_TREE.sub("tests/", path.replace("\\", "/")) + sep + name


class Outcome:
    def __init__(self, returncode, output, seconds, timed_out):
        self.returncode, self.output, self.seconds, self.timed_out = returncode, output, seconds, timed_out

    @property
    def failures(self):
        """Failed test IDs, relative to the tree."""
        return [tree_relative(test_id) for test_id in FAILED.findall(self.output)]

    @property
    def passed(self):
        return not self.timed_out and self.returncode == 0


def run_tests(workspace, platform, tests, deselect=(), stop_first=True, timeout=None):
    # A test file by name (tests/NAME.py), or one test by its node ID.
    paths = [os.path.join(workspace.tree, *name.split("/")) if "::" in name
             else os.path.join(workspace.tree, "tests", f"{name}.py") for name in tests]
    # Through an argument file: a mutant's tests can be thousands of node IDs.
    listed = os.path.join(workspace.work, "tests.args")
    with open(listed, "w") as file:
        file.write("".join(f"{p}\n" for p in paths))
    args = [*PYTEST, f"--rootdir={workspace.tree}", *(["-x"] if stop_first else []),
            *[f"--deselect={test_id}" for test_id in deselect], f"@{listed}"]
    stage = workspace.stage(platform)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if platform == "windows":
        command = [sys.executable, WINPYTHON, "run", WINE_WORK, "--cwd", workspace.run_dir,
                   "--path", stage, "--", *args]
    else:
        command = [sys.executable, *args]
        env["PYTHONPATH"] = stage
    started = time.monotonic()
    process = subprocess.Popen(["nice", "-n", "10", *command], cwd=workspace.run_dir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        timed_out = True
    return Outcome(process.returncode, output, time.monotonic() - started, timed_out)
