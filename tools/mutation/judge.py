"""Judges one mutant: apply it to the workspace, rebuild, run its tests, restore.

Outcomes:
    killed       a test failed (or the interpreter crashed)
    timeout      the tests ran past the per-mutant limit, and again past three
                 times it: killed by timeout (a hang)
    survived     every test passed
    not-viable   the mutated Zig did not build
    unchanged    it built to the very same binaries: nothing this build
                 compiles changed (code for another target), so no test here
                 can judge it; reported, left out of the score
    equivalent   listed in equivalent.txt; not run
    error        pytest could not run the tests chosen (a test ID it did not
                 find, nothing collected): no verdict, reported, left out
"""
import os
from dataclasses import dataclass

from runner import NO_TESTS, USAGE_ERROR
from workspace import BuildFailed

KILLED = ("killed", "timeout")


@dataclass
class Verdict:
    mutant: object
    status: str
    detail: str = ""
    seconds: float = 0.0


def judge(workspace, mutant, platform, tests, deselect, timeout, run_tests, survived=""):
    """`tests`: test file names or node IDs, in run order; `survived`: what a
    survivor's verdict says of them."""
    original = workspace.read(mutant, platform)
    with open(os.path.join(workspace.tree, *mutant.path.split("/"))) as file:
        if file.read() != original:
            raise RuntimeError(f"{mutant.path}: the workspace's copy is not the original")
    is_zig = mutant.path.endswith(".zig")
    if not is_zig:
        workspace.restored(platform)
    workspace.write(mutant, platform, mutant.apply(original))
    try:
        if is_zig:
            try:
                digest = workspace.build(platform)
            except BuildFailed as failure:
                return Verdict(mutant, "not-viable", str(failure)[:160])
            if digest == workspace.pristine[platform]:
                return Verdict(mutant, "unchanged", "the same binaries as unmutated")
        if not tests:
            return Verdict(mutant, "survived", "no test reaches its line")
        outcome = run_tests(workspace, platform, tests, deselect, timeout=timeout)
        if outcome.timed_out:
            # A busy machine also runs past the limit: a hang is a run that
            # runs past three times the limit too.
            outcome = run_tests(workspace, platform, tests, deselect, timeout=3 * timeout)
        if outcome.timed_out:
            return Verdict(mutant, "timeout", f"over {timeout:.0f} s, then over {3 * timeout:.0f} s", outcome.seconds)
        if outcome.returncode in (USAGE_ERROR, NO_TESTS):
            errors = [line for line in outcome.output.splitlines() if line.startswith("ERROR")]
            return Verdict(mutant, "error", f"pytest exit {outcome.returncode}: {' '.join(errors)[:300]}",
                           outcome.seconds)
        if outcome.passed:
            return Verdict(mutant, "survived", survived, outcome.seconds)
        first = outcome.failures[0] if outcome.failures else f"pytest exit {outcome.returncode}"
        return Verdict(mutant, "killed", first, outcome.seconds)
    finally:
        workspace.write(mutant, platform, original)
        if is_zig:
            workspace.dirty.add(platform)   # rebuilt by the next mutant, or before a Python one
