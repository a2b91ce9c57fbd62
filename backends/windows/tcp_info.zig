//! socket.tcp_info() on Windows: WSAIoctl(SIO_TCP_INFO) with the version
//! wanted as input fills TCP_INFO_v1 (Windows 10 1809 and later) or
//! TCP_INFO_v0 (1703 and later). Version 1 is asked first, version 0 when
//! it is refused; v0 is v1's beginning, so the fields of v1 alone are
//! absent after a v0 answer (its length is v0's). The layouts are the
//! mingw-w64 header's (mstcpip.h), which translate-c translates whole.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const layout = @import("shared").tcp_info;
const errors = @import("errors.zig");
const handle = @import("handle.zig");

const V0 = sys.TCP_INFO_v0;
const V1 = sys.TCP_INFO_v1;

const members = layout.membersOfStruct(V1);
comptime {
    layout.checkCoverage("TCP_INFO_v1", members, @sizeOf(V1), @alignOf(V1));
    if (@sizeOf(V1) > abi.max_tcp_info) @compileError("TCP_INFO_v1 is larger than abi.max_tcp_info");
    // Every member of v0 is v1's, at the same place: a v0 answer is a v1
    // cut at @sizeOf(V0).
    for (@typeInfo(V0).@"struct".field_names) |name| {
        if (!@hasField(V1, name) or @offsetOf(V0, name) != @offsetOf(V1, name) or @sizeOf(@FieldType(V0, name)) != @sizeOf(@FieldType(V1, name)))
            @compileError("TCP_INFO_v0." ++ name ++ " is not where TCP_INFO_v1 has it");
    }
}
pub const fields = layout.fields(members, @sizeOf(V1));

/// Windows reports no RTT variance, no retransmitted segment count (only
/// bytes, BytesRetrans), one MSS, and bytes sent rather than acknowledged.
pub const common = layout.common(fields, &.{
    .{ .name = "state", .member = "State" },
    .{ .name = "rtt_us", .member = "RttUs" },
    .{ .name = "snd_cwnd", .member = "Cwnd" },
    .{ .name = "snd_mss", .member = "Mss" },
    .{ .name = "bytes_received", .member = "BytesIn" },
});

pub const states = layout.states(sys, &.{
    .{ .name = "CLOSED", .decl = "TCPSTATE_CLOSED" },           .{ .name = "LISTEN", .decl = "TCPSTATE_LISTEN" },
    .{ .name = "SYN_SENT", .decl = "TCPSTATE_SYN_SENT" },       .{ .name = "SYN_RECEIVED", .decl = "TCPSTATE_SYN_RCVD" },
    .{ .name = "ESTABLISHED", .decl = "TCPSTATE_ESTABLISHED" }, .{ .name = "FIN_WAIT_1", .decl = "TCPSTATE_FIN_WAIT_1" },
    .{ .name = "FIN_WAIT_2", .decl = "TCPSTATE_FIN_WAIT_2" },   .{ .name = "CLOSE_WAIT", .decl = "TCPSTATE_CLOSE_WAIT" },
    .{ .name = "CLOSING", .decl = "TCPSTATE_CLOSING" },         .{ .name = "LAST_ACK", .decl = "TCPSTATE_LAST_ACK" },
    .{ .name = "TIME_WAIT", .decl = "TCPSTATE_TIME_WAIT" },
});

const sio_tcp_info: sys.DWORD = sys.SIO_TCP_INFO;

/// The vtable's `tcp_info`. The buffer is zeroed first; the length is the
/// byte count WSAIoctl reports, clamped to the struct asked for.
pub fn read(h: abi.Handle, buf: [*]u8, len: *usize, err: *abi.Error) callconv(.c) c_int {
    const capacity = @min(len.*, abi.max_tcp_info);
    @memset(buf[0..capacity], 0);
    const s = handle.toSocket(h);
    var code: i32 = 0;
    for ([_]struct { version: sys.DWORD, size: usize }{ .{ .version = 1, .size = @sizeOf(V1) }, .{ .version = 0, .size = @sizeOf(V0) } }) |ask| {
        const size = @min(ask.size, capacity);
        var version: sys.DWORD = ask.version;
        var returned: sys.DWORD = 0;
        if (sys.WSAIoctl(s, sio_tcp_info, &version, @sizeOf(sys.DWORD), buf, @intCast(size), &returned, null, null) != sys.SOCKET_ERROR) {
            len.* = @min(@as(usize, returned), size);
            return 0;
        }
        code = sys.WSAGetLastError();
        // The bytes of a refused version must not pass for the other's.
        @memset(buf[0..capacity], 0);
    }
    return errors.winsock(err, code);
}
