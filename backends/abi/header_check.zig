//! Compile-time proof that pysock_backend.h says what vtable.zig says.
//!
//! tests/test_abi_header.py translates the C header for a target (module
//! `header`) and compiles this file for that target next to vtable.zig
//! (module `abi`); any difference in field order, offsets, sizes, function
//! arity or constants is a compile error.
const std = @import("std");
const abi = @import("abi");
const header = @import("header");

comptime {
    @setEvalBranchQuota(1_000_000);
    sameStruct(abi.Error, header.pysock_error);
    sameStruct(abi.Address, header.pysock_address);
    sameStruct(abi.Constant, header.pysock_constant);
    sameStruct(abi.StringConstant, header.pysock_string_constant);
    sameStruct(abi.AddrInfoEntry, header.pysock_addrinfo_entry);
    sameStruct(abi.Buffer, header.pysock_buffer);
    sameStruct(abi.Ancillary, header.pysock_ancillary);
    sameStruct(abi.Message, header.pysock_message);
    sameStruct(abi.Interface, header.pysock_interface);
    sameStruct(abi.HostEntry, header.pysock_host_entry);
    sameStruct(abi.TcpInfoField, header.pysock_tcp_info_field);
    sameStruct(abi.TcpInfoCommon, header.pysock_tcp_info_common);
    sameStruct(abi.Vtable, header.pysock_vtable);
    sameSize(abi.Handle, header.pysock_handle);
    sameSize(abi.ErrorKind, header.pysock_error_kind);

    same("PYSOCK_ABI_VERSION", abi.abi_version, header.PYSOCK_ABI_VERSION);
    same("PYSOCK_INVALID_HANDLE", abi.invalid_handle, header.PYSOCK_INVALID_HANDLE);
    same("PYSOCK_MAX_NATIVE_ADDR", abi.max_native_addr, header.PYSOCK_MAX_NATIVE_ADDR);
    same("PYSOCK_MAX_TCP_INFO", abi.max_tcp_info, header.PYSOCK_MAX_TCP_INFO);
    same("PYSOCK_ERROR_WOULD_BLOCK", abi.error_would_block, header.PYSOCK_ERROR_WOULD_BLOCK);
    same("PYSOCK_ERROR_INTERRUPTED", abi.error_interrupted, header.PYSOCK_ERROR_INTERRUPTED);
    same("PYSOCK_ERROR_IN_PROGRESS", abi.error_in_progress, header.PYSOCK_ERROR_IN_PROGRESS);
    same("PYSOCK_CAP_IPV6", abi.cap_ipv6, header.PYSOCK_CAP_IPV6);
    same("PYSOCK_CAP_UNIX", abi.cap_unix, header.PYSOCK_CAP_UNIX);
    same("PYSOCK_CAP_SOCKETPAIR", abi.cap_socketpair, header.PYSOCK_CAP_SOCKETPAIR);
    same("PYSOCK_CAP_UNIX_ABSTRACT", abi.cap_unix_abstract, header.PYSOCK_CAP_UNIX_ABSTRACT);
    same("PYSOCK_CAP_WINERROR", abi.cap_winerror, header.PYSOCK_CAP_WINERROR);
    same("PYSOCK_CAP_HANDLE_INHERITANCE", abi.cap_handle_inheritance, header.PYSOCK_CAP_HANDLE_INHERITANCE);
    same("PYSOCK_CAP_TIMEVAL_WAIT", abi.cap_timeval_wait, header.PYSOCK_CAP_TIMEVAL_WAIT);
    same("PYSOCK_CAP_REUSEADDR_SHARES_PORT", abi.cap_reuseaddr_shares_port, header.PYSOCK_CAP_REUSEADDR_SHARES_PORT);
    same("PYSOCK_CAP_BATCH_NATIVE", abi.cap_batch_native, header.PYSOCK_CAP_BATCH_NATIVE);
    same("PYSOCK_MAX_BATCH", abi.max_batch, header.PYSOCK_MAX_BATCH);
    for (@typeInfo(abi.ErrorKind).@"enum".field_names) |name| {
        const macro = "PYSOCK_ERROR_" ++ upper(name);
        same(macro, @intFromEnum(@field(abi.ErrorKind, name)), @field(header, macro));
    }
    sameText("PYSOCK_ENTRY_SYMBOL", abi.entry_symbol, header.PYSOCK_ENTRY_SYMBOL);
}

fn sameStruct(comptime Z: type, comptime C: type) void {
    const z = @typeInfo(Z).@"struct";
    const c = @typeInfo(C).@"struct";
    if (z.field_names.len != c.field_names.len)
        fail("{s}: {d} fields in vtable.zig, {d} in the header", .{ @typeName(Z), z.field_names.len, c.field_names.len });
    for (z.field_names, c.field_names, z.field_types, c.field_types) |zn, cn, zt, ct| {
        if (!std.mem.eql(u8, zn, cn)) fail("{s}: field {s} in vtable.zig, {s} in the header", .{ @typeName(Z), zn, cn });
        if (@offsetOf(Z, zn) != @offsetOf(C, cn)) fail("{s}.{s}: offset {d} vs {d}", .{ @typeName(Z), zn, @offsetOf(Z, zn), @offsetOf(C, cn) });
        if (!sameScalar(zt, ct)) fail("{s}.{s}: {s} vs {s}", .{ @typeName(Z), zn, @typeName(zt), @typeName(ct) });
        if (functionOf(zt)) |zf| sameFunction(@typeName(Z) ++ "." ++ zn, zf, functionOf(ct) orelse
            fail("{s}.{s}: a function pointer only in vtable.zig", .{ @typeName(Z), zn }));
    }
    if (@sizeOf(Z) != @sizeOf(C)) fail("{s}: size {d} vs {d}", .{ @typeName(Z), @sizeOf(Z), @sizeOf(C) });
    if (@alignOf(Z) != @alignOf(C)) fail("{s}: alignment {d} vs {d}", .{ @typeName(Z), @alignOf(Z), @alignOf(C) });
}

fn sameFunction(comptime what: []const u8, comptime z: std.builtin.Type.Fn, comptime c: std.builtin.Type.Fn) void {
    if (z.param_types.len != c.param_types.len) fail("{s}: {d} parameters vs {d}", .{ what, z.param_types.len, c.param_types.len });
    for (z.param_types, c.param_types, 0..) |zp, cp, i| {
        if (!sameScalar(zp.?, cp.?)) fail("{s} parameter {d}: {s} vs {s}", .{ what, i, @typeName(zp.?), @typeName(cp.?) });
    }
    if (!sameScalar(z.return_type.?, c.return_type.?))
        fail("{s} result: {s} vs {s}", .{ what, @typeName(z.return_type.?), @typeName(c.return_type.?) });
}

/// Same size, and the same signedness where both are plain integers.
fn sameScalar(comptime Z: type, comptime C: type) bool {
    if (@sizeOf(Z) != @sizeOf(C)) return false;
    const zi = @typeInfo(Z);
    const ci = @typeInfo(C);
    return !(zi == .int and ci == .int and zi.int.signedness != ci.int.signedness);
}

/// The function type behind a (possibly optional) function pointer type.
fn functionOf(comptime T: type) ?std.builtin.Type.Fn {
    const info = @typeInfo(T);
    if (info == .optional) return functionOf(info.optional.child);
    if (info != .pointer) return null;
    const child = @typeInfo(info.pointer.child);
    return if (child == .@"fn") child.@"fn" else null;
}

fn sameSize(comptime Z: type, comptime C: type) void {
    if (@sizeOf(Z) != @sizeOf(C)) fail("{s}: size {d} vs {d}", .{ @typeName(Z), @sizeOf(Z), @sizeOf(C) });
}

fn same(comptime name: []const u8, comptime z: anytype, comptime c: anytype) void {
    if (@as(i128, z) != @as(i128, c)) fail("{s}: {d} in vtable.zig, {d} in the header", .{ name, z, c });
}

fn sameText(comptime name: []const u8, comptime z: []const u8, comptime c: []const u8) void {
    if (!std.mem.eql(u8, z, c)) fail("{s}: \"{s}\" vs \"{s}\"", .{ name, z, c });
}

fn upper(comptime s: []const u8) []const u8 {
    var out: [s.len]u8 = undefined;
    for (s, &out) |ch, *o| o.* = std.ascii.toUpper(ch);
    const result = out;
    return &result;
}

fn fail(comptime fmt: []const u8, comptime args: anytype) noreturn {
    @compileError("pysock_backend.h disagrees with vtable.zig: " ++ std.fmt.comptimePrint(fmt, args));
}
