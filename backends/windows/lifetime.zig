//! Winsock start-up and the life of a SOCKET: creation, duplication,
//! closing, and the per-handle modes (blocking, inheritance).
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");

const H = abi.Handle;
const E = *abi.Error;

/// Every socket is overlapped-capable (as CPython's are, so other code may use
/// it with overlapped I/O) and not inherited by child processes (PEP 446).
pub const socket_flags = sys.WSA_FLAG_OVERLAPPED | sys.WSA_FLAG_NO_HANDLE_INHERIT;

pub fn init(err: E) callconv(.c) c_int {
    var data: sys.WSADATA = undefined;
    const version = sys.MAKEWORD(2, 2);
    const rc = sys.WSAStartup(version, &data);
    if (rc != 0) return errors.winsock(err, rc);
    if (data.wVersion != version) {
        _ = sys.WSACleanup();
        return errors.winsock(err, sys.WSAVERNOTSUPPORTED);
    }
    return 0;
}

pub fn socket(family: i32, sock_type: i32, proto: i32, out: *H, err: E) callconv(.c) c_int {
    const s = sys.WSASocketW(family, sock_type, proto, null, 0, socket_flags);
    if (s == sys.INVALID_SOCKET) return errors.lastWinsock(err);
    out.* = handle.fromSocket(s);
    return 0;
}

/// The handle is gone whatever closesocket says, so a close is never retried
/// (no `interrupted` flag), and a reset from the peer is no error.
pub fn close(h: H, err: E) callconv(.c) c_int {
    if (sys.closesocket(handle.toSocket(h)) == 0) return 0;
    const code = sys.WSAGetLastError();
    if (code == sys.WSAECONNRESET) return 0;
    err.* = .{ .kind = .winsock, .code = code };
    return -1;
}

/// Winsock has no dup(): the socket is described for this very process and
/// a new SOCKET is opened from that description.
pub fn dup(h: H, out: *H, err: E) callconv(.c) c_int {
    var description: sys.WSAPROTOCOL_INFOW = undefined;
    if (sys.WSADuplicateSocketW(handle.toSocket(h), sys.GetCurrentProcessId(), &description) != 0)
        return errors.lastWinsock(err);
    const from = sys.FROM_PROTOCOL_INFO;
    const s = sys.WSASocketW(from, from, from, &description, 0, socket_flags);
    if (s == sys.INVALID_SOCKET) return errors.lastWinsock(err);
    out.* = handle.fromSocket(s);
    return 0;
}

pub fn info(h: H, family: *i32, sock_type: *i32, proto: *i32, err: E) callconv(.c) c_int {
    var protocol_info: sys.WSAPROTOCOL_INFOW = undefined;
    var len: c_int = @sizeOf(sys.WSAPROTOCOL_INFOW);
    const rc = sys.getsockopt(handle.toSocket(h), sys.SOL_SOCKET, sys.SO_PROTOCOL_INFOW, @ptrCast(&protocol_info), &len);
    if (rc != 0) return errors.lastWinsock(err);
    family.* = protocol_info.iAddressFamily;
    sock_type.* = protocol_info.iSocketType;
    proto.* = protocol_info.iProtocol;
    return 0;
}

pub fn setNonblocking(h: H, on: c_int, err: E) callconv(.c) c_int {
    var mode: sys.u_long = @intFromBool(on != 0);
    if (sys.ioctlsocket(handle.toSocket(h), sys.PYSOCK_FIONBIO, &mode) != 0) return errors.lastWinsock(err);
    return 0;
}

pub fn getInheritable(h: H, out: *c_int, err: E) callconv(.c) c_int {
    var flags: sys.DWORD = 0;
    if (sys.GetHandleInformation(handle.toWin32Handle(h), &flags) == 0) return errors.lastWin32(err);
    out.* = @intFromBool(flags & sys.HANDLE_FLAG_INHERIT != 0);
    return 0;
}

pub fn setInheritable(h: H, on: c_int, err: E) callconv(.c) c_int {
    const value: sys.DWORD = if (on != 0) sys.HANDLE_FLAG_INHERIT else 0;
    if (sys.SetHandleInformation(handle.toWin32Handle(h), sys.HANDLE_FLAG_INHERIT, value) == 0)
        return errors.lastWin32(err);
    return 0;
}
