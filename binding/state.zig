//! Process-wide state of the binding: the loaded backend, the exception types
//! `_core` creates, the few backend constants the binding itself acts on, and
//! the module's default timeout.
const abi = @import("abi");
const py = @import("python.zig");

/// Set once by `_core._load`, which the package calls on import before any
/// other entry point can run.
pub var vt: *const abi.Vtable = undefined;
var is_loaded = false;

pub var herror: *py.PyObject = undefined;
pub var gaierror: *py.PyObject = undefined;

/// Native values of the constants the binding needs (0 or -1 when absent).
pub var sock_stream: i32 = 1;
pub var af_inet: i32 = -1;
pub var af_inet6: i32 = -1;
pub var af_unix: i32 = -1;
pub var sock_nonblock: i32 = 0;
pub var sock_cloexec: i32 = 0;
pub var somaxconn: i32 = 128;
/// The families of binding/families.zig and the protocol/type numbers
/// their address formats depend on (-1 where the backend lacks them).
pub var af_netlink: i32 = -1;
pub var af_packet: i32 = -1;
pub var af_can: i32 = -1;
pub var af_alg: i32 = -1;
pub var af_vsock: i32 = -1;
pub var af_tipc: i32 = -1;
pub var af_qipcrtr: i32 = -1;
/// AF_RDS sockets use AF_INET addresses.
pub var af_rds: i32 = -1;
pub var can_raw: i32 = -1;
pub var can_bcm: i32 = -1;
pub var can_isotp: i32 = -1;
pub var can_j1939: i32 = -1;
pub var tipc_addr_nameseq: i32 = -1;
pub var tipc_addr_name: i32 = -1;
pub var tipc_addr_id: i32 = -1;
pub var tipc_cluster_scope: i32 = 0;
/// For reads tried first without waiting (io.run); 0 / -1 when absent.
pub var msg_dontwait: i32 = 0;
pub var msg_waitall: i32 = 0;
/// A read with MSG_TRUNC may report bytes it never wrote (a stream discards them).
pub var msg_trunc: i32 = 0;
pub var sol_socket: i32 = -1;
pub var so_rcvlowat: i32 = -1;
/// The WSAIoctl codes socket.ioctl() accepts (null where the backend lacks them).
pub var sio_rcvall: ?u32 = null;
pub var sio_keepalive_vals: ?u32 = null;
pub var sio_loopback_fast_path: ?u32 = null;
/// For gaierror "address family mismatched".
pub var eai_family: i32 = -6;
/// errno.EWOULDBLOCK of the running Python, which connect_ex returns on timeout.
pub var ewouldblock: i32 = 11;
/// errno.EBADF and errno.ENOTSOCK: a descriptor given to socket(fileno=) is
/// refused when the OS answers with one of these.
pub var ebadf: i32 = 9;
pub var enotsock: i32 = 88;

/// Seconds-as-nanoseconds for new sockets; -1 means None (blocking).
pub var default_timeout_ns: i64 = -1;

pub fn loaded() bool {
    if (!is_loaded) py.PyErr_SetString(py.PyExc_ImportError, "pysock._core: no backend loaded");
    return is_loaded;
}

pub fn install(table: *const abi.Vtable) void {
    vt = table;
    for (table.constants[0..table.constant_count]) |c| {
        const name = std.mem.span(c.name);
        const v: i32 = @truncate(c.value);
        inline for (.{
            .{ "EAI_FAMILY", &eai_family },        .{ "SOCK_STREAM", &sock_stream },
            .{ "AF_INET", &af_inet },              .{ "AF_INET6", &af_inet6 },
            .{ "AF_UNIX", &af_unix },              .{ "SOCK_NONBLOCK", &sock_nonblock },
            .{ "SOCK_CLOEXEC", &sock_cloexec },    .{ "SOMAXCONN", &somaxconn },
            .{ "MSG_DONTWAIT", &msg_dontwait },    .{ "MSG_WAITALL", &msg_waitall },
            .{ "MSG_TRUNC", &msg_trunc },
            .{ "SOL_SOCKET", &sol_socket },        .{ "SO_RCVLOWAT", &so_rcvlowat },
            .{ "AF_NETLINK", &af_netlink },        .{ "AF_PACKET", &af_packet },
            .{ "AF_CAN", &af_can },                .{ "AF_ALG", &af_alg },
            .{ "AF_VSOCK", &af_vsock },            .{ "AF_TIPC", &af_tipc },
            .{ "AF_QIPCRTR", &af_qipcrtr },        .{ "AF_RDS", &af_rds },
            .{ "CAN_RAW", &can_raw },              .{ "CAN_BCM", &can_bcm },
            .{ "CAN_ISOTP", &can_isotp },          .{ "CAN_J1939", &can_j1939 },
            .{ "TIPC_ADDR_NAMESEQ", &tipc_addr_nameseq }, .{ "TIPC_ADDR_NAME", &tipc_addr_name },
            .{ "TIPC_ADDR_ID", &tipc_addr_id },    .{ "TIPC_CLUSTER_SCOPE", &tipc_cluster_scope },
        }) |entry| {
            if (eql(name, entry[0])) entry[1].* = v;
        }
        inline for (.{
            .{ "SIO_RCVALL", &sio_rcvall }, .{ "SIO_KEEPALIVE_VALS", &sio_keepalive_vals },
            .{ "SIO_LOOPBACK_FAST_PATH", &sio_loopback_fast_path },
        }) |entry| {
            if (eql(name, entry[0])) entry[1].* = @as(u32, @truncate(@as(u64, @bitCast(c.value))));
        }
    }
    is_loaded = true;
}

const std = @import("std");
fn eql(a: []const u8, b: []const u8) bool {
    return std.mem.eql(u8, a, b);
}
