//! Compile-time checks of what the BSD/macOS backend takes from the target's
//! headers. These targets cannot run here, so tests/test_bsd_headers.py
//! compiles this file (with `sys` translated from sys.h for aarch64-macos,
//! x86_64-macos and x86_64-freebsd); any failed check is a compile error.
const std = @import("std");
const builtin = @import("builtin");
const abi = @import("abi");
const sys = @import("sys");
const backend = @import("backend.zig");

const darwin = builtin.target.os.tag.isDarwin();

comptime {
    @setEvalBranchQuota(100_000);

    // Every BSD sockaddr starts with a length byte, then a one-byte family.
    expectField(sys.struct_sockaddr, "sa_len", 0, 1);
    expectField(sys.struct_sockaddr, "sa_family", 1, 1);
    expectField(sys.struct_sockaddr_in, "sin_len", 0, 1);
    expectField(sys.struct_sockaddr_in6, "sin6_len", 0, 1);
    expectField(sys.struct_sockaddr_un, "sun_len", 0, 1);
    expectField(sys.struct_sockaddr_un, "sun_path", 2, 104);
    expectSize(sys.struct_sockaddr_in, 16);
    expectSize(sys.struct_sockaddr_in6, 28);
    expectSize(sys.struct_sockaddr_un, 106);
    expectSize(sys.struct_sockaddr_storage, 128);
    expectField(sys.struct_sockaddr_in6, "sin6_flowinfo", 4, 4);
    expectField(sys.struct_sockaddr_in6, "sin6_addr", 8, 16);
    expectField(sys.struct_sockaddr_in6, "sin6_scope_id", 24, 4);
    // BSD's addrinfo has ai_canonname before ai_addr (Linux: the reverse).
    if (@offsetOf(sys.struct_addrinfo, "ai_canonname") > @offsetOf(sys.struct_addrinfo, "ai_addr"))
        @compileError("struct addrinfo is not BSD's");

    // Values that differ from Linux, so a Linux header would fail here.
    expectValue("AF_UNIX", sys.AF_UNIX, 1);
    expectValue("AF_INET", sys.AF_INET, 2);
    expectValue("AF_INET6", sys.AF_INET6, if (darwin) 30 else 28);
    expectValue("SOL_SOCKET", sys.SOL_SOCKET, 0xffff);
    expectValue("SO_REUSEADDR", sys.SO_REUSEADDR, 4);
    expectValue("EAGAIN", sys.EAGAIN, 35);
    expectValue("EWOULDBLOCK", sys.EWOULDBLOCK, 35);
    expectValue("EINPROGRESS", sys.EINPROGRESS, 36);
    expectValue("ECONNRESET", sys.ECONNRESET, 54);
    expectValue("EAI_SYSTEM", sys.EAI_SYSTEM, 11);
    // sys.h asks Darwin for the RFC 3542 IPv6 options, as CPython does.
    expectValue("IPV6_PKTINFO", sys.IPV6_PKTINFO, 46);

    // How handles become non-inheritable: atomically on FreeBSD, with
    // fcntl afterwards on macOS.
    if (darwin) {
        if (@hasDecl(sys, "SOCK_CLOEXEC") or @hasDecl(sys, "SOCK_NONBLOCK") or @hasDecl(sys, "accept4"))
            @compileError("macOS headers should have no SOCK_CLOEXEC/SOCK_NONBLOCK/accept4");
    } else {
        if (!@hasDecl(sys, "SOCK_CLOEXEC") or !@hasDecl(sys, "accept4"))
            @compileError("FreeBSD headers should have SOCK_CLOEXEC and accept4");
    }
    _ = sys.F_DUPFD_CLOEXEC;
    _ = sys.FD_CLOEXEC;
    _ = sys.POLLNVAL;
    expectValue("FIONBIO", sys.FIONBIO, 0x8004667e);

    // The backend's vtable and constant table, built for this target.
    const vt = backend.vtable;
    if (vt.struct_size != @sizeOf(abi.Vtable)) @compileError("struct_size");
    if (vt.capabilities & abi.cap_unix_abstract != 0) @compileError("no abstract namespace on BSD");
    expectConstant(vt, "AF_INET6", sys.AF_INET6);
    expectConstant(vt, "SOMAXCONN", sys.SOMAXCONN);
    expectConstant(vt, "EAI_NONAME", sys.EAI_NONAME);
    expectConstant(vt, "IPV6_PKTINFO", sys.IPV6_PKTINFO);
    expectConstant(vt, "AF_LINK", sys.AF_LINK);
    expectConstant(vt, "INADDR_NONE", 0xffffffff);
    // Where the header has no SOL_TCP, the table still has it, valued as
    // IPPROTO_TCP (CPython's fallback).
    expectConstant(vt, "SOL_TCP", sys.IPPROTO_TCP);
    // CPython's fixed default where the header has none (FreeBSD).
    expectConstant(vt, "IPPORT_USERRESERVED", 5000);
    if (darwin) {
        expectConstant(vt, "TCP_KEEPALIVE", sys.TCP_KEEPALIVE);
        expectAbsent(vt, "SOCK_CLOEXEC");
        expectAbsent(vt, "SOCK_NONBLOCK");
    } else {
        expectConstant(vt, "SOCK_CLOEXEC", sys.SOCK_CLOEXEC);
        expectAbsent(vt, "TCP_KEEPALIVE");
    }
    // Linux-only names never leak into a BSD table.
    expectAbsent(vt, "SO_PEERCRED");
    expectAbsent(vt, "TCP_CORK");

    // socket.tcp_info(): the struct each system answers with, laid out by
    // the compiler from sys.h's member list (its coverage is checked where
    // the table is built); here a few members at the places the headers put
    // them, bitfields included.
    if (vt.tcp_info == null) @compileError("no tcp_info entry");
    const fields = vt.tcp_info_fields[0..vt.tcp_info_field_count];
    if (darwin) {
        expectValue("sizeof(struct tcp_connection_info)", sys.PYSOCK_TCPI_SIZE, 112);
        expectValue("TCP_CONNECTION_INFO", sys.TCP_CONNECTION_INFO, 0x106);
        abi.expectTcpInfoField(fields, "tcpi_state", 0, 1, 0, 8);
        abi.expectTcpInfoField(fields, "tcpi_rcv_wscale", 2, 1, 0, 8);
        abi.expectTcpInfoField(fields, "tcpi_options", 4, 4, 0, 32);
        abi.expectTcpInfoField(fields, "tcpi_srtt", 44, 4, 0, 32);
        abi.expectTcpInfoField(fields, "tcpi_tfo_cookie_req", 52, 1, 0, 1);
        abi.expectTcpInfoField(fields, "tcpi_tfo_cookie_rcv", 52, 1, 1, 1);
        abi.expectTcpInfoField(fields, "tcpi_tfo_onebyte_proxy", 53, 1, 6, 1);
        abi.expectTcpInfoField(fields, "tcpi_txpackets", 56, 8, 0, 64);
        abi.expectTcpInfoField(fields, "tcpi_txretransmitpackets", 104, 8, 0, 64);
        expectValue("TSI_S_ESTABLISHED", sys.TSI_S_ESTABLISHED, 4);
        expectValue("tcp_info fields", fields.len, 37);
    } else {
        expectValue("sizeof(struct tcp_info)", sys.PYSOCK_TCPI_SIZE, 256);
        expectValue("TCP_INFO", sys.TCP_INFO, 32);
        abi.expectTcpInfoField(fields, "tcpi_state", 0, 1, 0, 8);
        abi.expectTcpInfoField(fields, "tcpi_options", 5, 1, 0, 8);
        abi.expectTcpInfoField(fields, "tcpi_snd_wscale", 6, 1, 0, 4);
        abi.expectTcpInfoField(fields, "tcpi_rcv_wscale", 6, 1, 4, 4);
        abi.expectTcpInfoField(fields, "tcpi_rto", 8, 4, 0, 32);
        abi.expectTcpInfoField(fields, "tcpi_rtt", 68, 4, 0, 32);
        abi.expectTcpInfoField(fields, "tcpi_snd_rexmitpack", 120, 4, 0, 32);
        abi.expectTcpInfoField(fields, "tcpi_total_tlp_bytes", 168, 8, 0, 64);
        abi.expectTcpInfoField(fields, "tcpi_rttmin", 196, 4, 0, 32);
        expectValue("TCPS_ESTABLISHED", sys.TCPS_ESTABLISHED, 4);
        expectValue("tcp_info fields", fields.len, 31);
        // The members FreeBSD leaves unfilled are not decoded.
        for (fields) |f| if (std.mem.startsWith(u8, std.mem.span(f.name), "__")) @compileError("a reserved member is in the table");
    }
    for (vt.tcp_states[0..vt.tcp_state_count]) |st| {
        if (std.mem.eql(u8, std.mem.span(st.name), "LISTEN") and st.value != 1) @compileError("LISTEN is 1 on the BSDs");
    }
}

fn expectField(comptime T: type, comptime name: []const u8, comptime offset: usize, comptime size: usize) void {
    if (!@hasField(T, name)) @compileError(@typeName(T) ++ " has no field " ++ name);
    if (@offsetOf(T, name) != offset or @sizeOf(@FieldType(T, name)) != size)
        @compileError(std.fmt.comptimePrint("{s}.{s}: offset {d} size {d}, expected {d} and {d}", .{
            @typeName(T), name, @offsetOf(T, name), @sizeOf(@FieldType(T, name)), offset, size,
        }));
}

fn expectSize(comptime T: type, comptime size: usize) void {
    if (@sizeOf(T) != size) @compileError(std.fmt.comptimePrint("sizeof {s} is {d}, expected {d}", .{ @typeName(T), @sizeOf(T), size }));
}

fn expectValue(comptime name: []const u8, comptime actual: anytype, comptime expected: comptime_int) void {
    if (actual != expected) @compileError(std.fmt.comptimePrint("{s} is {d}, expected {d}", .{ name, actual, expected }));
}

fn find(comptime vt: abi.Vtable, comptime name: []const u8) ?i64 {
    for (vt.constants[0..vt.constant_count]) |c| {
        if (std.mem.eql(u8, std.mem.span(c.name), name)) return c.value;
    }
    return null;
}

fn expectConstant(comptime vt: abi.Vtable, comptime name: []const u8, comptime expected: comptime_int) void {
    const value = find(vt, name) orelse @compileError("constant table lacks " ++ name);
    if (value != expected) @compileError(std.fmt.comptimePrint("table: {s} = {d}, header: {d}", .{ name, value, expected }));
}

fn expectAbsent(comptime vt: abi.Vtable, comptime name: []const u8) void {
    if (find(vt, name) != null) @compileError("constant table should not have " ++ name);
}
