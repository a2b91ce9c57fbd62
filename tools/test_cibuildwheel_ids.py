"""cibuildwheel, configured by pyproject.toml's [tool.cibuildwheel], builds
one CPython 3.11 (abi3) wheel for exactly the uploadable targets of
tools/targets.py, per platform. Run by `nox -s cibuildwheel-ids`; printing the
identifiers needs no Docker and no macOS or Windows machine."""
import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from targets import TARGETS, UPLOADABLE  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLATFORMS = {"linux": ("manylinux", "musllinux"), "macos": ("macosx",), "windows": ("win",)}


def cibuildwheel_id(target):
    """cibuildwheel's name for the wheel of a target: the tag without versions."""
    return "cp311-" + re.sub(r"_\d+_\d+", "", TARGETS[target].split(".")[0])


@pytest.mark.parametrize("platform", PLATFORMS)
def test_build_identifiers_match_the_target_table(platform):
    printed = subprocess.run(
        [sys.executable, "-m", "cibuildwheel", "--print-build-identifiers", "--platform", platform, ROOT],
        check=True, capture_output=True, text=True, cwd=ROOT).stdout.split()
    wanted = [cibuildwheel_id(t) for t in UPLOADABLE if cibuildwheel_id(t)[6:].startswith(PLATFORMS[platform])]
    assert wanted and sorted(printed) == sorted(wanted)
