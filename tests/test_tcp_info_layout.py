"""socket.tcp_info()'s tables, checked for every target against the headers
Zig ships (most of these targets cannot run here).

- Each platform header lists the members of its struct with
  backends/shared/tcp_info_layout.h: translate-c computes their positions
  (__builtin_bitoffsetof), and clang, compiling the same header for the
  target, checks each bitfield's width and that every member is unsigned.
- backends/linux/tcp_info_check.zig and backends/windows/tcp_info_check.zig
  assert members at the places the headers put them, for each Linux and
  Windows target (the BSDs': backends/bsd/layout_check.zig, in
  test_bsd_headers.py); building the tables checks that the list covers the
  struct, so a member left out fails the build.
- The lists name every member of the header's struct, compared with the
  header's own text.
- The decoder's and the table builder's unit tests run under `zig test`.
"""
import os
import re
import subprocess
import sys

import pytest

from sockutil import backend_module_args

pytest.importorskip("ziglang", reason="the ziglang package (Zig toolchain) is not installed")

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
CACHE = os.path.join(REPO, ".zig-cache")
LINUX_TARGETS = ["x86_64-linux-gnu", "aarch64-linux-gnu", "x86_64-linux-musl", "aarch64-linux-musl"]
BSD_TARGETS = ["aarch64-macos", "x86_64-macos", "x86_64-freebsd"]
WINDOWS_TARGETS = ["x86_64-windows-gnu", "aarch64-windows-gnu"]


def zig(*args):
    return subprocess.run([sys.executable, "-m", "ziglang", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=600)


def translate(header, target, out, *flags):
    result = zig("translate-c", "-target", target, "-lc", *flags, header)
    assert result.returncode == 0, result.stderr
    out.write_text(result.stdout)
    return out


def clang_check(header, target, tmp_path, *flags):
    return zig("cc", "-target", target, "-c", "-Wall", "-Wextra", "-Werror", *flags,
               "-x", "c", header, "-o", str(tmp_path / "check.o"))


def linux_check(target, tmp_path, uapi_header="backends/linux/tcp_info.h", *flags):
    sys_zig = translate("backends/linux/sys.h", target, tmp_path / "sys.zig")
    uapi_zig = translate(uapi_header, target, tmp_path / "uapi.zig", *flags)
    return zig(
        "build-obj", "-target", target, "-lc",
        "--dep", "abi", "--dep", "sys", "--dep", "tcp_uapi", "--dep", "posix",
        "-Mroot=backends/linux/tcp_info_check.zig",
        *backend_module_args(sys_zig)[:1], "-Mtcp_uapi=%s" % uapi_zig, *backend_module_args(sys_zig)[1:],
        "-femit-bin=%s" % (tmp_path / "check.o"), "--cache-dir", CACHE,
    )


@pytest.mark.parametrize("target", LINUX_TARGETS)
def test_linux_widths_by_clang(target, tmp_path):
    result = clang_check("backends/linux/tcp_info.h", target, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("target", BSD_TARGETS)
def test_bsd_widths_by_clang(target, tmp_path):
    result = clang_check("backends/bsd/sys.h", target, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("target", LINUX_TARGETS)
def test_linux_tables(target, tmp_path):
    result = linux_check(target, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("target", WINDOWS_TARGETS)
def test_windows_tables(target, tmp_path):
    sys_zig = translate("backends/windows/sys.h", target, tmp_path / "sys.zig")
    result = zig(
        "build-obj", "-target", target, "-lc",
        "--dep", "abi", "--dep", "sys", "--dep", "shared",
        "-Mroot=backends/windows/tcp_info_check.zig",
        "-Mabi=backends/abi/vtable.zig", "-Msys=%s" % sys_zig,
        "--dep", "abi", "-Mshared=backends/shared/shared.zig",
        "-femit-bin=%s" % (tmp_path / "check.o"), "--cache-dir", CACHE,
    )
    assert result.returncode == 0, result.stderr


def mutated_linux_header(tmp_path, old, new):
    """A copy of backends/linux/tcp_info.h with one edit; its own include of
    the shared layout header still resolves (through -I)."""
    with open(os.path.join(REPO, "backends", "linux", "tcp_info.h")) as f:
        text = f.read()
    assert old in text
    path = tmp_path / "tcp_info.h"
    path.write_text(text.replace(old, new))
    return str(path), "-I", os.path.join(REPO, "backends", "linux")


def test_clang_catches_a_wrong_width(tmp_path):
    header, *flags = mutated_linux_header(tmp_path, "BITS(tcpi_fastopen_client_fail, 2)",
                                          "BITS(tcpi_fastopen_client_fail, 3)")
    result = clang_check(header, "x86_64-linux-gnu", tmp_path, *flags)
    assert result.returncode != 0
    assert "tcpi_fastopen_client_fail is an unsigned bitfield 3 bits wide" in result.stderr, result.stderr


def test_a_bitfield_listed_whole_is_caught(tmp_path):
    header, *flags = mutated_linux_header(tmp_path, "BITS(tcpi_snd_wscale, 4)", "WHOLE(tcpi_snd_wscale)")
    result = clang_check(header, "x86_64-linux-gnu", tmp_path, *flags)
    assert result.returncode != 0
    assert "bit-field" in result.stderr, result.stderr
    # translate-c gives it its type's 8 bits, which overlap the next member.
    result = linux_check("x86_64-linux-gnu", tmp_path, header, *flags)
    assert result.returncode != 0
    assert "tcpi_rcv_wscale overlaps the member before it" in result.stderr, result.stderr


def test_the_build_catches_a_member_left_out(tmp_path):
    header, *flags = mutated_linux_header(tmp_path, "WHOLE(tcpi_rtt) ", "")
    result = linux_check("x86_64-linux-gnu", tmp_path, header, *flags)
    assert result.returncode != 0
    assert "belong to no member" in result.stderr, result.stderr


# -- the lists against the headers' own text ------------------------------------

def zig_include_dir():
    result = zig("env")
    assert result.returncode == 0, result.stderr
    lib_dir = re.search(r'\.lib_dir = "([^"]+)"', result.stdout).group(1)
    # zig prints it relative to its working directory (the repository) when
    # it lies below it, as ziglang in a virtualenv inside the checkout does.
    return os.path.join(REPO, lib_dir, "libc", "include")


def members_in_header_text(path, struct):
    """The member names of `struct` as the header's text declares them."""
    with open(path) as f:
        text = f.read()
    body = re.search(r"struct %s \{(.*?)\n\};" % struct, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    body = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))
    body = re.sub(r"__attribute__[^;]*", "", body)
    names = []
    for declaration in body.split(";"):
        for part in declaration.split(","):
            match = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*(:\s*\d+)?\s*$", part.strip())
            if match:
                names.append(match.group(1))
    return names


def members_in_layout(translated_zig):
    return re.findall(r"pub const PYSOCK_TCPI_AT_(\w+):", translated_zig.read_text())


@pytest.mark.parametrize("target, header, path, struct", [
    ("x86_64-linux-gnu", "backends/linux/tcp_info.h", "any-linux-any/linux/tcp.h", "tcp_info"),
    ("aarch64-macos", "backends/bsd/sys.h", "any-darwin-any/netinet/tcp.h", "tcp_connection_info"),
    ("x86_64-freebsd", "backends/bsd/sys.h", "generic-freebsd/netinet/tcp.h", "tcp_info"),
])
def test_every_member_of_the_header_is_listed(target, header, path, struct, tmp_path):
    expected = members_in_header_text(os.path.join(zig_include_dir(), path), struct)
    assert len(expected) > 30  # the parse found the struct
    assert members_in_layout(translate(header, target, tmp_path / "t.zig")) == expected


@pytest.mark.parametrize("root", ["binding/tcp_fields.zig", "backends/shared/tcp_info.zig"])
def test_zig_unit_tests(root):
    result = zig("test", "--dep", "abi", "-Mroot=%s" % root, "-Mabi=backends/abi/vtable.zig", "--cache-dir", CACHE)
    assert result.returncode == 0, result.stderr
