//! Names CPython's `socket` module exposes on Linux only: the constants of
//! the Linux-specific families (CAN, TIPC, J1939, AF_ALG, netlink, packet,
//! vsock) and options only Linux has. As for the shared list, a name is kept
//! only where the target's translated header defines it (or an alias below
//! says which header name it stands for), and the value is the header's.
//!
//! The last groups were added to the stdlib in 3.12 and 3.13; the package
//! hides them on older Pythons (pysock/_constants.py), as their stdlib does.
const Fallback = @import("posix").constants.Fallback;

pub const linux_only = [_][:0]const u8{
    // PF_* aliases the stdlib lists by name
    "PF_CAN", "PF_PACKET", "PF_RDS",
    // AF_ALG (linux/if_alg.h)
    "ALG_OP_DECRYPT", "ALG_OP_ENCRYPT", "ALG_OP_SIGN", "ALG_OP_VERIFY",
    "ALG_SET_AEAD_ASSOCLEN", "ALG_SET_AEAD_AUTHSIZE", "ALG_SET_IV", "ALG_SET_KEY",
    "ALG_SET_OP", "ALG_SET_PUBKEY",
    // AF_CAN (linux/can.h, linux/can/raw.h, linux/can/bcm.h)
    "CAN_BCM", "CAN_ISOTP", "CAN_J1939", "CAN_RAW",
    "CAN_EFF_FLAG", "CAN_EFF_MASK", "CAN_ERR_FLAG", "CAN_ERR_MASK", "CAN_RTR_FLAG",
    "CAN_SFF_MASK",
    "CAN_RAW_FD_FRAMES", "CAN_RAW_FILTER", "CAN_RAW_JOIN_FILTERS", "CAN_RAW_LOOPBACK",
    "CAN_RAW_RECV_OWN_MSGS",
    "CAN_BCM_TX_SETUP", "CAN_BCM_TX_DELETE", "CAN_BCM_TX_READ", "CAN_BCM_TX_SEND",
    "CAN_BCM_RX_SETUP", "CAN_BCM_RX_DELETE", "CAN_BCM_RX_READ", "CAN_BCM_TX_STATUS",
    "CAN_BCM_TX_EXPIRED", "CAN_BCM_RX_STATUS", "CAN_BCM_RX_TIMEOUT", "CAN_BCM_RX_CHANGED",
    "CAN_BCM_SETTIMER", "CAN_BCM_STARTTIMER", "CAN_BCM_TX_COUNTEVT", "CAN_BCM_TX_ANNOUNCE",
    "CAN_BCM_TX_CP_CAN_ID", "CAN_BCM_RX_FILTER_ID", "CAN_BCM_RX_CHECK_DLC",
    "CAN_BCM_RX_NO_AUTOTIMER", "CAN_BCM_RX_ANNOUNCE_RESUME", "CAN_BCM_TX_RESET_MULTI_IDX",
    "CAN_BCM_RX_RTR_FRAME", "CAN_BCM_CAN_FD_FRAME",
    // SAE J1939 (linux/can/j1939.h)
    "J1939_EE_INFO_NONE", "J1939_EE_INFO_TX_ABORT", "J1939_FILTER_MAX", "J1939_IDLE_ADDR",
    "J1939_MAX_UNICAST_ADDR", "J1939_NLA_BYTES_ACKED", "J1939_NLA_PAD", "J1939_NO_ADDR",
    "J1939_NO_NAME", "J1939_NO_PGN", "J1939_PGN_ADDRESS_CLAIMED",
    "J1939_PGN_ADDRESS_COMMANDED", "J1939_PGN_MAX", "J1939_PGN_PDU1_MAX", "J1939_PGN_REQUEST",
    // AF_NETLINK (linux/netlink.h)
    "NETLINK_CRYPTO", "NETLINK_DNRTMSG", "NETLINK_FIREWALL", "NETLINK_IP6_FW", "NETLINK_NFLOG",
    "NETLINK_ROUTE", "NETLINK_USERSOCK", "NETLINK_XFRM",
    // AF_PACKET (netpacket/packet.h)
    "PACKET_BROADCAST", "PACKET_FASTROUTE", "PACKET_HOST", "PACKET_LOOPBACK",
    "PACKET_MULTICAST", "PACKET_OTHERHOST", "PACKET_OUTGOING",
    // AF_TIPC (linux/tipc.h)
    "TIPC_ADDR_ID", "TIPC_ADDR_NAME", "TIPC_ADDR_NAMESEQ", "TIPC_CFG_SRV",
    "TIPC_CLUSTER_SCOPE", "TIPC_CONN_TIMEOUT", "TIPC_CRITICAL_IMPORTANCE",
    "TIPC_DEST_DROPPABLE", "TIPC_HIGH_IMPORTANCE", "TIPC_IMPORTANCE", "TIPC_LOW_IMPORTANCE",
    "TIPC_MEDIUM_IMPORTANCE", "TIPC_NODE_SCOPE", "TIPC_PUBLISHED", "TIPC_SRC_DROPPABLE",
    "TIPC_SUBSCR_TIMEOUT", "TIPC_SUB_CANCEL", "TIPC_SUB_PORTS", "TIPC_SUB_SERVICE",
    "TIPC_TOP_SRV", "TIPC_WAIT_FOREVER", "TIPC_WITHDRAWN", "TIPC_ZONE_SCOPE",
    // AF_VSOCK (linux/vm_sockets.h)
    "IOCTL_VM_SOCKETS_GET_LOCAL_CID", "VMADDR_CID_ANY", "VMADDR_CID_HOST", "VMADDR_PORT_ANY",
    "VM_SOCKETS_INVALID_VERSION",
    // IPPROTO_UDPLITE options
    "UDPLITE_RECV_CSCOV", "UDPLITE_SEND_CSCOV",
    // Added in CPython 3.12
    "ETHERTYPE_ARP", "ETHERTYPE_IP", "ETHERTYPE_IPV6", "ETHERTYPE_VLAN", "ETH_P_ALL",
    "IP_ADD_SOURCE_MEMBERSHIP", "IP_BLOCK_SOURCE", "IP_DROP_SOURCE_MEMBERSHIP", "IP_PKTINFO",
    "IP_UNBLOCK_SOURCE",
    "TCP_CC_INFO", "TCP_FASTOPEN_CONNECT", "TCP_FASTOPEN_KEY", "TCP_FASTOPEN_NO_COOKIE",
    "TCP_INQ", "TCP_MD5SIG", "TCP_MD5SIG_EXT", "TCP_QUEUE_SEQ", "TCP_REPAIR",
    "TCP_REPAIR_OPTIONS", "TCP_REPAIR_QUEUE", "TCP_REPAIR_WINDOW", "TCP_SAVED_SYN",
    "TCP_SAVE_SYN", "TCP_THIN_DUPACK", "TCP_THIN_LINEAR_TIMEOUTS", "TCP_TIMESTAMP",
    "TCP_TX_DELAY", "TCP_ULP", "TCP_ZEROCOPY_RECEIVE",
    // Added in CPython 3.13
    "NI_IDN", "SO_BINDTOIFINDEX",
    // pysock's own (no CPython has them yet): UDP segmentation offload
    // (linux/udp.h). The package keeps them out of __all__ unless the
    // running stdlib has them (pysock/_constants.py).
    "UDP_SEGMENT", "UDP_GRO",
};

/// Names whose header spelling differs, or which CPython defines itself.
/// They take precedence over a header macro of the same name.
pub const linux_fallbacks = bcm_aliases ++ [_]Fallback{
    // Header macros translate-c cannot translate, restated in sys.h.
    .{ .name = "VMADDR_CID_ANY", .value = .{ .header = "PYSOCK_VMADDR_CID_ANY" } },
    .{ .name = "VMADDR_PORT_ANY", .value = .{ .header = "PYSOCK_VMADDR_PORT_ANY" } },
    .{ .name = "VM_SOCKETS_INVALID_VERSION", .value = .{ .header = "PYSOCK_VM_SOCKETS_INVALID_VERSION" } },
    .{ .name = "IOCTL_VM_SOCKETS_GET_LOCAL_CID", .value = .{ .header = "PYSOCK_IOCTL_VM_SOCKETS_GET_LOCAL_CID" } },
    // The kernel headers do not define the UDP-Lite options (glibc does not
    // either); CPython supplies their kernel ABI numbers (include/net/udplite.h
    // in the kernel tree, which is not exported to user space).
    .{ .name = "UDPLITE_SEND_CSCOV", .value = .{ .cpython_default = 10 } },
    .{ .name = "UDPLITE_RECV_CSCOV", .value = .{ .cpython_default = 11 } },
    // The asymmetric-cipher interface of AF_ALG was proposed for the kernel
    // but never merged, so no header defines these; CPython defines them
    // with the numbers of that proposal, and the stdlib exposes them.
    .{ .name = "ALG_OP_SIGN", .value = .{ .cpython_default = 2 } },
    .{ .name = "ALG_OP_VERIFY", .value = .{ .cpython_default = 3 } },
    .{ .name = "ALG_SET_PUBKEY", .value = .{ .cpython_default = 6 } },
};

/// linux/can/bcm.h names the BCM opcodes and flags without the CAN_BCM_
/// prefix the stdlib gives them.
const bcm_aliases = blk: {
    const names = [_][]const u8{
        "TX_SETUP",    "TX_DELETE",     "TX_READ",    "TX_SEND",         "RX_SETUP",
        "RX_DELETE",   "RX_READ",       "TX_STATUS",  "TX_EXPIRED",      "RX_STATUS",
        "RX_TIMEOUT",  "RX_CHANGED",    "SETTIMER",   "STARTTIMER",      "TX_COUNTEVT",
        "TX_ANNOUNCE", "TX_CP_CAN_ID",  "RX_FILTER_ID", "RX_CHECK_DLC",  "RX_NO_AUTOTIMER",
        "RX_ANNOUNCE_RESUME", "TX_RESET_MULTI_IDX", "RX_RTR_FRAME", "CAN_FD_FRAME",
    };
    var out: [names.len]Fallback = undefined;
    for (names, 0..) |name, i| out[i] = .{ .name = "CAN_BCM_" ++ name, .value = .{ .header = name } };
    break :blk out;
};
