//! The name-service and interface functions of `_core`: getnameinfo, the
//! host, service and protocol databases, sethostname, and the interface
//! index functions. Argument rules, messages and audit events follow the
//! stdlib's; every lookup that may block runs without the GIL.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const functions = @import("functions.zig");
const audit = @import("audit.zig");

const Obj = ?*py.PyObject;
const Argv = [*]const *py.PyObject;

/// The backend constants these functions need, looked up by name once.
const Constants = struct {
    af_unspec: i32 = 0,
    sock_dgram: i32 = 2,
    ai_passive: i32 = 1,
    ai_numerichost: i32 = 4,
};
var known: ?Constants = null;

fn constants() Constants {
    if (known) |k| return k;
    var k: Constants = .{};
    for (state.vt.constants[0..state.vt.constant_count]) |c| {
        const name = std.mem.span(c.name);
        const v: i32 = @truncate(c.value);
        if (std.mem.eql(u8, name, "AF_UNSPEC")) k.af_unspec = v;
        if (std.mem.eql(u8, name, "SOCK_DGRAM")) k.sock_dgram = v;
        if (std.mem.eql(u8, name, "AI_PASSIVE")) k.ai_passive = v;
        if (std.mem.eql(u8, name, "AI_NUMERICHOST")) k.ai_numerichost = v;
    }
    known = k;
    return k;
}

// -- host name arguments ---------------------------------------------------------

/// A host argument as the stdlib's "et" format with the idna codec takes it:
/// str through the codec, bytes and bytearray as given, no NUL bytes.
const EncodedHost = struct {
    bytes: ?*py.PyObject = null,

    fn init(self: *EncodedHost, comptime func: []const u8, obj: *py.PyObject) bool {
        if (py.PyUnicode_Check(obj)) {
            self.bytes = py.PyUnicode_AsEncodedString(obj, "idna", null) orelse return false;
        } else if (py.PyBytes_Check(obj)) {
            self.bytes = py.newRef(obj);
        } else if (py.PyByteArray_Check(obj)) {
            self.bytes = args.bytesOf(obj) orelse return false;
        } else {
            args.setArgTypeName(func ++ "() argument 1 must be str, bytes or bytearray, not %.50s", obj);
            return false;
        }
        if (std.mem.indexOfScalar(u8, self.text(), 0) != null) {
            args.setArgTypeName(func ++ "() argument 1 must be encoded string without null bytes, not %.50s", obj);
            return false;
        }
        return true;
    }

    fn text(self: *const EncodedHost) [:0]const u8 {
        const p = py.PyBytes_AsString(self.bytes.?).?;
        return p[0..@intCast(py.PyBytes_Size(self.bytes.?)) :0];
    }

    fn deinit(self: *EncodedHost) void {
        py.Py_DecRef(self.bytes);
    }
};

/// Resolves a host name to one native address of `family` (AF_INET or
/// AF_UNSPEC) as the stdlib does before its host lookups: "" is the
/// wildcard (which must resolve to a single address), "<broadcast>" the IPv4
/// broadcast, numeric forms parse without a lookup, anything else takes the
/// first getaddrinfo result.
fn resolve(name: [:0]const u8, family: i32, out: *address.Native) bool {
    const k = constants();
    const any_family = family == k.af_unspec;
    if (name.len == 0) return resolveFirst(null, "0", family, k.sock_dgram, k.ai_passive, true, out);
    if (std.mem.eql(u8, name, "<broadcast>") or std.mem.eql(u8, name, "255.255.255.255")) {
        if (family != state.af_inet and !any_family) {
            var err: abi.Error = .{ .kind = .gai, .code = state.eai_family };
            _ = errors.raise(&err);
            return false;
        }
        var a: abi.Address = .{ .family = state.af_inet, .data_len = 4 };
        @memset(a.data[0..4], 0xff);
        return encode(&a, out);
    }
    var err: abi.Error = .{};
    if (family == state.af_inet or any_family) {
        var a: abi.Address = .{ .family = state.af_inet, .data_len = 4 };
        if (state.vt.inet_pton(state.af_inet, name.ptr, a.data[0..16], &err) == 1) return encode(&a, out);
    }
    // A scope ("fe80::1%eth0") needs getaddrinfo to turn the interface name
    // into an index.
    if ((family == state.af_inet6 or any_family) and state.af_inet6 >= 0 and std.mem.indexOfScalar(u8, name, '%') == null) {
        var a: abi.Address = .{ .family = state.af_inet6, .data_len = 16 };
        if (state.vt.inet_pton(state.af_inet6, name.ptr, a.data[0..16], &err) == 1) return encode(&a, out);
    }
    return resolveFirst(name.ptr, null, family, 0, 0, false, out);
}

fn resolveFirst(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, flags: i32, single: bool, out: *address.Native) bool {
    const more = address.firstAddrInfo(host, service, family, socktype, flags, out) orelse return false;
    if (single and more) {
        _ = errors.osError("wildcard resolved to multiple address");
        return false;
    }
    return true;
}

fn encode(a: *const abi.Address, out: *address.Native) bool {
    var err: abi.Error = .{};
    out.len = abi.max_native_addr;
    if (state.vt.addr_encode(a, &out.bytes, &out.len, &err) != 0) {
        _ = errors.raise(&err);
        return false;
    }
    return true;
}

fn decode(native: *const address.Native) abi.Address {
    var a: abi.Address = .{};
    state.vt.addr_decode(&native.bytes, native.len, &a);
    return a;
}

// -- gethostbyname, gethostbyname_ex, gethostbyaddr ----------------------------------

/// gethostbyname(host) -> the IPv4 address as a string.
pub fn gethostbyname(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("gethostbyname", nargs, 1, 1)) return null;
    var host: EncodedHost = .{};
    defer host.deinit();
    if (!host.init("gethostbyname", argv[0])) return null;
    if (!audit.raise("socket.gethostbyname", .{py.newRef(argv[0])})) return null;
    var native: address.Native = .{};
    if (!resolve(host.text(), state.af_inet, &native)) return null;
    const a = decode(&native);
    return address.ntop(a.family, a.data[0..16]);
}

/// gethostbyname_ex(host) -> (name, aliases, IPv4 addresses).
pub fn gethostbyname_ex(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("gethostbyname_ex", nargs, 1, 1)) return null;
    var host: EncodedHost = .{};
    defer host.deinit();
    if (!host.init("gethostbyname_ex", argv[0])) return null;
    if (!audit.raise("socket.gethostbyname", .{py.newRef(argv[0])})) return null;
    var native: address.Native = .{};
    if (!resolve(host.text(), state.af_inet, &native)) return null;
    return hostLookup(state.vt.host_by_name.?, .{host.text().ptr});
}

/// gethostbyaddr(address) -> (name, aliases, addresses).
pub fn gethostbyaddr(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("gethostbyaddr", nargs, 1, 1)) return null;
    var host: EncodedHost = .{};
    defer host.deinit();
    if (!host.init("gethostbyaddr", argv[0])) return null;
    if (!audit.raise("socket.gethostbyaddr", .{py.newRef(argv[0])})) return null;
    var native: address.Native = .{};
    if (!resolve(host.text(), constants().af_unspec, &native)) return null;
    const family = decode(&native).family;
    if (family != state.af_inet and family != state.af_inet6) return errors.osError("unsupported address family");
    return hostLookup(state.vt.host_by_addr.?, .{ &native.bytes, native.len });
}

/// Runs a host lookup entry (`lookup_args`, then the entry and error out
/// parameters) with the GIL released, since it may block on DNS, and turns
/// its entry into the stdlib's (name, aliases, addresses) tuple.
fn hostLookup(lookup: anytype, lookup_args: anytype) Obj {
    const release = state.vt.host_free orelse return missing("host_free");
    var entry: abi.HostEntry = .{};
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = @call(.auto, lookup, lookup_args ++ .{ &entry, &err });
    py.PyEval_RestoreThread(ts);
    if (rc != 0) return errors.raise(&err);
    defer release(&entry);
    return hostTuple(&entry);
}

fn hostTuple(entry: *const abi.HostEntry) Obj {
    const aliases = py.PyList_New(0) orelse return null;
    const addrs = py.PyList_New(0) orelse {
        py.Py_DecRef(aliases);
        return null;
    };
    if (!fillHostLists(entry, aliases, addrs)) {
        py.Py_DecRef(aliases);
        py.Py_DecRef(addrs);
        return null;
    }
    return errors.pack(.{ py.PyUnicode_FromString(entry.name orelse ""), aliases, addrs });
}

fn fillHostLists(entry: *const abi.HostEntry, aliases: *py.PyObject, addrs: *py.PyObject) bool {
    if (entry.aliases) |list| {
        var i: usize = 0;
        while (list[i]) |alias| : (i += 1) {
            if (!append(aliases, py.PyUnicode_FromString(alias))) return false;
        }
    }
    if (entry.addrs) |list| {
        const n = @min(entry.addr_len, 16);
        var i: usize = 0;
        while (list[i]) |raw| : (i += 1) {
            var bytes: [16]u8 = @splat(0);
            @memcpy(bytes[0..n], raw[0..n]);
            if (!append(addrs, address.ntop(entry.family, &bytes))) return false;
        }
    }
    return true;
}

/// A backend with a lookup but not its release entry breaks the ABI contract.
fn missing(comptime entry: []const u8) Obj {
    return errors.osError("pysock: the backend has no " ++ entry);
}

fn append(list: *py.PyObject, item: Obj) bool {
    const it = item orelse return false;
    defer py.Py_DecRef(it);
    return py.PyList_Append(list, it) == 0;
}

// -- getnameinfo -------------------------------------------------------------------

const illegal_sockaddr = "getnameinfo(): illegal sockaddr argument";

/// getnameinfo((host, port[, flowinfo[, scope_id]]), flags) -> (host, port).
pub fn getnameinfo(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getnameinfo", nargs, 2, 2)) return null;
    const sa = argv[0];
    const flags = args.toInt(c_int, argv[1]) orelse return null;
    if (!py.PyTuple_Check(sa)) return errors.typeError("getnameinfo() argument 1 must be a tuple");
    const n = py.PyTuple_Size(sa);
    if (n < 2 or n > 4) return errors.typeError(illegal_sockaddr);
    const host_obj = py.PyTuple_GetItem(sa, 0).?;
    if (!py.PyUnicode_Check(host_obj)) return errors.typeError(illegal_sockaddr);
    var host_len: py.Py_ssize_t = 0;
    const host_ptr = py.PyUnicode_AsUTF8AndSize(host_obj, &host_len) orelse return null;
    const host = host_ptr[0..@intCast(host_len) :0];
    if (std.mem.indexOfScalar(u8, host, 0) != null) return errors.valueError("embedded null character");
    const port = args.toInt(c_int, py.PyTuple_GetItem(sa, 1).?) orelse return null;
    const flowinfo: u32 = if (n > 2) mask32(py.PyTuple_GetItem(sa, 2).?) orelse return null else 0;
    const scope_id: u32 = if (n > 3) mask32(py.PyTuple_GetItem(sa, 3).?) orelse return null else 0;
    if (flowinfo > 0xfffff) return errors.overflowError("getnameinfo(): flowinfo must be 0-1048575.");
    if (!audit.raise("socket.getnameinfo", .{py.newRef(sa)})) return null;

    // The numeric host and port become a sockaddr without any lookup.
    var port_buf: [16]u8 = undefined;
    const port_len = (std.fmt.bufPrint(port_buf[0 .. port_buf.len - 1], "{d}", .{port}) catch unreachable).len;
    port_buf[port_len] = 0;
    const port_text: [*:0]const u8 = @ptrCast(&port_buf);
    const k = constants();
    var native: address.Native = .{};
    const more = address.firstAddrInfo(host.ptr, port_text, k.af_unspec, k.sock_dgram, k.ai_numerichost, &native) orelse return null;
    if (more) return errors.osError("sockaddr resolved to multiple addresses");
    var a = decode(&native);
    if (a.family == state.af_inet and n != 2) return errors.osError("IPv4 sockaddr must be 2 tuple");
    if (a.family == state.af_inet6) {
        a.nums[1] = flowinfo;
        a.nums[2] = scope_id;
        if (!encode(&a, &native)) return null;
    }

    var host_out: [1025]u8 = undefined;
    var serv_out: [32]u8 = undefined;
    host_out[0] = 0;
    serv_out[0] = 0;
    const lookup = state.vt.getnameinfo.?;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = lookup(&native.bytes, native.len, flags, &host_out, host_out.len, &serv_out, serv_out.len, &err);
    py.PyEval_RestoreThread(ts);
    if (rc != 0) return errors.raise(&err);
    return errors.pack(.{ py.PyUnicode_FromString(@ptrCast(&host_out)), py.PyUnicode_FromString(@ptrCast(&serv_out)) });
}

/// An unsigned int argument with the "I" format's rules: any integer (through
/// __index__), masked to 32 bits without an overflow check.
fn mask32(obj: *py.PyObject) ?u32 {
    if (py.PyFloat_Check(obj)) {
        _ = errors.typeError("'float' object cannot be interpreted as an integer");
        return null;
    }
    const v = py.PyLong_AsUnsignedLongMask(obj);
    if (v == std.math.maxInt(c_ulong) and py.PyErr_Occurred() != null) return null;
    return @truncate(v);
}

// -- services and protocols ---------------------------------------------------------

/// getservbyname(servicename[, protocolname]) -> port number.
pub fn getservbyname(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getservbyname", nargs, 1, 2)) return null;
    const name = functions.strArg("getservbyname", " 1", argv[0]) orelse return null;
    const proto: ?[:0]const u8 = if (nargs > 1) functions.strArg("getservbyname", " 2", argv[1]) orelse return null else null;
    if (!audit.raise("socket.getservbyname", .{ py.PyUnicode_FromString(name.ptr), optionalStr(proto) })) return null;
    var port: i32 = 0;
    var err: abi.Error = .{};
    const lookup = state.vt.serv_by_name.?;
    const ts = py.PyEval_SaveThread();
    const r = lookup(name.ptr, if (proto) |p| p.ptr else null, &port, &err);
    py.PyEval_RestoreThread(ts);
    if (r < 0) return errors.raise(&err);
    if (r == 0) return errors.osError("service/proto not found");
    return py.PyLong_FromLong(port);
}

/// getservbyport(port[, protocolname]) -> service name.
pub fn getservbyport(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getservbyport", nargs, 1, 2)) return null;
    const port = args.toInt(c_int, argv[0]) orelse return null;
    const proto: ?[:0]const u8 = if (nargs > 1) functions.strArg("getservbyport", " 2", argv[1]) orelse return null else null;
    if (port < 0 or port > 0xffff) return errors.overflowError("getservbyport: port must be 0-65535.");
    if (!audit.raise("socket.getservbyport", .{ py.PyLong_FromLong(port), optionalStr(proto) })) return null;
    var buf: [256]u8 = undefined;
    var err: abi.Error = .{};
    const lookup = state.vt.serv_by_port.?;
    const ts = py.PyEval_SaveThread();
    const r = lookup(port, if (proto) |p| p.ptr else null, &buf, buf.len, &err);
    py.PyEval_RestoreThread(ts);
    if (r < 0) return errors.raise(&err);
    if (r == 0) return errors.osError("port/proto not found");
    return py.PyUnicode_FromString(@ptrCast(&buf));
}

/// getprotobyname(name) -> protocol number.
pub fn getprotobyname(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getprotobyname", nargs, 1, 1)) return null;
    const name = functions.strArg("getprotobyname", " 1", argv[0]) orelse return null;
    var proto: i32 = 0;
    var err: abi.Error = .{};
    const lookup = state.vt.proto_by_name.?;
    const ts = py.PyEval_SaveThread();
    const r = lookup(name.ptr, &proto, &err);
    py.PyEval_RestoreThread(ts);
    if (r < 0) return errors.raise(&err);
    if (r == 0) return errors.osError("protocol not found");
    return py.PyLong_FromLong(proto);
}

fn optionalStr(s: ?[:0]const u8) Obj {
    return if (s) |text| py.PyUnicode_FromString(text.ptr) else py.none();
}

// -- sethostname ------------------------------------------------------------------

/// sethostname(name): bytes as given, str and path-likes through the file
/// system encoding.
pub fn sethostname(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("sethostname", nargs, 1, 1)) return null;
    var name: ?*py.PyObject = null;
    if (py.PyBytes_Check(argv[0])) {
        name = py.newRef(argv[0]);
    } else if (py.PyUnicode_FSConverter(argv[0], &name) == 0) {
        return null;
    }
    defer py.Py_DecRef(name);
    if (!audit.raise("socket.sethostname", .{py.newRef(name.?)})) return null;
    const p = py.PyBytes_AsString(name.?) orelse return null;
    const len: usize = @intCast(py.PyBytes_Size(name.?));
    var err: abi.Error = .{};
    if (state.vt.sethostname.?(p, len, &err) != 0) return errors.raise(&err);
    return py.none();
}

// -- interfaces ------------------------------------------------------------------

/// if_nameindex() -> [(index, name)].
pub fn if_nameindex(_: Obj, _: Obj) callconv(.c) Obj {
    const release = state.vt.if_free orelse return missing("if_free");
    var list: ?[*]abi.Interface = null;
    var count: usize = 0;
    var err: abi.Error = .{};
    if (state.vt.if_nameindex.?(&list, &count, &err) != 0) return errors.raise(&err);
    defer release(list.?, count);
    const out = py.PyList_New(0) orelse return null;
    for (list.?[0..count]) |item| {
        const name = std.mem.span(item.name);
        const t = errors.pack(.{
            py.PyLong_FromUnsignedLongLong(item.index),
            py.PyUnicode_DecodeFSDefaultAndSize(name.ptr, @intCast(name.len)),
        });
        if (!append(out, t)) {
            py.Py_DecRef(out);
            return null;
        }
    }
    return out;
}

/// if_nametoindex(name) -> index; str, bytes or path-like.
pub fn if_nametoindex(_: Obj, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (nargs != 1 and py.atLeast(3, 13)) {
        // 3.13 takes it as a one-argument function (METH_O), whose message
        // names the module.
        const msg = py.PyUnicode_FromFormat("pysock._core.if_nametoindex() takes exactly one argument (%zd given)", nargs) orelse return null;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return null;
    }
    if (!args.count("if_nametoindex", nargs, 1, 1)) return null;
    var name: ?*py.PyObject = null;
    if (py.PyUnicode_FSConverter(argv[0], &name) == 0) return null;
    defer py.Py_DecRef(name);
    const p = py.PyBytes_AsString(name.?) orelse return null;
    var index: u32 = 0;
    var err: abi.Error = .{};
    if (state.vt.if_nametoindex.?(@ptrCast(p), &index, &err) != 0) return errors.raise(&err);
    return py.PyLong_FromUnsignedLongLong(index);
}

/// if_indextoname(index) -> name. Like the stdlib: an int (no __index__),
/// read as a C unsigned long, then cut to the C unsigned int the call takes.
/// (Where the stdlib raises SystemError for the largest unsigned long, a
/// CPython bug, bpo-37013, the lookup of the cut index runs instead.)
pub fn if_indextoname(_: Obj, arg: *py.PyObject) callconv(.c) Obj {
    if (!py.PyLong_Check(arg)) return errors.typeError("an integer is required");
    const v = py.PyLong_AsUnsignedLong(arg);
    if (v == std.math.maxInt(c_ulong) and py.PyErr_Occurred() != null) return null;
    // 3.13 refuses indexes beyond 32 bits; earlier versions cut them to 32.
    if (py.atLeast(3, 13) and v > std.math.maxInt(u32)) return errors.overflowError("index is too large");
    var buf: [256]u8 = undefined;
    var err: abi.Error = .{};
    if (state.vt.if_indextoname.?(@truncate(v), &buf, buf.len, &err) != 0) return errors.raise(&err);
    const name = std.mem.sliceTo(&buf, 0);
    return py.PyUnicode_DecodeFSDefaultAndSize(name.ptr, @intCast(name.len));
}
