"""The coverage map's pieces on small inputs: blocks cut from a disassembly,
guards lent to unguarded blocks, the answer per line, the loaded part of a
library.

    python -m pytest tools/mutation/test_reach.py
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reach  # noqa: E402
from workspace import loaded_part  # noqa: E402

# A function of four blocks as objdump prints it: the entry (guard 0) jumps
# to 30 or falls through to 10 (guard 1); 10 jumps to 40; 30 has no guard
# (LLVM left it out) and falls through to 40 (guard 2).
LISTING = [
    (0x00, "lea", "0x100(%rip),%rdi        # 900 <__start___sancov_guards>"),
    (0x07, "call", "800 <__sanitizer_cov_trace_pc_guard@plt>"),
    (0x0c, "je", "30 <f+0x30>"),
    (0x10, "lea", "0x100(%rip),%rdi        # 904 <__start___sancov_guards+0x4>"),
    (0x17, "call", "800 <__sanitizer_cov_trace_pc_guard@plt>"),
    (0x1c, "jmp", "40 <f+0x40>"),
    (0x30, "mov", "%rax,%rbx"),
    (0x40, "lea", "0x100(%rip),%rdi        # 908 <__start___sancov_guards+0x8>"),
    (0x47, "call", "800 <__sanitizer_cov_trace_pc_guard@plt>"),
    (0x4c, "ret", ""),
]


def _function():
    f = reach.Function(0)
    f.code = list(LISTING)
    return f


def test_blocks_are_cut_at_jumps_and_their_targets():
    blocks = [(first, last, guards, successors) for first, last, guards, successors in _function().blocks()]
    assert blocks == [(0x00, 0x10, {0}, {0x30, 0x10}), (0x10, 0x30, {1}, {0x40}),
                      (0x30, 0x40, set(), {0x40}), (0x40, 0x4d, {2}, set())]


def test_an_unguarded_block_counts_for_the_guards_next_to_it():
    blocks = _function().blocks()
    neighbours = {0: {1, 2}, 1: {0, 3}, 2: {0, 3}, 3: {1, 2}}
    assert reach._nearest_guards(2, blocks, neighbours) == {0, 2}


def test_a_jump_through_a_register_has_unknown_successors():
    f = reach.Function(0)
    f.code = [(0x0, "jmp", "*%rax"), (0x2, "ret", "")]
    assert f.blocks()[0][3] is None


def test_the_answer_per_line():
    coverage = reach.Coverage({"t/slow": 2.0, "t/quick": 0.1},
                              {"a.zig": {3: ["t/slow", "t/quick"], 4: [reach.IMPORTED, "t/slow"]}},
                              {"a.zig": [3, 4, 5]})
    assert coverage.reaching("a.zig", 3) == ["t/quick", "t/slow"]   # quickest first
    assert coverage.reaching("a.zig", 4) is None    # runs on import: no answer
    assert coverage.reaching("a.zig", 5) == []      # code no test reaches
    assert coverage.reaching("a.zig", 6) is None    # no code: no answer


def test_node_ids_are_made_tree_relative_but_keep_their_names():
    assert reach.tree_relative("../x/tests/test_a.py::test_b[\\x00a]") == "tests/test_a.py::test_b[\\x00a]"
    assert reach.tree_relative("..\\x\\tests\\test_a.py::t") == "tests/test_a.py::t"


def test_the_loaded_part_leaves_out_what_is_not_loaded():
    with open(os.path.realpath(sys.executable), "rb") as file:   # an ELF file on Linux
        image = bytearray(file.read())
    if image[:4] != b"\x7fELF":
        pytest.skip("the interpreter is not an ELF file here")
    loaded = loaded_part(bytes(image))
    image[-1] ^= 0xFF              # the section headers, at the end: not loaded
    assert loaded_part(bytes(image)) == loaded
    image[0x40 + 200] ^= 0xFF      # inside the first segment (from offset 0)
    assert loaded_part(bytes(image)) != loaded


def test_a_child_serving_several_tests_records_under_each(tmp_path, monkeypatch):
    """The fault worker, one process for the session, reports each scenario
    under the test that sent it (coverage_probe.serve_test)."""
    import json

    import coverage_probe as probe

    monkeypatch.setenv("PYSOCK_COVERAGE_OUT", str(tmp_path))
    monkeypatch.setenv("PYSOCK_COVERAGE_TEST", "t.py::started")
    hits = iter([{"lib": [1]}, {"lib": [2]}, {}, {"lib": [4]}])
    monkeypatch.setattr(probe, "take_all", lambda libs: next(hits))
    monkeypatch.setattr(probe.atexit, "register", lambda f: None)
    monkeypatch.setattr(probe, "_child", {})
    probe.record_at_exit()
    probe.serve_test("t.py::one")
    probe.serve_test("t.py::two")   # reached nothing: no record
    probe.serve_test("t.py::three")
    probe._write()                  # at exit
    lines = (tmp_path / f"child-{os.getpid()}.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"test": "t.py::started", "libs": {"lib": [1]}},
        {"test": "t.py::one", "libs": {"lib": [2]}},
        {"test": "t.py::three", "libs": {"lib": [4]}},
    ]
