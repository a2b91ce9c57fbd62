"""pytest plugin of the mutation driver's coverage run (tools/mutation/reach.py):
which test reaches which basic block of the Zig libraries, and which line of
the Python package.

    PYSOCK_COVERAGE_OUT     a folder: tests.jsonl (a record per test) and the
                            children's files
    PYSOCK_COVERAGE_LIBS    the libraries and their guards (coverage_probe.py)
    PYSOCK_COVERAGE_PYTHON  the package folder whose lines coverage.py traces

Before each test the guards are cleared, after it they are read; the test's
ID goes into the environment, so that a child it starts records under it.
"""
import importlib
import json
import os
import time

import pytest

import coverage_probe
from coverage_probe import IMPORTED

OUT = os.environ.get("PYSOCK_COVERAGE_OUT", "")


class Recorder:
    def __init__(self):
        self.libs = coverage_probe.libraries()
        self.file = open(os.path.join(OUT, "tests.jsonl"), "a")
        self.python = None
        package = os.environ.get("PYSOCK_COVERAGE_PYTHON")
        if package:
            import coverage
            self.python = coverage.Coverage(data_file=None, include=[os.path.join(package, "*.py")])
            self.python.start()

    def pytest_collection_finish(self):
        # Importing the package and collecting ran code no test can claim:
        # its lines are judged by every test (coverage.py IMPORTED). The
        # package is imported here if no test module did, so that its import
        # is never charged to the first test that happens to load it.
        try:
            importlib.import_module("pysock")
        except ImportError:
            pass   # the tests say so
        self.write(IMPORTED, 0.0, coverage_probe.take_all(self.libs))

    def write(self, test, seconds, libs):
        self.file.write(json.dumps({"test": test, "seconds": round(seconds, 4), "libs": libs}) + "\n")
        self.file.flush()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        coverage_probe.take_all(self.libs)   # what ran before belongs to no test
        os.environ["PYSOCK_COVERAGE_TEST"] = item.nodeid
        if self.python is not None:
            self.python.switch_context(item.nodeid)
        started = time.monotonic()
        yield
        seconds = time.monotonic() - started
        self.write(item.nodeid, seconds, coverage_probe.take_all(self.libs))

    def pytest_sessionfinish(self):
        os.environ.pop("PYSOCK_COVERAGE_TEST", None)
        self.file.close()
        if self.python is None:
            return
        self.python.stop()
        data = self.python.get_data()
        lines = {}
        for path in data.measured_files():
            by_line = data.contexts_by_lineno(path)
            executable = self.python.analysis2(path)[1]
            lines[os.path.realpath(path)] = {"code": executable,
                                             "tests": {n: sorted(c or IMPORTED for c in t) for n, t in by_line.items()}}
        with open(os.path.join(OUT, "python.json"), "w") as file:
            json.dump(lines, file)


def pytest_configure(config):
    if OUT:
        config.pluginmanager.register(Recorder(), "pysock-coverage")
