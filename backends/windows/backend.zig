//! The Windows backend: the vtable contract (backends/abi/vtable.zig)
//! implemented with Winsock2. Each entry lives in the file for its concern;
//! this file only assembles the table and exports it.
const abi = @import("abi");
const constants = @import("constants.zig");
const lifetime = @import("lifetime.zig");
const connection = @import("connection.zig");
const transfer = @import("transfer.zig");
const addresses = @import("addresses.zig");
const text_addresses = @import("text_addresses.zig");
const names = @import("names.zig");
const resolver = @import("resolver.zig");
const netdb = @import("netdb.zig");
const interfaces = @import("interfaces.zig");
const messages = @import("messages.zig");
const clock = @import("clock.zig");
const control = @import("control.zig");
const text_constants = @import("text_constants.zig");
const tcp_info = @import("tcp_info.zig");
const batch = @import("batch.zig");
const transmit = @import("transmit.zig");

const vtable: abi.Vtable = .{
    .abi_version = abi.abi_version,
    .struct_size = @sizeOf(abi.Vtable),
    // No socketpair (the package emulates it, as socket.py does on Windows)
    // and no AF_UNIX (CPython on Windows has none; addresses.zig).
    // Its wait is select(), whose timeval holds the seconds in a C long.
    .capabilities = abi.cap_ipv6 | abi.cap_winerror | abi.cap_handle_inheritance | abi.cap_timeval_wait |
        abi.cap_reuseaddr_shares_port,
    .platform = "windows",
    .constants = constants.table.ptr,
    .constant_count = constants.table.len,

    .init = lifetime.init,
    .strerror = messages.strerror,

    .socket = lifetime.socket,
    .socketpair = null,
    .close = lifetime.close,
    .dup = lifetime.dup,
    .info = lifetime.info,
    .set_nonblocking = lifetime.setNonblocking,
    .get_inheritable = lifetime.getInheritable,
    .set_inheritable = lifetime.setInheritable,

    .bind = connection.bind,
    .listen = connection.listen,
    .accept = connection.accept,
    .connect = connection.connect,
    .connect_result = connection.connectResult,
    .shutdown = connection.shutdown,
    .getsockname = connection.getsockname,
    .getpeername = connection.getpeername,

    .send = transfer.send,
    .sendto = transfer.sendto,
    .recv = transfer.recv,
    .recvfrom = transfer.recvfrom,
    .wait = transfer.wait,
    .setsockopt = transfer.setsockopt,
    .getsockopt = transfer.getsockopt,

    .addr_encode = addresses.encode,
    .addr_decode = addresses.decode,
    .inet_pton = text_addresses.inetPton,
    .inet_ntop = text_addresses.inetNtop,
    .inet_aton = text_addresses.inetAton,

    .gethostname = names.gethostname,
    .getaddrinfo = names.getaddrinfo,
    .addrinfo_next = names.addrinfoNext,
    .freeaddrinfo = names.freeaddrinfo,

    .monotonic_ns = clock.monotonicNs,

    .getnameinfo = netdb.getnameinfo,
    .host_by_name = netdb.hostByName,
    .host_by_addr = netdb.hostByAddr,
    .host_free = netdb.hostFree,
    .serv_by_name = netdb.servByName,
    .serv_by_port = netdb.servByPort,
    .proto_by_name = netdb.protoByName,
    // No sethostname on Windows: the stdlib has none there either.
    .sethostname = null,
    .if_nameindex = interfaces.ifNameindex,
    .if_free = interfaces.ifFree,
    .if_nametoindex = interfaces.ifNametoindex,
    .if_indextoname = interfaces.ifIndextoname,
    .ioctl = control.ioctl,
    .share = control.share,
    .fromshare = control.fromshare,

    .string_constants = &text_constants.table,
    .string_constant_count = text_constants.table.len,
    .socket_error_codes = &text_constants.socket_error_codes,
    .socket_error_code_count = text_constants.socket_error_codes.len,

    .tcp_info = tcp_info.read,
    .tcp_info_fields = tcp_info.fields.ptr,
    .tcp_info_field_count = tcp_info.fields.len,
    .tcp_info_common = tcp_info.common.ptr,
    .tcp_info_common_count = tcp_info.common.len,
    .tcp_states = tcp_info.states.ptr,
    .tcp_state_count = tcp_info.states.len,
    // A loop of single calls (no cap_batch_native): Winsock has no batch call.
    .recvmmsg = batch.recvmmsg,
    .sendmmsg = batch.sendmmsg,
    // No os.sendfile on Windows: sendfile's kernel copy is TransmitFile.
    .transmit_file = transmit.transmitFile,
    .getaddrinfo_start = resolver.start,
    .getaddrinfo_wait = resolver.wait,
    .getaddrinfo_end = resolver.end,
};

/// The one symbol the binding looks up (`abi.entry_symbol`).
export fn pysock_backend_vtable() callconv(.c) *const abi.Vtable {
    return &vtable;
}
