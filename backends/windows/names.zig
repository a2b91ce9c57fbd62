//! The name service: this host's name and getaddrinfo.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const resolver = @import("resolver.zig");

const E = *abi.Error;

/// Like CPython on Windows: the physical DNS host name from
/// GetComputerNameExW (Unicode, unlike Winsock's ANSI gethostname), as UTF-8.
pub fn gethostname(buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    var wide: [256]u16 = undefined;
    var size: sys.DWORD = wide.len;
    if (sys.GetComputerNameExW(sys.ComputerNamePhysicalDnsHostname, &wide, &size) == 0) return errors.lastWin32(err);
    if (len == 0) return errors.winsock(err, sys.WSAEFAULT);
    const capacity: c_int = @intCast(@min(len - 1, std.math.maxInt(c_int)));
    // Given no room, WideCharToMultiByte converts nothing and answers the
    // size it would need, which must not be taken for a length written.
    if (capacity == 0) return errors.winsock(err, sys.WSAEFAULT);
    const n = sys.WideCharToMultiByte(sys.CP_UTF8, 0, &wide, @intCast(size), buf, capacity, null, null);
    if (n == 0 and size != 0) return errors.lastWin32(err);
    buf[@intCast(n)] = 0;
    return 0;
}

pub fn getaddrinfo(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, list: *?*anyopaque, err: E) callconv(.c) c_int {
    const hints: sys.struct_addrinfo = .{
        .ai_flags = flags,
        .ai_family = family,
        .ai_socktype = socktype,
        .ai_protocol = proto,
    };
    var result: [*c]sys.struct_addrinfo = null;
    const rc = sys.getaddrinfo(host, service, &hints, &result);
    if (rc != 0) return errors.gai(err, rc);
    list.* = result;
    return 0;
}

pub fn addrinfoNext(item: *anyopaque, out: *abi.AddrInfoEntry) callconv(.c) ?*anyopaque {
    // Read without assuming alignment: Wine's getaddrinfo packs the entries
    // after the first with their names, at any address (seen as a safety
    // panic, "incorrect alignment", with AI_CANONNAME).
    const ai: *align(1) const sys.struct_addrinfo = @ptrCast(item);
    out.* = .{
        .family = ai.ai_family,
        .socktype = ai.ai_socktype,
        .protocol = ai.ai_protocol,
        .flags = ai.ai_flags,
        .canonname = if (ai.ai_canonname) |name| @ptrCast(name) else null,
        .addr = ai.ai_addr,
        .addrlen = @intCast(ai.ai_addrlen),
    };
    return ai.ai_next;
}

pub fn freeaddrinfo(list: *anyopaque) callconv(.c) void {
    // The timed lookup's lists are copies of its own (resolver.zig).
    if (resolver.copies.release(list)) return;
    sys.freeaddrinfo(@ptrCast(@alignCast(list)));
}
