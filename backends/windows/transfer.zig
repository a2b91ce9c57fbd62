//! Moving bytes (send/recv and their datagram forms), waiting for a socket to
//! become ready, and socket options.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");
const connection = @import("connection.zig");

const H = abi.Handle;
const E = *abi.Error;

/// Winsock counts bytes in an int: larger requests are clamped, and the
/// caller sees a short transfer, as with CPython on Windows.
fn clampLength(len: usize) c_int {
    return @intCast(@min(len, std.math.maxInt(c_int)));
}

fn transferred(n: c_int, err: E) isize {
    if (n == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    return n;
}

pub fn send(h: H, buf: [*]const u8, len: usize, flags: i32, err: E) callconv(.c) isize {
    return transferred(sys.send(handle.toSocket(h), buf, clampLength(len), flags), err);
}

pub fn sendto(h: H, buf: [*]const u8, len: usize, flags: i32, addr: *const anyopaque, addrlen: u32, err: E) callconv(.c) isize {
    const n = sys.sendto(handle.toSocket(h), buf, clampLength(len), flags, @ptrCast(@alignCast(addr)), @intCast(addrlen));
    return transferred(n, err);
}

pub fn recv(h: H, buf: [*]u8, len: usize, flags: i32, err: E) callconv(.c) isize {
    return transferred(sys.recv(handle.toSocket(h), buf, clampLength(len), flags), err);
}

pub fn recvfrom(h: H, buf: [*]u8, len: usize, flags: i32, addr: *anyopaque, addrlen: *u32, err: E) callconv(.c) isize {
    var addr_len: c_int = @intCast(addrlen.*);
    // A connected stream socket leaves the address and its length as given
    // (Winsock ignores `from` there): zeros then, never old stack memory.
    @memset(@as([*]u8, @ptrCast(addr))[0..addrlen.*], 0);
    const n = sys.recvfrom(handle.toSocket(h), buf, clampLength(len), flags, @ptrCast(@alignCast(addr)), &addr_len);
    if (n == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    addrlen.* = connection.clampedLength(addr_len, addrlen.*);
    return n;
}

/// select() rather than WSAPoll, as CPython does: WSAPoll did not report a
/// failed non-blocking connect before Windows 10 2004. A failed connect shows
/// up in the exception set, so a wait for writability watches that set too
/// and counts it as ready; connect_result then reports SO_ERROR.
pub fn wait(h: H, for_write: c_int, timeout_ms: i32, err: E) callconv(.c) c_int {
    const s = handle.toSocket(h);
    var ready: sys.fd_set = .{ .fd_count = 1 };
    ready.fd_array[0] = s;
    var failed: sys.fd_set = .{ .fd_count = 1 };
    failed.fd_array[0] = s;
    var timeout: sys.TIMEVAL = .{
        .tv_sec = @divTrunc(timeout_ms, 1000),
        .tv_usec = @rem(timeout_ms, 1000) * 1000,
    };
    const read_set: ?*sys.fd_set = if (for_write == 0) &ready else null;
    const write_set: ?*sys.fd_set = if (for_write != 0) &ready else null;
    const except_set: ?*sys.fd_set = if (for_write != 0) &failed else null;
    // nfds is ignored by Winsock; the sets carry their own counts.
    const n = sys.select(0, read_set, write_set, except_set, if (timeout_ms < 0) null else &timeout);
    if (n == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    return @intFromBool(n > 0);
}

pub fn setsockopt(h: H, level: i32, name: i32, val: ?*const anyopaque, len: u32, err: E) callconv(.c) c_int {
    // Winsock takes an int: a length past its range reaches it as C's
    // conversion gives it (negative; Winsock answers WSAEFAULT), as the
    // stdlib passes it, never as a crash.
    if (sys.setsockopt(handle.toSocket(h), level, name, @ptrCast(val), @bitCast(len)) != 0) return errors.lastWinsock(err);
    return 0;
}

pub fn getsockopt(h: H, level: i32, name: i32, val: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    var opt_len: c_int = @intCast(len.*);
    if (sys.getsockopt(handle.toSocket(h), level, name, @ptrCast(val), &opt_len) != 0) return errors.lastWinsock(err);
    len.* = connection.clampedLength(opt_len, len.*);
    return 0;
}
