"""The stable-ABI declarations of the binding (binding/python.zig) against the
host's real Python.h: struct sizes and field offsets, integer constants.

`zig translate-c` turns a header that includes Python.h under
Py_LIMITED_API 3.11 into Zig; a generated Zig test then compares, at comptime,
every public struct and integer constant of python.zig that the header also
declares. Skips when Python.h (or Zig) is absent; cannot pass vacuously.
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig

import pytest

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
PYTHON_ZIG = os.environ.get("PYSOCK_PYTHON_ZIG", os.path.join(REPO, "binding", "python.zig"))
MIN_STRUCTS = 8
MIN_CONSTANTS = 20
LIMITED_API = "0x030B0000"


def _include_dir():
    inc = sysconfig.get_paths().get("include")
    if inc and os.path.isfile(os.path.join(inc, "Python.h")):
        return inc
    return None


def _zig_cmd():
    try:
        import ziglang  # noqa: F401

        return [sys.executable, "-m", "ziglang"]
    except ImportError:
        z = shutil.which("zig")
        return [z] if z else None


pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="runs on the build host, not under Wine"),
    pytest.mark.skipif(_include_dir() is None, reason="Python.h not found for this interpreter"),
    pytest.mark.skipif(_zig_cmd() is None, reason="no Zig: neither the ziglang package nor zig on PATH"),
    pytest.mark.skipif(not os.path.isfile(PYTHON_ZIG), reason="binding/python.zig not present"),
]

COMPARE_ZIG = r'''
const std = @import("std");
const py = @import("python");
const c = @import("header");

/// Header names that translate-c could not translate (@compileError decls).
const untranslatable = [_][]const u8{ %(skip)s };

/// The `pub const` declarations of python.zig (its extern fns and vars are
/// left out: referencing them would need libpython at link time).
const py_consts = [_][]const u8{ %(consts)s };

fn skipped(comptime name: []const u8) bool {
    for (untranslatable) |s| {
        if (std.mem.eql(u8, s, name)) return true;
    }
    return false;
}

fn headerDecl(comptime name: []const u8) ?[]const u8 {
    if (@hasDecl(c, "struct_" ++ name) and !skipped("struct_" ++ name)) return "struct_" ++ name;
    if (@hasDecl(c, name) and !skipped(name)) return name;
    return null;
}

fn isInt(comptime T: type) bool {
    return T == comptime_int or @typeInfo(T) == .int;
}

/// Offset in H of a field named `fname`, looking into anonymous unions too
/// (e.g. PyObject.ob_refcnt lives in an unnamed union from 3.12 on).
fn headerOffset(comptime H: type, comptime fname: []const u8) ?usize {
    if (@hasField(H, fname)) return @offsetOf(H, fname);
    const info = @typeInfo(H).@"struct";
    for (info.field_names, info.field_types) |n, FT| {
        if (@typeInfo(FT) == .@"union" and @hasField(FT, fname)) return @offsetOf(H, n);
    }
    return null;
}

const Report = struct {
    text: []const u8,
    structs: usize,
    constants: usize,
    mismatches: usize,
};

fn compare() Report {
    @setEvalBranchQuota(1_000_000);
    comptime var text: []const u8 = "";
    comptime var structs: usize = 0;
    comptime var constants: usize = 0;
    comptime var mismatches: usize = 0;
    inline for (py_consts) |dname| {
        const d = .{ .name = dname };
        const VT = @TypeOf(@field(py, d.name));
        if (VT == type) {
            const V = @field(py, d.name);
            if (@typeInfo(V) == .@"struct" and @typeInfo(V).@"struct".layout == .@"extern") {
                if (comptime headerDecl(d.name)) |hn| {
                    const H = @field(c, hn);
                    if (@TypeOf(H) == type and @typeInfo(H) == .@"struct") {
                        structs += 1;
                        if (@sizeOf(V) != @sizeOf(H)) {
                            mismatches += 1;
                            text = text ++ std.fmt.comptimePrint("MISMATCH struct {s}: @sizeOf python.zig={d} header={d}\n", .{ d.name, @sizeOf(V), @sizeOf(H) });
                        }
                        for (@typeInfo(V).@"struct".field_names) |fname| {
                            const f = .{ .name = fname };
                            if (headerOffset(H, f.name)) |ho| {
                                if (ho != @offsetOf(V, f.name)) {
                                    mismatches += 1;
                                    text = text ++ std.fmt.comptimePrint("MISMATCH field {s}.{s}: @offsetOf python.zig={d} header={d}\n", .{ d.name, f.name, @offsetOf(V, f.name), ho });
                                }
                            } else {
                                mismatches += 1;
                                text = text ++ std.fmt.comptimePrint("MISMATCH field {s}.{s}: not in the header's struct\n", .{ d.name, f.name });
                            }
                        }
                        text = text ++ std.fmt.comptimePrint("STRUCT {s} size={d} fields={d}\n", .{ d.name, @sizeOf(V), @typeInfo(V).@"struct".field_names.len });
                    }
                }
            }
        } else if (comptime isInt(VT)) {
            const V = @field(py, d.name);
            if (comptime headerDecl(d.name)) |hn| {
                const HV = @field(c, hn);
                if (comptime isInt(@TypeOf(HV))) {
                    constants += 1;
                    const pv: i128 = V;
                    const hv: i128 = HV;
                    if (pv != hv) {
                        mismatches += 1;
                        text = text ++ std.fmt.comptimePrint("MISMATCH constant {s}: python.zig={d} header={d}\n", .{ d.name, pv, hv });
                    } else {
                        text = text ++ std.fmt.comptimePrint("CONST {s} = {d}\n", .{ d.name, pv });
                    }
                }
            }
        }
    }
    return .{ .text = text, .structs = structs, .constants = constants, .mismatches = mismatches };
}

test "python.zig matches Python.h" {
    const r = comptime compare();
    std.debug.print("{s}COMPARED structs={d} constants={d} mismatches={d}\n", .{ r.text, r.structs, r.constants, r.mismatches });
    try std.testing.expectEqual(@as(usize, 0), r.mismatches);
}
'''


def _untranslatable(header_zig, names):
    """Names (X and struct_X) whose translation is a @compileError."""
    bad = set(re.findall(r"^pub const (\w+) = @compileError\(", header_zig, re.M))
    wanted = set(names) | {"struct_" + n for n in names}
    return sorted(bad & wanted)


def _python_zig_names(src):
    return set(re.findall(r"^pub const (\w+)\b", src, re.M))


def run_check(python_zig, tmp_path):
    """Translate Python.h, compare with python_zig; returns (rc, output)."""
    zig = _zig_cmd()
    inc = _include_dir()
    hdr = tmp_path / "pyabi.h"
    hdr.write_text("#define Py_LIMITED_API %s\n#include <Python.h>\n" % LIMITED_API)
    tr = subprocess.run(
        zig + ["translate-c", "-I" + inc, "-lc", str(hdr)],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert tr.returncode == 0, "translate-c failed:\n" + tr.stderr[-4000:]
    (tmp_path / "header.zig").write_text(tr.stdout)
    with open(python_zig) as f:
        names = _python_zig_names(f.read())
    skip = _untranslatable(tr.stdout, names)
    gen = COMPARE_ZIG % {
        "skip": ", ".join('"%s"' % s for s in skip),
        "consts": ", ".join('"%s"' % n for n in sorted(names)),
    }
    (tmp_path / "compare.zig").write_text(gen)
    cache = tmp_path / "zig-cache"
    env = dict(os.environ)
    env.setdefault("ZIG_GLOBAL_CACHE_DIR", str(tmp_path / "zig-global-cache"))
    p = subprocess.run(
        zig + [
            "test",
            "--cache-dir", str(cache),
            "--dep", "python", "--dep", "header",
            "-Mroot=" + str(tmp_path / "compare.zig"),
            "-Mpython=" + os.path.realpath(python_zig),
            "-Mheader=" + str(tmp_path / "header.zig"),
            "-lc",
        ],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, env=env,
    )
    return p.returncode, p.stdout + p.stderr


def _parse(out):
    m = re.search(r"COMPARED structs=(\d+) constants=(\d+) mismatches=(\d+)", out)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def test_python_zig_matches_python_h(tmp_path):
    rc, out = run_check(PYTHON_ZIG, tmp_path)
    counts = _parse(out)
    assert counts is not None, "the comparison did not run:\n" + out[-6000:]
    structs, constants, mismatches = counts
    mism = [l for l in out.splitlines() if l.startswith("MISMATCH")]
    assert not mism and mismatches == 0 and rc == 0, (
        "binding/python.zig disagrees with Python.h (%s):\n%s"
        % (sysconfig.get_paths()["include"], "\n".join(mism) or out[-4000:])
    )
    assert structs >= MIN_STRUCTS, "only %d structs compared:\n%s" % (structs, out)
    assert constants >= MIN_CONSTANTS, "only %d constants compared:\n%s" % (constants, out)


BROKEN_ZIG = r'''
pub const Py_ssize_t = isize;
pub const PyObject = extern struct { ob_refcnt: Py_ssize_t, ob_type: ?*anyopaque };
pub const PyType_Slot = extern struct { slot: c_int, pfunc: ?*const anyopaque };
/// Deliberately wrong: `flags` and `itemsize` swapped, a field short.
pub const PyType_Spec = extern struct { name: [*:0]const u8, basicsize: c_int, flags: c_uint, slots: ?*anyopaque };
pub const METH_O: c_int = 0x0008;
pub const METH_NOARGS: c_int = 0x0005;
pub const Py_tp_new: c_int = 65;
'''


def test_checker_detects_mismatches(tmp_path):
    """The checker itself: a deliberately wrong python.zig is caught, by name."""
    bad = tmp_path / "broken_python.zig"
    bad.write_text(BROKEN_ZIG)
    work = tmp_path / "work"
    work.mkdir()
    rc, out = run_check(str(bad), work)
    counts = _parse(out)
    assert counts is not None, out[-6000:]
    structs, constants, mismatches = counts
    assert rc != 0
    assert structs == 3 and constants == 3
    assert "MISMATCH struct PyType_Spec" in out
    assert "MISMATCH field PyType_Spec.flags" in out
    assert "MISMATCH constant METH_NOARGS" in out
    assert "MISMATCH" not in "\n".join(l for l in out.splitlines() if "PyObject" in l or "METH_O " in l)
