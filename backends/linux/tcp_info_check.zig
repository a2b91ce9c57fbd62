//! Compile-time checks of the Linux tcp_info() tables for one target:
//! tests/test_tcp_info_layout.py translates sys.h and tcp_info.h for each
//! Linux target and compiles this file; a failed check is a compile error.
//! Building tcp_info.zig runs its coverage check (every member of the
//! header's struct tcp_info listed); here a few members sit where the UAPI
//! header puts them, the bitfields and the last word included.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const uapi = @import("tcp_uapi");
const tcp_info = @import("tcp_info.zig");

comptime {
    @setEvalBranchQuota(100_000);
    expect("sizeof(struct tcp_info)", uapi.PYSOCK_TCPI_SIZE, 280);
    expect("TCP_INFO", sys.TCP_INFO, 11);
    const f = tcp_info.fields;
    expectField(f, "tcpi_state", 0, 1, 0, 8);
    expectField(f, "tcpi_options", 5, 1, 0, 8);
    expectField(f, "tcpi_snd_wscale", 6, 1, 0, 4);
    expectField(f, "tcpi_rcv_wscale", 6, 1, 4, 4);
    expectField(f, "tcpi_delivery_rate_app_limited", 7, 1, 0, 1);
    expectField(f, "tcpi_fastopen_client_fail", 7, 1, 1, 2);
    expectField(f, "tcpi_rto", 8, 4, 0, 32);
    expectField(f, "tcpi_rtt", 68, 4, 0, 32);
    expectField(f, "tcpi_total_retrans", 100, 4, 0, 32);
    expectField(f, "tcpi_pacing_rate", 104, 8, 0, 64);
    expectField(f, "tcpi_bytes_acked", 120, 8, 0, 64);
    expectField(f, "tcpi_total_rto", 240, 2, 0, 16);
    expectField(f, "tcpi_ecn_mode", 276, 1, 0, 2);
    expectField(f, "tcpi_accecn_fail_mode", 276, 1, 4, 4);
    expectField(f, "tcpi_options2", 276, 4, 8, 24);
    expect("fields", f.len, 72);
    expect("TCP_ESTABLISHED", sys.TCP_ESTABLISHED, 1);
    expect("TCP_LISTEN", sys.TCP_LISTEN, 10);
}

fn expect(comptime what: []const u8, comptime actual: anytype, comptime expected: comptime_int) void {
    if (actual != expected) @compileError(std.fmt.comptimePrint("{s} is {d}, expected {d}", .{ what, actual, expected }));
}

fn expectField(comptime fields: []const abi.TcpInfoField, comptime name: []const u8, comptime offset: u32, comptime size: u8, comptime shift: u8, comptime width: u8) void {
    for (fields) |f| {
        if (!std.mem.eql(u8, std.mem.span(f.name), name)) continue;
        if (f.offset != offset or f.size != size or f.shift != shift or f.width != width)
            @compileError(std.fmt.comptimePrint("{s}: offset {d} size {d} bits {d}+{d}, expected {d} {d} {d}+{d}", .{
                name, f.offset, f.size, f.shift, f.width, offset, size, shift, width,
            }));
        return;
    }
    @compileError("the table lacks " ++ name);
}
