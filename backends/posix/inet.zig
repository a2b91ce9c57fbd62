//! Text <-> binary IP addresses, by the C library (as the stdlib does, so
//! the accepted spellings are the same).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

pub fn inetPton(family: i32, src: [*:0]const u8, dst: *[16]u8, err: E) callconv(.c) c_int {
    const result = sys.inet_pton(family, src, dst);
    if (result < 0) return errors.fail(err); // EAFNOSUPPORT
    return result;
}

pub fn inetNtop(family: i32, src: *const [16]u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    const size: sys.socklen_t = std.math.cast(sys.socklen_t, len) orelse std.math.maxInt(sys.socklen_t);
    if (sys.inet_ntop(family, src, buf, size) == null) return errors.fail(err);
    return 0;
}

pub fn inetAton(src: [*:0]const u8, dst: *[4]u8) callconv(.c) c_int {
    var addr = std.mem.zeroes(sys.struct_in_addr);
    if (sys.inet_aton(src, &addr) == 0) return 0;
    dst.* = std.mem.toBytes(addr);
    return 1;
}
