//! Socket control and sharing, the Windows-only part of the socket API:
//! WSAIoctl for the SIO_* controls CPython supports (socket.ioctl), and
//! WSADuplicateSocketW / WSASocketW(FROM_PROTOCOL_INFO) for handing a socket
//! to another process (socket.share, socket.fromshare).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");
const lifetime = @import("lifetime.zig");

const H = abi.Handle;
const E = *abi.Error;

/// The opaque bytes of `share`: the protocol description Winsock fills in
/// for the target process.
const shared_size = @sizeOf(sys.WSAPROTOCOL_INFOW);

/// WSAIoctl with an input buffer built from `args` and no output. The
/// controls take what CPython passes: SIO_RCVALL and SIO_LOOPBACK_FAST_PATH
/// an unsigned int, SIO_KEEPALIVE_VALS a struct tcp_keepalive. A control or
/// value count outside these is refused with WSAEINVAL; the binding never
/// sends one.
pub fn ioctl(h: H, control: u32, args: [*]const u32, count: usize, err: E) callconv(.c) c_int {
    const s = handle.toSocket(h);
    switch (control) {
        sys.SIO_RCVALL, sys.SIO_LOOPBACK_FAST_PATH => {
            if (count != 1) return errors.winsock(err, sys.WSAEINVAL);
            var option: c_uint = args[0];
            return controlCall(s, control, @ptrCast(&option), @sizeOf(c_uint), err);
        },
        sys.SIO_KEEPALIVE_VALS => {
            if (count != 3) return errors.winsock(err, sys.WSAEINVAL);
            var keepalive: sys.struct_tcp_keepalive = .{
                .onoff = args[0],
                .keepalivetime = args[1],
                .keepaliveinterval = args[2],
            };
            return controlCall(s, control, @ptrCast(&keepalive), @sizeOf(sys.struct_tcp_keepalive), err);
        },
        else => return errors.winsock(err, sys.WSAEINVAL),
    }
}

fn controlCall(s: sys.SOCKET, control: u32, input: *anyopaque, size: usize, err: E) c_int {
    // None of these controls writes output; the count must still have a
    // home, since a call without an OVERLAPPED structure fills it in.
    var returned: sys.DWORD = 0;
    const rc = sys.WSAIoctl(s, control, input, @intCast(size), null, 0, &returned, null, null);
    if (rc == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    return 0;
}

/// WSADuplicateSocketW for process `pid`: copies the WSAPROTOCOL_INFOW it
/// fills into `buf`. A buffer smaller than that fails with WSAEFAULT, with
/// `*len` set to the size needed.
pub fn share(h: H, pid: u32, buf: [*]u8, len: *usize, err: E) callconv(.c) c_int {
    if (len.* < shared_size) {
        len.* = shared_size;
        return errors.winsock(err, sys.WSAEFAULT);
    }
    // Zeroed: the whole structure reaches Python, including any bytes the
    // call leaves alone (the tail of szProtocol after its NUL).
    var description = std.mem.zeroes(sys.WSAPROTOCOL_INFOW);
    if (sys.WSADuplicateSocketW(handle.toSocket(h), pid, &description) != 0)
        return errors.lastWinsock(err);
    @memcpy(buf[0..shared_size], std.mem.asBytes(&description));
    len.* = shared_size;
    return 0;
}

/// Opens the socket `share` described, with the same flags as every other
/// socket of this backend (overlapped, not inherited). Bytes of any other
/// length than `share` produces fail with kind `address` and `code` set to
/// that length, for the binding's ValueError.
pub fn fromshare(data: [*]const u8, len: usize, out: *H, family: *i32, sock_type: *i32, proto: *i32, err: E) callconv(.c) c_int {
    if (len != shared_size) {
        _ = errors.address(err, "socket descriptor string has wrong size");
        err.code = shared_size;
        return -1;
    }
    var description: sys.WSAPROTOCOL_INFOW = undefined;
    @memcpy(std.mem.asBytes(&description), data[0..shared_size]);
    const from = sys.FROM_PROTOCOL_INFO;
    const s = sys.WSASocketW(from, from, from, &description, 0, lifetime.socket_flags);
    if (s == sys.INVALID_SOCKET) return errors.lastWinsock(err);
    out.* = handle.fromSocket(s);
    family.* = description.iAddressFamily;
    sock_type.* = description.iSocketType;
    proto.* = description.iProtocol;
    return 0;
}
