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
/// getaddrinfo flags the timed lookup acts on (binding/resolver.zig); 0 when absent.
pub var ai_numerichost: i32 = 0;
pub var ai_canonname: i32 = 0;
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

/// Where install() stores each constant the binding acts on, by name.
const Slot = union(enum) { int: *i32, code: *?u32 };
const slots = std.StaticStringMap(Slot).initComptime(.{
    .{ "EAI_FAMILY", Slot{ .int = &eai_family } },        .{ "SOCK_STREAM", Slot{ .int = &sock_stream } },
    .{ "AF_INET", Slot{ .int = &af_inet } },              .{ "AF_INET6", Slot{ .int = &af_inet6 } },
    .{ "AF_UNIX", Slot{ .int = &af_unix } },              .{ "SOCK_NONBLOCK", Slot{ .int = &sock_nonblock } },
    .{ "SOCK_CLOEXEC", Slot{ .int = &sock_cloexec } },    .{ "SOMAXCONN", Slot{ .int = &somaxconn } },
    .{ "MSG_DONTWAIT", Slot{ .int = &msg_dontwait } },    .{ "MSG_TRUNC", Slot{ .int = &msg_trunc } },
    .{ "SOL_SOCKET", Slot{ .int = &sol_socket } },        .{ "SO_RCVLOWAT", Slot{ .int = &so_rcvlowat } },
    .{ "AF_NETLINK", Slot{ .int = &af_netlink } },        .{ "AF_PACKET", Slot{ .int = &af_packet } },
    .{ "AF_CAN", Slot{ .int = &af_can } },                .{ "AF_ALG", Slot{ .int = &af_alg } },
    .{ "AF_VSOCK", Slot{ .int = &af_vsock } },            .{ "AF_TIPC", Slot{ .int = &af_tipc } },
    .{ "AF_QIPCRTR", Slot{ .int = &af_qipcrtr } },        .{ "AF_RDS", Slot{ .int = &af_rds } },
    .{ "CAN_RAW", Slot{ .int = &can_raw } },              .{ "CAN_BCM", Slot{ .int = &can_bcm } },
    .{ "CAN_ISOTP", Slot{ .int = &can_isotp } },          .{ "CAN_J1939", Slot{ .int = &can_j1939 } },
    .{ "TIPC_ADDR_NAMESEQ", Slot{ .int = &tipc_addr_nameseq } }, .{ "TIPC_ADDR_NAME", Slot{ .int = &tipc_addr_name } },
    .{ "TIPC_ADDR_ID", Slot{ .int = &tipc_addr_id } },    .{ "TIPC_CLUSTER_SCOPE", Slot{ .int = &tipc_cluster_scope } },
    .{ "SIO_RCVALL", Slot{ .code = &sio_rcvall } },       .{ "SIO_KEEPALIVE_VALS", Slot{ .code = &sio_keepalive_vals } },
    .{ "SIO_LOOPBACK_FAST_PATH", Slot{ .code = &sio_loopback_fast_path } },
    .{ "AI_NUMERICHOST", Slot{ .int = &ai_numerichost } }, .{ "AI_CANONNAME", Slot{ .int = &ai_canonname } },
});

pub fn install(table: *const abi.Vtable) void {
    vt = table;
    // One map lookup per constant of the table (it has hundreds), at import.
    for (table.constants[0..table.constant_count]) |c| {
        switch (slots.get(std.mem.span(c.name)) orelse continue) {
            .int => |p| p.* = @truncate(c.value),
            .code => |p| p.* = @as(u32, @truncate(@as(u64, @bitCast(c.value)))),
        }
    }
    is_loaded = true;
}

const std = @import("std");
