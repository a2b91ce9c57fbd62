//! Text <-> binary IP addresses: inet_pton, inet_ntop and the classic
//! inet_aton, with CPython-on-Windows semantics.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

pub fn inetPton(family: i32, src: [*:0]const u8, dst: *[16]u8, err: E) callconv(.c) c_int {
    if (family != sys.AF_INET and family != sys.AF_INET6) return errors.winsock(err, sys.WSAEAFNOSUPPORT);
    const rc = sys.inet_pton(family, src, dst);
    if (rc < 0) return errors.lastWinsock(err);
    return rc;
}

pub fn inetNtop(family: i32, src: *const [16]u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    if (family != sys.AF_INET and family != sys.AF_INET6) return errors.winsock(err, sys.WSAEAFNOSUPPORT);
    if (sys.inet_ntop(family, src, buf, len) == null) return errors.lastWinsock(err);
    return 0;
}

/// Windows has no inet_aton. CPython there uses inet_addr, which reports
/// failure as INADDR_NONE: the one valid address with that value,
/// "255.255.255.255", is therefore accepted before asking inet_addr.
pub fn inetAton(src: [*:0]const u8, dst: *[4]u8) callconv(.c) c_int {
    const packed_addr: u32 = if (std.mem.eql(u8, std.mem.span(src), "255.255.255.255"))
        sys.INADDR_BROADCAST
    else parsed: {
        const value = sys.inet_addr(src);
        if (value == sys.INADDR_NONE) return 0;
        break :parsed value;
    };
    // inet_addr's result is in network order already: its bytes in memory
    // are the address bytes.
    dst.* = std.mem.toBytes(packed_addr);
    return 1;
}
