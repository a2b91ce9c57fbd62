"""Reads equivalent.txt: mutants that cannot change behaviour, with why.

Records are separated by blank lines; each has four fields:

    file: binding/io.zig
    was:  <the original line(s), as the report prints them>
    now:  <the mutated line(s), as the report prints them>
    why:  <the reason it cannot change behaviour>

Keyed by file and texts, not line numbers, so a record survives edits
elsewhere in the file; a record whose mutant no longer exists is reported
as stale.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ("file", "was", "now", "why")


def load(path=os.path.join(HERE, "equivalent.txt")):
    """{(file, was, now): why}"""
    records, current = {}, {}

    def close():
        if current:
            missing = [f for f in FIELDS if f not in current]
            if missing:
                raise ValueError(f"{path}: a record lacks {', '.join(missing)}: {current}")
            records[(current["file"], current["was"], current["now"])] = current["why"]
            current.clear()

    with open(path) as file:
        for raw in file:
            line = raw.strip()
            if line.startswith("#"):
                continue
            if not line:
                close()
                continue
            name, sep, value = line.partition(":")
            if not sep or name not in FIELDS:
                if "why" in current:  # a reason may go on over several lines
                    current["why"] += " " + line
                    continue
                raise ValueError(f"{path}: not a field line: {raw!r}")
            current[name] = " ".join(value.split())
    close()
    return records
