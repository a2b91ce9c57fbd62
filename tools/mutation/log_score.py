"""The score of a run from its log (what tools/mutate.py printed), for a run
cut short: `--report` counts only the verdicts still valid for today's
sources and tests, so a survivor judged on older tests drops out of it;
here every mutant the log judged counts, as it was judged.

    python tools/mutation/log_score.py RUN.log [--upto N] [--again LATER.log]

`--upto N` counts the first N positions of the run's order only (with
`--shuffle`, a fair sample). `--again` takes the log of a later run over
the survivors (`tools/mutate.py --again RUN.log`): a survivor it killed
counts as killed ("killed since"). Survivors whose mutant equivalent.txt lists
today are counted apart ("listed since"), and printed, like the others, with
file, line and texts."""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import equivalents  # noqa: E402
from mutant import AREAS, area_of  # noqa: E402

LINE = re.compile(r"^\[(\d+)/\d+\] (\S+)\s+(\S+?):(\d+) \[([^\]]+)\] (.*)$")
# What follows a mutant's text: why it was judged so, and how long it took.
TAIL = re.compile(r"(?: \((?:resumed|tests/|pytest|no test|\d+ tests? reach|over |the same|listed|[\w./-]+\.zig:\d+)"
                  r".*\))?(?: \d+s)?$")
KILLED = {"KILLED", "TIMEOUT"}


def parse(path, upto=None):
    """{position: (verdict, file, line, rule, was, now)} of the log's mutants."""
    seen = {}
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            m = LINE.match(raw.rstrip("\n"))
            if not m:
                continue
            position = int(m.group(1))
            if upto is not None and position > upto:
                continue
            texts = TAIL.sub("", m.group(6))
            was, _, now = texts.partition("  =>  ")
            seen[position] = (m.group(2), m.group(3), int(m.group(4)), m.group(5), was.strip(), now.strip())
    return seen


def later_verdict(by_line, line):
    """The later run's verdict of a mutant: the one on the same line, or the
    one all mutants with its texts got (lines move where a file was edited);
    None when that is not one verdict."""
    if line in by_line:
        return by_line[line]
    verdicts = set(by_line.values())
    return verdicts.pop() if len(verdicts) == 1 else None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--upto", type=int, help="only the first N positions of the run's order")
    ap.add_argument("--again", help="the log of a later run over this run's survivors")
    a = ap.parse_args(argv)
    judged = parse(a.log, a.upto)
    listed = equivalents.load()
    later = {}
    for verdict, path, line, _, was, now in (parse(a.again).values() if a.again else ()):
        later.setdefault((path, was, now), {})[line] = verdict
    rows = {name: {"killed": 0, "killed since": 0, "survived": 0, "since": 0, "equivalent": 0, "not-viable": 0,
                   "unchanged": 0} for name, _ in AREAS}
    survivors = []
    for position in sorted(judged):
        verdict, path, line, rule, was, now = judged[position]
        row = rows[area_of(path)]
        if verdict in KILLED:
            row["killed"] += 1
        elif verdict == "SURVIVED":
            if later_verdict(later.get((path, was, now), {}), line) in KILLED:
                row["killed"] += 1
                row["killed since"] += 1
            elif (path, was, now) in listed:
                row["since"] += 1
            else:
                row["survived"] += 1
                survivors.append((position, path, line, rule, was, now))
        elif verdict == "EQUIVALENT":
            row["equivalent"] += 1
        elif verdict == "NOT-VIABLE":
            row["not-viable"] += 1
        elif verdict == "UNCHANGED":
            row["unchanged"] += 1
    last = max(judged) if judged else 0
    print(f"{len(judged)} mutants judged, positions up to {last}")
    print(f"{'area':18} {'killed/viable':>14} {'score':>7} {'killed since':>12} {'survived':>8} {'equiv.':>6} "
          f"{'listed since':>12} {'n.viable':>8} {'unchanged':>9}")
    total = dict.fromkeys(rows[AREAS[0][0]], 0)
    for name, _ in AREAS + [("overall", None)]:
        row = total if name == "overall" else rows[name]
        if name != "overall":
            for key in total:
                total[key] += row[key]
        viable = row["killed"] + row["survived"]
        if not viable and not row["equivalent"]:
            continue
        score = f"{100.0 * row['killed'] / viable:.1f} %" if viable else "-"
        print(f"{name:18} {row['killed']:>6} / {viable:<6} {score:>7} {row['killed since']:12} {row['survived']:8} "
              f"{row['equivalent']:6} {row['since']:12} {row['not-viable']:8} {row['unchanged']:9}")
    print(f"\nsurvivors ({len(survivors)}):")
    for position, path, line, rule, was, now in survivors:
        print(f"[{position}] {path}:{line} [{rule}]\n    was: {was}\n    now: {now}")


if __name__ == "__main__":
    main()
