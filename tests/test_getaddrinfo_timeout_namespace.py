"""getaddrinfo(..., timeout=...) against resolvers that never answer, answer
late or answer at once, on loopback only: as root, in a private mount and
network namespace (`unshare -m -n`, loopback up) whose /etc/resolv.conf
(bind-mounted) names 127.0.0.1 as the only nameserver and whose /etc/hosts
(and /etc/nsswitch.conf, for the hosts-only case) the test writes. The DNS
server on 127.0.0.1:53 is the runner's own (resolver_namespace_run.py); no
query ever leaves the namespace.

`pytest -s tests/test_getaddrinfo_timeout_namespace.py -k bound` prints the
observed bound of a 0.5 s timeout.
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "resolver_namespace_run.py")
# glibc's resolver: how long one query waits and how often it is sent.
STUCK = "options timeout:30 attempts:5\n"
QUICK = "options timeout:1 attempts:1\n"
HOSTS = """127.0.0.1 localhost
10.1.2.3 myhost.example myalias.example
fd00::1 myhost6.example
"""
# pysock's own bound on concurrent lookups (backends/posix/resolver.zig).
MAX_WORKERS = 32


def _namespace_problem():
    if not sys.platform.startswith("linux"):
        return "Linux namespaces only"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root (a private mount and network namespace)"
    for tool in ("unshare", "ip", "mount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    probe = subprocess.run(["unshare", "-m", "-n", "sh", "-c",
                            "ip link set lo up && mount --bind /etc/hosts /etc/hosts"],
                           capture_output=True, text=True)
    if probe.returncode:
        return f"unshare -m -n does not work here: {probe.stderr.strip()}"
    return None


pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(_namespace_problem() is not None, reason=str(_namespace_problem())),
]


def run_in_namespace(tmp_path, scenario, options, hosts_only=False):
    import pysock

    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.1\n" + options)
    hosts = tmp_path / "hosts"
    hosts.write_text(HOSTS)
    mounts = [(resolv, "/etc/resolv.conf"), (hosts, "/etc/hosts")]
    if hosts_only:
        nsswitch = tmp_path / "nsswitch.conf"
        nsswitch.write_text("hosts: files\nservices: files\n")
        mounts.append((nsswitch, "/etc/nsswitch.conf"))
    binds = " && ".join(f"mount --bind '{src}' '{dst}'" for src, dst in mounts)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__)), os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run(
        ["unshare", "-m", "-n", "sh", "-c", f'ip link set lo up && {binds} && exec "$@"', "sh",
         sys.executable, RUNNER, scenario],
        capture_output=True, text=True, env=env, timeout=180)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_bound_of_a_resolver_that_never_answers(tmp_path):
    r = run_in_namespace(tmp_path, "stuck", STUCK)
    print(f"\ngetaddrinfo('name.invalid.example', 80, timeout=0.5) raised {r['timed'][1]} "
          f"after {r['elapsed']:.3f} s (the resolver itself would wait 30 s x 5 attempts)")
    assert r["timed"] == ["raise", "TimeoutError", None, "timed out"]
    assert 0.5 <= r["elapsed"] < 5
    # The caller slept, it did not poll (here: 0.003 s of processor time in
    # a 0.5 s wait; a loop of zero-millisecond waits takes 0.2 s or more).
    assert r["caller_cpu"] < r["elapsed"] / 10, r
    assert r["queries"] >= 1              # the lookup did ask the nameserver
    assert r["stdlib_still_waiting"] is True


def test_signals_while_waiting(tmp_path):
    """A handler that raises ends the wait with its exception, at once; one
    that returns lets the wait go on to its deadline (PEP 475)."""
    r = run_in_namespace(tmp_path, "stuck", STUCK)
    assert r["raising_handler"][:2] == ["raise", "Interrupted"]
    assert r["raising_handler_elapsed"] < 3
    assert r["returning_handler"][:2] == ["raise", "TimeoutError"]
    assert r["returning_handler_elapsed"] >= 0.8
    assert r["handler_calls"] >= 3


def test_threads_are_capped_and_exit(tmp_path):
    r = run_in_namespace(tmp_path, "threads", QUICK)
    assert r["outcomes"] == ["TimeoutError"]
    assert r["baseline"] < r["most"] <= r["baseline"] + MAX_WORKERS
    assert r["settled_after"] is not None, "worker threads outlived their lookups"
    assert r["fds_after"] == r["fds_before"]
    # A child forked meanwhile starts with an empty pool.
    child, stdlib = r["in_child"]
    assert child == stdlib and child[0] == "ok"


def test_abandoned_queued_lookups_never_run(tmp_path):
    # Workers stuck 8 s: the 42 calls take far less, under qemu too.
    r = run_in_namespace(tmp_path, "queued", "options timeout:8 attempts:1\n")
    assert r["outcomes"] == ["TimeoutError"]
    assert r["settled_after"] is not None, "worker threads outlived their lookups"
    assert r["queried"] == [f"q{i}" for i in range(MAX_WORKERS)], r["queried"]


def test_late_answers_are_freed(tmp_path):
    r = run_in_namespace(tmp_path, "late", QUICK)
    # The late answer itself, through the worker, is the stdlib's.
    assert r["stdlib"][0] == "ok" and len(r["stdlib"][1]) == 20, r["stdlib"]
    assert r["pysock"] == r["stdlib"]
    assert r["settled_after"] is not None
    assert r["fds_growth"] == 0
    # 200 abandoned lookups, about half answered after their caller left,
    # 20 addresses each: a leaked list or request would be hundreds of KB.
    if r["heap_growth"] is not None:
        assert r["heap_growth"] < 64 * 1024, r["heap_growth"]


@pytest.mark.parametrize("hosts_only", [False, True], ids=["files-dns", "files-only"])
def test_names_and_errors_equal_stdlib(tmp_path, hosts_only):
    r = run_in_namespace(tmp_path, "names", QUICK, hosts_only=hosts_only)
    for label, (expected, got) in r.items():
        assert got == expected, label
    assert r["hosts"][0][0] == "ok"
    assert r["hosts-inet6"][0][0] == "ok"
    assert r["unknown"][0][:3] == ["raise", "gaierror", -2]      # EAI_NONAME
    assert r["entry"][0] == ["ok", ["myhost.example", ["myalias.example"], ["10.1.2.3"]]], r["entry"]


def test_workers_block_the_signals(tmp_path):
    """A stuck lookup's worker thread blocks the signals a program handles
    (SIGINT, SIGALRM, SIGTERM, SIGUSR1, SIGCHLD), so that the kernel delivers
    them to a thread of the application's, whose wait a handler can end."""
    import signal

    r = run_in_namespace(tmp_path, "stuck", STUCK)
    assert r["timed"][:2] == ["raise", "TimeoutError"]
    wanted = {int(s) for s in (signal.SIGINT, signal.SIGALRM, signal.SIGTERM, signal.SIGUSR1, signal.SIGCHLD)}
    assert len(r["worker_blocked"]) == 1, r["worker_blocked"]
    assert wanted <= set(r["worker_blocked"][0]), r["worker_blocked"]
    assert not wanted & set(r["caller_blocked"]), r["caller_blocked"]
