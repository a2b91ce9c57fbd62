//! socket._tcp_info() and _core._tcp_info_layout(): the OS's TCP
//! information through the vtable's `tcp_info` entry and the backend's
//! static tables. The binding decodes the bytes field by field with the
//! backend's descriptors (tcp_fields.zig), so it knows no platform's
//! struct; the package (pysock/_tcp_info.py) makes the record.
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const tcp_fields = @import("tcp_fields.zig");

const Obj = ?*py.PyObject;

/// _tcp_info() -> tuple: one value per field of `_tcp_info_layout()`, in
/// its order; None for a field the OS did not fill in (an older kernel
/// writes a shorter struct). Does not block, so the GIL stays held.
pub fn tcpInfo(handle: abi.Handle) Obj {
    const read = state.vt.tcp_info orelse return errors.osError("tcp_info() is not available on this platform");
    var buf: [abi.max_tcp_info]u8 = @splat(0);
    var len: usize = buf.len;
    var err: abi.Error = .{};
    if (read(handle, &buf, &len, &err) != 0) return errors.raise(&err);
    // The backend clamps the OS's length; so does the binding, whatever the
    // backend (the fault-injecting one included) reports.
    const filled = buf[0..@min(len, buf.len)];
    const table = state.vt.tcp_info_fields[0..state.vt.tcp_info_field_count];
    const values = py.PyTuple_New(@intCast(table.len)) orelse return null;
    for (table, 0..) |f, i| {
        const item: Obj = if (tcp_fields.decode(f, filled)) |v| switch (v) {
            .unsigned => |u| py.PyLong_FromUnsignedLongLong(u),
            .signed => |s| py.PyLong_FromLongLong(s),
        } else py.none();
        // PyTuple_SetItem steals the item (and releases it on failure).
        if (item == null or py.PyTuple_SetItem(values, @intCast(i), item.?) != 0) {
            py.Py_DecRef(values);
            return null;
        }
    }
    return values;
}

/// _tcp_info_layout() -> (fields, common, states): the platform's fields in
/// order as (name, offset, size, shift, width, signed), the backend's
/// descriptors (the package needs the names; tests check the rest); the
/// shared fields as (name, field index, scale, index of the field to
/// multiply by or -1); {state name: value}. Empty where the backend has no
/// TCP information.
pub fn layout(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    if (!state.loaded()) return null;
    const vt = state.vt;
    const names = py.PyTuple_New(@intCast(vt.tcp_info_field_count)) orelse return null;
    for (vt.tcp_info_fields[0..vt.tcp_info_field_count], 0..) |f, i| {
        const entry = errors.pack(.{
            py.PyUnicode_InternFromString(f.name),
            py.PyLong_FromUnsignedLongLong(f.offset),
            py.PyLong_FromUnsignedLongLong(f.size),
            py.PyLong_FromUnsignedLongLong(f.shift),
            py.PyLong_FromUnsignedLongLong(f.width),
            py.PyBool_FromLong(f.is_signed),
        });
        if (!setItem(names, i, entry)) return null;
    }
    const common = py.PyTuple_New(@intCast(vt.tcp_info_common_count)) orelse return drop(names);
    for (vt.tcp_info_common[0..vt.tcp_info_common_count], 0..) |c, i| {
        const entry = errors.pack(.{
            py.PyUnicode_InternFromString(c.name),
            py.PyLong_FromUnsignedLongLong(c.field),
            py.PyLong_FromUnsignedLongLong(c.scale),
            py.PyLong_FromLong(c.times),
        });
        if (!setItem(common, i, entry)) return drop(names);
    }
    const states = py.PyDict_New() orelse return drop2(names, common);
    for (vt.tcp_states[0..vt.tcp_state_count]) |s| {
        const key = py.PyUnicode_InternFromString(s.name) orelse return drop3(names, common, states);
        defer py.Py_DecRef(key);
        const value = py.PyLong_FromLongLong(s.value) orelse return drop3(names, common, states);
        defer py.Py_DecRef(value);
        if (py.PyDict_SetItem(states, key, value) != 0) return drop3(names, common, states);
    }
    return errors.pack(.{ names, common, states });
}

/// tuple[i] = item (stolen); on failure releases the tuple too.
fn setItem(tuple: *py.PyObject, i: usize, item: Obj) bool {
    if (item == null or py.PyTuple_SetItem(tuple, @intCast(i), item.?) != 0) {
        py.Py_DecRef(tuple);
        return false;
    }
    return true;
}

fn drop(a: *py.PyObject) Obj {
    py.Py_DecRef(a);
    return null;
}
fn drop2(a: *py.PyObject, b: *py.PyObject) Obj {
    py.Py_DecRef(b);
    return drop(a);
}
fn drop3(a: *py.PyObject, b: *py.PyObject, c: *py.PyObject) Obj {
    py.Py_DecRef(c);
    return drop2(a, b);
}
