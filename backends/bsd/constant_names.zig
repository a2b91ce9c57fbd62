//! Names CPython's `socket` module (3.11) exposes on macOS or FreeBSD but
//! not on Linux, in the groups the shared table covers. As for the shared
//! list, a name is kept only where the target's header defines it.
const builtin = @import("builtin");

pub const bsd_only = [_][:0]const u8{
    // AF_*
    "AF_LINK",  "AF_SYSTEM",
    // SO_*, SCM_*
    "SO_USELOOPBACK", "SCM_CREDS", "SCM_CREDS2",
    // MSG_*
    "MSG_EOF",  "MSG_BCAST", "MSG_MCAST", "MSG_NOTIFICATION", "MSG_BTAG", "MSG_ETAG",
    // IPPROTO_*
    "IPPROTO_GGP", "IPPROTO_IPV4", "IPPROTO_HELLO", "IPPROTO_ND", "IPPROTO_MOBILE",
    "IPPROTO_XTP", "IPPROTO_EON", "IPPROTO_IPCOMP", "IPPROTO_VRRP", "IPPROTO_BIP",
    "IPPROTO_MAX",
    // IP_*, IPV6_*
    "IP_RECVDSTADDR", "IPV6_USE_MIN_MTU",
    // TCP_*
    "TCP_CONNECTION_INFO",
    // EAI_*, AI_*
    "EAI_BADHINTS", "EAI_PROTOCOL", "EAI_MAX",
    "AI_MASK", "AI_V4MAPPED_CFG", "AI_DEFAULT",
};

/// CPython exposes TCP_KEEPALIVE (Darwin's TCP_KEEPIDLE) on Apple systems only.
pub const apple_only: []const [:0]const u8 = if (builtin.target.os.tag.isDarwin()) &.{"TCP_KEEPALIVE"} else &.{};
