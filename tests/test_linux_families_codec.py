"""Unit tests of the Linux backend's codec for the families the kernel under
test may lack (backends/linux/families_test.zig), compiled and run with
`zig test` against the host's translated headers."""
import os
import subprocess
import sys

import pytest

from sockutil import backend_module_args

pytest.importorskip("ziglang", reason="the ziglang package (Zig toolchain) is not installed")
if not sys.platform.startswith("linux"):
    pytest.skip("the Linux backend's codec runs on Linux only", allow_module_level=True)

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
CACHE = os.path.join(REPO, ".zig-cache")


def zig(*args):
    return subprocess.run([sys.executable, "-m", "ziglang", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=600)


def test_linux_families_codec(tmp_path):
    if not os.path.exists(os.path.join(REPO, "backends", "linux", "families_test.zig")):
        pytest.skip("source tree not available")
    translated = zig("translate-c", "-lc", "backends/linux/sys.h")
    assert translated.returncode == 0, translated.stderr
    sys_zig = tmp_path / "sys.zig"
    sys_zig.write_text(translated.stdout)
    result = zig(
        "test", "-lc",
        "--dep", "abi", "--dep", "sys", "--dep", "posix",
        "-Mroot=backends/linux/families_test.zig",
        *backend_module_args(sys_zig),
        "--cache-dir", CACHE,
    )
    assert result.returncode == 0, result.stderr + result.stdout
