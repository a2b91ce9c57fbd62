"""The mutant generators on small sources: what they mutate and what they leave.

    python -m pytest tools/mutation/test_mutants.py
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
HERE_TOOLS = os.path.dirname(os.path.abspath(__file__))
import equivalents  # noqa: E402
import py_mutants  # noqa: E402
import zig_mutants  # noqa: E402
from judge import judge  # noqa: E402
from mutant import make  # noqa: E402
from test_map import TestMap  # noqa: E402

ZIG = '''//! a doc comment with a < b and true
const std = @import("std");

fn less(a: i32, b: i32) bool {
    // a comment: x == y
    return a < b;
}

fn count(buf: []const u8, n: usize) ?usize {
    const text = "a + b == c";
    if (n == 0 and buf.len > 1) return null;
    work(buf[1..n]);
    return n - 1;
}

test "never mutated" {
    try std.testing.expect(less(1, 2) == true);
}
'''

PY = '''"""Docstring: a < b and True."""
def f(a, b):
    # comment: a == b
    if a < b and b > 0:
        g(a[1:b])
        return -a
    return "x + 1"
'''


def rules(found):
    return [(m.line, m.rule, m.after) for m in found]


def test_zig_mutants_skip_comments_strings_and_tests():
    found = zig_mutants.mutants("binding/x.zig", ZIG)
    lines = {m.line for m in found}
    assert 1 not in lines and 5 not in lines and 10 not in lines
    assert not [m for m in found if m.line >= 16]


def test_zig_mutants_by_rule():
    got = rules(zig_mutants.mutants("binding/x.zig", ZIG))
    assert (6, "< -> <=", "return a <= b;") in got
    assert (6, "return value", "return !(a < b);") in got
    assert (11, "and -> or", "if (n == 0 or buf.len > 1) return null;") in got
    assert (11, "0 -> 1", "if (n == 1 and buf.len > 1) return null;") in got
    assert (12, "drop call", "<dropped>") in got
    assert (12, "slice end - 1", "work(buf[1..n - 1]);") in got
    assert (12, "slice start + 1", "work(buf[1 + 1..n]);") in got
    assert (13, "- -> +", "return n + 1;") in got
    assert (13, "drop - 1", "return n;") in got
    assert (13, "return value", "return null;") in got


def test_zig_unary_minus_and_sentinels_are_left():
    found = rules(zig_mutants.mutants("b/x.zig", "const a: i32 = -1;\nconst p: [*:0]const u8 = x;\n"))
    assert found == [(1, "-1 -> 0", "const a: i32 = 0;")]


def test_zig_mutant_applies_to_its_span():
    found = zig_mutants.mutants("binding/x.zig", ZIG)
    dropped = next(m for m in found if m.rule == "drop call")
    assert "work(" not in dropped.apply(ZIG) and dropped.apply(ZIG).count("\n") == ZIG.count("\n") - 1


def test_python_mutants():
    got = rules(py_mutants.mutants("pysock/x.py", PY))
    assert all(line >= 4 for line, _, _ in got)
    assert (4, "< -> <=", "if a <= b and b > 0:") in got
    assert (4, "and -> or", "if a < b or b > 0:") in got
    assert (5, "drop call", "pass") in got
    assert (5, "slice end - 1", "g(a[1:(b) - 1])") in got
    assert (6, "return value", "return None") in got
    assert not [r for r in got if r[0] == 6 and "->" in r[1]]  # -a is a sign
    assert (7, "return value", "return None") in got and len([r for r in got if r[0] == 7]) == 1


def test_generation_is_deterministic():
    assert zig_mutants.mutants("b/x.zig", ZIG) == zig_mutants.mutants("b/x.zig", ZIG)
    assert py_mutants.mutants("p/x.py", PY) == py_mutants.mutants("p/x.py", PY)


def test_the_project_files_parse():
    TestMap()
    equivalents.load()


def test_every_test_file_is_in_the_map():
    # A test file the map does not name never judges a mutant: the coverage
    # build runs only the files the map names.
    tests = Path(HERE_TOOLS).parent.parent / "tests"
    files = {p.stem for p in tests.glob("test_*.py")}
    named = TestMap().named_tests()
    assert sorted(files - named) == []
    assert sorted(named - files) == []


class _Outcome:
    def __init__(self, timed_out):
        self.timed_out, self.passed, self.seconds, self.failures, self.returncode = timed_out, not timed_out, 1.0, [], 0


class _Workspace:
    """judge()'s view of a workspace: one Python file in a folder."""

    def __init__(self, folder):
        self.tree, self.pristine, self.dirty = str(folder), {"linux": ""}, set()
        (folder / "pysock").mkdir()
        (folder / "pysock" / "x.py").write_text("x = 1\n")

    def restored(self, platform):
        pass

    def read(self, mutant, platform):
        return (Path(self.tree) / mutant.path).read_text()

    def write(self, mutant, platform, text):
        (Path(self.tree) / mutant.path).write_text(text)


def _judged(tmp_path, timeouts):
    """The verdict for a run that times out `timeouts` times, and the limits used."""
    limits = []

    def run_tests(workspace, platform, tests, deselect, timeout=None):
        limits.append(timeout)
        return _Outcome(len(limits) <= timeouts)
    mutant = make("pysock/x.py", "x = 1\n", "1 -> 0", 4, 5, "0")
    return judge(_Workspace(tmp_path), mutant, "linux", ["test_x"], [], 100.0, run_tests).status, limits


def test_a_run_past_the_limit_is_tried_again_with_three_times_it(tmp_path):
    assert _judged(tmp_path, 1) == ("survived", [100.0, 300.0])


def test_a_run_past_both_limits_is_a_hang(tmp_path):
    assert _judged(tmp_path, 2) == ("timeout", [100.0, 300.0])


def test_a_mutant_no_test_reaches_survives_unrun(tmp_path):
    runs = []
    mutant = make("pysock/x.py", "x = 1\n", "1 -> 0", 4, 5, "0")
    verdict = judge(_Workspace(tmp_path), mutant, "linux", [], [], 100.0, lambda *a, **k: runs.append(a))
    assert (verdict.status, verdict.detail, runs) == ("survived", "no test reaches its line", [])


def test_log_score_reads_each_verdict_line(tmp_path):
    import log_score
    log = tmp_path / "run.log"
    log.write_text(
        "all 3 mutants\n"
        "[1/3] KILLED     binding/io.zig:28 [< -> <=] if (a < b) {  =>  if (a <= b) { (resumed: tests/t.py::x) 0s\n"
        "[2/3] SURVIVED   pysock/_tls.py:9 [drop call] f(x)  =>  pass (3 tests reach its line) 8s\n"
        "[3/3] SURVIVED   binding/io.zig:30 [0 -> 1] g(0)  =>  g(1) (no test reaches its line; 5 of the map's tests pass) 90s\n")
    judged = log_score.parse(str(log))
    assert judged[1] == ("KILLED", "binding/io.zig", 28, "< -> <=", "if (a < b) {", "if (a <= b) {")
    assert judged[2][4:] == ("f(x)", "pass")
    assert judged[3][4:] == ("g(0)", "g(1)")
    assert list(log_score.parse(str(log), upto=2)) == [1, 2]


def test_again_picks_the_survivors_by_texts_and_line(tmp_path):
    sys.path.insert(0, os.path.dirname(HERE_TOOLS))
    import mutate
    text = "fn a() bool {\n    return false;\n}\nfn b() bool {\n    return false;\n}\n"
    first = make("binding/x.zig", text, "false -> true", text.index("false"), text.index("false") + 5, "true")
    second_at = text.rindex("false")
    second = make("binding/x.zig", text, "false -> true", second_at, second_at + 5, "true")
    log = tmp_path / "run.log"
    log.write_text("[1/2] SURVIVED   binding/x.zig:5 [false -> true] return false;  =>  return true; 3s\n"
                   "[2/2] KILLED     binding/x.zig:2 [false -> true] return false;  =>  return true; 1s\n")
    # Both share their texts: the one on the line the log named survived.
    assert mutate.survivors_again([first, second], str(log)) == [second]
    # Moved (the file was edited): by texts alone.
    log.write_text("[1/1] SURVIVED   binding/x.zig:9 [false -> true] return false;  =>  return true; 3s\n")
    assert mutate.survivors_again([first, second], str(log)) == [first, second]
