"""Mutation testing of pysock: how many small, plausible bugs does the suite catch?

    python tools/mutate.py [--files GLOB]... [--sample N [--seed S]] [--list] [--jobs J]

Mutants (tools/mutation/zig_mutants.py, py_mutants.py: operator and constant
swaps, off-by-one bounds, dropped calls and return values) are generated
deterministically from the checkout's binding/, backends/posix/, backends/linux/,
backends/windows/ and pysock/ sources. Each is applied, one at a time, to a
private copy of the tree (--work, never the checkout), rebuilt (Debug), and
judged by the test files tools/mutation/test_map.txt names for its file:
natively for Linux, under Wine for the Windows backend. It prints a line per
mutant, then the score per area and every survivor with its file, line and
the original and mutated text. Mutants listed in tools/mutation/equivalent.txt
are reported as equivalent and not run.

The full run takes hours; `--sample N` judges N mutants drawn at random (the
seed is printed; `--seed S` repeats a draw).
"""
import argparse
import fnmatch
import glob
import hashlib
import json
import os
import queue
import random
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "mutation"))
import reach  # noqa: E402
import equivalents  # noqa: E402
import log_score  # noqa: E402
import py_mutants  # noqa: E402
import zig_mutants  # noqa: E402
from judge import KILLED, Verdict, judge  # noqa: E402
from report import print_report  # noqa: E402
from runner import WINE_WORK, WINPYTHON, run_tests  # noqa: E402
from test_map import TestMap  # noqa: E402
from workspace import Workspace  # noqa: E402

SOURCES = ["binding/*.zig", "backends/posix/*.zig", "backends/linux/*.zig",
           "backends/windows/*.zig", "pysock/*.py"]
NOT_SOURCES = ["*_test.zig"]  # Zig unit tests: tests, not code under test


def source_files(patterns):
    found = []
    for pattern in SOURCES:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
            if any(fnmatch.fnmatch(rel, p) for p in NOT_SOURCES):
                continue
            if patterns and not any(fnmatch.fnmatch(rel, p) for p in patterns):
                continue
            found.append(rel)
    return found


def all_mutants(files):
    result = []
    for rel in files:
        with open(os.path.join(ROOT, rel)) as file:
            text = file.read()
        generate = py_mutants.mutants if rel.endswith(".py") else zig_mutants.mutants
        result.extend(generate(rel, text))
    return result


def file_digests(mutants):
    """{path: sha256 of the file as the mutants were made from it}."""
    digests = {}
    for m in mutants:
        if m.path not in digests:
            with open(os.path.join(ROOT, m.path), "rb") as file:
                digests[m.path] = hashlib.sha256(file.read()).hexdigest()
    return digests


def built_digest():
    """sha256 over everything a build compiles or stages (binding/, backends/,
    pysock/): what the coverage map was made from, other than the tests."""
    h = hashlib.sha256()
    for folder in ("binding", "backends", "pysock"):
        for path in sorted(glob.glob(os.path.join(ROOT, folder, "**", "*"), recursive=True)):
            if os.path.isfile(path) and "__pycache__" not in path:
                with open(path, "rb") as file:
                    h.update(path.encode() + b"\0" + file.read())
    return h.hexdigest()


def tests_digest():
    """sha256 over the test files and the map that picks them."""
    h = hashlib.sha256()
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "**", "*.py"), recursive=True)) + [
            os.path.join(HERE, "mutation", "test_map.txt")]:
        with open(path, "rb") as file:
            h.update(path.encode() + b"\0" + file.read())
    return h.hexdigest()


# Verdicts a later run may take over (--resume): the mutant is the same edit
# of the same file, and tests only grow, so a kill stays a kill; a survivor
# only while the tests are the very same (a new test may kill it).
REUSABLE = ("killed", "timeout", "not-viable", "unchanged")


# The verdicts of earlier runs kept in the repository (a full run takes more
# than one sitting): --resume takes them over as it does WORK's own, and
# `--report --keep` adds WORK's to it.
KEPT = os.path.join(HERE, "mutation", "verdicts.jsonl")


def earlier_verdicts(paths, tests):
    """{(file, digest, start, rule, now): record} of results.jsonl files,
    the later file's record first."""
    found = {}
    for path in paths:
        if os.path.exists(path):
            with open(path) as file:
                for line in file:
                    r = json.loads(line)
                    if r.get("digest") and (r["status"] in REUSABLE
                                            or r["status"] == "survived" and r.get("tests") == tests):
                        found[(r["path"], r["digest"], r["start"], r["rule"], r["now"])] = r
    return found


def describe(m):
    return f"{m.path}:{m.line} [{m.rule}] {m.before}  =>  {m.after}"


class Session:
    """Baselines per platform, then the mutants through J workspaces."""

    def __init__(self, args, mutants, test_map):
        self.args, self.mutants, self.map = args, mutants, test_map
        self.listed = equivalents.load()
        self.deselect, self.timeout = {}, {}
        self.wine = threading.Lock()  # one Wine work folder: one run at a time
        self.lock = threading.Lock()
        self.verdicts, self.done = [], 0
        self.digests = file_digests(mutants)
        results = os.path.join(args.work, "results.jsonl")
        self.tests = tests_digest()
        self.coverage = {}   # platform -> reach.Coverage (Linux: which tests reach which line)
        self.earlier = earlier_verdicts([KEPT, results], self.tests) if args.resume else {}
        self.log = open(results, "a") if not args.list else None

    def baseline(self, workspace, platform):
        """The unmutated build's run of every test file these mutants use."""
        tests = list(dict.fromkeys(t for m in self.mutants if self.map.platform(m.path) == platform
                                   for t in self.map.tests_for(m.path, platform)))
        workspace.prepare(platform)
        outcome = run_tests(workspace, platform, tests, self.map.excluded, stop_first=False)
        broken = outcome.failures
        with open(os.path.join(self.args.work, f"baseline-{platform}.log"), "w") as file:
            file.write(outcome.output)
        if outcome.returncode not in (0, 1) or outcome.timed_out:
            sys.exit(f"baseline run for {platform} did not finish (exit {outcome.returncode}):\n"
                     f"{outcome.output[-3000:]}")
        print(f"baseline {platform}: {len(tests)} test files in {outcome.seconds:.0f} s, "
              f"{len(broken)} failing without a mutant (deselected): {' '.join(broken) or '-'}", flush=True)
        self.deselect[platform] = [*self.map.excluded, *broken]
        # Every test file of the platform ran in `seconds`; a mutant's run
        # stops at its first failure, so half as long again means a hang.
        self.timeout[platform] = max(90.0, 1.5 * outcome.seconds)
        if platform == "linux" and self.args.coverage:
            key = hashlib.sha256((self.tests + built_digest()).encode()).hexdigest()
            self.coverage[platform] = reach.collect(workspace, platform, tests, self.deselect[platform], key,
                                                    log=lambda text: print(text, flush=True))

    def choose_tests(self, mutant, platform):
        """The tests for a mutant, in run order, what a survival says of
        them, and the time limit: those that reach its line and the files the
        map names for its file, where coverage knows the line; else the map's
        files and the platform's whole core list, with the baseline's limit."""
        coverage = self.coverage.get(platform)
        reaching = coverage.reaching(mutant.path, mutant.line) if coverage else None
        if reaching is None:
            return self.map.tests_for(mutant.path, platform), "", self.timeout[platform]
        named = coverage.in_files(self.map.named_for(mutant.path))
        tests = list(dict.fromkeys([*reaching, *named]))
        # A hang is a test that does not end: the limit follows what these
        # tests took in the coverage run (slower than this build), not what
        # the whole list takes, so that a hang costs a minute, not ten.
        limit = min(self.timeout[platform], 60.0 + 4 * sum(coverage.tests.get(t, 1.0) for t in tests))
        if not reaching:
            return tests, f"no test reaches its line; {len(tests)} of the map's tests pass", limit
        return tests, f"{len(reaching)} tests reach its line", limit

    def earlier_key(self, m):
        return (m.path, self.digests[m.path], m.start, m.rule, m.after)

    def run_one(self, workspace, mutant):
        key = mutant.key()
        if key in self.listed:
            return Verdict(mutant, "equivalent", self.listed[key])
        earlier = self.earlier.get(self.earlier_key(mutant))
        if earlier is not None:
            detail = earlier["detail"].removeprefix("resumed: ")
            return Verdict(mutant, earlier["status"], f"resumed: {detail}", 0.0)
        platform = self.map.platform(mutant.path)
        tests, survived, limit = self.choose_tests(mutant, platform)

        def runner(*a, **k):
            if platform != "windows":
                return run_tests(*a, **k)
            with self.wine:
                return run_tests(*a, **k)
        return judge(workspace, mutant, platform, tests, self.deselect[platform], limit, runner, survived)

    def record(self, verdict):
        with self.lock:
            self.done += 1
            self.verdicts.append(verdict)
            m = verdict.mutant
            note = f" ({verdict.detail})" if verdict.detail and verdict.status != "equivalent" else ""
            print(f"[{self.done}/{len(self.mutants)}] {verdict.status.upper():10} {describe(m)}{note}"
                  f" {verdict.seconds:.0f}s", flush=True)
            self.log.write(json.dumps({"path": m.path, "line": m.line, "rule": m.rule, "was": m.before,
                                       "now": m.after, "status": verdict.status,
                                       "detail": verdict.detail, "seconds": round(verdict.seconds, 1),
                                       "start": m.start, "digest": self.digests[m.path],
                                       "tests": self.tests}) + "\n")
            self.log.flush()

    def run(self):
        jobs = max(1, self.args.jobs)
        spaces = [Workspace(os.path.join(self.args.work, f"job{i}")) for i in range(jobs)]
        for space in spaces:
            space.create()
        # Only platforms with a mutant to run need Wine ready and a baseline.
        platforms = sorted({self.map.platform(m.path) for m in self.mutants
                            if m.key() not in self.listed and self.earlier_key(m) not in self.earlier})
        if "windows" in platforms:  # the Windows CPython and Wine, made ready once
            subprocess.run([sys.executable, WINPYTHON, "setup", WINE_WORK], check=True)
        for platform in platforms:
            self.baseline(spaces[0], platform)
            for space in spaces[1:]:
                space.prepare(platform)
        work = queue.Queue()
        for m in self.mutants:
            work.put(m)

        def worker(space):
            while True:
                try:
                    m = work.get_nowait()
                except queue.Empty:
                    return
                self.record(self.run_one(space, m))
        threads = [threading.Thread(target=worker, args=(s,)) for s in spaces]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.verdicts.sort(key=lambda v: (v.mutant.path, v.mutant.start, v.mutant.rule))
        return self.verdicts


def report_recorded(args, mutants):
    """The report of what WORK/results.jsonl holds for these mutants (a run
    cut short, or several shards): the verdicts valid for the files as they
    are now; survivors only if the tests are the same too."""
    listed = equivalents.load()
    digests = file_digests(mutants)
    earlier = earlier_verdicts([KEPT, os.path.join(args.work, "results.jsonl")], tests_digest())
    verdicts, missing, kept = [], 0, []
    for m in mutants:
        record = earlier.get((m.path, digests[m.path], m.start, m.rule, m.after))
        if m.key() in listed:
            verdicts.append(Verdict(m, "equivalent", listed[m.key()]))
        elif record is not None:
            verdicts.append(Verdict(m, record["status"], record["detail"], record["seconds"]))
            kept.append(record)
        else:
            missing += 1
    if args.keep:
        # Every mutant's latest verdict for the files as they are (other files' kept as they were).
        paths = {m.path for m in mutants}
        others = []
        if os.path.exists(KEPT):
            with open(KEPT) as file:
                others = [r for r in map(json.loads, file) if r["path"] not in paths]
        with open(KEPT, "w") as file:
            for r in sorted(others + kept, key=lambda r: (r["path"], r["start"], r["rule"], r["now"])):
                file.write(json.dumps(r, sort_keys=True) + "\n")
    verdicts.sort(key=lambda v: (v.mutant.path, v.mutant.start, v.mutant.rule))
    print_report(verdicts, sys.stdout)
    print(f"\n{len(verdicts)} of {len(mutants)} mutants have a verdict for the sources and tests as they are; "
          f"{missing} have none yet")
    return 0


def survivors_again(mutants, log):
    """The mutants that survived in `log`, found by file and texts; of several
    with the same texts in a file, those on the line the log named (lines
    move only where the file was edited since)."""
    lines = {}
    for verdict, path, line, _, was, now in log_score.parse(log).values():
        if verdict == "SURVIVED":
            lines.setdefault((path, was, now), set()).add(line)
    chosen = {}
    for m in mutants:
        key = (m.path, m.before, m.after)
        if key in lines:
            chosen.setdefault(key, []).append(m)
    picked = []
    for key, group in chosen.items():
        same_line = [m for m in group if m.line in lines[key]]
        picked.extend(same_line or group)
    return sorted(picked, key=lambda m: (m.path, m.start))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="append", default=[],
                        help="only sources matching this glob (repeatable), e.g. 'backends/posix/*'")
    parser.add_argument("--line", type=int, action="append", default=[],
                        help="only mutants on this line (repeatable; with --files, to judge one again)")
    parser.add_argument("--again", metavar="LOG",
                        help="only the mutants that survived in this log of an earlier run (tools/mutate.py's "
                             "output), found by file and texts: their lines may have moved since")
    parser.add_argument("--platform", choices=["linux", "windows"],
                        help="only the mutants judged there (windows: under Wine)")
    parser.add_argument("--sample", type=int, help="judge N mutants drawn at random")
    parser.add_argument("--seed", type=int, help="the sample's seed (printed when drawn)")
    parser.add_argument("--shuffle", type=int, metavar="SEED",
                        help="judge in a random order from this seed (a run cut short is then a fair sample)")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: the report of the verdicts WORK/results.jsonl holds for these mutants")
    parser.add_argument("--keep", action="store_true",
                        help="with --report: write those verdicts to tools/mutation/verdicts.jsonl, the "
                             "repository's record that --resume takes over")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument("--jobs", type=int, default=1, help="parallel workspaces (default 1)")
    parser.add_argument("--shard", metavar="K/N", help="only every N-th mutant, starting at the K-th (1-based): "
                        "N runs, on one machine after another or on N machines, judge them all")
    parser.add_argument("--resume", action="store_true",
                        help="take over the kills recorded in tools/mutation/verdicts.jsonl and WORK/results.jsonl "
                             "for the same edit of the same "
                             "file (survivors are judged again)")
    parser.add_argument("--no-coverage", dest="coverage", action="store_false",
                        help="run every mutant of a Linux build over its file's tests and the whole core list, "
                             "not only the tests that reach its line (tools/mutation/reach.py)")
    parser.add_argument("--work", default=os.path.join(ROOT, ".mutation"),
                        help="where the copies are made (default .mutation/ in the checkout)")
    args = parser.parse_args()

    mutants = all_mutants(source_files(args.files))
    if args.line:
        mutants = [m for m in mutants if m.line in args.line]
    if args.again:
        mutants = survivors_again(mutants, args.again)
    if args.platform:
        test_map = TestMap()
        mutants = [m for m in mutants if test_map.platform(m.path) == args.platform]
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        if not 1 <= k <= n:
            parser.error("--shard K/N needs 1 <= K <= N")
        mutants = mutants[k - 1::n]
        print(f"shard {k}/{n}: {len(mutants)} mutants", flush=True)
    total = len(mutants)
    if args.sample is not None and args.sample < total:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
        mutants = sorted(random.Random(seed).sample(mutants, args.sample),
                         key=lambda m: (m.path, m.start, m.rule))
        print(f"sample: {len(mutants)} of {total} mutants, seed {seed} "
              f"(repeat with --sample {args.sample} --seed {seed}{''.join(f' --files {f!r}' for f in args.files)})",
              flush=True)
    else:
        print(f"all {total} mutants", flush=True)
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(mutants)
    if args.list:
        for m in mutants:
            print(describe(m))
        return 0
    if args.report:
        return report_recorded(args, mutants)
    os.makedirs(args.work, exist_ok=True)
    started = time.monotonic()
    verdicts = Session(args, mutants, TestMap()).run()
    print_report(verdicts, sys.stdout)
    print(f"\n{len(verdicts)} mutants in {time.monotonic() - started:.0f} s")
    survivors = sum(v.status == "survived" for v in verdicts)
    killed = sum(v.status in KILLED for v in verdicts)
    print(f"mutation: {killed} killed, {survivors} survived")
    return 0


if __name__ == "__main__":
    sys.exit(main())
