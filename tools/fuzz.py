"""Long differential fuzz of pysock against the stdlib socket module (nox -s fuzz).

    python tools/fuzz.py [--calls N] [--seed S] [--case I]

Runs cases of tests/fuzzcases.py (each a fresh setup and one to three calls)
until N calls have been made, through both modules in this process, and prints
every case where they disagree with the line that replays it. Without --seed a
random seed is drawn and printed first. --case I replays case I of the seed
alone and prints its calls and both outcomes.
"""
import argparse
import os
import random
import shutil
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests"))
import fuzzcases  # noqa: E402

import pysock  # noqa: E402


def replay(seed, case, tmpdir):
    cs = fuzzcases.case_seed(seed, case)
    for m in (socket, pysock):
        kind, results, leaked = fuzzcases.run_case(m, cs, tmpdir)
        print("%s (setup %s, %d descriptors left open):" % (m.__name__, kind, leaked))
        for text, outcome, state, _ in results:
            print("   %s\n      -> %r %r" % (text, outcome, state))
    report = fuzzcases.compare_case((socket, pysock), seed, case, tmpdir)
    print(report or "no mismatch")
    return 1 if report else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=1_000_000, help="stop after this many calls (default 10**6)")
    ap.add_argument("--seed", type=int, default=None, help="seed to run (default: a random one, printed)")
    ap.add_argument("--case", type=int, default=None, help="replay this one case of --seed")
    ap.add_argument("--max-reports", type=int, default=50, help="stop after this many mismatching cases")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.SystemRandom().getrandbits(32)
    tmpdir = fuzzcases.new_tmpdir()
    try:
        if a.case is not None:
            return replay(seed, a.case, tmpdir)
        print("fuzz: seed %d, %d calls, pysock %s" % (seed, a.calls, pysock.__file__), flush=True)
        start = time.monotonic()
        calls = cases = bad = 0
        while calls < a.calls:
            report = fuzzcases.compare_case((socket, pysock), seed, cases, tmpdir)
            calls += len(fuzzcases.plan(fuzzcases.case_seed(seed, cases))[2])
            if report:
                bad += 1
                print(report)
                print("  replay: python tools/fuzz.py --seed %d --case %d" % (seed, cases), flush=True)
                if bad >= a.max_reports:
                    break
            cases += 1
            if cases % 20000 == 0:
                print("fuzz: %d calls, %d cases, %d mismatching, %.0f s" % (calls, cases, bad, time.monotonic() - start),
                      flush=True)
        print("fuzz: seed %d: %d calls in %d cases, %d mismatching, %.1f s"
              % (seed, calls, cases, bad, time.monotonic() - start))
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
