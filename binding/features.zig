//! Optional vtable entries and the Python names that need them. Where a
//! backend leaves an entry null, the socket type is made without those
//! methods and the package removes those functions after loading, so
//! `hasattr` answers as the stdlib does on a platform without the feature
//! (Windows has no sendmsg, for instance).
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");

const Feature = struct {
    /// The optional `abi.Vtable` field.
    entry: []const u8,
    /// `_core.socket` methods that call it.
    methods: []const [*:0]const u8 = &.{},
    /// `_core` module functions that call it.
    functions: []const [*:0]const u8 = &.{},
    /// Other optional entries the same names call (all must be present).
    also: []const []const u8 = &.{},
    /// A constant the names also need: absent from the backend's table,
    /// they are removed too (the stdlib has sendmsg_afalg only where the
    /// headers define AF_ALG's control messages).
    constant: ?[]const u8 = null,
};

/// Add a row when a binding entry point starts using an optional entry.
/// Each name appears in one row only.
const features = [_]Feature{
    .{ .entry = "sendmsg", .methods = &.{"sendmsg"}, .also = &.{ "cmsg_size", "cmsg_build" } },
    .{ .entry = "sendmsg", .methods = &.{"sendmsg_afalg"}, .also = &.{ "cmsg_size", "cmsg_build" }, .constant = "ALG_SET_OP" },
    .{ .entry = "recvmsg", .methods = &.{ "recvmsg", "recvmsg_into" }, .also = &.{"cmsg_next"} },
    .{ .entry = "cmsg_size", .functions = &.{ "CMSG_LEN", "CMSG_SPACE" } },
    .{ .entry = "getnameinfo", .functions = &.{"getnameinfo"} },
    .{ .entry = "host_by_name", .functions = &.{"gethostbyname_ex"} },
    .{ .entry = "host_by_addr", .functions = &.{"gethostbyaddr"} },
    .{ .entry = "serv_by_name", .functions = &.{"getservbyname"} },
    .{ .entry = "serv_by_port", .functions = &.{"getservbyport"} },
    .{ .entry = "proto_by_name", .functions = &.{"getprotobyname"} },
    .{ .entry = "sethostname", .functions = &.{"sethostname"} },
    .{ .entry = "if_nameindex", .functions = &.{"if_nameindex"} },
    .{ .entry = "if_nametoindex", .functions = &.{"if_nametoindex"} },
    .{ .entry = "if_indextoname", .functions = &.{"if_indextoname"} },
    .{ .entry = "ioctl", .methods = &.{"ioctl"} },
    .{ .entry = "share", .methods = &.{"share"} },
    .{ .entry = "fromshare", .functions = &.{"fromshare"} },
    .{ .entry = "tcp_info", .methods = &.{"_tcp_info"} },
    // Control data is optional: a backend without cmsg entries sends none
    // and receives none (batch_send.zig, messages.zig).
    .{ .entry = "recvmmsg", .methods = &.{ "recvmmsg", "recvmmsg_into" } },
    .{ .entry = "sendmmsg", .methods = &.{"sendmmsg"} },
    .{ .entry = "transmit_file", .methods = &.{"_transmitfile"} },
};

/// _unavailable() -> [function names] whose backend entry is null. (Socket
/// methods of such entries are never added: see methodAvailable.)
pub fn unavailable(_: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) ?*py.PyObject {
    if (!state.loaded()) return null;
    const functions = py.PyList_New(0) orelse return null;
    inline for (features) |feature| {
        if (!present(feature) and !appendAll(functions, feature.functions)) {
            py.Py_DecRef(functions);
            return null;
        }
    }
    return functions;
}

/// False when `name` is a socket method whose backend entry is missing; the
/// socket type is created without it (the loaded backend must be installed).
pub fn methodAvailable(name: [*:0]const u8) bool {
    inline for (features) |feature| {
        inline for (feature.methods) |method| {
            if (std.mem.orderZ(u8, method, name) == .eq) return present(feature);
        }
    }
    return true;
}

fn present(comptime feature: Feature) bool {
    if (@field(state.vt.*, feature.entry) == null) return false;
    inline for (feature.also) |entry| {
        if (@field(state.vt.*, entry) == null) return false;
    }
    const name = feature.constant orelse return true;
    for (state.vt.constants[0..state.vt.constant_count]) |c| {
        if (std.mem.eql(u8, std.mem.span(c.name), name)) return true;
    }
    return false;
}

fn appendAll(list: *py.PyObject, names: []const [*:0]const u8) bool {
    for (names) |name| {
        const s = py.PyUnicode_FromString(name) orelse return false;
        defer py.Py_DecRef(s);
        if (py.PyList_Append(list, s) != 0) return false;
    }
    return true;
}

comptime {
    // Every row must name an optional entry of the vtable.
    for (features) |feature| {
        for ([_][]const u8{feature.entry} ++ feature.also) |entry| {
            if (@typeInfo(@FieldType(abi.Vtable, entry)) != .optional)
                @compileError("features: " ++ entry ++ " is not an optional vtable entry");
        }
    }
}
