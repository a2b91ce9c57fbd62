//! The module-level functions of `_core` that need the backend: constants,
//! default timeout, descriptor helpers, address text conversion, names.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const audit = @import("audit.zig");
const resolver = @import("resolver.zig");

const Obj = ?*py.PyObject;
const Argv = [*]const *py.PyObject;

/// constants() -> {name: value}: the backend's table, in its order. A dict,
/// not a list of pairs: the package puts it into its namespace as it is,
/// with no tuple per constant to build and unpack at import.
pub fn constants(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    if (!state.loaded()) return null;
    const vt = state.vt;
    const table = py.PyDict_New() orelse return null;
    for (vt.constants[0..vt.constant_count]) |c| {
        if (!setItem(table, c.name, py.PyLong_FromLongLong(c.value))) return dropped(table);
    }
    for (vt.string_constants[0..vt.string_constant_count]) |c| {
        if (!setItem(table, c.name, py.PyUnicode_FromString(c.value))) return dropped(table);
    }
    return table;
}

/// table[name] = value, taking over the reference to value.
fn setItem(table: *py.PyObject, name: [*:0]const u8, value: Obj) bool {
    const v = value orelse return false;
    defer py.Py_DecRef(v);
    // Interned, as the names the compiler makes are: module lookups compare by identity.
    const key = py.PyUnicode_InternFromString(name) orelse return false;
    defer py.Py_DecRef(key);
    return py.PyDict_SetItem(table, key, v) == 0;
}

/// _error_table() -> {code: message} for the platform's documented socket
/// error codes (Windows' errorTab); empty where the backend lists none.
pub fn error_table(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    if (!state.loaded()) return null;
    const vt = state.vt;
    const table = py.PyDict_New() orelse return null;
    for (vt.socket_error_codes[0..vt.socket_error_code_count]) |code| {
        var buf: [512]u8 = undefined;
        vt.strerror(.winsock, code, &buf, buf.len);
        const key = py.PyLong_FromLong(code) orelse return dropped(table);
        defer py.Py_DecRef(key);
        const text = py.PyUnicode_DecodeUTF8(&buf, @intCast(std.mem.indexOfScalar(u8, &buf, 0) orelse 0), "replace") orelse return dropped(table);
        defer py.Py_DecRef(text);
        if (py.PyDict_SetItem(table, key, text) != 0) return dropped(table);
    }
    return table;
}

fn dropped(obj: *py.PyObject) Obj {
    py.Py_DecRef(obj);
    return null;
}

pub fn getdefaulttimeout(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return args.timeoutToPython(state.default_timeout_ns);
}

pub fn setdefaulttimeout(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    state.default_timeout_ns = args.timeoutNs(arg) orelse return null;
    return py.none();
}

/// socketpair(family, type, proto) -> (handle, handle); the package wraps them.
pub fn socketpair(_: ?*py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("socketpair", nargs, 3, 3)) return null;
    const pair = state.vt.socketpair orelse return errors.osError("socketpair is not available on this platform");
    const family = args.toInt(i32, argv[0]) orelse return null;
    const kind = args.toInt(i32, argv[1]) orelse return null;
    const proto = args.toInt(i32, argv[2]) orelse return null;
    var out: [2]abi.Handle = undefined;
    var err: abi.Error = .{};
    if (pair(family, kind, proto, &out, &err) != 0) return errors.raise(&err);
    return errors.pack(.{ py.PyLong_FromLongLong(out[0]), py.PyLong_FromLongLong(out[1]) });
}

pub fn dup(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const h = args.toInt(i64, arg) orelse return null;
    var out: abi.Handle = abi.invalid_handle;
    var err: abi.Error = .{};
    if (state.vt.dup(h, &out, &err) != 0) return errors.raise(&err);
    return py.PyLong_FromLongLong(out);
}

/// _get_inheritable(fd) -> bool. The socket class's get_inheritable() passes
/// its fileno(), as the stdlib's socket.py passes it to os.get_inheritable
/// (so the base type, like _socket.socket, has no such method).
pub fn get_inheritable(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const h = args.toInt(i64, arg) orelse return null;
    var on: c_int = 0;
    var err: abi.Error = .{};
    if (state.vt.get_inheritable(h, &on, &err) != 0) return errors.raise(&err);
    return py.PyBool_FromLong(on);
}

/// _set_inheritable(fd, inheritable), for socket.set_inheritable(). The flag
/// is parsed as the os function the stdlib calls parses it: a C int for
/// descriptors (os.set_inheritable), any truth value for OS handles
/// (os.set_handle_inheritable).
pub fn set_inheritable(_: ?*py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("_set_inheritable", nargs, 2, 2)) return null;
    const h = args.toInt(i64, argv[0]) orelse return null;
    const flag = if (state.vt.capabilities & abi.cap_handle_inheritance != 0) switch (py.PyObject_IsTrue(argv[1])) {
        0, 1 => |v| v,
        else => return null,
    } else args.toCInt(argv[1]) orelse return null;
    var err: abi.Error = .{};
    if (state.vt.set_inheritable(h, @intFromBool(flag != 0), &err) != 0) return errors.raise(&err);
    return py.none();
}

pub fn close(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const h = args.toInt(i64, arg) orelse return null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.close(h, &err);
    py.PyEval_RestoreThread(ts);
    if (r != 0) return errors.raise(&err);
    return py.none();
}

/// The UTF-8 text of a str argument, refusing other types with the stdlib's
/// message ("inet_aton() argument 1 must be str, not bytes").
pub fn strArg(comptime func: []const u8, comptime pos: []const u8, obj: *py.PyObject) ?[:0]const u8 {
    if (!py.PyUnicode_Check(obj)) {
        args.setArgTypeName(func ++ "() argument" ++ pos ++ " must be str, not %.50s", obj);
        return null;
    }
    var n: py.Py_ssize_t = 0;
    const p = py.PyUnicode_AsUTF8AndSize(obj, &n) orelse return null;
    const s = p[0..@intCast(n) :0];
    if (std.mem.indexOfScalar(u8, s, 0) != null) {
        _ = errors.valueError("embedded null character");
        return null;
    }
    return s;
}

pub fn inet_aton(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    // 3.13 dropped the position from this message (a one-argument function).
    const text = (if (py.atLeast(3, 13)) strArg("inet_aton", "", arg) else strArg("inet_aton", " 1", arg)) orelse return null;
    var out: [4]u8 = undefined;
    if (state.vt.inet_aton(text.ptr, &out) != 1) return errors.osError("illegal IP address string passed to inet_aton");
    return py.PyBytes_FromStringAndSize(&out, 4);
}

pub fn inet_ntoa(_: ?*py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    var view: py.Py_buffer = undefined;
    if (!args.readBuffer(arg, &view)) return null;
    defer py.PyBuffer_Release(&view);
    const b = args.viewBytes(&view);
    if (b.len != 4) return errors.osError("packed IP wrong length for inet_ntoa");
    var raw: [16]u8 = @splat(0);
    @memcpy(raw[0..4], b);
    return address.ntop(state.af_inet, &raw);
}

pub fn inet_pton(_: ?*py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("inet_pton", nargs, 2, 2)) return null;
    const family = args.toInt(i32, argv[0]) orelse return null;
    const text = strArg("inet_pton", " 2", argv[1]) orelse return null;
    var out: [16]u8 = undefined;
    var err: abi.Error = .{};
    const r = state.vt.inet_pton(family, text.ptr, &out, &err);
    if (r < 0) return errors.raise(&err);
    if (r == 0) return errors.osError("illegal IP address string passed to inet_pton");
    const size: isize = if (family == state.af_inet6) 16 else 4;
    return py.PyBytes_FromStringAndSize(&out, size);
}

pub fn inet_ntop(_: ?*py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("inet_ntop", nargs, 2, 2)) return null;
    const family = args.toInt(i32, argv[0]) orelse return null;
    var view: py.Py_buffer = undefined;
    if (!args.readBuffer(argv[1], &view)) return null;
    defer py.PyBuffer_Release(&view);
    const b = args.viewBytes(&view);
    const want: usize = if (family == state.af_inet) 4 else if (family == state.af_inet6) 16 else {
        const msg = py.PyUnicode_FromFormat("unknown address family %d", family) orelse return null;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_ValueError, msg);
        return null;
    };
    if (b.len != want) return errors.valueError("invalid length of packed IP address string");
    var raw: [16]u8 = @splat(0);
    @memcpy(raw[0..want], b);
    return address.ntop(family, &raw);
}

pub fn gethostname(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    if (!audit.raise("socket.gethostname", .{})) return null;
    var buf: [1025]u8 = undefined;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.gethostname(&buf, buf.len - 1, &err);
    py.PyEval_RestoreThread(ts);
    if (r != 0) return errors.raise(&err);
    buf[buf.len - 1] = 0;
    const n = std.mem.indexOfScalar(u8, &buf, 0).?;
    return py.PyUnicode_DecodeFSDefaultAndSize(&buf, @intCast(n));
}

/// getaddrinfo(host, port, family, type, proto, flags[, timeout]) ->
/// [(family, type, proto, canonname, sockaddr)] with plain ints; the package
/// makes enums. The timeout is pysock's own (resolver.zig); without it, or
/// None, this is the stdlib's blocking call.
pub fn getaddrinfo(_: ?*py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getaddrinfo", nargs, 6, 7)) return null;
    // The stdlib converts the four ints before it looks at host and port.
    const family = args.toInt(c_int, argv[2]) orelse return null;
    const socktype = args.toInt(c_int, argv[3]) orelse return null;
    const proto = args.toInt(c_int, argv[4]) orelse return null;
    const flags = args.toInt(c_int, argv[5]) orelse return null;
    var host_owned: ?*py.PyObject = null;
    defer py.Py_DecRef(host_owned);
    var host: ?[*:0]const u8 = null;
    if (argv[0] != py.Py_None()) {
        if (py.PyUnicode_Check(argv[0])) {
            host_owned = py.PyUnicode_AsEncodedString(argv[0], "idna", null) orelse return null;
        } else if (py.PyBytes_Check(argv[0])) {
            host_owned = py.newRef(argv[0]);
        } else {
            return errors.typeError("getaddrinfo() argument 1 must be string or None");
        }
        host = @ptrCast(py.PyBytes_AsString(host_owned.?) orelse return null);
    }
    var port: ?[*:0]const u8 = null;
    var port_buf: [24]u8 = undefined;
    var port_text: ?*py.PyObject = null;
    defer py.Py_DecRef(port_text);
    // Only an exact int is a port number (not bool, not an int subclass).
    if (py.PyLong_CheckExact(argv[1]) and py.atLeast(3, 12)) {
        // 3.12 passes any int as its decimal text; 3.11 wants a C long.
        port_text = py.PyObject_Str(argv[1]) orelse return null;
        port = py.PyUnicode_AsUTF8AndSize(port_text.?, null) orelse return null;
    } else if (py.PyLong_CheckExact(argv[1])) {
        const v = py.PyLong_AsLong(argv[1]);
        if (v == -1 and py.PyErr_Occurred() != null) return null;
        const text = std.fmt.bufPrint(port_buf[0 .. port_buf.len - 1], "{d}", .{v}) catch unreachable;
        port_buf[text.len] = 0;
        port = @ptrCast(&port_buf);
    } else if (py.PyUnicode_Check(argv[1])) {
        port = py.PyUnicode_AsUTF8AndSize(argv[1], null) orelse return null;
    } else if (py.PyBytes_Check(argv[1])) {
        port = @ptrCast(py.PyBytes_AsString(argv[1]) orelse return null);
    } else if (argv[1] != py.Py_None()) {
        return errors.osError("Int or String expected");
    }
    // Judged as settimeout judges it, once the stdlib's own arguments passed.
    const timeout_ns: i64 = if (nargs == 7) args.timeoutNs(argv[6]) orelse return null else -1;
    if (timeout_ns >= 0 and !resolver.available()) return null;
    if (!audit.raise("socket.getaddrinfo", .{
        py.newRef(argv[0]),             py.newRef(argv[1]),            py.PyLong_FromLong(family),
        py.PyLong_FromLong(socktype), py.PyLong_FromLong(proto),
    })) return null;
    if (timeout_ns >= 0) return resolver.lookup(host, port, family, socktype, proto, flags, timeout_ns);

    var list: ?*anyopaque = null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.getaddrinfo(host, port, family, socktype, proto, flags, &list, &err);
    py.PyEval_RestoreThread(ts);
    if (r != 0) return errors.raise(&err);
    return addrinfoList(list.?);
}

/// The Python list of a backend's getaddrinfo result, which it gives back
/// (freeaddrinfo) whether or not the conversion succeeds.
pub fn addrinfoList(list: *anyopaque) Obj {
    defer state.vt.freeaddrinfo(list);
    const out = py.PyList_New(0) orelse return null;
    var item: ?*anyopaque = list;
    while (item) |it| {
        var e: abi.AddrInfoEntry = undefined;
        item = state.vt.addrinfo_next(it, &e);
        const addr = if (e.addr) |a| address.toPython(a, e.addrlen, e.protocol) else py.none();
        const canon = if (e.canonname) |c| py.PyUnicode_FromString(c) else py.PyUnicode_FromString("");
        const t = errors.pack(.{ py.PyLong_FromLong(e.family), py.PyLong_FromLong(e.socktype), py.PyLong_FromLong(e.protocol), canon, addr }) orelse {
            py.Py_DecRef(out);
            return null;
        };
        defer py.Py_DecRef(t);
        if (py.PyList_Append(out, t) != 0) {
            py.Py_DecRef(out);
            return null;
        }
    }
    return out;
}
