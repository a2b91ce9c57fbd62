"""The benchmark suite: every workload of bench/, through the stdlib `socket`
and pysock in one run, rounds interleaved (A B, then B A), with the same loop
in C as the floor where there is one.

    python bench/run.py [--quick] [--rounds 5] [--only TEXT] [--json FILE] [--chart FILE]
    python bench/run.py --instructions      callgrind instruction counts instead

Prints per workload the median of each module, the pysock/stdlib ratio of the
medians with the range of the per-round ratios (the noise band), each module's
spread ((max - min) / median over its rounds) and the C floor. Asserts nothing
about timings; a workload whose data check fails stops the run (exit 1).
"""
import argparse
import importlib
import os
import socket as stdlib_socket
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import _floor  # noqa: E402
import _report  # noqa: E402

INFRASTRUCTURE = {"run"}


def discover():
    """Every Workload of every bench/NAME.py (the interface of _bench.py)."""
    workloads = []
    for file in sorted(os.listdir(HERE)):
        name, ext = os.path.splitext(file)
        if ext != ".py" or name.startswith("_") or name in INFRASTRUCTURE:
            continue
        module = importlib.import_module(name)
        for w in getattr(module, "WORKLOADS", []):
            w.group = name
            workloads.append(w)
    names = [w.name for w in workloads]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise SystemExit(f"workload names used twice: {sorted(duplicated)}")
    return workloads


def load_pysock():
    import pysock
    if getattr(pysock, "__file__", None) is None or not hasattr(pysock, "socketpair"):
        raise SystemExit(f"pysock is not the built package ({getattr(pysock, '__path__', None)})")
    return pysock


def measure(w, mods, n, rounds):
    """{module name: [value per op, one per round]}, rounds interleaved."""
    samples = {name: [] for name, _ in mods}
    checks = {}
    for name, mod in mods:  # warm-up, and a first check of the data
        checks[name] = w.run(mod, max(1, n // 10))[1]
    if checks[mods[0][0]] != checks[mods[1][0]]:
        raise AssertionError(f"{w.name}: the modules disagree: {checks}")
    for r in range(rounds):
        for name, mod in (mods if r % 2 == 0 else mods[::-1]):
            total, check = w.run(mod, n)
            if r == 0:
                checks[name] = check
            elif check != checks[name]:
                raise AssertionError(f"{w.name}: {name} gave {check!r}, before {checks[name]!r}")
            samples[name].append(total / n)
    if checks[mods[0][0]] != checks[mods[1][0]]:
        raise AssertionError(f"{w.name}: the modules disagree: {checks}")
    return samples


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run: few operations, 3 rounds")
    ap.add_argument("--rounds", type=int, default=None, help="rounds per module (default 5, --quick 3)")
    ap.add_argument("--only", default="", help="only workloads whose name contains this text")
    ap.add_argument("--json", metavar="FILE", help="write every sample to FILE")
    ap.add_argument("--chart", metavar="FILE", default=None, help="PNG of the ratios (default: none)")
    ap.add_argument("--instructions", action="store_true", help="callgrind instruction counts per call")
    args = ap.parse_args(argv)
    if args.instructions:
        import _instructions
        return _instructions.main()
    rounds = args.rounds or (3 if args.quick else 5)
    pysock = load_pysock()
    mods = [("stdlib", stdlib_socket), ("pysock", pysock)]
    floor = _floor.Floor()
    print(f"Python {sys.version.split()[0]} {sys.platform}; pysock {pysock.__file__}")
    print(f"{rounds} rounds per module, interleaved{', quick' if args.quick else ''}; {floor.status}")
    rows = []
    for w in discover():
        if args.only not in w.name:
            continue
        n = (w.quick_n or max(1, w.n // 50)) if args.quick else w.n
        samples = measure(w, mods, n, rounds)
        floors = floor.measure(w.floor, n, rounds)
        row = _report.Row(w, n, samples["stdlib"], samples["pysock"], floors)
        rows.append(row)
        print(row.line(), flush=True)
    print()
    print(_report.table(rows))
    if args.json:
        _report.write_json(args.json, rows, rounds, args.quick)
        print(f"samples: {os.path.abspath(args.json)}")
    if args.chart:
        _report.chart(args.chart, rows)
        print(f"chart: {os.path.abspath(args.chart)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
