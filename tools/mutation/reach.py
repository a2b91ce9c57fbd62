"""Which tests reach which lines: the mutation driver's choice of tests.

A mutant can only be noticed by a test that runs its line. Once per run the
unmutated tree is built with a guard per basic block (zig build
-Dcoverage=true, coverage_runtime.zig) and every test file of the platform
runs over it, once, with coverage_plugin.py reading after each test which
blocks it reached (and coverage.py which lines of the Python package); a child
process a test starts records under that test (the stage's sitecustomize.py).
Each block's lines come from the library itself: its guard call sites
(`objdump -d`) bound the blocks, its DWARF line table (`objdump
--dwarf=decodedline`) names the lines in each.

A mutant then runs the tests that reach its line, quickest first, and the
test files test_map.txt names for its file; not the rest of the platform's
core list. A line the build gives no code (a declaration, a comptime value)
has no such answer, nor one that runs on import, before any test (the
constant tables, the Python modules' bodies): their mutants run the whole
list as before.

    WORK/coverage/stage/      the coverage build, with sitecustomize.py
    WORK/coverage/probe/      coverage_plugin.py and coverage_probe.py
    WORK/coverage/out/        what the run recorded
    WORK/coverage/map.json    the result (reused while sources and tests are the same)
"""
import bisect
import collections
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

from coverage_probe import IMPORTED
from runner import PYTEST, tree_relative
from workspace import IGNORE, PLATFORM_TARGETS, zig_command

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARIES = ["_core.abi3.so", "pysock_backend_linux.so"]
SITECUSTOMIZE = """\
# The mutation driver's coverage stage (tools/mutation/reach.py): a child
# process records the blocks it reached when it exits.
import os as _os
import sys as _sys
if _os.environ.get("PYSOCK_COVERAGE_OUT"):
    _sys.path.insert(0, {probe!r})
    try:
        import coverage_probe as _probe
        _probe.record_at_exit()
    finally:
        _sys.path.remove({probe!r})
"""
GUARD_SITE = re.compile(r"<__start___sancov_guards(?:\+0x([0-9a-f]+))?>")
FUNCTION = re.compile(r"^([0-9a-f]+) <.*>:$")
INSTRUCTION = re.compile(r"^\s*([0-9a-f]+):\s+(?:notrack\s+|bnd\s+)?(\S+)\s*(.*)$")
DIRECT = re.compile(r"^([0-9a-f]+) <")
LINE_ROW = re.compile(r"^(\S+)\s+(\d+)\s+0x([0-9a-f]+)")
ENDS_BLOCK = ("ret", "retq", "ud2", "hlt")


def objdump(*args):
    return subprocess.run(["objdump", *args], capture_output=True, text=True, check=True).stdout


def guard_section(lib):
    """(address, size) of the library's __sancov_guards section."""
    for line in objdump("-h", lib).splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[1] == "__sancov_guards":
            return int(fields[3], 16), int(fields[2], 16)
    raise RuntimeError(f"{lib}: no __sancov_guards section (not a coverage build)")


class Function:
    """One function's machine code, cut into basic blocks: instructions as
    (address, mnemonic, operands), the guards each block marks, the jumps."""

    def __init__(self, start):
        self.start, self.code = start, []

    def blocks(self):
        """[(start, end, guards, successors)] in address order; successors
        None after a jump through a register (a switch's table)."""
        leaders = {self.start}
        for i, (at, op, args) in enumerate(self.code):
            if op.startswith("j") or op in ENDS_BLOCK:
                if m := DIRECT.match(args):
                    leaders.add(int(m.group(1), 16))
                if i + 1 < len(self.code):
                    leaders.add(self.code[i + 1][0])
        end_of_code = self.code[-1][0] + 1 if self.code else self.start
        starts = sorted(a for a in leaders if self.start <= a < end_of_code)
        at = [c[0] for c in self.code]
        result = []
        for k, first in enumerate(starts):
            last = starts[k + 1] if k + 1 < len(starts) else end_of_code
            body = self.code[bisect.bisect_left(at, first):bisect.bisect_left(at, last)]
            guards = {int(m.group(1) or "0", 16) // 4 for _, _, args in body if (m := GUARD_SITE.search(args))}
            successors = set()
            tail = body[-1] if body else None
            if tail and tail[1].startswith("j") and "*" in tail[2]:
                successors = None
            elif tail:
                if m := DIRECT.match(tail[2]) if tail[1].startswith("j") else None:
                    successors.add(int(m.group(1), 16))
                if tail[1] not in ENDS_BLOCK and tail[1] != "jmp":
                    successors.add(last)
            result.append((first, last, guards, successors))
        return result


def functions(lib):
    found, current = [], None
    for line in objdump("-d", "--no-show-raw-insn", lib).splitlines():
        if m := FUNCTION.match(line):
            current = Function(int(m.group(1), 16))
            found.append(current)
        elif current is not None and (m := INSTRUCTION.match(line)):
            current.code.append((int(m.group(1), 16), m.group(2), m.group(3)))
    return found


def block_lines(lib, sources):
    """For each guard index, the (source, line) pairs of the code that runs
    when it is marked; and each source's lines with code. sources maps the
    file names the line table uses to the tree's paths.

    LLVM does not give every basic block a guard: it leaves out a block that
    dominates all its successors (it ran if any of them did) and one that
    post-dominates its several predecessors (it runs if any of them did). So
    a block without a guard counts as reached by every guard of the guarded
    blocks next to it in the control flow (through other unguarded ones): more
    than it needs, never less. A block entered through a jump table (no
    direct jump names it) has all the function's table jumps before it."""
    rows = []   # (address, source or None, line): the line table's rows, any file
    for line in objdump("--dwarf=decodedline", lib).splitlines():
        if m := LINE_ROW.match(line):
            rows.append((int(m.group(3), 16), sources.get(m.group(1)), int(m.group(2))))
    rows.sort()
    addresses = [r[0] for r in rows]
    by_guard = collections.defaultdict(set)
    for function in functions(lib):
        blocks = function.blocks()
        index = {b[0]: k for k, b in enumerate(blocks)}
        neighbours = collections.defaultdict(set)
        tables = [k for k, b in enumerate(blocks) if b[3] is None]
        entered = {0}
        for k, (_, _, _, successors) in enumerate(blocks):
            for target in successors or ():
                if target in index:
                    neighbours[k].add(index[target])
                    neighbours[index[target]].add(k)
                    entered.add(index[target])
        for k in range(len(blocks)):
            if k not in entered:
                for t in tables:
                    neighbours[k].add(t)
                    neighbours[t].add(k)
        for k, (first, last, guards, _) in enumerate(blocks):
            lo = max(bisect.bisect_right(addresses, first) - 1, 0)
            hi = bisect.bisect_left(addresses, last)
            lines = {(src, n) for _, src, n in rows[lo:hi] if src and n}
            if not lines:
                continue
            for guard in guards or _nearest_guards(k, blocks, neighbours):
                by_guard[guard] |= lines
    code = collections.defaultdict(set)
    for _, src, n in rows:
        if src and n:
            code[src].add(n)
    return by_guard, code


def _nearest_guards(k, blocks, neighbours):
    """The guards of the guarded blocks reached from block k through
    unguarded ones."""
    found, seen, todo = set(), {k}, [k]
    while todo:
        for n in neighbours[todo.pop()]:
            if n not in seen:
                seen.add(n)
                if blocks[n][2]:
                    found |= blocks[n][2]
                else:
                    todo.append(n)
    return found


def _next(sorted_values, value):
    i = bisect.bisect_right(sorted_values, value)
    return sorted_values[i] if i < len(sorted_values) else None


def source_names(tree):
    """The line table's names of the tree's Zig sources: relative to the
    build root, or absolute."""
    names = {}
    for path in glob.glob(os.path.join(tree, "b*", "**", "*.zig"), recursive=True):
        rel = os.path.relpath(path, tree).replace(os.sep, "/")
        names[rel] = names[path] = rel
    return names


class Coverage:
    """tests: {node ID: seconds}; lines: {source: {line: [node IDs]}};
    code: {source: [lines with code]}."""

    def __init__(self, tests, lines, code):
        self.tests, self.lines, self.code = tests, lines, {s: set(v) for s, v in code.items()}

    def reaching(self, path, line):
        """The node IDs that run the line, quickest first; None when the
        build gave the line no code (no answer: run everything)."""
        found = self.lines.get(path, {}).get(line, [])
        if line not in self.code.get(path, ()) or IMPORTED in found:
            return None
        return sorted(found, key=lambda t: (self.tests.get(t, 0.0), t))

    def in_files(self, names):
        """Every recorded node ID of these test files (tests/NAME.py)."""
        prefixes = tuple(f"tests/{name}.py::" for name in names)
        return [t for t in self.tests if t.startswith(prefixes)]

    def save(self, path, key):
        with open(path, "w") as file:
            json.dump({"key": key, "tests": self.tests, "lines": self.lines,
                       "code": {s: sorted(v) for s, v in self.code.items()}}, file)

    @classmethod
    def load(cls, path, key):
        try:
            with open(path) as file:
                data = json.load(file)
        except (OSError, ValueError):
            return None
        if data.get("key") != key:
            return None
        lines = {s: {int(n): t for n, t in v.items()} for s, v in data["lines"].items()}
        return cls(data["tests"], lines, data["code"])


def collect(workspace, platform, test_files, deselect, key, log=print):
    """Builds the coverage stage of the unmutated tree, runs the test files
    over it and returns what reaches what (cached in WORK/coverage/map.json
    under `key`: the digest of the sources and the tests)."""
    root = os.path.join(os.path.dirname(workspace.work), "coverage")
    key = _with_own_digest(key)
    cached = Coverage.load(os.path.join(root, "map.json"), key)
    if cached is not None:
        log(f"coverage: {len(cached.tests)} tests, taken from {root}/map.json")
        return cached
    shutil.rmtree(root, ignore_errors=True)
    stage, probe, out = (os.path.join(root, name) for name in ("stage", "probe", "out"))
    for folder in (probe, out):
        os.makedirs(folder)
    shutil.copytree(os.path.join(workspace.tree, "pysock"), os.path.join(stage, "pysock"), ignore=IGNORE)
    for name in ("coverage_plugin.py", "coverage_probe.py"):
        shutil.copy(os.path.join(HERE, name), probe)
    with open(os.path.join(stage, "sitecustomize.py"), "w") as file:
        file.write(SITECUSTOMIZE.format(probe=probe))
    command = zig_command(stage, PLATFORM_TARGETS[platform](), "Debug")
    command += ["-Dcoverage=true", "--cache-dir", os.path.join(root, "zig-cache")]
    subprocess.run(command, cwd=workspace.tree, check=True, capture_output=True)
    libs = [os.path.join(stage, "pysock", name) for name in LIBRARIES]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYSOCK_COVERAGE_OUT=out,
               PYSOCK_COVERAGE_LIBS=json.dumps([[lib, *guard_section(lib)] for lib in libs]),
               PYSOCK_COVERAGE_PYTHON=os.path.join(stage, "pysock"),
               PYTHONPATH=os.pathsep.join([stage, probe]))
    paths = [os.path.join(workspace.tree, "tests", f"{name}.py") for name in test_files]
    args = [*PYTEST, f"--rootdir={workspace.tree}", "-p", "coverage_plugin",
            *[f"--deselect={test_id}" for test_id in deselect], *paths]
    done = subprocess.run([sys.executable, *args], cwd=workspace.run_dir, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(root, "run.log"), "w") as file:
        file.write(done.stdout)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"the coverage run did not finish (exit {done.returncode}):\n{done.stdout[-3000:]}")
    coverage = _gather(workspace.tree, stage, libs, out)
    coverage.save(os.path.join(root, "map.json"), key)
    log(f"coverage: {len(coverage.tests)} tests over the coverage build "
        f"({sum(len(v) for v in coverage.code.values())} lines with code)")
    return coverage


def _with_own_digest(key):
    """A map is reused only if the code that made it is the same too."""
    digest = hashlib.sha256(key.encode())
    for name in ("reach.py", "coverage_plugin.py", "coverage_probe.py", "coverage_runtime.zig"):
        with open(os.path.join(HERE, name), "rb") as file:
            digest.update(file.read())
    with open(os.path.join(HERE, "..", "..", "build.zig"), "rb") as file:
        digest.update(file.read())
    return digest.hexdigest()


def _gather(tree, stage, libs, out):
    names = source_names(tree)
    layouts = {os.path.realpath(lib): block_lines(lib, names) for lib in libs}
    tests, reached = {}, collections.defaultdict(set)   # (source, line) -> node IDs
    records = []
    for path in glob.glob(os.path.join(out, "*.jsonl")):
        with open(path) as file:
            records.extend(json.loads(line) for line in file if line.strip())
    for record in records:
        test = record["test"] if record["test"] == IMPORTED else tree_relative(record["test"])
        if "seconds" in record and test != IMPORTED:
            tests[test] = record["seconds"]
        for lib, guards in record["libs"].items():
            blocks = layouts[os.path.realpath(lib)][0]
            for guard in guards:
                for pair in blocks.get(guard, ()):
                    reached[pair].add(test)
    code = collections.defaultdict(set)
    for _, lib_code in layouts.values():
        for src, lines in lib_code.items():
            code[src] |= lines
    package = os.path.realpath(os.path.join(stage, "pysock"))
    python = os.path.join(out, "python.json")
    if os.path.exists(python):
        with open(python) as file:
            for path, data in json.load(file).items():
                src = "pysock/" + os.path.relpath(path, package).replace(os.sep, "/")
                code[src] |= set(data["code"])
                for n, ids in data["tests"].items():
                    reached[(src, int(n))].update(t if t == IMPORTED else tree_relative(t) for t in ids)
    lines = collections.defaultdict(dict)
    for (src, n), ids in reached.items():
        lines[src][n] = sorted(ids)
    return Coverage(tests, dict(lines), code)
