//! The constant table: exactly the AF_/SOCK_/SO_/SOL_/IPPROTO_/IPPORT_/
//! INADDR_/IP_/IPV6_/MSG_/TCP_/SHUT_/AI_/NI_/EAI_/SIO_/RCVALL_/HV_/
//! HVSOCKET_ names, BTPROTO_RFCOMM and SOMAXCONN that CPython's `socket`
//! module has on Windows (10 and later),
//! with the values it gives them. Values come from the mingw-w64 headers
//! (module `sys`); the short lists further down say, name by name, where
//! CPython's value is not a mingw-w64 macro of the same name, and why.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");

/// Names whose value is the header macro of the same name.
const from_header = [_][:0]const u8{
    // Address families. AF_UNIX is deliberately absent: CPython on Windows
    // does not offer it (its socket module undefines AF_UNIX without sys/un.h).
    "AF_APPLETALK",              "AF_INET",            "AF_INET6",           "AF_IPX",
    "AF_IRDA",                   "AF_SNA",             "AF_UNSPEC",          "AF_DECnet",
    // Socket types.
    "SOCK_DGRAM",                "SOCK_RAW",           "SOCK_RDM",           "SOCK_SEQPACKET",
    "SOCK_STREAM",
    // Socket-level options.
    "SOL_SOCKET",                "SOMAXCONN",          "SO_ACCEPTCONN",      "SO_BROADCAST",
    "SO_DEBUG",                  "SO_DONTROUTE",       "SO_ERROR",           "SO_EXCLUSIVEADDRUSE",
    "SO_KEEPALIVE",              "SO_LINGER",          "SO_OOBINLINE",       "SO_RCVBUF",
    "SO_RCVLOWAT",               "SO_RCVTIMEO",        "SO_REUSEADDR",       "SO_SNDBUF",
    "SO_SNDLOWAT",               "SO_SNDTIMEO",        "SO_TYPE",            "SO_USELOOPBACK",
    // Protocols.
    "IPPROTO_AH",                "IPPROTO_CBT",        "IPPROTO_DSTOPTS",    "IPPROTO_EGP",
    "IPPROTO_ESP",               "IPPROTO_FRAGMENT",   "IPPROTO_GGP",        "IPPROTO_HOPOPTS",
    "IPPROTO_ICLFXBM",           "IPPROTO_ICMP",       "IPPROTO_ICMPV6",     "IPPROTO_IDP",
    "IPPROTO_IGMP",              "IPPROTO_IGP",        "IPPROTO_IP",         "IPPROTO_IPV4",
    "IPPROTO_IPV6",              "IPPROTO_L2TP",       "IPPROTO_MAX",        "IPPROTO_ND",
    "IPPROTO_NONE",              "IPPROTO_PGM",        "IPPROTO_PIM",        "IPPROTO_PUP",
    "IPPROTO_RAW",               "IPPROTO_RDP",        "IPPROTO_ROUTING",    "IPPROTO_SCTP",
    "IPPROTO_ST",                "IPPROTO_TCP",        "IPPROTO_UDP",
    // Well-known addresses and ports.
    "INADDR_ANY",                "INADDR_BROADCAST",   "INADDR_LOOPBACK",    "INADDR_NONE",
    "IPPORT_RESERVED",
    // IPv4 and IPv6 options.
    "IP_ADD_MEMBERSHIP",         "IP_ADD_SOURCE_MEMBERSHIP",                 "IP_BLOCK_SOURCE",
    "IP_DROP_MEMBERSHIP",        "IP_DROP_SOURCE_MEMBERSHIP",                "IP_HDRINCL",
    "IP_MULTICAST_IF",           "IP_MULTICAST_LOOP",  "IP_MULTICAST_TTL",   "IP_OPTIONS",
    "IP_PKTINFO",                "IP_RECVDSTADDR",     "IP_RECVTOS",         "IP_TOS",
    "IP_TTL",                    "IP_UNBLOCK_SOURCE",  "IPV6_CHECKSUM",      "IPV6_DONTFRAG",
    "IPV6_HOPLIMIT",             "IPV6_HOPOPTS",       "IPV6_JOIN_GROUP",    "IPV6_LEAVE_GROUP",
    "IPV6_MULTICAST_HOPS",       "IPV6_MULTICAST_IF",  "IPV6_MULTICAST_LOOP", "IPV6_PKTINFO",
    "IPV6_RECVRTHDR",            "IPV6_RECVTCLASS",    "IPV6_RTHDR",         "IPV6_TCLASS",
    "IPV6_UNICAST_HOPS",         "IPV6_V6ONLY",
    // TCP options. CPython hides the last four on Windows older than 10
    // 1703/1709/1803, where the OS rejects them; pysock targets Windows 10+.
    "TCP_MAXSEG",                "TCP_NODELAY",        "TCP_KEEPIDLE",       "TCP_KEEPINTVL",
    "TCP_KEEPCNT",               "TCP_FASTOPEN",
    // Message flags.
    "MSG_BCAST",                 "MSG_CTRUNC",         "MSG_DONTROUTE",      "MSG_MCAST",
    "MSG_OOB",                   "MSG_PEEK",           "MSG_TRUNC",          "MSG_WAITALL",
    // getaddrinfo / getnameinfo.
    "AI_ADDRCONFIG",             "AI_ALL",             "AI_CANONNAME",       "AI_NUMERICHOST",
    "AI_NUMERICSERV",            "AI_PASSIVE",         "AI_V4MAPPED",        "NI_DGRAM",
    "NI_MAXHOST",                "NI_MAXSERV",         "NI_NAMEREQD",        "NI_NOFQDN",
    "NI_NUMERICHOST",            "NI_NUMERICSERV",     "EAI_AGAIN",          "EAI_BADFLAGS",
    "EAI_FAIL",                  "EAI_FAMILY",         "EAI_MEMORY",         "EAI_NONAME",
    "EAI_SERVICE",               "EAI_SOCKTYPE",
    // WSAIoctl codes (socket.ioctl) and their arguments.
    "SIO_KEEPALIVE_VALS",        "SIO_LOOPBACK_FAST_PATH",                   "SIO_RCVALL",
    "RCVALL_MAX",                "RCVALL_OFF",         "RCVALL_ON",          "RCVALL_SOCKETLEVELONLY",
    // Hyper-V sockets (AF_HYPERV): protocol and socket options.
    "HV_PROTOCOL_RAW",           "HVSOCKET_ADDRESS_FLAG_PASSTHRU",           "HVSOCKET_CONNECTED_SUSPEND",
    "HVSOCKET_CONNECT_TIMEOUT",  "HVSOCKET_CONNECT_TIMEOUT_MAX",
};

const Alias = struct { name: [:0]const u8, header: []const u8 };

/// Names CPython takes from a differently named header macro.
const aliases = [_]Alias{
    .{ .name = "AF_BLUETOOTH", .header = "AF_BTH" },
    .{ .name = "BTPROTO_RFCOMM", .header = "BTHPROTO_RFCOMM" },
    .{ .name = "SHUT_RD", .header = "SD_RECEIVE" },
    .{ .name = "SHUT_WR", .header = "SD_SEND" },
    .{ .name = "SHUT_RDWR", .header = "SD_BOTH" },
    // CPython's fallbacks (6, 17) for a missing SOL_TCP/SOL_UDP: the option
    // levels of TCP and UDP are their protocol numbers.
    .{ .name = "SOL_TCP", .header = "IPPROTO_TCP" },
    .{ .name = "SOL_UDP", .header = "IPPROTO_UDP" },
    // The Windows SDK's ws2tcpip.h defines EAI_NODATA as EAI_NONAME;
    // mingw-w64 uses WSANO_DATA (11004), which CPython on Windows never shows.
    .{ .name = "EAI_NODATA", .header = "EAI_NONAME" },
};

const Supplement = struct { name: [:0]const u8, value: i64 };

/// Names mingw-w64 lacks. Each is used only while the header does not
/// define the name; the wine test suite checks them against real Windows.
const supplements = [_]Supplement{
    // Windows SDK ws2def.h.
    .{ .name = "AF_LINK", .value = 33 },
    .{ .name = "AF_HYPERV", .value = 34 },
    .{ .name = "MSG_ERRQUEUE", .value = 0x1000 },
    .{ .name = "SOL_IP", .value = sys.SOL_SOCKET - 4 },
    // No Windows header has these: CPython's socketmodule.c supplies them.
    .{ .name = "INADDR_UNSPEC_GROUP", .value = cLong(0xe0000000) },
    .{ .name = "INADDR_ALLHOSTS_GROUP", .value = cLong(0xe0000001) },
    .{ .name = "INADDR_MAX_LOCAL_GROUP", .value = cLong(0xe00000ff) },
    .{ .name = "IPPORT_USERRESERVED", .value = 5000 },
};

pub const table: []const abi.Constant = &build();

fn build() [count()]abi.Constant {
    var out: [count()]abi.Constant = undefined;
    var i: usize = 0;
    @setEvalBranchQuota(100_000);
    for (from_header) |name| {
        if (!@hasDecl(sys, name)) continue;
        out[i] = .{ .name = name, .value = valueOf(name, name) };
        i += 1;
    }
    for (aliases) |alias| {
        if (!@hasDecl(sys, alias.header)) continue;
        out[i] = .{ .name = alias.name, .value = valueOf(alias.name, alias.header) };
        i += 1;
    }
    for (supplements) |s| {
        out[i] = .{ .name = s.name, .value = if (@hasDecl(sys, s.name)) valueOf(s.name, s.name) else s.value };
        i += 1;
    }
    return out;
}

fn count() usize {
    @setEvalBranchQuota(100_000);
    var n: usize = supplements.len;
    for (from_header) |name| n += @intFromBool(@hasDecl(sys, name));
    for (aliases) |alias| n += @intFromBool(@hasDecl(sys, alias.header));
    return n;
}

/// The header's value, represented as CPython on Windows represents it:
/// PyModule_AddIntConstant takes a C `long`, 32 bits on Windows, so e.g.
/// INADDR_BROADCAST (0xffffffff) is -1; the SIO_* codes are added as
/// unsigned DWORDs.
fn valueOf(comptime name: []const u8, comptime header: []const u8) i64 {
    const value = @field(sys, header);
    if (std.mem.startsWith(u8, name, "SIO_")) return dword(value);
    return cLong(value);
}

fn bits32(comptime value: anytype) u32 {
    const wide: i64 = value;
    if (wide < std.math.minInt(i32) or wide > std.math.maxInt(u32))
        @compileError(std.fmt.comptimePrint("{d} does not fit in 32 bits", .{wide}));
    return @truncate(@as(u64, @bitCast(wide)));
}

fn cLong(comptime value: anytype) i64 {
    return @as(i32, @bitCast(bits32(value)));
}

fn dword(comptime value: anytype) i64 {
    return bits32(value);
}
