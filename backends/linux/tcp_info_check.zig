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
    abi.expectTcpInfoField(f, "tcpi_state", 0, 1, 0, 8);
    abi.expectTcpInfoField(f, "tcpi_options", 5, 1, 0, 8);
    abi.expectTcpInfoField(f, "tcpi_snd_wscale", 6, 1, 0, 4);
    abi.expectTcpInfoField(f, "tcpi_rcv_wscale", 6, 1, 4, 4);
    abi.expectTcpInfoField(f, "tcpi_delivery_rate_app_limited", 7, 1, 0, 1);
    abi.expectTcpInfoField(f, "tcpi_fastopen_client_fail", 7, 1, 1, 2);
    abi.expectTcpInfoField(f, "tcpi_rto", 8, 4, 0, 32);
    abi.expectTcpInfoField(f, "tcpi_rtt", 68, 4, 0, 32);
    abi.expectTcpInfoField(f, "tcpi_total_retrans", 100, 4, 0, 32);
    abi.expectTcpInfoField(f, "tcpi_pacing_rate", 104, 8, 0, 64);
    abi.expectTcpInfoField(f, "tcpi_bytes_acked", 120, 8, 0, 64);
    abi.expectTcpInfoField(f, "tcpi_total_rto", 240, 2, 0, 16);
    abi.expectTcpInfoField(f, "tcpi_ecn_mode", 276, 1, 0, 2);
    abi.expectTcpInfoField(f, "tcpi_accecn_fail_mode", 276, 1, 4, 4);
    abi.expectTcpInfoField(f, "tcpi_options2", 276, 4, 8, 24);
    expect("fields", f.len, 72);
    expect("TCP_ESTABLISHED", sys.TCP_ESTABLISHED, 1);
    expect("TCP_LISTEN", sys.TCP_LISTEN, 10);
}

fn expect(comptime what: []const u8, comptime actual: anytype, comptime expected: comptime_int) void {
    if (actual != expected) @compileError(std.fmt.comptimePrint("{s} is {d}, expected {d}", .{ what, actual, expected }));
}

