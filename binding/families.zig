//! Python address objects of the families beyond IP and AF_UNIX (netlink,
//! packet, CAN, AF_ALG, vsock, TIPC, QIPCRTR) <-> the neutral `abi.Address`.
//!
//! Each parser follows the argument rules the stdlib applies to that family,
//! so types, counts and ranges fail with the stdlib's exception and text:
//! "I"/"H"/"B" fields take any integer modulo their width (through
//! __index__), "k"/"K" fields want a real int, "i" fields are range-checked.
//! Families are recognised by the constant table's numbers (state.zig), so a
//! backend without a family simply never sees it here.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");

/// True for the families this file parses and builds.
pub fn handles(family: i32) bool {
    if (family < 0) return false;
    return family == state.af_netlink or family == state.af_packet or family == state.af_can or
        family == state.af_alg or family == state.af_vsock or family == state.af_tipc or
        family == state.af_qipcrtr;
}

/// Parses `obj` for a socket of `family`/`proto` into `a` (a.family and
/// a.proto already set). `handles(family)` must be true.
pub fn parse(family: i32, proto: i32, obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    if (family == state.af_netlink) return parsePair(obj, a, caller, "AF_NETLINK", .netlink);
    if (family == state.af_vsock) return parsePair(obj, a, caller, "AF_VSOCK", .named);
    if (family == state.af_qipcrtr) return parsePair(obj, a, caller, "AF_QIPCRTR", .named);
    if (family == state.af_packet) return parsePacket(obj, caller, a);
    if (family == state.af_alg) return parseAlg(obj, caller, a);
    if (family == state.af_tipc) return parseTipc(obj, caller, a);
    if (family == state.af_can) {
        if (proto == state.can_raw or proto == state.can_bcm) return parseCan(obj, caller, a);
        if (proto == state.can_isotp) return parseCanIsotp(obj, a);
        if (proto == state.can_j1939) return parseCanJ1939(obj, a);
        setCaller(py.PyExc_OSError, "%s(): unsupported CAN protocol", caller);
        return false;
    }
    unreachable;
}

/// The Python object for a decoded address of one of these families.
pub fn toPython(a: *const abi.Address) ?*py.PyObject {
    const f = a.family;
    if (f == state.af_netlink or f == state.af_vsock or f == state.af_qipcrtr)
        return errors.pack(.{ uint(a.nums[0]), uint(a.nums[1]) });
    if (f == state.af_packet) {
        return errors.pack(.{
            py.PyUnicode_FromStringAndSize(&a.name, a.name_len),
            uint(a.nums[0] & 0xffff),
            uint(a.nums[1] & 0xff),
            uint(a.nums[2] & 0xffff),
            py.PyBytes_FromStringAndSize(&a.data, a.data_len),
        });
    }
    if (f == state.af_can) {
        const name = py.PyUnicode_DecodeFSDefaultAndSize(&a.name, a.name_len);
        if (a.proto == state.can_isotp and a.proto >= 0)
            return errors.pack(.{ name, uint(a.nums[0]), uint(a.nums[1]) });
        if (a.proto == state.can_j1939 and a.proto >= 0)
            return errors.pack(.{ name, py.PyLong_FromUnsignedLongLong(a.nums[0]), uint(a.nums[1]), uint(a.nums[2]) });
        return errors.pack(.{name});
    }
    if (f == state.af_alg) {
        // feat and mask come back whole: the stdlib builds them with "H",
        // which takes the __u32 fields as the unsigned int C passes and
        // does not cut them to 16 bits (do_mkvalue in Python/modsupport.c).
        return errors.pack(.{
            py.PyUnicode_FromStringAndSize(&a.name, a.name_len),
            py.PyUnicode_FromStringAndSize(&a.data, a.data_len),
            uint(a.nums[0]),
            uint(a.nums[1]),
        });
    }
    if (f == state.af_tipc) {
        if (!validTipcType(a.nums[0])) return errors.valueError("Invalid address type");
        return errors.pack(.{ uint(a.nums[0]), uint(a.nums[1]), uint(a.nums[2]), uint(a.nums[3]), uint(a.nums[4]) });
    }
    unreachable;
}

fn uint(v: u64) ?*py.PyObject {
    return py.PyLong_FromUnsignedLongLong(v);
}

// -- pairs of unsigned ints ------------------------------------------------------

const PairStyle = enum {
    /// "%s(): AF_NETLINK address must be tuple", then a custom count message.
    netlink,
    /// "getsockaddrarg: AF_X address must be tuple", then the argument
    /// parser's own "getsockaddrarg() takes exactly 2 arguments".
    named,
};

fn parsePair(obj: *py.PyObject, a: *abi.Address, caller: [*:0]const u8, comptime name: []const u8, comptime style: PairStyle) bool {
    if (!py.PyTuple_Check(obj)) {
        switch (style) {
            .netlink => args.setTypeName2("%s(): " ++ name ++ " address must be tuple, not %.500s", caller, obj),
            .named => args.setTypeName("getsockaddrarg: " ++ name ++ " address must be tuple, not %.500s", obj),
        }
        return false;
    }
    const n = py.PyTuple_Size(obj);
    if (n != 2) {
        switch (style) {
            .netlink => _ = errors.typeError("AF_NETLINK address must be a pair (pid, groups)"),
            .named => _ = args.count("getsockaddrarg", n, 2, 2),
        }
        return false;
    }
    a.nums[0] = args.toU64Mask(item(obj, 0)) orelse return false;
    a.nums[1] = args.toU64Mask(item(obj, 1)) orelse return false;
    return true;
}

// -- AF_PACKET ---------------------------------------------------------------------

/// The stdlib's limit on the hardware address of an AF_PACKET tuple.
const max_hardware_address = 8;

fn parsePacket(obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    if (!py.PyTuple_Check(obj)) {
        args.setTypeName2("%s(): AF_PACKET address must be tuple, not %.500s", caller, obj);
        return false;
    }
    const shape = "AF_PACKET address must be a tuple of two to five elements";
    const n = py.PyTuple_Size(obj);
    if (n < 2 or n > 5) return errors.typeError(shape) != null;
    const ifname = item(obj, 0);
    if (!py.PyUnicode_Check(ifname)) return errors.typeError(shape) != null;
    const name = utf8NoNul(ifname) orelse return false;
    var proto: c_int = 0;
    var pkttype: c_int = 0; // PACKET_HOST
    var hatype: c_int = 0;
    const ints = [_]*c_int{ &proto, &pkttype, &hatype };
    for (ints, 1..) |dest, i| {
        if (i >= n) break;
        dest.* = args.toInt(c_int, item(obj, i)) orelse {
            // Any C int overflow gets the stdlib's one message.
            if (py.PyErr_ExceptionMatches(py.PyExc_OverflowError) != 0)
                setCaller(py.PyExc_OverflowError, "%s(): address argument out of range", caller);
            return false;
        };
    }
    var view: py.Py_buffer = undefined;
    var hw: []const u8 = &.{};
    if (n == 5) {
        if (!args.readBuffer(item(obj, 4), &view)) return false;
        hw = args.viewBytes(&view);
    }
    defer if (n == 5) py.PyBuffer_Release(&view);

    setName(a, name[0..@min(name.len, a.name.len)]);
    a.nums[0] = @as(u32, @bitCast(proto));
    a.nums[1] = @as(u32, @bitCast(pkttype));
    a.nums[2] = @as(u32, @bitCast(hatype));
    const hw_ok = hw.len <= max_hardware_address;
    const proto_ok = proto >= 0 and proto <= 0xffff;
    if (hw_ok and proto_ok) {
        @memcpy(a.data[0..hw.len], hw);
        a.data_len = @intCast(hw.len);
        return true;
    }
    // The stdlib looks the interface up before it checks these two; an
    // unknown interface wins, so ask the backend about it first.
    var probe = a.*;
    probe.nums[0] = 0;
    probe.data_len = 0;
    var native: [abi.max_native_addr]u8 align(8) = undefined;
    var len: u32 = native.len;
    var err: abi.Error = .{};
    if (state.vt.addr_encode(&probe, &native, &len, &err) != 0) return errors.raise(&err) != null;
    if (!hw_ok) return errors.valueError("Hardware address must be 8 bytes or less") != null;
    setCaller(py.PyExc_OverflowError, "%s(): proto must be 0-65535.", caller);
    return false;
}

// -- AF_CAN ----------------------------------------------------------------------

/// An interface name of this many bytes or more cannot be a CAN interface.
const can_name_limit = 16;

fn parseCan(obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    if (!py.PyTuple_Check(obj)) {
        args.setTypeName2("%s(): AF_CAN address must be tuple, not %.500s", caller, obj);
        return false;
    }
    if (py.PyTuple_Size(obj) != 1) return errors.typeError("AF_CAN address must be a tuple (interface, )") != null;
    return canInterface(item(obj, 0), a);
}

fn parseCanIsotp(obj: *py.PyObject, a: *abi.Address) bool {
    if (!tupleForParser(obj, 3)) return false;
    var name: ?*py.PyObject = null;
    if (py.PyUnicode_FSConverter(item(obj, 0), @ptrCast(&name)) == 0) return false;
    defer py.Py_DecRef(name);
    a.nums[0] = maskIntOnly(item(obj, 1), 2) orelse return false;
    a.nums[1] = maskIntOnly(item(obj, 2), 3) orelse return false;
    return canName(name.?, a);
}

fn parseCanJ1939(obj: *py.PyObject, a: *abi.Address) bool {
    if (!tupleForParser(obj, 4)) return false;
    var name: ?*py.PyObject = null;
    if (py.PyUnicode_FSConverter(item(obj, 0), @ptrCast(&name)) == 0) return false;
    defer py.Py_DecRef(name);
    a.nums[0] = maskIntOnly(item(obj, 1), 2) orelse return false;
    a.nums[1] = @as(u32, @truncate(args.toU64Mask(item(obj, 2)) orelse return false));
    a.nums[2] = @as(u8, @truncate(args.toU64Mask(item(obj, 3)) orelse return false));
    return canName(name.?, a);
}

fn canInterface(obj: *py.PyObject, a: *abi.Address) bool {
    var name: ?*py.PyObject = null;
    if (py.PyUnicode_FSConverter(obj, @ptrCast(&name)) == 0) return false;
    defer py.Py_DecRef(name);
    return canName(name.?, a);
}

/// `bytes` is the file-system encoded interface name; "" means any.
fn canName(bytes: *py.PyObject, a: *abi.Address) bool {
    const n: usize = @intCast(py.PyBytes_Size(bytes));
    if (n >= can_name_limit) return errors.osError("AF_CAN interface name too long") != null;
    const p = py.PyBytes_AsString(bytes) orelse return false;
    setName(a, p[0..n]);
    return true;
}

// -- AF_ALG ------------------------------------------------------------------------

/// The stdlib's limits: both strings must fit sockaddr_alg's arrays with
/// their terminating NUL.
const alg_type_limit = 14;
const alg_name_limit = 64;

fn parseAlg(obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    if (!py.PyTuple_Check(obj)) {
        args.setTypeName2("%s(): AF_ALG address must be tuple, not %.500s", caller, obj);
        return false;
    }
    const shape = "AF_ALG address must be a tuple (type, name[, feat[, mask]])";
    const n = py.PyTuple_Size(obj);
    if (n < 2 or n > 4) return errors.typeError(shape) != null;
    if (!py.PyUnicode_Check(item(obj, 0))) return errors.typeError(shape) != null;
    const alg_type = utf8NoNul(item(obj, 0)) orelse return false;
    if (!py.PyUnicode_Check(item(obj, 1))) return errors.typeError(shape) != null;
    const alg_name = utf8NoNul(item(obj, 1)) orelse return false;
    // feat and mask: the stdlib reads them as C unsigned shorts.
    if (n > 2) a.nums[0] = @as(u16, @truncate(args.toU64Mask(item(obj, 2)) orelse return false));
    if (n > 3) a.nums[1] = @as(u16, @truncate(args.toU64Mask(item(obj, 3)) orelse return false));
    if (alg_type.len >= alg_type_limit) return errors.valueError("AF_ALG type too long.") != null;
    if (alg_name.len >= alg_name_limit) return errors.valueError("AF_ALG name too long.") != null;
    setName(a, alg_type);
    @memcpy(a.data[0..alg_name.len], alg_name);
    a.data_len = @intCast(alg_name.len);
    return true;
}

// -- AF_TIPC -----------------------------------------------------------------------

fn parseTipc(obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    if (!py.PyTuple_Check(obj)) {
        args.setTypeName2("%s(): AF_TIPC address must be tuple, not %.500s", caller, obj);
        return false;
    }
    const n = py.PyTuple_Size(obj);
    if (n < 4 or n > 5) return errors.typeError("AF_TIPC address must be a tuple (addr_type, v1, v2, v3[, scope])") != null;
    a.nums[4] = @intCast(state.tipc_cluster_scope);
    for (0..@intCast(n)) |i| a.nums[i] = @as(u32, @truncate(args.toU64Mask(item(obj, i)) orelse return false));
    if (!validTipcType(a.nums[0])) return errors.typeError("Invalid address type") != null;
    return true;
}

fn validTipcType(t: u64) bool {
    return (state.tipc_addr_nameseq >= 0 and t == state.tipc_addr_nameseq) or
        (state.tipc_addr_name >= 0 and t == state.tipc_addr_name) or
        (state.tipc_addr_id >= 0 and t == state.tipc_addr_id);
}

// -- argument helpers --------------------------------------------------------------

fn item(t: *py.PyObject, i: usize) *py.PyObject {
    return py.PyTuple_GetItem(t, @intCast(i)).?;
}

/// What Python's argument parser says for a positional format without a
/// function name: a non-tuple is a SystemError, a wrong count a TypeError.
fn tupleForParser(obj: *py.PyObject, want: isize) bool {
    if (!py.PyTuple_Check(obj)) {
        py.PyErr_SetString(py.PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return false;
    }
    const n = py.PyTuple_Size(obj);
    if (n == want) return true;
    const msg = py.PyUnicode_FromFormat("function takes exactly %zd arguments (%zd given)", want, n) orelse return false;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
    return false;
}

/// As args.toU64Mask, but only real ints (the "k" and "K" formats); `position`
/// is the 1-based place in the tuple, for the message.
fn maskIntOnly(obj: *py.PyObject, position: c_int) ?u64 {
    if (!py.PyLong_Check(obj)) {
        const fmt = switch (position) {
            2 => "argument 2 must be int, not %.50s",
            else => "argument 3 must be int, not %.50s",
        };
        args.setArgTypeName(fmt, obj);
        return null;
    }
    return args.toU64Mask(obj);
}

/// A str as UTF-8 without NUL bytes (the "s" format).
fn utf8NoNul(obj: *py.PyObject) ?[]const u8 {
    var size: py.Py_ssize_t = 0;
    const p = py.PyUnicode_AsUTF8AndSize(obj, &size) orelse return null;
    const bytes = p[0..@intCast(size)];
    if (std.mem.indexOfScalar(u8, bytes, 0) != null) {
        _ = errors.valueError("embedded null character");
        return null;
    }
    return bytes;
}

fn setName(a: *abi.Address, bytes: []const u8) void {
    const n = @min(bytes.len, a.name.len);
    @memcpy(a.name[0..n], bytes[0..n]);
    a.name_len = @intCast(n);
}

fn setCaller(exc: *py.PyObject, fmt: [*:0]const u8, caller: [*:0]const u8) void {
    const msg = py.PyUnicode_FromFormat(fmt, caller) orelse return;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(exc, msg);
}
