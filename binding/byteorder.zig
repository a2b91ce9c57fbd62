//! htons / ntohs / htonl / ntohl in the binding: the stdlib's are C, and a
//! Python function with the same range checks was several times slower.
//! The argument handling and every error message are the stdlib's:
//! the 16-bit pair parses a C int (the "i" format through 3.12, Argument
//! Clinic's int converter from 3.13), the 32-bit pair takes only ints and
//! converts through a C unsigned long, whose size is the target's.
const std = @import("std");
const py = @import("python.zig");
const args = @import("args.zig");
const errors = @import("errors.zig");

const Obj = ?*py.PyObject;

/// Fast calls, for the stdlib's argument-count message, which changed in 3.13.
pub fn htons(_: Obj, argv: [*]const *py.PyObject, nargs: isize) callconv(.c) Obj {
    return swap16("htons", argv, nargs);
}

pub fn ntohs(_: Obj, argv: [*]const *py.PyObject, nargs: isize) callconv(.c) Obj {
    return swap16("ntohs", argv, nargs);
}

pub fn htonl(_: Obj, arg: *py.PyObject) callconv(.c) Obj {
    return swap32(arg);
}

pub fn ntohl(_: Obj, arg: *py.PyObject) callconv(.c) Obj {
    return swap32(arg);
}

inline fn swap16(comptime name: [:0]const u8, argv: [*]const *py.PyObject, nargs: isize) Obj {
    if (nargs != 1) {
        if (!py.atLeast(3, 13)) return if (args.count(name, nargs, 1, 1)) unreachable else null;
        const msg = py.PyUnicode_FromFormat(name ++ "() takes exactly one argument (%zd given)", nargs) orelse return null;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return null;
    }
    const arg = argv[0];
    const x = (if (py.atLeast(3, 13)) args.toCInt(arg) else args.toInt(c_int, arg)) orelse return null;
    if (x < 0) return errors.overflowError(name ++ ": can't convert negative Python int to C 16-bit unsigned integer");
    if (x > 0xFFFF) return errors.overflowError(name ++ ": Python int too large to convert to C 16-bit unsigned integer");
    return py.PyLong_FromLong(std.mem.nativeToBig(u16, @intCast(x)));
}

inline fn swap32(arg: *py.PyObject) Obj {
    if (!py.PyLong_Check(arg)) {
        args.setTypeName("expected int, %s found", arg);
        return null;
    }
    // Negative: "can't convert negative value to unsigned int"; beyond an
    // unsigned long: "Python int too large to convert to C unsigned long".
    const x = py.PyLong_AsUnsignedLong(arg);
    if (x == std.math.maxInt(c_ulong) and py.PyErr_Occurred() != null) return null;
    if (x > 0xFFFFFFFF) return errors.overflowError("int larger than 32 bits");
    return py.PyLong_FromUnsignedLongLong(std.mem.nativeToBig(u32, @intCast(x)));
}
