//! Moving bytes, and waiting until a handle is ready to move them. Flags are
//! passed to the OS unchanged (no MSG_NOSIGNAL: CPython ignores SIGPIPE).
const abi = @import("abi");
const sys = @import("sys");
const c_args = @import("c_args.zig");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const clampLength = @import("connection.zig").clampLength;

const H = abi.Handle;
const E = *abi.Error;

/// Callers may describe an empty buffer with any pointer (an empty Zig slice
/// has an undefined one), but the kernel still checks it and can answer
/// EFAULT; a zero-length transfer gets a pointer that is always valid.
var empty_buffer: [1]u8 = .{0};

fn bufferFor(comptime P: type, buf: P, len: usize) P {
    return if (len == 0) &empty_buffer else buf;
}

pub fn send(h: H, buf: [*]const u8, len: usize, flags: i32, err: E) callconv(.c) isize {
    const sent = sys.send(handles.fd(h), bufferFor([*]const u8, buf, len), len, flags);
    if (sent < 0) return errors.failCount(err);
    return sent;
}

pub fn sendto(h: H, buf: [*]const u8, len: usize, flags: i32, addr: *const anyopaque, addrlen: u32, err: E) callconv(.c) isize {
    const sent = sys.sendto(handles.fd(h), bufferFor([*]const u8, buf, len), len, flags, c_args.sockaddr(c_args.Param(sys.sendto, 4), addr), addrlen);
    if (sent < 0) return errors.failCount(err);
    return sent;
}

pub fn recv(h: H, buf: [*]u8, len: usize, flags: i32, err: E) callconv(.c) isize {
    const received = sys.recv(handles.fd(h), bufferFor([*]u8, buf, len), len, flags);
    if (received < 0) return errors.failCount(err);
    return received;
}

/// `addrlen` comes back 0 when the OS had no sender address to give (a
/// connected stream socket); addr_decode then yields family 0.
pub fn recvfrom(h: H, buf: [*]u8, len: usize, flags: i32, addr: *anyopaque, addrlen: *u32, err: E) callconv(.c) isize {
    const capacity = addrlen.*;
    const received = sys.recvfrom(handles.fd(h), bufferFor([*]u8, buf, len), len, flags, c_args.sockaddr(c_args.Param(sys.recvfrom, 4), addr), addrlen);
    if (received < 0) return errors.failCount(err);
    clampLength(addrlen, capacity);
    return received;
}

/// poll() on one descriptor. EINTR comes back flagged `interrupted`; the
/// binding retries with the time that is left (PEP 475).
pub fn wait(h: H, for_write: c_int, timeout_ms: i32, err: E) callconv(.c) c_int {
    const descriptor = handles.fd(h);
    // poll() silently skips negative descriptors: it would sleep for the
    // whole timeout instead of failing.
    if (descriptor < 0) {
        errors.setOs(err, sys.EBADF);
        return -1;
    }
    var entry: sys.struct_pollfd = .{
        .fd = descriptor,
        .events = if (for_write != 0) sys.POLLOUT else sys.POLLIN,
        .revents = 0,
    };
    const ready = sys.poll(&entry, 1, timeout_ms);
    if (ready < 0) return errors.fail(err);
    if (ready == 0) return 0;
    // A descriptor that is not open: report it now rather than letting the
    // next call find out.
    if (entry.revents & sys.POLLNVAL != 0) {
        errors.setOs(err, sys.EBADF);
        return -1;
    }
    // POLLERR/POLLHUP count as ready: the next call reports what happened.
    return 1;
}
