//! Batch datagrams (the vtable's recvmmsg and sendmmsg). Winsock has no
//! call that moves several datagrams, so each batch is a loop of
//! WSARecvFrom / WSASendTo calls, one message each (scatter/gather through
//! their WSABUF arrays), with the results the native calls give elsewhere:
//!
//! - only the first message may be waited for. Winsock has no MSG_DONTWAIT,
//!   so before each later message a select() with a zero timeout says
//!   whether one is there; the loop stops at the first "no" or failure
//!   after at least one message, reporting the count.
//! - a datagram longer than its buffers fills them and fails with
//!   WSAEMSGSIZE; that is the message (its buffers' length, MSG_TRUNC in
//!   its flags), as recvmsg reports it on the other platforms.
//! - no ancillary data: Windows' backend has no control-message entries, so
//!   the binding never asks to send any, and none is received
//!   (control_len 0).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");
const connection = @import("connection.zig");
const transfer = @import("transfer.zig");

const H = abi.Handle;
const E = *abi.Error;

/// The most buffers one message may have (Linux's IOV_MAX, whose EMSGSIZE
/// the same request gets there).
const max_buffers = 1024;

pub fn recvmmsg(h: H, msgs: [*]abi.Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize {
    const total = @min(count, abi.max_batch);
    for (msgs[0..total], 0..) |*msg, i| {
        var later: abi.Error = .{};
        if (i > 0 and transfer.wait(h, 0, 0, &later) != 1) return @intCast(i);
        const n = receiveOne(h, msg, flags, if (i == 0) err else &later);
        if (n < 0) return if (i == 0) -1 else @intCast(i);
        lengths[i] = @intCast(n);
    }
    return @intCast(total);
}

pub fn sendmmsg(h: H, msgs: [*]const abi.Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize {
    const total = @min(count, abi.max_batch);
    for (msgs[0..total], 0..) |*msg, i| {
        var later: abi.Error = .{};
        const n = sendOne(h, msg, flags, if (i == 0) err else &later);
        if (n < 0) return if (i == 0) -1 else @intCast(i);
        lengths[i] = @intCast(n);
    }
    return @intCast(total);
}

/// The message's buffers as WSABUFs; null (WSAEMSGSIZE) when there are too
/// many. A buffer longer than a WSABUF can say is cut to what it can (a
/// datagram that long cannot exist).
fn wsaBuffers(msg: *const abi.Message, out: *[max_buffers]sys.WSABUF, err: E) ?[]sys.WSABUF {
    if (msg.buffer_count > max_buffers) {
        _ = errors.winsock(err, sys.WSAEMSGSIZE);
        return null;
    }
    const Len = @FieldType(sys.WSABUF, "len");
    for (msg.buffers[0..msg.buffer_count], out[0..msg.buffer_count]) |b, *w| {
        w.* = .{ .len = @intCast(@min(b.len, std.math.maxInt(Len))), .buf = if (b.len > 0) @ptrCast(b.ptr) else null };
    }
    return out[0..msg.buffer_count];
}

fn receiveOne(h: H, msg: *abi.Message, flags: i32, err: E) isize {
    var store: [max_buffers]sys.WSABUF = undefined;
    const bufs = wsaBuffers(msg, &store, err) orelse return -1;
    var received: sys.DWORD = 0;
    var in_out_flags: sys.DWORD = @bitCast(flags);
    var from_len: c_int = @intCast(if (msg.addr != null) msg.addr_len else 0);
    const from: ?*sys.struct_sockaddr = if (msg.addr) |a| @ptrCast(@alignCast(a)) else null;
    // A connected stream socket leaves the address alone and its length as
    // given (Winsock ignores lpFrom there): zeros then, never old memory, as
    // CPython gets from its zeroed buffer.
    if (msg.addr) |a| @memset(@as([*]u8, @ptrCast(a))[0..msg.addr_len], 0);
    const r = sys.WSARecvFrom(handle.toSocket(h), bufs.ptr, @intCast(bufs.len), &received, &in_out_flags, from, if (from != null) &from_len else null, null, null);
    var truncated = false;
    if (r == sys.SOCKET_ERROR) {
        const code = sys.WSAGetLastError();
        if (code != sys.WSAEMSGSIZE) return errors.winsock(err, code);
        // The buffers hold the datagram's head: all of them are full.
        truncated = true;
        received = 0;
        for (bufs) |b| received +|= b.len;
    }
    msg.addr_len = if (msg.addr != null) connection.clampedLength(from_len, msg.addr_len) else 0;
    msg.msg_flags = if (truncated) sys.MSG_TRUNC else 0;
    msg.control_len = 0;
    return @intCast(received);
}

fn sendOne(h: H, msg: *const abi.Message, flags: i32, err: E) isize {
    if (msg.control_len > 0) return errors.winsock(err, sys.WSAEOPNOTSUPP);
    var store: [max_buffers]sys.WSABUF = undefined;
    const bufs = wsaBuffers(msg, &store, err) orelse return -1;
    var sent: sys.DWORD = 0;
    const s = handle.toSocket(h);
    const f: sys.DWORD = @bitCast(flags);
    const r = if (msg.addr) |a|
        sys.WSASendTo(s, bufs.ptr, @intCast(bufs.len), &sent, f, @ptrCast(@alignCast(a)), @intCast(msg.addr_len), null, null)
    else
        sys.WSASend(s, bufs.ptr, @intCast(bufs.len), &sent, f, null, null);
    if (r == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    return @intCast(sent);
}
