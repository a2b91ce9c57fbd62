"""Runs CPython's own test.test_socket once, in this interpreter, and records
every test's outcome; started by tools/conformance.py, once per module.

    conformance_run.py --module {socket,pysock} --results FILE [--skip FILE]
                       [--timeout SECONDS]

--module pysock puts pysock where the stdlib module stands *before* anything
imports it: sys.modules["socket"] is pysock and sys.modules["_socket"] is
pysock._core, so test.support, socket_helper, test_socket and everything they
import (multiprocessing, select users, ...) bind to pysock. The run then
proves it did: the test module's `socket` and `_socket`, socket_helper's
`socket`, and every loaded module that holds a socket module at all hold
pysock's, and an audit hook counts the sockets created, by kind: a pysock run
that created a stdlib socket, or no pysock socket, is refused. (pysock itself
may import the stdlib module, for the objects it shares with it; nothing else
holds it.)

Results go to FILE as JSON lines, flushed one by one: {"id", "outcome",
"detail"} per test (outcome passed, failed, error or skipped; expected
failures count as passed, unexpected successes as failed), {"started": id}
before each test, and {"done": true, "sockets": {...}} at the end. A test
still running after --timeout seconds ends the process (faulthandler prints
where it hung); the caller then records it as hung and runs the rest with
--skip naming every test already seen, one id a line.

The AF_VSOCK test classes are never run: on these machines vsock is the
machine's own control channel. They are excluded by name, and the run refuses
to start if any remaining test class mentions AF_VSOCK.
"""
import argparse
import faulthandler
import inspect
import json
import sys
import traceback
import unittest

VSOCK_CLASSES = {"BasicVSOCKTest", "ThreadedVSOCKSocketStreamTest"}
MODULE = "test.test_socket"


def swap_in_pysock():
    """sys.modules["socket"] -> pysock, ["_socket"] -> pysock._core."""
    if "socket" in sys.modules:
        sys.exit("conformance: the stdlib socket module was imported before the swap: "
                 f"{sys.modules['socket']!r}")
    import pysock  # may import the stdlib module, for the objects it shares with it
    import pysock._core
    try:
        # The `_ssl` extension takes the C API of the real `_socket` when it
        # is first imported (a capsule named "_socket.CAPI"); it must get that
        # one, not pysock._core. TLS over pysock sockets does not use it.
        import _ssl  # noqa: F401
    except ImportError:
        pass
    sys.modules["socket"] = pysock
    sys.modules["_socket"] = pysock._core
    return pysock


class SocketCounter:
    """An audit hook: counts `socket.__new__` events by the kind of socket."""

    def __init__(self, pysock_type):
        self.pysock_type = pysock_type
        self.counts = {"pysock": 0, "other": 0}

    def __call__(self, event, args):
        if event == "socket.__new__" and args:
            kind = "pysock" if self.pysock_type and isinstance(args[0], self.pysock_type) else "other"
            self.counts[kind] += 1


def check_bindings(module_name, test_module):
    """Every module loaded now that holds a socket module holds the one under test."""
    expected = sys.modules["socket"]
    expected_core = sys.modules["_socket"]
    from test.support import socket_helper
    problems = []
    if test_module.socket is not expected:
        problems.append(f"test_socket.socket is {test_module.socket!r}")
    if test_module._socket is not expected_core:
        problems.append(f"test_socket._socket is {test_module._socket!r}")
    if socket_helper.socket is not expected:
        problems.append(f"socket_helper.socket is {socket_helper.socket!r}")
    if module_name == "pysock":
        for name, module in list(sys.modules.items()):
            if name.partition(".")[0] in ("pysock", "socket"):
                continue  # pysock itself, and the stdlib module if pysock imported it
            for attr in ("socket", "_socket"):
                value = getattr(module, attr, None)
                if (type(value) is type(sys) and value not in (expected, expected_core)
                        and value.__name__ in ("socket", "_socket")):
                    problems.append(f"{name}.{attr} is {value!r}")
    if problems:
        sys.exit("conformance: not running against %s: %s" % (module_name, "; ".join(problems)))


def classes_mentioning_vsock(test_module):
    """Names of the module's classes whose source mentions AF_VSOCK (parsed once)."""
    import ast
    source = inspect.getsource(test_module)
    lines = source.splitlines()
    return {node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)
            and "AF_VSOCK" in "\n".join(lines[node.lineno - 1:node.end_lineno])}


def iter_tests(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from iter_tests(item)
        else:
            yield item


def short_id(test):
    return test.id().removeprefix(MODULE + ".")


def select_tests(test_module, skip):
    loaded = unittest.defaultTestLoader.loadTestsFromModule(test_module)
    vsock = classes_mentioning_vsock(test_module) - VSOCK_CLASSES
    chosen = []
    for test in iter_tests(loaded):
        cls = type(test)
        if cls.__name__ in VSOCK_CLASSES or short_id(test) in skip:
            continue
        for klass in cls.__mro__:
            if klass.__module__ == MODULE and klass.__name__ in vsock:
                sys.exit(f"conformance: {klass.__name__} mentions AF_VSOCK; add it to VSOCK_CLASSES")
        chosen.append(test)
    return unittest.TestSuite(chosen)


class Recorder(unittest.TestResult):
    """Writes each test's outcome as it happens (subtest failures fail the test)."""

    def __init__(self, out, timeout):
        super().__init__()
        self.out = out
        self.timeout = timeout
        self.current = {}

    def write(self, record):
        self.out.write(json.dumps(record) + "\n")
        self.out.flush()

    def startTest(self, test):
        super().startTest(test)
        self.write({"started": short_id(test)})
        self.current[short_id(test)] = ("passed", "")
        faulthandler.dump_traceback_later(self.timeout, exit=True)

    def stopTest(self, test):
        faulthandler.cancel_dump_traceback_later()
        outcome, detail = self.current.pop(short_id(test), ("passed", ""))
        self.write({"id": short_id(test), "outcome": outcome, "detail": detail})
        super().stopTest(test)

    def mark(self, test, outcome, detail):
        test_id = short_id(test)
        if test_id not in self.current:  # setUpClass / setUpModule errors
            self.write({"id": test_id, "outcome": outcome, "detail": detail})
            return
        if self.current[test_id][0] in ("failed", "error"):
            return  # keep the first failure
        self.current[test_id] = (outcome, detail)

    def addError(self, test, err):
        super().addError(test, err)
        self.mark(test, "error", self.describe(err))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.mark(test, "failed", self.describe(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.mark(test, "skipped", reason)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.mark(test, "failed", "unexpected success")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            self.mark(test, "failed" if failed else "error",
                      f"{subtest._subDescription()}: {self.describe(err)}")

    @staticmethod
    def describe(err):
        lines = traceback.format_exception(*err)
        return "".join(lines)[-4000:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", choices=("socket", "pysock"), required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--skip", help="a file of test ids not to run, one a line")
    parser.add_argument("--timeout", type=float, default=120.0)
    options = parser.parse_args()
    skip = set()
    if options.skip:
        with open(options.skip, encoding="utf-8") as f:
            skip = {line.strip() for line in f if line.strip()}

    pysock_type = None
    if options.module == "pysock":
        pysock_type = swap_in_pysock()._core.socket
    counter = SocketCounter(pysock_type)
    sys.addaudithook(counter)

    import importlib
    test_module = importlib.import_module(MODULE)
    if options.module == "socket":
        import _socket
        if "pysock" in sys.modules or not issubclass(test_module.socket.socket, _socket.socket):
            sys.exit("conformance: the stdlib run is not running against the stdlib")
    check_bindings(options.module, test_module)
    suite = select_tests(test_module, skip)

    with open(options.results, "a", encoding="utf-8") as out:
        result = Recorder(out, options.timeout)
        suite.run(result)
        result.write({"done": True, "sockets": counter.counts,
                      "python": f"{sys.version.split()[0]} on {sys.platform}"})
    if options.module == "pysock" and (counter.counts["other"] or not counter.counts["pysock"]):
        sys.exit(f"conformance: sockets created in the pysock run: {counter.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
