//! Naming a socket and setting up connections: bind, listen, accept,
//! connect (blocking or not), shutdown, and asking for either end's address.
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");

const H = abi.Handle;
const E = *abi.Error;

pub fn bind(h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int {
    if (sys.bind(handle.toSocket(h), @ptrCast(@alignCast(addr)), @intCast(len)) != 0) return errors.lastWinsock(err);
    return 0;
}

pub fn listen(h: H, backlog: i32, err: E) callconv(.c) c_int {
    if (sys.listen(handle.toSocket(h), backlog) != 0) return errors.lastWinsock(err);
    return 0;
}

pub fn accept(h: H, out: *H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    var addr_len: c_int = @intCast(len.*);
    const s = sys.accept(handle.toSocket(h), @ptrCast(@alignCast(addr)), &addr_len);
    if (s == sys.INVALID_SOCKET) return errors.lastWinsock(err);
    // accept() has no no-inherit flag; clear inheritance before anyone can
    // spawn a child with it (what CPython does too).
    if (sys.SetHandleInformation(@ptrFromInt(s), sys.HANDLE_FLAG_INHERIT, 0) == 0) {
        _ = errors.lastWin32(err);
        _ = sys.closesocket(s);
        return -1;
    }
    len.* = clampedLength(addr_len, len.*);
    out.* = handle.fromSocket(s);
    return 0;
}

pub fn connect(h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int {
    if (sys.connect(handle.toSocket(h), @ptrCast(@alignCast(addr)), @intCast(len)) != 0)
        return errors.lastWinsockConnect(err);
    return 0;
}

/// The outcome of a non-blocking connect, once the socket is writable (or
/// reported an exceptional condition, which is how Windows signals failure).
pub fn connectResult(h: H, err: E) callconv(.c) c_int {
    var code: c_int = 0;
    var len: c_int = @sizeOf(c_int);
    if (sys.getsockopt(handle.toSocket(h), sys.SOL_SOCKET, sys.SO_ERROR, @ptrCast(&code), &len) != 0)
        return errors.lastWinsock(err);
    if (code != 0) return errors.winsock(err, code);
    return 0;
}

pub fn shutdown(h: H, how: i32, err: E) callconv(.c) c_int {
    if (sys.shutdown(handle.toSocket(h), how) != 0) return errors.lastWinsock(err);
    return 0;
}

pub fn getsockname(h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    var addr_len: c_int = @intCast(len.*);
    if (sys.getsockname(handle.toSocket(h), @ptrCast(@alignCast(addr)), &addr_len) != 0) return errors.lastWinsock(err);
    len.* = clampedLength(addr_len, len.*);
    return 0;
}

pub fn getpeername(h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    var addr_len: c_int = @intCast(len.*);
    if (sys.getpeername(handle.toSocket(h), @ptrCast(@alignCast(addr)), &addr_len) != 0) return errors.lastWinsock(err);
    len.* = clampedLength(addr_len, len.*);
    return 0;
}

/// The contract promises callers never read past their buffer, whatever
/// length the OS reports back.
pub fn clampedLength(reported: c_int, capacity: u32) u32 {
    return @min(@as(u32, @intCast(@max(reported, 0))), capacity);
}
