//! The names of the constant table shared by the POSIX backends.
//!
//! These are the names of the groups AF_*, SOCK_*, SOL_*, SO_*, SCM_*,
//! SOMAXCONN, MSG_*, IPPROTO_*, IPPORT_*, INADDR_*, IP_*, IPV6_*, TCP_*,
//! SHUT_*, EAI_*, AI_*, NI_* that CPython's `socket` module (3.11) exposes on
//! Linux. Only the names are listed: constants.zig keeps a name only if the
//! target's translated header defines it, and takes its value from there.

pub const common = [_][:0]const u8{
    // AF_*
    "AF_ALG", "AF_APPLETALK", "AF_ASH", "AF_ATMPVC", "AF_ATMSVC", "AF_AX25", "AF_BRIDGE",
    "AF_CAN", "AF_DECnet", "AF_ECONET", "AF_INET", "AF_INET6", "AF_IPX", "AF_IRDA", "AF_KEY",
    "AF_LLC", "AF_NETBEUI", "AF_NETLINK", "AF_NETROM", "AF_PACKET", "AF_PPPOX", "AF_QIPCRTR",
    "AF_RDS", "AF_ROSE", "AF_ROUTE", "AF_SECURITY", "AF_SNA", "AF_TIPC", "AF_UNIX", "AF_UNSPEC",
    "AF_VSOCK", "AF_WANPIPE", "AF_X25",
    // ALG_* (Linux AF_ALG: control message types and operations)
    "ALG_OP_DECRYPT", "ALG_OP_ENCRYPT", "ALG_SET_AEAD_ASSOCLEN", "ALG_SET_AEAD_AUTHSIZE",
    "ALG_SET_IV", "ALG_SET_KEY", "ALG_SET_OP",
    // SOCK_*
    "SOCK_CLOEXEC", "SOCK_DGRAM", "SOCK_NONBLOCK", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET",
    "SOCK_STREAM",
    // SOL_*
    "SOL_ALG", "SOL_CAN_BASE", "SOL_CAN_RAW", "SOL_IP", "SOL_RDS", "SOL_SOCKET", "SOL_TCP",
    "SOL_TIPC", "SOL_UDP",
    // SO_*
    "SO_ACCEPTCONN", "SO_BINDTODEVICE", "SO_BROADCAST", "SO_DEBUG", "SO_DOMAIN", "SO_DONTROUTE",
    "SO_ERROR", "SO_INCOMING_CPU", "SO_J1939_ERRQUEUE", "SO_J1939_FILTER", "SO_J1939_PROMISC",
    "SO_J1939_SEND_PRIO", "SO_KEEPALIVE", "SO_LINGER", "SO_MARK", "SO_OOBINLINE", "SO_PASSCRED",
    "SO_PASSSEC", "SO_PEERCRED", "SO_PEERSEC", "SO_PRIORITY", "SO_PROTOCOL", "SO_RCVBUF",
    "SO_RCVLOWAT", "SO_RCVTIMEO", "SO_REUSEADDR", "SO_REUSEPORT", "SO_SNDBUF", "SO_SNDLOWAT",
    "SO_SNDTIMEO", "SO_TYPE", "SO_VM_SOCKETS_BUFFER_MAX_SIZE", "SO_VM_SOCKETS_BUFFER_MIN_SIZE",
    "SO_VM_SOCKETS_BUFFER_SIZE",
    // SCM_*
    "SCM_CREDENTIALS", "SCM_J1939_DEST_ADDR", "SCM_J1939_DEST_NAME", "SCM_J1939_ERRQUEUE",
    "SCM_J1939_PRIO", "SCM_RIGHTS",
    // SOMAXCONN
    "SOMAXCONN",
    // MSG_*
    "MSG_CMSG_CLOEXEC", "MSG_CONFIRM", "MSG_CTRUNC", "MSG_DONTROUTE", "MSG_DONTWAIT", "MSG_EOR",
    "MSG_ERRQUEUE", "MSG_FASTOPEN", "MSG_MORE", "MSG_NOSIGNAL", "MSG_OOB", "MSG_PEEK",
    "MSG_TRUNC", "MSG_WAITALL",
    // IPPROTO_*
    "IPPROTO_AH", "IPPROTO_DSTOPTS", "IPPROTO_EGP", "IPPROTO_ESP", "IPPROTO_FRAGMENT",
    "IPPROTO_GRE", "IPPROTO_HOPOPTS", "IPPROTO_ICMP", "IPPROTO_ICMPV6", "IPPROTO_IDP",
    "IPPROTO_IGMP", "IPPROTO_IP", "IPPROTO_IPIP", "IPPROTO_IPV6", "IPPROTO_MPTCP",
    "IPPROTO_NONE", "IPPROTO_PIM", "IPPROTO_PUP", "IPPROTO_RAW", "IPPROTO_ROUTING",
    "IPPROTO_RSVP", "IPPROTO_SCTP", "IPPROTO_TCP", "IPPROTO_TP", "IPPROTO_UDP",
    "IPPROTO_UDPLITE",
    // IPPORT_*
    "IPPORT_RESERVED", "IPPORT_USERRESERVED",
    // INADDR_*
    "INADDR_ALLHOSTS_GROUP", "INADDR_ANY", "INADDR_BROADCAST", "INADDR_LOOPBACK",
    "INADDR_MAX_LOCAL_GROUP", "INADDR_NONE", "INADDR_UNSPEC_GROUP",
    // IP_*
    "IP_ADD_MEMBERSHIP", "IP_BIND_ADDRESS_NO_PORT", "IP_DEFAULT_MULTICAST_LOOP",
    "IP_DEFAULT_MULTICAST_TTL", "IP_DROP_MEMBERSHIP", "IP_HDRINCL", "IP_MAX_MEMBERSHIPS",
    "IP_MULTICAST_IF", "IP_MULTICAST_LOOP", "IP_MULTICAST_TTL", "IP_OPTIONS", "IP_RECVOPTS",
    "IP_RECVRETOPTS", "IP_RECVTOS", "IP_RETOPTS", "IP_TOS", "IP_TRANSPARENT", "IP_TTL",
    // IPV6_*
    "IPV6_CHECKSUM", "IPV6_DONTFRAG", "IPV6_DSTOPTS", "IPV6_HOPLIMIT", "IPV6_HOPOPTS",
    "IPV6_JOIN_GROUP", "IPV6_LEAVE_GROUP", "IPV6_MULTICAST_HOPS", "IPV6_MULTICAST_IF",
    "IPV6_MULTICAST_LOOP", "IPV6_NEXTHOP", "IPV6_PATHMTU", "IPV6_PKTINFO", "IPV6_RECVDSTOPTS",
    "IPV6_RECVHOPLIMIT", "IPV6_RECVHOPOPTS", "IPV6_RECVPATHMTU", "IPV6_RECVPKTINFO",
    "IPV6_RECVRTHDR", "IPV6_RECVTCLASS", "IPV6_RTHDR", "IPV6_RTHDRDSTOPTS", "IPV6_RTHDR_TYPE_0",
    "IPV6_TCLASS", "IPV6_UNICAST_HOPS", "IPV6_V6ONLY",
    // TCP_*
    "TCP_CONGESTION", "TCP_CORK", "TCP_DEFER_ACCEPT", "TCP_FASTOPEN", "TCP_INFO", "TCP_KEEPCNT",
    "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_LINGER2", "TCP_MAXSEG", "TCP_NODELAY",
    "TCP_NOTSENT_LOWAT", "TCP_QUICKACK", "TCP_SYNCNT", "TCP_USER_TIMEOUT", "TCP_WINDOW_CLAMP",
    // SHUT_*
    "SHUT_RD", "SHUT_RDWR", "SHUT_WR",
    // EAI_*
    "EAI_ADDRFAMILY", "EAI_AGAIN", "EAI_BADFLAGS", "EAI_FAIL", "EAI_FAMILY", "EAI_MEMORY",
    "EAI_NODATA", "EAI_NONAME", "EAI_OVERFLOW", "EAI_SERVICE", "EAI_SOCKTYPE", "EAI_SYSTEM",
    // AI_*
    "AI_ADDRCONFIG", "AI_ALL", "AI_CANONNAME", "AI_NUMERICHOST", "AI_NUMERICSERV", "AI_PASSIVE",
    "AI_V4MAPPED",
    // NI_*
    "NI_DGRAM", "NI_MAXHOST", "NI_MAXSERV", "NI_NAMEREQD", "NI_NOFQDN", "NI_NUMERICHOST",
    "NI_NUMERICSERV",
};

/// Names CPython defines even where the header does not. SOL_IP, SOL_TCP
/// and SOL_UDP then take the value of the protocol number they stand for,
/// read from the header. IPPORT_RESERVED/IPPORT_USERRESERVED are the one
/// exception to "values come from the header": CPython itself supplies
/// fixed defaults for them (musl and FreeBSD lack IPPORT_USERRESERVED), and
/// matching the stdlib there means using CPython's number.
pub const fallbacks = [_]Fallback{
    .{ .name = "SOL_IP", .value = .{ .header = "IPPROTO_IP" } },
    .{ .name = "SOL_TCP", .value = .{ .header = "IPPROTO_TCP" } },
    .{ .name = "SOL_UDP", .value = .{ .header = "IPPROTO_UDP" } },
    .{ .name = "IPPORT_RESERVED", .value = .{ .cpython_default = 1024 } },
    .{ .name = "IPPORT_USERRESERVED", .value = .{ .cpython_default = 5000 } },
};

pub const Fallback = struct {
    name: [:0]const u8,
    value: union(enum) {
        /// Another name the header defines.
        header: []const u8,
        /// The literal CPython's socketmodule.c uses.
        cpython_default: i64,
    },
};
