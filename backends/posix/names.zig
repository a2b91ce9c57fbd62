//! The name service: gethostname and getaddrinfo. Both may block; the
//! binding releases the GIL around them.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

pub fn gethostname(buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    if (len == 0) {
        errors.setOs(err, sys.EINVAL);
        return -1;
    }
    if (sys.gethostname(buf, len) != 0) return errors.fail(err);
    // POSIX leaves a truncated name unterminated.
    buf[len - 1] = 0;
    return 0;
}

/// EAI_* failures come back as kind `gai`, except EAI_SYSTEM, whose real
/// cause is in errno (the stdlib raises OSError for it too).
pub fn getaddrinfo(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, list: *?*anyopaque, err: E) callconv(.c) c_int {
    var hints = std.mem.zeroes(sys.struct_addrinfo);
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    var result: [*c]sys.struct_addrinfo = null;
    const status = sys.getaddrinfo(host, service, &hints, &result);
    if (status != 0) {
        if (status == sys.EAI_SYSTEM) return errors.fail(err);
        err.* = .{ .kind = .gai, .code = status };
        return -1;
    }
    list.* = result;
    return 0;
}

pub fn addrinfoNext(item: *anyopaque, out: *abi.AddrInfoEntry) callconv(.c) ?*anyopaque {
    const entry: *const sys.struct_addrinfo = @ptrCast(@alignCast(item));
    out.* = .{
        .family = entry.ai_family,
        .socktype = entry.ai_socktype,
        .protocol = entry.ai_protocol,
        .flags = entry.ai_flags,
        .canonname = @ptrCast(entry.ai_canonname),
        .addr = @ptrCast(entry.ai_addr),
        .addrlen = entry.ai_addrlen,
    };
    return entry.ai_next;
}

pub fn freeaddrinfo(list: *anyopaque) callconv(.c) void {
    sys.freeaddrinfo(@ptrCast(@alignCast(list)));
}
