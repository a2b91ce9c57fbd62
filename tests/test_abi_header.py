"""backends/abi/pysock_backend.h agrees with backends/abi/vtable.zig.

The header is translated for each target we ship and compiled next to
vtable.zig with backends/abi/header_check.zig, whose compile-time assertions
compare field order, offsets, sizes, function arity and the constants. The
header must also be valid, warning-free C99 on its own.
"""
import os
import subprocess
import sys

import pytest

pytest.importorskip("ziglang", reason="the ziglang package (Zig toolchain) is not installed")

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
CACHE = os.path.join(REPO, ".zig-cache")
HEADER = "backends/abi/pysock_backend.h"
TARGETS = ["x86_64-linux-gnu", "aarch64-linux-musl", "aarch64-macos", "x86_64-windows-gnu"]


def zig(*args):
    return subprocess.run(
        [sys.executable, "-m", "ziglang", *args],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )


def check_header(header, target, tmp_path):
    translated = zig("translate-c", "-target", target, "-lc", header)
    assert translated.returncode == 0, translated.stderr
    header_zig = tmp_path / "header.zig"
    header_zig.write_text(translated.stdout)
    return zig(
        "build-obj", "-target", target,
        "--dep", "abi", "--dep", "header",
        "-Mroot=backends/abi/header_check.zig",
        "-Mabi=backends/abi/vtable.zig",
        "-Mheader=%s" % header_zig,
        "-femit-bin=%s" % (tmp_path / "check.o"),
        "--cache-dir", CACHE,
    )


@pytest.mark.parametrize("target", TARGETS)
def test_header_matches_vtable(target, tmp_path):
    result = check_header(HEADER, target, tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_catches_a_difference(tmp_path):
    """The comparison really runs: a header with one field retyped fails."""
    with open(os.path.join(REPO, HEADER)) as f:
        text = f.read()
    assert "    int32_t code;\n" in text
    bad = tmp_path / "bad.h"
    bad.write_text(text.replace("    int32_t code;\n", "    uint32_t code;\n"))
    result = check_header(str(bad), "x86_64-linux-gnu", tmp_path)
    assert result.returncode != 0
    assert "Error.code" in result.stderr, result.stderr


@pytest.mark.parametrize("lang", ["c", "c++"])
def test_header_is_clean_c(lang, tmp_path):
    source = tmp_path / ("use." + ("c" if lang == "c" else "cpp"))
    source.write_text('#include "pysock_backend.h"\nint pysock_header_used(void) { return PYSOCK_ABI_VERSION; }\n')
    std = "-std=c99" if lang == "c" else "-std=c++11"
    result = zig("cc" if lang == "c" else "c++", "-c", "-o", str(tmp_path / "use.o"), std,
                 "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                 "-I", os.path.join(REPO, "backends", "abi"), str(source))
    assert result.returncode == 0, result.stderr
