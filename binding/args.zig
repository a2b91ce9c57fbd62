//! Argument conversion shared by the socket methods and module functions,
//! raising the stdlib's exception types on bad input.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const errors = @import("errors.zig");
const state = @import("state.zig");

/// A read-only view of a bytes-like argument. Anything else (str included)
/// fails with CPython's own TypeError, "a bytes-like object is required,
/// not 'X'", which is the stdlib's message too.
pub fn readBuffer(obj: *py.PyObject, view: *py.Py_buffer) bool {
    return py.PyObject_GetBuffer(obj, view, py.PyBUF_SIMPLE) == 0;
}

/// The data of a bytes-like argument for the length of one call. An exact
/// `bytes` (the common case) is read in place: it is immutable and the caller
/// keeps it alive, so the buffer protocol's fill and release are not needed.
pub const Data = struct {
    bytes: []const u8 = &.{},
    view: py.Py_buffer = undefined,
    has_view: bool = false,

    pub fn init(self: *Data, obj: *py.PyObject) bool {
        if (obj.ob_type == &py.PyBytes_Type) {
            const p = py.PyBytes_AsString(obj) orelse return false;
            self.bytes = p[0..@intCast(py.PyBytes_Size(obj))];
            return true;
        }
        if (!readBuffer(obj, &self.view)) return false;
        self.has_view = true;
        self.bytes = viewBytes(&self.view);
        return true;
    }

    pub fn deinit(self: *Data) void {
        if (self.has_view) py.PyBuffer_Release(&self.view);
    }
};

pub fn viewBytes(view: *const py.Py_buffer) []u8 {
    if (view.len == 0) return &.{};
    const p: [*]u8 = @ptrCast(view.buf.?);
    return p[0..@intCast(view.len)];
}

/// An integer argument as T, through __index__ like the stdlib's "i"/"n"
/// formats: floats and str are TypeError, out of range is OverflowError.
pub fn toInt(comptime T: type, obj: *py.PyObject) ?T {
    if (py.PyLong_Check(obj)) return inRange(T, asCInteger(T, obj)); // the common case
    if (py.PyFloat_Check(obj)) {
        _ = errors.typeError("'float' object cannot be interpreted as an integer");
        return null;
    }
    const idx = py.PyNumber_Index(obj) orelse return null;
    defer py.Py_DecRef(idx);
    return inRange(T, asCInteger(T, idx));
}

/// Converts through the C type the stdlib's own argument parsing uses, so an
/// int too large for it fails with CPython's message for that type ("Python
/// int too large to convert to C long", "... C ssize_t").
fn asCInteger(comptime T: type, obj: *py.PyObject) i64 {
    if (T == isize) return py.PyLong_AsSsize_t(obj);
    if (@bitSizeOf(T) > @bitSizeOf(c_long)) return py.PyLong_AsLongLong(obj);
    return py.PyLong_AsLong(obj);
}

fn inRange(comptime T: type, v: i64) ?T {
    if (v == -1 and py.PyErr_Occurred() != null) return null;
    if (v > std.math.maxInt(T)) {
        _ = errors.overflowError("signed integer is greater than maximum");
        return null;
    }
    if (v < std.math.minInt(T)) {
        _ = errors.overflowError("signed integer is less than minimum");
        return null;
    }
    return @intCast(v);
}

/// A C int argument parsed the way Argument Clinic's `int` converter does:
/// any value outside int gives "Python int too large to convert to C int".
pub fn toCInt(obj: *py.PyObject) ?c_int {
    return toInt(c_int, obj) orelse {
        replaceOverflow("Python int too large to convert to C int");
        return null;
    };
}

/// Swaps the message of a pending OverflowError (other errors stay as they are).
pub fn replaceOverflow(message: [*:0]const u8) void {
    if (py.PyErr_ExceptionMatches(py.PyExc_OverflowError) == 0) return;
    py.PyErr_Clear();
    py.PyErr_SetString(py.PyExc_OverflowError, message);
}

/// An unsigned 32-bit argument without overflow checking (the "I" format):
/// any int, however large or negative, is taken modulo 2**32.
pub fn toU32Mask(obj: *py.PyObject) ?u32 {
    return @truncate(toU64Mask(obj) orelse return null);
}

/// Any int through __index__, taken modulo 2**64 without an overflow check;
/// callers truncate it to their field's width (the "I", "H", "B" formats).
pub fn toU64Mask(obj: *py.PyObject) ?u64 {
    const idx = py.PyNumber_Index(obj) orelse return null; // floats: TypeError
    defer py.Py_DecRef(idx);
    const v = py.PyLong_AsUnsignedLongLongMask(idx);
    if (v == std.math.maxInt(c_ulonglong) and py.PyErr_Occurred() != null) return null;
    return v;
}

/// An optional int argument at `i` of a fast-call vector, or `default`.
pub fn optInt(comptime T: type, argv: [*]const *py.PyObject, nargs: isize, i: usize, default: T) ?T {
    if (nargs <= i) return default;
    return toInt(T, argv[i]);
}

/// A host name argument as a NUL-terminated byte string: ASCII str as is,
/// other str through the "idna" codec, bytes and bytearray as given.
pub const HostName = struct {
    owned: ?*py.PyObject = null,
    text: [:0]const u8 = "",

    pub fn init(self: *HostName, obj: *py.PyObject) bool {
        var src = obj;
        if (py.PyUnicode_Check(obj)) {
            var n: py.Py_ssize_t = 0;
            // A str that is not valid UTF-8 (a lone surrogate) fails as any
            // other encoding failure does in the stdlib.
            const utf8 = py.PyUnicode_AsUTF8AndSize(obj, &n) orelse return encodingFailed();
            const s = utf8[0..@intCast(n)];
            if (!isAscii(s)) {
                // The stdlib reports any encoding failure as this TypeError.
                self.owned = py.PyUnicode_AsEncodedString(obj, "idna", null) orelse return encodingFailed();
                src = self.owned.?;
            } else {
                return self.setChecked(s, utf8);
            }
        } else if (py.PyByteArray_Check(obj)) {
            self.owned = bytesOf(obj) orelse return false;
            src = self.owned.?;
        } else if (!py.PyBytes_Check(obj)) {
            setTypeName("str, bytes or bytearray expected, not %.200s", obj);
            return false;
        }
        const p = py.PyBytes_AsString(src) orelse return false;
        const len: usize = @intCast(py.PyBytes_Size(src));
        return self.setChecked(p[0..len], @ptrCast(p));
    }

    /// The stdlib reports any encoding failure of a host name as this TypeError.
    fn encodingFailed() bool {
        py.PyErr_Clear();
        _ = errors.typeError("encoding of hostname failed");
        return false;
    }

    fn setChecked(self: *HostName, s: []const u8, z: [*:0]const u8) bool {
        if (std.mem.indexOfScalar(u8, s, 0) != null) {
            _ = errors.typeError("host name must not contain null character");
            return false;
        }
        self.text = z[0..s.len :0];
        return true;
    }

    pub fn bytes(self: *const HostName) [:0]const u8 {
        return self.text;
    }

    pub fn deinit(self: *HostName) void {
        py.Py_DecRef(self.owned);
    }
};

/// A bytes copy of a bytearray host, taken from the bytearray's own storage
/// as the stdlib's host converter does: not through the buffer protocol,
/// which a subclass may override (`__buffer__`, 3.12 on).
pub fn bytesOf(bytearray: *py.PyObject) ?*py.PyObject {
    return py.PyBytes_FromStringAndSize(py.PyByteArray_AsString(bytearray), py.PyByteArray_Size(bytearray));
}

fn isAscii(s: []const u8) bool {
    for (s) |c| if (c >= 0x80) return false;
    return true;
}

/// Raises TypeError with `fmt` formatted with the type name of `obj`.
/// The same for "argument N must be X, not Y" messages, which call None
/// "None" rather than "NoneType", as Python's argument parser does.
pub fn setArgTypeName(fmt: [*:0]const u8, obj: *py.PyObject) void {
    if (obj == py.Py_None()) {
        const msg = py.PyUnicode_FromFormat(fmt, "None") orelse return;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return;
    }
    setTypeName(fmt, obj);
}

pub fn setTypeName(fmt: [*:0]const u8, obj: *py.PyObject) void {
    const name = typeName(obj) orelse return;
    defer py.Py_DecRef(name);
    const msg = py.PyUnicode_FromFormat(fmt, py.PyUnicode_AsUTF8AndSize(name, null)) orelse return;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
}

/// The same with a leading %s (the caller's name) before the type name.
pub fn setTypeName2(fmt: [*:0]const u8, caller: [*:0]const u8, obj: *py.PyObject) void {
    const name = typeName(obj) orelse return;
    defer py.Py_DecRef(name);
    const msg = py.PyUnicode_FromFormat(fmt, caller, py.PyUnicode_AsUTF8AndSize(name, null)) orelse return;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
}

fn typeName(obj: *py.PyObject) ?*py.PyObject {
    return py.PyObject_GetAttrString(py.typeAsObject(obj), "__name__");
}

/// Checks a fast-call argument count; raises TypeError like the stdlib.
pub fn count(name: [*:0]const u8, nargs: isize, min: isize, max: isize) bool {
    if (nargs >= min and nargs <= max) return true;
    const msg = if (min == max)
        py.PyUnicode_FromFormat("%s() takes exactly %zd argument%s (%zd given)", name, min, plural(min), nargs)
    else if (nargs < min)
        py.PyUnicode_FromFormat("%s() takes at least %zd argument%s (%zd given)", name, min, plural(min), nargs)
    else
        py.PyUnicode_FromFormat("%s() takes at most %zd argument%s (%zd given)", name, max, plural(max), nargs);
    const m = msg orelse return false;
    defer py.Py_DecRef(m);
    py.PyErr_SetObject(py.PyExc_TypeError, m);
    return false;
}

/// Fast-call arguments given by position or by name, into `out` in the
/// order of `names` (null where not given), with the TypeErrors of Python's
/// own argument parser. The first `required` names must be given.
pub fn bind(
    comptime what: [:0]const u8,
    comptime names: []const [:0]const u8,
    argv: [*]const *py.PyObject,
    nargs: isize,
    kwnames: ?*py.PyObject,
    required: usize,
    out: *[names.len]?*py.PyObject,
) bool {
    const nk: usize = if (kwnames) |kn| @intCast(py.PyTuple_Size(kn)) else 0;
    if (!count(what, nargs + @as(isize, @intCast(nk)), 0, names.len)) return false;
    out.* = @splat(null);
    for (0..@intCast(nargs)) |i| out[i] = argv[i];
    for (0..nk) |k| {
        const key = py.PyUnicode_AsUTF8AndSize(py.PyTuple_GetItem(kwnames.?, @intCast(k)).?, null) orelse return false;
        const index = for (names, 0..) |name, j| {
            if (std.mem.eql(u8, name, std.mem.span(key))) break j;
        } else {
            const msg = py.PyUnicode_FromFormat("'%s' is an invalid keyword argument for " ++ what ++ "()", key) orelse return false;
            defer py.Py_DecRef(msg);
            py.PyErr_SetObject(py.PyExc_TypeError, msg);
            return false;
        };
        if (out[index] != null) {
            const msg = py.PyUnicode_FromFormat("argument for " ++ what ++ "() given by name ('%s') and position (%zd)", key, @as(isize, @intCast(index + 1))) orelse return false;
            defer py.Py_DecRef(msg);
            py.PyErr_SetObject(py.PyExc_TypeError, msg);
            return false;
        }
        out[index] = argv[@as(usize, @intCast(nargs)) + k];
    }
    for (names[0..required], 0..) |name, i| {
        if (out[i] != null) continue;
        const msg = py.PyUnicode_FromFormat(what ++ "() missing required argument '%s' (pos %zd)", name.ptr, @as(isize, @intCast(i + 1))) orelse return false;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return false;
    }
    return true;
}

fn plural(n: isize) [*:0]const u8 {
    return if (n == 1) "" else "s";
}

/// A timeout argument in nanoseconds: None is -1 (blocking), numbers are
/// rounded up, negative and NaN values are ValueError.
pub fn timeoutNs(obj: *py.PyObject) ?i64 {
    if (obj == py.Py_None()) return -1;
    // Range first, then sign, each with the stdlib's message: ints overflow
    // as a C time value, floats as the platform's time_t.
    const int_overflow: [*:0]const u8 = if (py.atLeast(3, 13))
        "timestamp too large to convert to C PyTime_t"
    else
        "timestamp too large to convert to C _PyTime_t";
    var ns: i64 = undefined;
    if (py.PyFloat_Check(obj)) {
        const seconds = py.PyFloat_AsDouble(obj);
        if (std.math.isNan(seconds)) {
            _ = errors.valueError("Invalid value NaN (not a number)");
            return null;
        }
        // Rounded away from zero, as timeouts are.
        const scaled = seconds * 1e9;
        const rounded = if (scaled >= 0) @ceil(scaled) else @floor(scaled);
        if (!(rounded >= -9223372036854775808.0 and rounded < 9223372036854775808.0)) {
            _ = errors.overflowError("timestamp out of range for platform time_t");
            return null;
        }
        ns = @intFromFloat(rounded);
    } else {
        const v = toInt(i64, obj) orelse {
            replaceOverflow(int_overflow);
            return null;
        };
        ns = std.math.mul(i64, v, std.time.ns_per_s) catch {
            _ = errors.overflowError(int_overflow);
            return null;
        };
    }
    if (ns < 0) {
        _ = errors.valueError("Timeout value out of range");
        return null;
    }
    // Where waiting takes a timeval (Windows' select), its seconds
    // (microseconds rounded up) must fit a C long, and, as the stdlib checks
    // where there is no poll, the milliseconds (rounded up) a C int.
    if (state.vt.capabilities & abi.cap_timeval_wait != 0) {
        const seconds = @divFloor(@divFloor(ns + 999, 1000), 1_000_000);
        const ms = @divFloor(ns, 1_000_000) + @intFromBool(@rem(ns, 1_000_000) != 0);
        if (seconds > std.math.maxInt(c_long) or ms > std.math.maxInt(c_int)) {
            _ = errors.overflowError("timeout doesn't fit into C timeval");
            return null;
        }
    }
    return ns;
}

pub fn timeoutToPython(ns: i64) ?*py.PyObject {
    if (ns < 0) return py.none();
    return py.PyFloat_FromDouble(@as(f64, @floatFromInt(ns)) / 1e9);
}
