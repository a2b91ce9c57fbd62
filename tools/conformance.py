"""CPython's own Lib/test/test_socket.py as pysock's peer suite.

For each interpreter, runs test_socket twice on this machine -- with the
stdlib module, then with pysock in its place (tools/conformance_run.py does
one run) -- and prints

    stdlib: passed N failed F errors E skipped S / pysock: passed N ...

then every test that passes with the stdlib but not with pysock. Tests listed
in tools/conformance_known.txt (each with its reason, also in README) are
reported apart; any other such test makes the exit status 1.

    conformance.py [--python EXE]... [--no-wine | --wine-only]

Builds pysock for the host into .conformance/linux and runs it on each
--python (default: every python3.11+ on PATH whose stdlib ships
test/test_socket.py and test.support); then builds it for Windows x86_64 and
runs the official Windows CPython 3.13 under Wine (tools/wine/winpython.py,
work directory .wine-test as `nox -s test-windows` uses), with the `test`
package (test_socket.py, test.support) of the host's CPython 3.13, since the
embeddable CPython has none.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(ROOT, ".conformance")
WINE_ROOT = os.path.join(ROOT, ".wine-test")
WINDOWS_TARGET = "x86_64-windows-gnu"
WINDOWS_PYTHON = "3.13"  # the minor version of winpython.py's CPython
sys.path.insert(0, HERE)
import stage as staging  # noqa: E402  (pysock built beside its sources, runnable in place)
RUNNER = os.path.join(HERE, "conformance_run.py")
KNOWN = os.path.join(HERE, "conformance_known.txt")
WINPYTHON = os.path.join(HERE, "wine", "winpython.py")
OUTCOMES = ("passed", "failed", "error", "skipped")
PER_TEST_TIMEOUT = 120  # seconds; a test still running then counts as hung


def host_pythons():
    """python3.11, 3.12, ... on PATH whose stdlib has test/test_socket.py."""
    found = []
    for minor in range(11, 20):
        exe = shutil.which(f"python3.{minor}")
        if not exe:
            continue
        probe = subprocess.run(
            [exe, "-c", "import os, test, test.support; print(os.path.exists("
             "os.path.join(os.path.dirname(test.__file__), 'test_socket.py')))"],
            capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            found.append(exe)
        else:
            print(f"conformance: {exe} has no test/test_socket.py or test.support; skipped")
    return found


def read_known():
    """{test id: reason} from conformance_known.txt (`Class.test  reason`)."""
    known = {}
    with open(KNOWN, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                test_id, _, reason = line.partition(" ")
                known[test_id] = reason.strip()
    return known


class Interpreter:
    """How to start one interpreter with pysock (or only the stdlib) importable."""

    def __init__(self, label, command, to_own_path=lambda p: p):
        self.label = label
        self.command = command            # list: the prefix before the runner's path
        self.to_own_path = to_own_path    # a host path as that interpreter spells it


def linux_interpreter(exe, stage):
    version = subprocess.run([exe, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    env = ["env", f"PYTHONPATH={stage}", "PYTHONDONTWRITEBYTECODE=1"]
    return Interpreter(f"CPython {version} (Linux)", env + [exe, "-X", "faulthandler"])


def wine_interpreter(root, stage, test_lib):
    subprocess.run([sys.executable, WINPYTHON, "setup", root], check=True)

    def windows_path(path):
        return "Z:" + os.path.abspath(path).replace("/", "\\")

    command = [sys.executable, WINPYTHON, "run", root, "--path", stage, "--path", test_lib,
               "--timeout", "3600", "--"]
    return Interpreter("CPython 3.13 for Windows (Wine)", command, windows_path)


def run_module(interp, module, work):
    """All of test_socket with `module`; a hung or crashed test is recorded and
    the rest run again without it. Returns ({id: (outcome, detail)}, sockets)."""
    results_path = os.path.join(work, f"{module}.jsonl")
    skip_path = os.path.join(work, f"{module}.skip")
    open(results_path, "w").close()
    outcomes, sockets = {}, {}
    while True:
        with open(skip_path, "w", encoding="utf-8") as f:
            f.write("".join(test_id + "\n" for test_id in outcomes))
        command = interp.command + [
            interp.to_own_path(RUNNER), "--module", module,
            "--results", interp.to_own_path(results_path),
            "--skip", interp.to_own_path(skip_path), "--timeout", str(PER_TEST_TIMEOUT)]
        code = subprocess.run(command, cwd=work, stdin=subprocess.DEVNULL).returncode
        started, done = None, False
        with open(results_path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if "started" in record:
                    started = record["started"]
                elif "done" in record:
                    done = True
                    sockets = dict(record["sockets"], python=record["python"])
                else:
                    outcomes[record["id"]] = (record["outcome"], record["detail"])
                    started = None
        if done:
            if code != 0:
                sys.exit(f"conformance: the {module} run on {interp.label} failed (exit {code})")
            return outcomes, sockets
        if started is None or started in outcomes:
            sys.exit(f"conformance: the {module} run on {interp.label} stopped before any test "
                     f"(exit {code})")
        print(f"conformance: {started} did not finish (exit {code}); running the rest")
        outcomes[started] = ("error", f"hung or crashed the interpreter (exit {code})")
        with open(results_path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": started, "outcome": "error",
                                "detail": outcomes[started][1]}) + "\n")


def counts(outcomes):
    tally = {name: 0 for name in OUTCOMES}
    for outcome, _ in outcomes.values():
        tally[outcome] += 1
    return "passed {passed} failed {failed} errors {error} skipped {skipped}".format(**tally)


def first_line(detail):
    lines = [line for line in detail.strip().splitlines() if line.strip()]
    return lines[-1].strip()[:160] if lines else ""


def compare(interp, known):
    """Runs both modules on one interpreter; prints the summary; returns the
    tests that pass with the stdlib only and are not known differences."""
    print(f"== {interp.label}", flush=True)
    # Kept after the run: each test's outcome and traceback, one JSON line each.
    work = os.path.join(WORK, "results", "".join(c if c.isalnum() or c in ".-" else "_"
                                                 for c in interp.label))
    os.makedirs(work, exist_ok=True)
    started = time.monotonic()
    stdlib, _ = run_module(interp, "socket", work)
    middle = time.monotonic()
    pysock, sockets = run_module(interp, "pysock", work)
    ended = time.monotonic()
    print(f"stdlib: {counts(stdlib)} / pysock: {counts(pysock)}")
    print(f"time: stdlib {middle - started:.0f}s, pysock {ended - middle:.0f}s; "
          f"sockets created in the pysock run: {sockets['pysock']} pysock, {sockets['other']} other "
          f"(CPython {sockets['python']})")
    regressions = sorted(test_id for test_id, (outcome, _) in stdlib.items()
                         if outcome == "passed" and pysock.get(test_id, ("missing",))[0] != "passed")
    new = [t for t in regressions if t not in known]
    print(f"pass with the stdlib, not with pysock: {len(regressions)} "
          f"({len(regressions) - len(new)} known, {len(new)} new)")
    for test_id in regressions:
        outcome, detail = pysock.get(test_id, ("missing", ""))
        note = f"known: {known[test_id]}" if test_id in known else first_line(detail)
        print(f"  {test_id} [{outcome}] {note}")
    others = sorted(t for t, (o, _) in pysock.items()
                    if t not in regressions and o != stdlib.get(t, ("missing",))[0])
    for test_id in others:
        print(f"  also differs: {test_id} stdlib {stdlib.get(test_id, ('missing',))[0]}, "
              f"pysock {pysock[test_id][0]} {first_line(pysock[test_id][1])}")
    print(f"(each test's outcome: {work}/*.jsonl)")
    return new


def stage_test_package(python, dest):
    """Copies `python`'s test/__init__.py, test/support and test/test_socket.py
    into dest/test; returns dest."""
    source = subprocess.run([python, "-c", "import os, test; print(os.path.dirname(test.__file__))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    target = os.path.join(dest, "test")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(source, "support"), os.path.join(target, "support"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("__init__.py", "test_socket.py"):
        shutil.copy(os.path.join(source, name), target)
    return dest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", default=[], help="a host interpreter (repeatable)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-wine", action="store_true", help="Linux interpreters only")
    which.add_argument("--wine-only", action="store_true", help="the Windows CPython only")
    options = parser.parse_args()
    interpreters = []
    if not options.wine_only:
        folder = staging.stage(os.path.join(WORK, "linux"))
        interpreters += [linux_interpreter(exe, folder) for exe in options.python or host_pythons()]
        if not interpreters:
            sys.exit("conformance: no CPython 3.11+ with test/test_socket.py found")
    if not options.no_wine:
        host_python = shutil.which(f"python{WINDOWS_PYTHON}")
        if host_python is None:
            sys.exit(f"conformance: Wine needs the test package of a host python{WINDOWS_PYTHON}")
        folder = staging.stage(os.path.join(WORK, "windows"), WINDOWS_TARGET)
        test_lib = stage_test_package(host_python, os.path.join(WORK, "windows-lib"))
        interpreters.append(wine_interpreter(WINE_ROOT, folder, test_lib))
    known = read_known()
    new = {}
    for interp in interpreters:
        new[interp.label] = compare(interp, known)
    failing = {label: tests for label, tests in new.items() if tests}
    for label, tests in failing.items():
        print(f"conformance: {label}: {len(tests)} new difference(s): {' '.join(tests)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
