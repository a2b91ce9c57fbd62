//! The Winsock netdb lookups beyond getaddrinfo: getnameinfo and the host,
//! service and protocol databases. Winsock keeps each result in storage of
//! the calling thread, valid until that thread's next call: host entries are
//! copied into memory the caller owns until `host_free`.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const host_entry = @import("shared").host_entry;
const copyTerminated = @import("shared").text.copyTerminated;

const E = *abi.Error;

/// GetNameInfoW, so that names outside the ANSI code page survive; both
/// results come back as UTF-8. Failures are WSA codes, raised as gaierror
/// (as CPython does on Windows).
pub fn getnameinfo(addr: *const anyopaque, addrlen: u32, flags: i32, host: [*]u8, hostlen: usize, serv: [*]u8, servlen: usize, err: E) callconv(.c) c_int {
    var whost: [1025]u16 = @splat(0);
    var wserv: [32]u16 = @splat(0);
    const rc = sys.GetNameInfoW(@ptrCast(@alignCast(addr)), @intCast(addrlen), &whost, whost.len, &wserv, wserv.len, flags);
    // The return value is itself the WSA error code (as getaddrinfo's).
    if (rc != 0) return errors.gai(err, rc);
    if (!toUtf8(&whost, host[0..hostlen]) or !toUtf8(&wserv, serv[0..servlen])) return errors.winsock(err, sys.WSAEFAULT);
    return 0;
}

fn toUtf8(wide: [*]const u16, out: []u8) bool {
    if (out.len == 0) return false;
    const n = sys.WideCharToMultiByte(sys.CP_UTF8, 0, wide, -1, out.ptr, @intCast(@min(out.len, std.math.maxInt(c_int))), null, null);
    if (n <= 0) return false;
    out[@intCast(n - 1)] = 0;
    return true;
}

// -- host database ------------------------------------------------------------------

/// gethostbyname: the IPv4 entry for `name`; failures are kind `herror` with
/// the WSA code (CPython's h_errno on Windows).
pub fn hostByName(name: [*:0]const u8, out: *abi.HostEntry, err: E) callconv(.c) c_int {
    return finish(sys.gethostbyname(name), sys.AF_INET, out, err);
}

pub fn hostByAddr(addr: *const anyopaque, addrlen: u32, out: *abi.HostEntry, err: E) callconv(.c) c_int {
    const bytes: [*]const u8 = @ptrCast(addr);
    const family: c_int = std.mem.readInt(u16, bytes[0..2], .little);
    const offset: usize, const size: usize = if (family == sys.AF_INET)
        .{ @offsetOf(sys.struct_sockaddr_in, "sin_addr"), 4 }
    else if (family == sys.AF_INET6)
        .{ sys.PYSOCK_SIN6_ADDR, 16 }
    else
        return errors.winsock(err, sys.WSAEAFNOSUPPORT);
    if (addrlen < offset + size) return errors.winsock(err, sys.WSAEINVAL);
    return finish(sys.gethostbyaddr(bytes + offset, @intCast(size), family), family, out, err);
}

fn finish(h: [*c]sys.struct_hostent, family: c_int, out: *abi.HostEntry, err: E) c_int {
    if (h == null) {
        err.* = .{ .kind = .herror, .code = sys.WSAGetLastError() };
        return -1;
    }
    if (h.*.h_addrtype != family) {
        // The stdlib sets errno to EAFNOSUPPORT and raises it.
        err.* = .{ .kind = .os, .code = sys.EAFNOSUPPORT };
        return -1;
    }
    // The official name is converted from the ANSI code page to UTF-8
    // (CPython decodes it as "mbcs"); aliases are copied as they are.
    var wide: [1024]u16 = undefined;
    var name_utf8: [3 * wide.len]u8 = undefined;
    var name: []const u8 = "";
    if (h.*.h_name != null) {
        const wn = sys.MultiByteToWideChar(sys.CP_ACP, 0, h.*.h_name, -1, &wide, wide.len);
        if (wn > 0) {
            const un = sys.WideCharToMultiByte(sys.CP_UTF8, 0, &wide, wn, &name_utf8, name_utf8.len, null, null);
            if (un > 0) name = name_utf8[0..@intCast(un - 1)];
        }
    }
    host_entry.build(.{
        .name = name,
        .aliases = h.*.h_aliases,
        .family = h.*.h_addrtype,
        .addr_len = @intCast(h.*.h_length),
        .addrs = h.*.h_addr_list,
    }, out) catch return errors.winsock(err, sys.WSA_NOT_ENOUGH_MEMORY);
    return 0;
}

pub const hostFree = host_entry.free;

// -- services and protocols --------------------------------------------------------

pub fn servByName(name: [*:0]const u8, proto: ?[*:0]const u8, port: *i32, err: E) callconv(.c) c_int {
    _ = err;
    const found = sys.getservbyname(name, proto);
    if (found == null) return 0;
    port.* = std.mem.bigToNative(u16, @bitCast(found.*.s_port));
    return 1;
}

pub fn servByPort(port: i32, proto: ?[*:0]const u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    _ = err;
    const net: u16 = std.mem.nativeToBig(u16, @truncate(@as(u32, @bitCast(port))));
    const found = sys.getservbyport(net, proto);
    if (found == null) return 0;
    copyTerminated(buf[0..len], std.mem.span(found.*.s_name));
    return 1;
}

pub fn protoByName(name: [*:0]const u8, out: *i32, err: E) callconv(.c) c_int {
    _ = err;
    const found = sys.getprotobyname(name);
    if (found == null) return 0;
    out.* = found.*.p_proto;
    return 1;
}
