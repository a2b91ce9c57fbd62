//! The netdb lookups beyond getaddrinfo: getnameinfo, the host, service and
//! protocol databases, and sethostname. All may block (files, NSS modules,
//! DNS); the binding releases the GIL around them.
//!
//! Where the C library has the reentrant *_r functions (glibc, musl, FreeBSD)
//! they are used; elsewhere (macOS) the classic functions run under one lock,
//! and their static results are copied out before it is released.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const c_args = @import("c_args.zig");
const host_entry = @import("shared").host_entry;
const copyTerminated = @import("shared").text.copyTerminated;

const E = *abi.Error;

/// Serialises the non-reentrant netdb functions where no *_r exists.
var netdb_lock: std.c.pthread_mutex_t = .{};

fn lock() void {
    _ = std.c.pthread_mutex_lock(&netdb_lock);
}
fn unlock() void {
    _ = std.c.pthread_mutex_unlock(&netdb_lock);
}

// -- getnameinfo -----------------------------------------------------------------

/// EAI_* failures are kind `gai`; EAI_SYSTEM carries errno (as getaddrinfo).
pub fn getnameinfo(addr: *const anyopaque, addrlen: u32, flags: i32, host: [*]u8, hostlen: usize, serv: [*]u8, servlen: usize, err: E) callconv(.c) c_int {
    const P = c_args.Param(sys.getnameinfo, 0);
    const rc = sys.getnameinfo(c_args.sockaddr(P, addr), @intCast(addrlen), host, @intCast(hostlen), serv, @intCast(servlen), flags);
    if (rc != 0) {
        if (rc == sys.EAI_SYSTEM) return errors.fail(err);
        err.* = .{ .kind = .gai, .code = rc };
        return -1;
    }
    return 0;
}

// -- host database ------------------------------------------------------------------

const Hostent = sys.struct_hostent;
/// The glibc/musl/FreeBSD form (result through an out pointer); Solaris-style
/// 5-argument variants are not used.
const have_host_r = blk: {
    if (!@hasDecl(sys, "gethostbyname_r") or !@hasDecl(sys, "gethostbyaddr_r")) break :blk false;
    break :blk @typeInfo(@TypeOf(sys.gethostbyname_r)).@"fn".param_types.len == 6;
};

/// gethostbyname: the IPv4 entry for `name`. An entry of another family is
/// EAFNOSUPPORT, as the stdlib reports it.
pub fn hostByName(name: [*:0]const u8, out: *abi.HostEntry, err: E) callconv(.c) c_int {
    return hostLookup(.{ .name = name }, sys.AF_INET, out, err);
}

/// gethostbyaddr for the address in a native AF_INET/AF_INET6 sockaddr.
pub fn hostByAddr(addr: *const anyopaque, addrlen: u32, out: *abi.HostEntry, err: E) callconv(.c) c_int {
    const bytes: [*]const u8 = @ptrCast(addr);
    var family: sys.sa_family_t = undefined;
    @memcpy(std.mem.asBytes(&family), bytes[@offsetOf(sys.struct_sockaddr, "sa_family")..][0..@sizeOf(sys.sa_family_t)]);
    const af: c_int = family;
    const offset: usize, const size: usize = if (af == sys.AF_INET)
        .{ @offsetOf(sys.struct_sockaddr_in, "sin_addr"), 4 }
    else if (af == sys.AF_INET6)
        .{ @offsetOf(sys.struct_sockaddr_in6, "sin6_addr"), 16 }
    else {
        errors.setOs(err, sys.EAFNOSUPPORT);
        return -1;
    };
    if (addrlen < offset + size) {
        errors.setOs(err, sys.EINVAL);
        return -1;
    }
    return hostLookup(.{ .addr = bytes[offset..][0..size] }, af, out, err);
}

const Query = union(enum) {
    name: [*:0]const u8,
    addr: []const u8,
};

fn hostLookup(query: Query, family: c_int, out: *abi.HostEntry, err: E) c_int {
    if (have_host_r) return hostLookupReentrant(query, family, out, err);
    return hostLookupLocked(query, family, out, err);
}

/// The *_r call, with a scratch buffer that grows while the C library says
/// ERANGE; the result is then copied into the entry's own block.
fn hostLookupReentrant(query: Query, family: c_int, out: *abi.HostEntry, err: E) c_int {
    var size: usize = 16 * 1024;
    while (true) : (size *= 2) {
        const buf: [*]u8 = @ptrCast(std.c.malloc(size) orelse {
            errors.setOs(err, sys.ENOMEM);
            return -1;
        });
        defer std.c.free(buf);
        var entry: Hostent = undefined;
        var result: [*c]Hostent = null;
        var h_err: c_int = 0;
        const rc = switch (query) {
            .name => |name| sys.gethostbyname_r(name, &entry, buf, size, &result, &h_err),
            .addr => |a| sys.gethostbyaddr_r(a.ptr, @intCast(a.len), family, &entry, buf, size, &result, &h_err),
        };
        if (result != null) return copyHost(result, family, out, err);
        if (rc == sys.ERANGE and size < 1024 * 1024) continue;
        // The stdlib reports the thread's h_errno, which can differ from
        // the *_r out-parameter (glibc: HOST_NOT_FOUND there, NO_RECOVERY in
        // h_errno when no name server answers).
        err.* = .{ .kind = .herror, .code = hErrno() };
        return -1;
    }
}

/// The classic calls, whose result lives in static storage: copied out
/// while the lock is held.
fn hostLookupLocked(query: Query, family: c_int, out: *abi.HostEntry, err: E) c_int {
    lock();
    defer unlock();
    const result = switch (query) {
        .name => |name| sys.gethostbyname(name),
        .addr => |a| sys.gethostbyaddr(a.ptr, @intCast(a.len), family),
    };
    if (result == null) {
        err.* = .{ .kind = .herror, .code = hErrno() };
        return -1;
    }
    return copyHost(result, family, out, err);
}

fn hErrno() c_int {
    if (@hasDecl(sys, "__h_errno")) return sys.__h_errno().*;
    if (@hasDecl(sys, "__h_errno_location")) return sys.__h_errno_location().*;
    return sys.h_errno;
}

/// An entry of another family than asked for is EAFNOSUPPORT, as the stdlib
/// reports it; otherwise the entry is copied into memory `out` owns.
fn copyHost(h: *const Hostent, family: c_int, out: *abi.HostEntry, err: E) c_int {
    if (h.h_addrtype != family) {
        errors.setOs(err, sys.EAFNOSUPPORT);
        return -1;
    }
    host_entry.build(.{
        .name = if (h.h_name != null) std.mem.span(h.h_name) else "",
        .aliases = h.h_aliases,
        .family = h.h_addrtype,
        .addr_len = @intCast(h.h_length),
        .addrs = h.h_addr_list,
    }, out) catch {
        errors.setOs(err, sys.ENOMEM);
        return -1;
    };
    return 0;
}

pub const hostFree = host_entry.free;

// -- services and protocols --------------------------------------------------------

const have_serv_r = @hasDecl(sys, "getservbyname_r") and @hasDecl(sys, "getservbyport_r");
const have_proto_r = @hasDecl(sys, "getprotobyname_r");

/// 1 found (*port in host order), 0 not found.
pub fn servByName(name: [*:0]const u8, proto: ?[*:0]const u8, port: *i32, err: E) callconv(.c) c_int {
    _ = err;
    if (have_serv_r) {
        var entry: sys.struct_servent = undefined;
        var buf: [4096]u8 = undefined;
        var result: [*c]sys.struct_servent = null;
        _ = sys.getservbyname_r(name, proto, &entry, &buf, buf.len, &result);
        if (result == null) return 0;
        port.* = portOf(result.*.s_port);
        return 1;
    }
    lock();
    defer unlock();
    const found = sys.getservbyname(name, proto);
    if (found == null) return 0;
    port.* = portOf(found.*.s_port);
    return 1;
}

/// 1 found (its name in buf), 0 not found.
pub fn servByPort(port: i32, proto: ?[*:0]const u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    _ = err;
    // s_port holds the port in network order in an int.
    const net: c_int = std.mem.nativeToBig(u16, @truncate(@as(u32, @bitCast(port))));
    if (have_serv_r) {
        var entry: sys.struct_servent = undefined;
        var scratch: [4096]u8 = undefined;
        var result: [*c]sys.struct_servent = null;
        _ = sys.getservbyport_r(net, proto, &entry, &scratch, scratch.len, &result);
        if (result == null) return 0;
        copyTerminated(buf[0..len], std.mem.span(result.*.s_name));
        return 1;
    }
    lock();
    defer unlock();
    const found = sys.getservbyport(net, proto);
    if (found == null) return 0;
    copyTerminated(buf[0..len], std.mem.span(found.*.s_name));
    return 1;
}

/// 1 found, 0 not found.
pub fn protoByName(name: [*:0]const u8, out: *i32, err: E) callconv(.c) c_int {
    _ = err;
    if (have_proto_r) {
        var entry: sys.struct_protoent = undefined;
        var buf: [4096]u8 = undefined;
        var result: [*c]sys.struct_protoent = null;
        _ = sys.getprotobyname_r(name, &entry, &buf, buf.len, &result);
        if (result == null) return 0;
        out.* = result.*.p_proto;
        return 1;
    }
    lock();
    defer unlock();
    const found = sys.getprotobyname(name);
    if (found == null) return 0;
    out.* = found.*.p_proto;
    return 1;
}

fn portOf(s_port: c_int) i32 {
    return std.mem.bigToNative(u16, @truncate(@as(c_uint, @bitCast(s_port))));
}

// -- sethostname ---------------------------------------------------------------------

pub fn sethostname(name: [*]const u8, len: usize, err: E) callconv(.c) c_int {
    const Len = c_args.Param(sys.sethostname, 1);
    if (len > std.math.maxInt(Len)) {
        errors.setOs(err, sys.EINVAL);
        return -1;
    }
    if (sys.sethostname(name, @intCast(len)) != 0) return errors.fail(err);
    return 0;
}
