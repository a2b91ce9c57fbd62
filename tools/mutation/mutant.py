"""One mutant: a span of one source file replaced by other text.

A mutant is found in, and applied to, the file's text as one edit
(`start`..`end` replaced by `replacement`); `line` and the before/after
texts of the touched lines are what the report and the equivalents file
show. Its key for tools/mutation/equivalent.txt is the file and those two
texts, never the line number, so that a listed equivalent survives edits
elsewhere in the file.
"""
from dataclasses import dataclass

# The areas the score is reported for, in report order: (name, path prefix).
AREAS = [
    ("binding/", "binding/"),
    ("backends/posix/", "backends/posix/"),
    ("backends/linux/", "backends/linux/"),
    ("backends/windows/", "backends/windows/"),
    ("pysock/", "pysock/"),
]


def area_of(path):
    for name, prefix in AREAS:
        if path.startswith(prefix):
            return name
    raise ValueError(f"{path} is in no mutation area")


@dataclass(frozen=True)
class Mutant:
    path: str          # relative to the repository root, with forward slashes
    line: int          # 1-based line of the edit's start
    rule: str          # which mutation (e.g. "<  -> <=", "drop call")
    start: int         # character offsets of the replaced span in the file
    end: int
    replacement: str
    before: str        # the touched lines, whitespace collapsed
    after: str

    @property
    def area(self):
        return area_of(self.path)

    @property
    def ident(self):
        """Stable within one version of the file: path, line and offset."""
        return f"{self.path}:{self.line}:{self.start}"

    def key(self):
        return (self.path, self.before, self.after)

    def apply(self, text):
        return text[:self.start] + self.replacement + text[self.end:]


def collapse(text):
    return " ".join(text.split())


def make(path, text, rule, start, end, replacement):
    """A Mutant for the edit, with the texts of the lines it touches."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", max(start, end - 1))  # a span ending in its newline: that line
    last = len(text) if last < 0 else last
    before = text[first:last]
    after = before[:start - first] + replacement + before[end - first:]
    return Mutant(path, text.count("\n", 0, start) + 1, rule, start, end, replacement,
                  collapse(before), collapse(after) or "<dropped>")
