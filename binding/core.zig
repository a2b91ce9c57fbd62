//! `pysock._core`: the CPython extension module (stable ABI 3.11+). It loads a
//! backend through the vtable and exposes the socket type and the module
//! functions that need the OS. Nothing in this binding knows which OS it is on.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const dynlib = @import("dynlib.zig");
const socket = @import("socket.zig");
const functions = @import("functions.zig");
const features = @import("features.zig");
const messages = @import("messages.zig");
const names = @import("names.zig");
const audit = @import("audit.zig");
const capi = @import("capi.zig");
const control = @import("control.zig");
const byteorder = @import("byteorder.zig");
const tcp_info = @import("tcp_info.zig");

/// _load(path, ewouldblock, ebadf, enotsock) -> (platform, abi_version, capabilities)
/// The errno values are the running Python's (module errno).
fn load(module: ?*py.PyObject, argv: [*]const *py.PyObject, nargs: isize) callconv(.c) ?*py.PyObject {
    if (!args.count("_load", nargs, 4, 4)) return null;
    var size: py.Py_ssize_t = 0;
    const path = py.PyUnicode_AsUTF8AndSize(argv[0], &size) orelse return null;
    state.ewouldblock = args.toInt(i32, argv[1]) orelse return null;
    state.ebadf = args.toInt(i32, argv[2]) orelse return null;
    state.enotsock = args.toInt(i32, argv[3]) orelse return null;
    const entry_addr = dynlib.openSymbol(path[0..@intCast(size) :0], abi.entry_symbol) orelse
        return importError("pysock: cannot load backend library %s (or it lacks " ++ abi.entry_symbol ++ ")", argv[0], 0, 0);
    const entry: abi.EntryFn = @ptrCast(@alignCast(entry_addr));
    const table = entry();
    if (table.abi_version != abi.abi_version)
        return importError("pysock: backend %s has ABI version %u, this binding needs version %u", argv[0], table.abi_version, abi.abi_version);
    if (table.struct_size < @sizeOf(abi.Vtable))
        return importError("pysock: backend %s has a vtable of %u bytes, this binding needs %u", argv[0], table.struct_size, @sizeOf(abi.Vtable));
    var err: abi.Error = .{};
    if (table.init(&err) != 0) {
        state.vt = table;
        return errors.raise(&err);
    }
    state.install(table);
    if (!addSocketType(module orelse return null)) return null;
    return errors.pack(.{
        py.PyUnicode_FromString(table.platform),
        py.PyLong_FromLong(@intCast(table.abi_version)),
        py.PyLong_FromUnsignedLongLong(table.capabilities),
    });
}

fn importError(comptime fmt: [*:0]const u8, path: *py.PyObject, a: u32, b: u32) ?*py.PyObject {
    const msg = py.PyUnicode_FromFormat(fmt, py.PyUnicode_AsUTF8AndSize(path, null), a, b) orelse return null;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_ImportError, msg);
    return null;
}

const fast = py.METH_FASTCALL;
fn f(name: [*:0]const u8, func: anytype, flags: c_int, doc: [*:0]const u8) py.PyMethodDef {
    return .{ .ml_name = name, .ml_meth = @ptrCast(&func), .ml_flags = flags, .ml_doc = doc };
}

const module_functions = [_]py.PyMethodDef{
    f("_load", load, fast, "_load(path, ewouldblock, ebadf, enotsock) -> (platform, abi_version, capabilities)"),
    f("_unavailable", features.unavailable, py.METH_NOARGS, "_unavailable() -> (methods, functions) the backend lacks"),
    f("_error_table", functions.error_table, py.METH_NOARGS, "_error_table() -> {code: message} (Windows' errorTab)"),
    f("constants", functions.constants, py.METH_NOARGS, "constants() -> {name: value} from the backend's headers"),
    f("getdefaulttimeout", functions.getdefaulttimeout, py.METH_NOARGS, "getdefaulttimeout() -> timeout"),
    f("setdefaulttimeout", functions.setdefaulttimeout, py.METH_O, "setdefaulttimeout(timeout)"),
    f("socketpair", functions.socketpair, fast, "socketpair(family, type, proto) -> (fd, fd)"),
    f("dup", functions.dup, py.METH_O, "dup(fd) -> fd"),
    f("close", functions.close, py.METH_O, "close(fd)"),
    f("_get_inheritable", functions.get_inheritable, py.METH_O, "_get_inheritable(fd) -> bool"),
    f("_set_inheritable", functions.set_inheritable, fast, "_set_inheritable(fd, inheritable)"),
    f("htons", byteorder.htons, fast, "htons(integer) -> integer\n\nConvert a 16-bit unsigned integer from host to network byte order."),
    f("ntohs", byteorder.ntohs, fast, "ntohs(integer) -> integer\n\nConvert a 16-bit unsigned integer from network to host byte order."),
    f("htonl", byteorder.htonl, py.METH_O, "htonl(integer) -> integer\n\nConvert a 32-bit integer from host to network byte order."),
    f("ntohl", byteorder.ntohl, py.METH_O, "ntohl(integer) -> integer\n\nConvert a 32-bit integer from network to host byte order."),
    f("inet_aton", functions.inet_aton, py.METH_O, "inet_aton(string) -> bytes"),
    f("inet_ntoa", functions.inet_ntoa, py.METH_O, "inet_ntoa(packed_ip) -> str"),
    f("inet_pton", functions.inet_pton, fast, "inet_pton(af, ip) -> bytes"),
    f("inet_ntop", functions.inet_ntop, fast, "inet_ntop(af, packed_ip) -> str"),
    f("gethostname", functions.gethostname, py.METH_NOARGS, "gethostname() -> str"),
    f("getaddrinfo", functions.getaddrinfo, fast, "getaddrinfo(host, port, family, type, proto, flags[, timeout]) -> list"),
    f("CMSG_LEN", messages.CMSG_LEN, fast | py.METH_KEYWORDS, "CMSG_LEN(length) -> control message length"),
    f("CMSG_SPACE", messages.CMSG_SPACE, fast | py.METH_KEYWORDS, "CMSG_SPACE(length) -> buffer size"),
    f("getnameinfo", names.getnameinfo, fast, "getnameinfo(sockaddr, flags) -> (host, port)"),
    f("gethostbyname", names.gethostbyname, fast, "gethostbyname(host) -> address"),
    f("gethostbyname_ex", names.gethostbyname_ex, fast, "gethostbyname_ex(host) -> (name, aliaslist, addresslist)"),
    f("gethostbyaddr", names.gethostbyaddr, fast, "gethostbyaddr(host) -> (name, aliaslist, addresslist)"),
    f("getservbyname", names.getservbyname, fast, "getservbyname(servicename[, protocolname]) -> integer"),
    f("getservbyport", names.getservbyport, fast, "getservbyport(port[, protocolname]) -> string"),
    f("getprotobyname", names.getprotobyname, fast, "getprotobyname(name) -> integer"),
    f("sethostname", names.sethostname, fast, "sethostname(name)"),
    f("if_nameindex", names.if_nameindex, py.METH_NOARGS, "if_nameindex() -> [(index, name)]"),
    f("if_nametoindex", names.if_nametoindex, fast, "if_nametoindex(if_name) -> index"),
    f("if_indextoname", names.if_indextoname, py.METH_O, "if_indextoname(if_index) -> name"),
    f("fromshare", control.fromshare, py.METH_O, "fromshare(data) -> (handle, family, type, proto)"),
    f("_tcp_info_layout", tcp_info.layout, py.METH_NOARGS, "_tcp_info_layout() -> (fields, shared fields, {state name: value})"),
    .{ .ml_name = null, .ml_meth = null, .ml_flags = 0, .ml_doc = null },
};

var module_def = py.PyModuleDef{
    .m_base = .{ .ob_base = .{ .ob_refcnt = 1, .ob_type = null }, .m_init = null, .m_index = 0, .m_copy = null },
    .m_name = "pysock._core",
    .m_doc = "The CPython binding of pysock: socket objects over a platform backend.",
    .m_size = -1,
    .m_methods = &module_functions,
    .m_slots = null,
    .m_traverse = null,
    .m_clear = null,
    .m_free = null,
};

export fn PyInit__core() callconv(.c) ?*py.PyObject {
    const mod = py.PyModule_Create2(&module_def, py.PYTHON_ABI_VERSION) orelse return null;
    if (!audit.capture()) return fail(mod);
    state.herror = sharedException("herror") orelse return fail(mod);
    state.gaierror = sharedException("gaierror") orelse return fail(mod);
    if (py.PyModule_AddObjectRef(mod, "herror", state.herror) != 0) return fail(mod);
    if (py.PyModule_AddObjectRef(mod, "gaierror", state.gaierror) != 0) return fail(mod);
    return mod;
}

/// The stdlib's own class (`_socket.herror`, `_socket.gaierror`), so that
/// `except socket.gaierror` catches pysock's errors and the other way round
/// in a program that mixes both modules. Only a CPython built without
/// `_socket` gets classes of pysock's own.
fn sharedException(comptime name: [:0]const u8) ?*py.PyObject {
    if (py.PyImport_ImportModule("_socket")) |stdlib| {
        defer py.Py_DecRef(stdlib);
        return py.PyObject_GetAttrString(stdlib, name);
    }
    if (py.PyErr_ExceptionMatches(py.PyExc_ImportError) == 0) return null;
    py.PyErr_Clear();
    return py.PyErr_NewException("socket." ++ name, py.PyExc_OSError, null);
}

/// `socket`, `SocketType` and `CAPI`: the type is made once the backend is
/// known, since an immutable type cannot lose the methods it lacks later.
fn addSocketType(mod: *py.PyObject) bool {
    const sock_type = socket.createType() orelse return false;
    defer py.Py_DecRef(sock_type);
    return py.PyModule_AddObjectRef(mod, "socket", sock_type) == 0 and
        py.PyModule_AddObjectRef(mod, "SocketType", sock_type) == 0 and
        capi.add(mod, sock_type);
}

fn fail(mod: *py.PyObject) ?*py.PyObject {
    py.Py_DecRef(mod);
    return null;
}
