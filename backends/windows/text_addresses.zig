//! Text <-> binary IP addresses: inet_pton, inet_ntop and the classic
//! inet_aton, with CPython-on-Windows semantics.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");

const E = *abi.Error;

/// CPython on Windows reports a failing inet_pton/inet_ntop with
/// PyErr_SetFromErrno, but Winsock sets only its own last error, never the C
/// errno: the stdlib raises OSError(0, "Error"). pysock says the same.
fn unsetErrno(err: E) c_int {
    err.* = .{ .kind = .os, .code = 0 };
    return -1;
}

pub fn inetPton(family: i32, src: [*:0]const u8, dst: *[16]u8, err: E) callconv(.c) c_int {
    const rc = sys.inet_pton(family, src, dst);
    if (rc < 0) return unsetErrno(err);
    return rc;
}

pub fn inetNtop(family: i32, src: *const [16]u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    if (sys.inet_ntop(family, src, buf, len) == null) return unsetErrno(err);
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
