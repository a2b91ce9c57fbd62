//! Socket control and sharing: `socket.ioctl(control, option)`,
//! `socket.share(process_id)` and the module's `fromshare(data)`, over the
//! optional `ioctl`, `share` and `fromshare` entries (Windows has them; on
//! other platforms the names are removed, see features.zig).
//!
//! The argument each control takes is chosen by comparing `control` with the
//! SIO_* values of the backend's constant table (state.zig); the arguments
//! are converted the way the stdlib's argument parser does, so that bad ones
//! raise its exact errors.
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const Sock = @import("socket.zig").Sock;

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;

inline fn handleOf(o: *py.PyObject) abi.Handle {
    const s: *Sock = @ptrCast(@alignCast(o));
    return s.handle;
}

/// ioctl(control, option) -> 0. The stdlib returns the count of bytes
/// WSAIoctl wrote to its output buffer, and none of these controls has one.
pub fn ioctl(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("ioctl", nargs, 2, 2)) return null;
    const control = unsignedLong(argv[0]) orelse return null;
    var values: [3]u32 = undefined;
    var count: usize = 1;
    if (control == state.sio_rcvall or control == state.sio_loopback_fast_path) {
        values[0] = args.toU32Mask(argv[1]) orelse return null;
    } else if (control == state.sio_keepalive_vals) {
        if (!keepaliveValues(argv[1], &values)) return null;
        count = 3;
    } else {
        const msg = py.PyUnicode_FromFormat("invalid ioctl command %u", @as(c_uint, control)) orelse return null;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_ValueError, msg);
        return null;
    }
    var err: abi.Error = .{};
    if (state.vt.ioctl.?(handleOf(o), control, &values, count, &err) != 0) return errors.raise(&err);
    return py.PyLong_FromLong(0);
}

/// The control code, as the stdlib's "k" format takes it: an int (no
/// __index__), cut to 32 bits without an overflow check.
fn unsignedLong(obj: *py.PyObject) ?u32 {
    if (!py.PyLong_Check(obj)) {
        args.setArgTypeName("ioctl() argument 1 must be int, not %.50s", obj);
        return null;
    }
    return @truncate(py.PyLong_AsUnsignedLongLongMask(obj));
}

/// SIO_KEEPALIVE_VALS's (onoff, keepalivetime, keepaliveinterval): any
/// sequence but bytes, of exactly three ints.
fn keepaliveValues(option: *py.PyObject, out: *[3]u32) bool {
    if (py.PySequence_Check(option) == 0 or py.PyBytes_Check(option)) {
        args.setArgTypeName("ioctl() argument 2 must be 3-item sequence, not %.50s", option);
        return false;
    }
    const n = py.PySequence_Size(option);
    if (n < 0) return false;
    if (n != out.len) return typeErrorFormat("ioctl() argument 2 must be sequence of length 3, not %zd", n);
    for (out, 0..) |*value, i| {
        const index: isize = @intCast(i);
        const item = py.PySequence_GetItem(option, index) orelse {
            py.PyErr_Clear();
            return typeErrorFormat("ioctl() argument 2, item %zd is not retrievable", index);
        };
        defer py.Py_DecRef(item);
        if (!py.PyLong_Check(item)) return notInt(index, item);
        value.* = @truncate(py.PyLong_AsUnsignedLongLongMask(item));
    }
    return true;
}

fn notInt(index: isize, item: *py.PyObject) bool {
    const fmt = "ioctl() argument 2, item %zd must be int, not %.50s";
    // As Python's argument parser, None is "None", not "NoneType".
    if (item == py.Py_None()) return typeErrorFormat2(fmt, index, "None");
    const name = py.PyObject_GetAttrString(py.typeAsObject(item), "__name__") orelse return false;
    defer py.Py_DecRef(name);
    const text = py.PyUnicode_AsUTF8AndSize(name, null) orelse return false;
    return typeErrorFormat2(fmt, index, text);
}

fn typeErrorFormat2(comptime fmt: [*:0]const u8, a: anytype, b: anytype) bool {
    const msg = py.PyUnicode_FromFormat(fmt, a, b) orelse return false;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
    return false;
}

fn typeErrorFormat(comptime fmt: [*:0]const u8, value: anytype) bool {
    const msg = py.PyUnicode_FromFormat(fmt, value) orelse return false;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
    return false;
}

/// share(process_id) -> bytes for fromshare() in that process.
pub fn share(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    // The stdlib parses with an unnamed format: its message names no function.
    if (nargs != 1) {
        _ = typeErrorFormat("function takes exactly 1 argument (%zd given)", nargs);
        return null;
    }
    const pid = args.toU32Mask(argv[0]) orelse return null;
    var buf: [1024]u8 = undefined;
    var len: usize = buf.len;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = state.vt.share.?(handleOf(o), pid, &buf, &len, &err);
    py.PyEval_RestoreThread(ts);
    if (rc != 0) return errors.raise(&err);
    return py.PyBytes_FromStringAndSize(&buf, @intCast(@min(len, buf.len)));
}

/// fromshare(data) -> (handle, family, type, proto) of a new socket made
/// from share()'s bytes; the package wraps it in a socket object.
pub fn fromshare(_: ?*py.PyObject, data: *py.PyObject) callconv(.c) Obj {
    var view: py.Py_buffer = undefined;
    if (!args.readBuffer(data, &view)) return null;
    defer py.PyBuffer_Release(&view);
    const bytes = args.viewBytes(&view);
    var h: abi.Handle = abi.invalid_handle;
    var family: i32 = 0;
    var kind: i32 = 0;
    var proto: i32 = 0;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = state.vt.fromshare.?(bytes.ptr, bytes.len, &h, &family, &kind, &proto, &err);
    py.PyEval_RestoreThread(ts);
    if (rc != 0) {
        // The backend refuses bytes of the wrong length before the OS sees
        // them, naming the length it wants.
        if (err.kind == .address) {
            const msg = py.PyUnicode_FromFormat("socket descriptor string has wrong size, should be %d bytes.", err.code) orelse return null;
            defer py.Py_DecRef(msg);
            py.PyErr_SetObject(py.PyExc_ValueError, msg);
            return null;
        }
        return errors.raise(&err);
    }
    const result = errors.pack(.{ py.PyLong_FromLongLong(h), py.PyLong_FromLong(family), py.PyLong_FromLong(kind), py.PyLong_FromLong(proto) });
    if (result == null) {
        var close_err: abi.Error = .{};
        _ = state.vt.close(h, &close_err);
    }
    return result;
}
