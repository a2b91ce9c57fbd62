"""The score per area and overall, and every survivor with file, line, texts."""
from judge import KILLED
from mutant import AREAS


def _score(verdicts):
    killed = sum(v.status in KILLED for v in verdicts)
    viable = killed + sum(v.status == "survived" for v in verdicts)
    return killed, viable


def _percent(killed, viable):
    return f"{100.0 * killed / viable:5.1f} %" if viable else "    - "


def print_report(verdicts, out):
    print("\n== mutation score (killed / viable; timeouts count as killed)", file=out)
    header = f"{'area':20} {'killed':>7} {'viable':>7} {'score':>8}  {'timeout':>7} {'survived':>8} " \
             f"{'equiv.':>6} {'n.viable':>8} {'unchanged':>9}"
    print(header, file=out)
    rows = [(name, [v for v in verdicts if v.mutant.area == name]) for name, _ in AREAS]
    rows.append(("overall", verdicts))
    for name, group in rows:
        if not group and name != "overall":
            continue
        killed, viable = _score(group)
        count = lambda status: sum(v.status == status for v in group)  # noqa: E731
        print(f"{name:20} {killed:7} {viable:7} {_percent(killed, viable):>8}  {count('timeout'):7} "
              f"{count('survived'):8} {count('equivalent'):6} {count('not-viable'):8} "
              f"{count('unchanged'):9}", file=out)
    survivors = [v for v in verdicts if v.status == "survived"]
    print(f"\n== survivors ({len(survivors)})", file=out)
    for v in survivors:
        m = v.mutant
        note = f"  ({v.detail})" if v.detail else ""
        print(f"{m.path}:{m.line}  [{m.rule}]{note}\n    was: {m.before}\n    now: {m.after}", file=out)
    equivalents = [v for v in verdicts if v.status == "equivalent"]
    if equivalents:
        print(f"\n== listed equivalents ({len(equivalents)})", file=out)
        for v in equivalents:
            print(f"{v.mutant.path}:{v.mutant.line}  [{v.mutant.rule}] {v.mutant.after}\n    why: {v.detail}",
                  file=out)
    unchanged = [v for v in verdicts if v.status == "unchanged"]
    if unchanged:
        print(f"\n== unchanged binaries ({len(unchanged)}: code this build does not compile)", file=out)
        for v in unchanged:
            print(f"{v.mutant.path}:{v.mutant.line}  [{v.mutant.rule}] {v.mutant.after}", file=out)
    errors = [v for v in verdicts if v.status == "error"]
    if errors:
        print(f"\n== not judged ({len(errors)}: pytest could not run the tests chosen)", file=out)
        for v in errors:
            print(f"{v.mutant.path}:{v.mutant.line}  [{v.mutant.rule}] {v.detail}", file=out)
