//! The POSIX code shared by the Linux and BSD/macOS backends. A backend
//! describes itself with a `Platform` and gets its vtable from `vtable`.
const abi = @import("abi");
const sys = @import("sys");

pub const Platform = @import("platform.zig").Platform;
pub const constants = @import("constants.zig");
pub const errors = @import("errors.zig");
pub const options = @import("options.zig");
pub const sockaddr = @import("sockaddr.zig");
pub const connection = @import("connection.zig");
pub const tcp_info = @import("tcp_info.zig");

const lifetime = @import("lifetime.zig");
const transfer = @import("transfer.zig");
const inet = @import("inet.zig");
const names = @import("names.zig");
const netdb = @import("netdb.zig");
const interfaces = @import("interfaces.zig");
const clock = @import("clock.zig");
const messages = @import("messages.zig");
const batch = @import("batch.zig");
const resolver = @import("resolver.zig");

pub fn vtable(comptime platform: Platform) abi.Vtable {
    const Lifetime = lifetime.Lifetime(platform);
    const Accept = connection.Accept(platform);
    const Codec = sockaddr.Codec(platform);
    return .{
        .abi_version = abi.abi_version,
        .struct_size = @sizeOf(abi.Vtable),
        .capabilities = capabilities(platform),
        .platform = platform.name,
        .constants = platform.constants.ptr,
        .constant_count = platform.constants.len,

        .init = init,
        .strerror = errors.strerror,

        .socket = Lifetime.socket,
        .socketpair = Lifetime.socketpair,
        .close = lifetime.close,
        .dup = lifetime.dup,
        .info = platform.info,
        .set_nonblocking = lifetime.setNonblocking,
        .get_inheritable = lifetime.getInheritable,
        .set_inheritable = lifetime.setInheritable,

        .bind = connection.bind,
        .listen = connection.listen,
        .accept = Accept.accept,
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

        .setsockopt = options.setsockopt,
        .getsockopt = options.getsockopt,

        .addr_encode = Codec.encode,
        .addr_decode = Codec.decode,
        .inet_pton = inet.inetPton,
        .inet_ntop = inet.inetNtop,
        .inet_aton = inet.inetAton,

        .gethostname = names.gethostname,
        .getaddrinfo = names.getaddrinfo,
        .addrinfo_next = names.addrinfoNext,
        .freeaddrinfo = names.freeaddrinfo,

        .monotonic_ns = clock.monotonicNs,

        .sendmsg = messages.sendmsg,
        .recvmsg = messages.recvmsg,
        .cmsg_size = messages.cmsgSize,
        .cmsg_build = messages.cmsgBuild,
        .cmsg_next = messages.cmsgNext,
        .getnameinfo = netdb.getnameinfo,
        .host_by_name = netdb.hostByName,
        .host_by_addr = netdb.hostByAddr,
        .host_free = netdb.hostFree,
        .serv_by_name = netdb.servByName,
        .serv_by_port = netdb.servByPort,
        .proto_by_name = netdb.protoByName,
        .sethostname = if (@hasDecl(sys, "sethostname")) netdb.sethostname else null,
        .if_nameindex = interfaces.ifNameindex,
        .if_free = interfaces.ifFree,
        .if_nametoindex = interfaces.ifNametoindex,
        .if_indextoname = interfaces.ifIndextoname,

        .tcp_info = if (platform.tcp_info) |t| tcp_info.Reader(t).read else null,
        .tcp_info_fields = if (platform.tcp_info) |t| t.fields.ptr else &[_]abi.TcpInfoField{},
        .tcp_info_field_count = if (platform.tcp_info) |t| t.fields.len else 0,
        .tcp_info_common = if (platform.tcp_info) |t| t.common.ptr else &[_]abi.TcpInfoCommon{},
        .tcp_info_common_count = if (platform.tcp_info) |t| t.common.len else 0,
        .tcp_states = if (platform.tcp_info) |t| t.states.ptr else &[_]abi.Constant{},
        .tcp_state_count = if (platform.tcp_info) |t| t.states.len else 0,
        .recvmmsg = batch.recvmmsg,
        .sendmmsg = batch.sendmmsg,
        .getaddrinfo_start = resolver.start,
        .getaddrinfo_wait = resolver.wait,
        .getaddrinfo_end = resolver.end,
    };
}

fn capabilities(comptime platform: Platform) u64 {
    var caps: u64 = abi.cap_ipv6 | abi.cap_unix | abi.cap_socketpair;
    if (platform.unix_abstract) caps |= abi.cap_unix_abstract;
    if (batch.native) caps |= abi.cap_batch_native;
    return caps;
}

/// POSIX sockets need no process-wide set-up; the resolver's worker pool
/// registers its fork handler.
fn init(err: *abi.Error) callconv(.c) c_int {
    _ = err;
    resolver.init();
    return 0;
}
