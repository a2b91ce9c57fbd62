//! Compile-time checks of the Windows tcp_info() tables for one target:
//! tests/test_tcp_info_layout.py translates sys.h for each Windows target
//! and compiles this file. Building tcp_info.zig checks that the table
//! covers TCP_INFO_v1 and that v0 is its beginning; here a few members sit
//! where mstcpip.h puts them.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const tcp_info = @import("tcp_info.zig");

comptime {
    @setEvalBranchQuota(100_000);
    expect("sizeof(TCP_INFO_v0)", @sizeOf(sys.TCP_INFO_v0), 88);
    expect("sizeof(TCP_INFO_v1)", @sizeOf(sys.TCP_INFO_v1), 136);
    expect("SIO_TCP_INFO", @as(u32, sys.SIO_TCP_INFO), 0xd8000027);
    const f = tcp_info.fields;
    expectField(f, "State", 0, 4, false); // an enum of non-negative values: unsigned int in the GNU ABI
    expectField(f, "ConnectionTimeMs", 8, 8, false);
    expectField(f, "TimestampsEnabled", 16, 1, false);
    expectField(f, "RttUs", 20, 4, false);
    expectField(f, "BytesIn", 56, 8, false);
    expectField(f, "SynRetrans", 84, 1, false);
    expectField(f, "SndLimTransRwin", 88, 4, false);
    expectField(f, "SndLimBytesSnd", 128, 8, false);
    expect("fields", f.len, 28);
    expect("TCPSTATE_ESTABLISHED", sys.TCPSTATE_ESTABLISHED, 4);
}

fn expect(comptime what: []const u8, comptime actual: anytype, comptime expected: comptime_int) void {
    if (actual != expected) @compileError(std.fmt.comptimePrint("{s} is {d}, expected {d}", .{ what, actual, expected }));
}

fn expectField(comptime fields: []const abi.TcpInfoField, comptime name: []const u8, comptime offset: u32, comptime size: u8, comptime signed: bool) void {
    for (fields) |f| {
        if (!std.mem.eql(u8, std.mem.span(f.name), name)) continue;
        if (f.offset != offset or f.size != size or f.shift != 0 or f.width != 8 * size or f.is_signed != @intFromBool(signed))
            @compileError(std.fmt.comptimePrint("{s}: offset {d} size {d} signed {d}, expected {d} {d} {}", .{ name, f.offset, f.size, f.is_signed, offset, size, signed }));
        return;
    }
    @compileError("the table lacks " ++ name);
}
