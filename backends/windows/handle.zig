//! SOCKET <-> vtable Handle. A SOCKET is a UINT_PTR; the vtable carries it as
//! an i64 so that INVALID_SOCKET (all ones) is exactly `abi.invalid_handle` (-1).
const abi = @import("abi");
const sys = @import("sys");

pub fn toSocket(h: abi.Handle) sys.SOCKET {
    return @intCast(@as(u64, @bitCast(h)));
}

pub fn fromSocket(s: sys.SOCKET) abi.Handle {
    return @bitCast(@as(u64, s));
}

/// SetHandleInformation & co. take a HANDLE; a SOCKET is one.
pub fn toWin32Handle(h: abi.Handle) sys.HANDLE {
    return @ptrFromInt(@as(usize, @intCast(@as(u64, @bitCast(h)))));
}
