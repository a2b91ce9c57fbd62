//! Handles are file descriptors widened to 64 bits, plus the descriptor-flag
//! helpers that both creation paths and the vtable entries need.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");

/// The descriptor for `h`. A value no descriptor can have becomes -1, so the
/// OS answers EBADF instead of a cast trapping.
pub fn fd(h: abi.Handle) c_int {
    return std.math.cast(c_int, h) orelse -1;
}

/// Sets or clears FD_CLOEXEC; returns the fcntl result (-1 with errno).
pub fn setCloexec(descriptor: c_int, on: bool) c_int {
    const flags = sys.fcntl(descriptor, sys.F_GETFD);
    if (flags < 0) return -1;
    const wanted = if (on) flags | sys.FD_CLOEXEC else flags & ~@as(c_int, sys.FD_CLOEXEC);
    if (wanted == flags) return 0;
    return sys.fcntl(descriptor, sys.F_SETFD, wanted);
}

/// Sets or clears O_NONBLOCK with one ioctl(FIONBIO), as CPython does, instead
/// of an fcntl read-modify-write pair.
pub fn setNonblocking(descriptor: c_int, on: bool) c_int {
    var value: c_int = @intFromBool(on);
    // The request parameter is `unsigned long` in glibc and the BSDs, `int`
    // in musl; FIONBIO's own type varies too.
    const Request = @typeInfo(@TypeOf(sys.ioctl)).@"fn".param_types[1].?;
    const request: Request = comptime @intCast(sys.FIONBIO);
    return sys.ioctl(descriptor, request, &value);
}
