//! Filling in `abi.Error` from Winsock failures, and turning error codes into
//! text the way CPython on Windows does.
const abi = @import("abi");
const sys = @import("sys");

/// Records the calling thread's last Winsock error. Always returns -1 so that
/// callers can `return errors.lastWinsock(err)`.
pub fn lastWinsock(err: *abi.Error) c_int {
    return winsock(err, sys.WSAGetLastError());
}

/// Records a Winsock (or Win32) error code with the flags the binding acts on.
pub fn winsock(err: *abi.Error, code: i32) c_int {
    err.* = .{ .kind = .winsock, .code = code, .flags = flagsOf(code) };
    return -1;
}

/// Records the calling thread's last Win32 (non-socket) error, e.g. from
/// SetHandleInformation. It is reported as a Windows error like the others.
pub fn lastWin32(err: *abi.Error) c_int {
    return winsock(err, @bitCast(sys.GetLastError()));
}

/// Like `lastWinsock`, for a connect that may have started in the background:
/// a non-blocking connect on Windows fails with WSAEWOULDBLOCK, not
/// WSAEINPROGRESS, and both mean "wait for writability, then ask SO_ERROR".
pub fn lastWinsockConnect(err: *abi.Error) c_int {
    const code = sys.WSAGetLastError();
    _ = winsock(err, code);
    if (code == sys.WSAEWOULDBLOCK or code == sys.WSAEINPROGRESS) err.flags |= abi.error_in_progress;
    return -1;
}

/// A getaddrinfo failure: on Windows its return value is itself a WSA code.
pub fn gai(err: *abi.Error, code: i32) c_int {
    err.* = .{ .kind = .gai, .code = code };
    return -1;
}

/// A bad argument the OS never saw; `message` must be static.
pub fn address(err: *abi.Error, message: [*:0]const u8) c_int {
    err.* = .{ .kind = .address, .message = message };
    return -1;
}

fn flagsOf(code: i32) u32 {
    if (code == sys.WSAEWOULDBLOCK) return abi.error_would_block;
    if (code == sys.WSAEINTR) return abi.error_interrupted;
    return 0;
}
