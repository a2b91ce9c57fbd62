"""BSD/macOS backend: struct layouts and constants, checked against the
headers of targets that cannot run here.

backends/bsd/layout_check.zig holds compile-time assertions (sa_len at offset
0, sockaddr sizes, Darwin's and FreeBSD's AF_INET6, SOCK_CLOEXEC only on
FreeBSD, the backend's constant table taken from the header, ...). Each test
translates backends/bsd/sys.h for one target and compiles that file with
`zig build-obj`: a compile failure is a test failure.
"""
import os
import subprocess
import sys

import pytest

from sockutil import backend_module_args

pytest.importorskip("ziglang", reason="the ziglang package (Zig toolchain) is not installed")

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
# Zig's own cache dir for this checkout (git-ignored); makes reruns fast.
CACHE = os.path.join(REPO, ".zig-cache")
BSD_TARGETS = ["aarch64-macos", "x86_64-macos", "x86_64-freebsd"]


def zig(*args):
    return subprocess.run(
        [sys.executable, "-m", "ziglang", *args],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )


def translate(header, target, out_dir):
    result = zig("translate-c", "-target", target, "-lc", header)
    assert result.returncode == 0, result.stderr
    path = out_dir / ("sys-%s.zig" % target)
    path.write_text(result.stdout)
    return path


def compile_layout_check(target, sys_zig, out_dir):
    return zig(
        "build-obj", "-target", target, "-lc",
        "--dep", "abi", "--dep", "sys", "--dep", "posix",
        "-Mroot=backends/bsd/layout_check.zig",
        *backend_module_args(sys_zig),
        "-femit-bin=%s" % (out_dir / ("check-%s.o" % target)),
        "--cache-dir", CACHE,
    )


@pytest.mark.parametrize("target", BSD_TARGETS)
def test_bsd_layouts_and_constants(target, tmp_path):
    sys_zig = translate("backends/bsd/sys.h", target, tmp_path)
    result = compile_layout_check(target, sys_zig, tmp_path)
    assert result.returncode == 0, result.stderr


def test_layout_check_rejects_linux_headers(tmp_path):
    """The assertions really run: Linux headers (no sa_len) must fail them."""
    sys_zig = translate("backends/linux/sys.h", "x86_64-linux-gnu", tmp_path)
    result = compile_layout_check("x86_64-linux-gnu", sys_zig, tmp_path)
    assert result.returncode != 0
    assert "has no field sa_len" in result.stderr, result.stderr
