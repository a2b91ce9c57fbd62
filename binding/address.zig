//! Socket addresses between Python objects and the backend's native form.
//! Python side: the tuples and paths of the reference. Backend side: the
//! neutral `abi.Address`, which only the backend turns into a sockaddr.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const families = @import("families.zig");

/// A native sockaddr, as produced by the backend.
pub const Native = struct {
    len: u32 = abi.max_native_addr,
    // Zeros until written: a backend (or the OS under it) may report an
    // address length past what it wrote, and the decoder reads that far.
    bytes: [abi.max_native_addr]u8 align(8) = @splat(0),
};

/// Parses the Python address `obj` for a socket of `family` and protocol
/// `proto` (the socket's own; some formats depend on it) into `out`.
/// `caller` names the method in error messages ("bind", "connect", ...).
pub fn parse(family: i32, proto: i32, obj: *py.PyObject, caller: [*:0]const u8, out: *Native) bool {
    var a: abi.Address = .{ .family = family, .proto = proto };
    if (family == state.af_unix and state.af_unix >= 0) {
        if (!parseUnix(obj, &a)) return false;
    } else if (family == state.af_inet or family == state.af_inet6) {
        if (!parseInet(family, obj, caller, &a)) return false;
    } else if (family == state.af_rds and state.af_rds >= 0) {
        // RDS sockets take AF_INET addresses, sin_family included.
        a.family = state.af_inet;
        if (!parseInet(state.af_inet, obj, caller, &a)) return false;
    } else if (families.handles(family)) {
        if (!families.parse(family, proto, obj, caller, &a)) return false;
    } else {
        setFormattedName(py.PyExc_OSError, "%s(): bad family", caller);
        return false;
    }
    var err: abi.Error = .{};
    out.len = abi.max_native_addr;
    if (state.vt.addr_encode(&a, &out.bytes, &out.len, &err) != 0) {
        _ = errors.raise(&err);
        return false;
    }
    return true;
}

fn parseUnix(obj: *py.PyObject, a: *abi.Address) bool {
    var owned: ?*py.PyObject = null;
    defer py.Py_DecRef(owned);
    var src = obj;
    if (py.PyUnicode_Check(obj)) {
        owned = py.PyUnicode_EncodeFSDefault(obj) orelse return false;
        src = owned.?;
    }
    var view: py.Py_buffer = undefined;
    // CPython's own TypeError ("a bytes-like object is required, not 'int'")
    // is the stdlib's message.
    if (py.PyObject_GetBuffer(src, &view, py.PyBUF_SIMPLE) != 0) return false;
    defer py.PyBuffer_Release(&view);
    const bytes = args.viewBytes(&view);
    // A leading NUL selects the Linux abstract namespace, whose names may hold
    // any byte; a filesystem path cannot hold a NUL, so refuse it rather than
    // let the kernel silently cut the path short.
    if (bytes.len > 0 and bytes[0] != 0 and std.mem.indexOfScalar(u8, bytes, 0) != null) {
        py.PyErr_SetString(py.PyExc_ValueError, "embedded null byte");
        return false;
    }
    if (bytes.len > a.data.len) {
        py.PyErr_SetString(py.PyExc_OSError, "AF_UNIX path too long");
        return false;
    }
    @memcpy(a.data[0..bytes.len], bytes);
    a.data_len = @intCast(bytes.len);
    return true;
}

fn parseInet(family: i32, obj: *py.PyObject, caller: [*:0]const u8, a: *abi.Address) bool {
    const v6 = family == state.af_inet6;
    if (!py.PyTuple_Check(obj)) {
        const fmt: [*:0]const u8 = if (v6) "%s(): AF_INET6 address must be tuple, not %.500s" else "%s(): AF_INET address must be tuple, not %.500s";
        args.setTypeName2(fmt, caller, obj);
        return false;
    }
    const n = py.PyTuple_Size(obj);
    if ((!v6 and n != 2) or (v6 and (n < 2 or n > 4))) {
        const msg: [*:0]const u8 = if (v6) "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])" else "AF_INET address must be a pair (host, port)";
        py.PyErr_SetString(py.PyExc_TypeError, msg);
        return false;
    }
    // The stdlib's order: convert every item, resolve the host, and only
    // then check the ranges of port and flowinfo.
    var host: args.HostName = .{};
    defer host.deinit();
    if (!host.init(py.PyTuple_GetItem(obj, 0).?)) return false;
    const port = args.toInt(c_int, py.PyTuple_GetItem(obj, 1).?) orelse {
        if (py.PyErr_ExceptionMatches(py.PyExc_OverflowError) != 0) portError(caller);
        return false;
    };
    // Like the stdlib's "I" format: masked to 32 bits, then range-checked.
    const flowinfo: u32 = if (n > 2) args.toU32Mask(py.PyTuple_GetItem(obj, 2).?) orelse return false else 0;
    const scope_id: u32 = if (n > 3) args.toU32Mask(py.PyTuple_GetItem(obj, 3).?) orelse return false else 0;
    if (!resolveHost(family, host.bytes(), a)) return false;
    if (port < 0 or port > 0xffff) {
        portError(caller);
        return false;
    }
    if (flowinfo > 0xfffff) {
        setFormattedName(py.PyExc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
        return false;
    }
    a.nums[0] = @intCast(port);
    a.nums[1] = flowinfo;
    a.nums[2] = scope_id;
    return true;
}

fn portError(caller: [*:0]const u8) void {
    py.PyErr_Clear();
    setFormattedName(py.PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
}

/// Fills a.data with the address for `name`, as the stdlib does: "" is the
/// wildcard, "<broadcast>" the IPv4 broadcast, numeric forms parse directly,
/// anything else goes through getaddrinfo (which may block).
pub fn resolveHost(family: i32, name: [:0]const u8, a: *abi.Address) bool {
    const v6 = family == state.af_inet6;
    const size: u32 = if (v6) 16 else 4;
    a.data_len = size;
    @memset(a.data[0..16], 0);
    if (name.len == 0) return true; // INADDR_ANY / in6addr_any
    if (std.mem.eql(u8, name, "<broadcast>") or std.mem.eql(u8, name, "255.255.255.255")) {
        if (v6) {
            _ = errors.osError("address family mismatched"); // the stdlib's words
            return false;
        }
        @memset(a.data[0..4], 0xff);
        return true;
    }
    var err: abi.Error = .{};
    if (state.vt.inet_pton(family, name.ptr, a.data[0..16], &err) == 1) return true;
    var native: Native = .{};
    _ = firstAddrInfo(name.ptr, null, family, 0, 0, &native) orelse return false;
    var found: abi.Address = .{};
    state.vt.addr_decode(&native.bytes, native.len, &found);
    if (found.family != family) {
        var mismatch: abi.Error = .{ .kind = .gai, .code = state.eai_family };
        _ = errors.raise(&mismatch);
        return false; // an answer of another family: never from getaddrinfo asked for one
    }
    @memcpy(a.data[0..size], found.data[0..size]);
    return true;
}

/// The first getaddrinfo answer, copied into `out`: true when more answers
/// followed it (some callers must reject that), null with the exception set.
/// The lookup may block, so the GIL is released around it.
pub fn firstAddrInfo(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, flags: i32, out: *Native) ?bool {
    var list: ?*anyopaque = null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = state.vt.getaddrinfo(host, service, family, socktype, 0, flags, &list, &err);
    py.PyEval_RestoreThread(ts);
    if (rc != 0) {
        _ = errors.raise(&err);
        return null;
    }
    defer state.vt.freeaddrinfo(list.?);
    var entry: abi.AddrInfoEntry = undefined;
    const more = state.vt.addrinfo_next(list.?, &entry) != null;
    out.len = @min(entry.addrlen, abi.max_native_addr);
    const src: [*]const u8 = @ptrCast(entry.addr.?);
    @memcpy(out.bytes[0..out.len], src[0..out.len]);
    return more;
}

/// Builds the Python object for a native address of `len` bytes, from a
/// socket of protocol `proto` (some formats depend on it); None when the OS
/// gave no address (len 0).
pub fn toPython(native: *const anyopaque, len: u32, proto: i32) ?*py.PyObject {
    if (len == 0) return py.none();
    var a: abi.Address = .{ .proto = proto };
    // Native buffers hold max_native_addr bytes (getaddrinfo's hold their
    // own length): a longer report, of an address the OS truncated, must
    // not read past them.
    state.vt.addr_decode(native, @min(len, abi.max_native_addr), &a);
    return neutralToPython(&a);
}

pub fn neutralToPython(a: *const abi.Address) ?*py.PyObject {
    const data = a.data[0..@min(a.data_len, a.data.len)];
    if (a.family == state.af_inet or a.family == state.af_inet6) {
        const host = ntop(a.family, a.data[0..16]) orelse return null;
        if (a.family == state.af_inet)
            return errors.pack(.{ host, py.PyLong_FromLong(@intCast(a.nums[0])) });
        return errors.pack(.{
            host,
            py.PyLong_FromLong(@intCast(a.nums[0])),
            py.PyLong_FromUnsignedLongLong(a.nums[1]),
            py.PyLong_FromUnsignedLongLong(a.nums[2]),
        });
    }
    if (a.family == state.af_unix) {
        // Abstract names are bytes; paths are str, decoded like os.fsdecode.
        if (data.len > 0 and data[0] == 0) return py.PyBytes_FromStringAndSize(data.ptr, @intCast(data.len));
        return py.PyUnicode_DecodeFSDefaultAndSize(data.ptr, @intCast(data.len));
    }
    if (families.handles(a.family)) return families.toPython(a);
    return errors.pack(.{ py.PyLong_FromLong(a.family), py.PyBytes_FromStringAndSize(data.ptr, @intCast(data.len)) });
}

pub fn ntop(family: i32, raw: *const [16]u8) ?*py.PyObject {
    var buf: [64]u8 = undefined;
    var err: abi.Error = .{};
    if (state.vt.inet_ntop(family, raw, &buf, buf.len, &err) != 0) return errors.raise(&err);
    return py.PyUnicode_FromString(@ptrCast(&buf));
}

fn setFormattedName(exc: *py.PyObject, fmt: [*:0]const u8, caller: [*:0]const u8) void {
    const msg = py.PyUnicode_FromFormat(fmt, caller) orelse return;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(exc, msg);
}
