//! Turns a backend `abi.Error` into the Python exception the stdlib raises.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");

/// Raises the exception for `err` and returns null, for `return raise(...)`.
pub fn raise(err: *const abi.Error) ?*py.PyObject {
    var msg_buf: [512]u8 = undefined;
    msg_buf[0] = 0;
    if (err.kind != .address) state.vt.strerror(err.kind, err.code, &msg_buf, msg_buf.len);
    const msg_text: [*:0]const u8 = if (err.kind == .address) (err.message orelse "invalid address") else @ptrCast(&msg_buf);
    const msg = py.PyUnicode_FromString(msg_text) orelse return null;
    defer py.Py_DecRef(msg);
    const exc_type, const args = switch (err.kind) {
        .address => .{ py.PyExc_OSError, pack(.{py.newRef(msg)}) },
        .gai => .{ state.gaierror, pack(.{ py.PyLong_FromLong(err.code), py.newRef(msg) }) },
        .herror => .{ state.herror, pack(.{ py.PyLong_FromLong(err.code), py.newRef(msg) }) },
        // OSError derives errno (and the subclass) from winerror itself; the
        // trailing filename2 makes `args` the stdlib's five items.
        .winsock => .{ py.PyExc_OSError, pack(.{ py.PyLong_FromLong(0), py.newRef(msg), py.none(), py.PyLong_FromLong(err.code), py.none() }) },
        else => .{ py.PyExc_OSError, pack(.{ py.PyLong_FromLong(err.code), py.newRef(msg) }) },
    };
    const a = args orelse return null;
    defer py.Py_DecRef(a);
    const exc = py.PyObject_Call(exc_type, a, null) orelse return null;
    defer py.Py_DecRef(exc);
    py.PyErr_SetObject(py.typeAsObject(exc), exc);
    return null;
}

pub fn raiseTimeout() ?*py.PyObject {
    py.PyErr_SetString(py.PyExc_TimeoutError, "timed out");
    return null;
}

pub fn typeError(msg: [*:0]const u8) ?*py.PyObject {
    py.PyErr_SetString(py.PyExc_TypeError, msg);
    return null;
}
pub fn valueError(msg: [*:0]const u8) ?*py.PyObject {
    py.PyErr_SetString(py.PyExc_ValueError, msg);
    return null;
}
pub fn overflowError(msg: [*:0]const u8) ?*py.PyObject {
    py.PyErr_SetString(py.PyExc_OverflowError, msg);
    return null;
}
pub fn osError(msg: [*:0]const u8) ?*py.PyObject {
    py.PyErr_SetString(py.PyExc_OSError, msg);
    return null;
}

/// Builds a tuple from new references, stealing them; if any is null (a
/// failed constructor), releases the rest and returns null.
pub fn pack(items: anytype) ?*py.PyObject {
    var objs: [items.len]?*py.PyObject = undefined;
    inline for (0..items.len) |i| objs[i] = items[i];
    for (objs) |o| if (o == null) return releaseAll(&objs);
    const t = py.PyTuple_New(objs.len) orelse return releaseAll(&objs);
    for (objs, 0..) |o, i| _ = py.PyTuple_SetItem(t, @intCast(i), o.?);
    return t;
}

fn releaseAll(objs: []?*py.PyObject) ?*py.PyObject {
    for (objs) |o| py.Py_DecRef(o);
    return null;
}
