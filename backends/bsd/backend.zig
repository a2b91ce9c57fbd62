//! The BSD/macOS backend: the shared POSIX code plus what differs here
//! (sa_len in sockaddrs, no atomic SOCK_CLOEXEC on macOS, no SO_DOMAIN).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const posix = @import("posix");
const names = @import("constant_names.zig");
const tcp_info = @import("tcp_info.zig");

comptime {
    // The shared sockaddr code fills sa_len from this; a header without it
    // is not a BSD header.
    std.debug.assert(posix.sockaddr.has_sa_len);
}

pub const vtable = posix.vtable(.{
    .name = "bsd",
    // FreeBSD has SOCK_CLOEXEC and accept4(); macOS has neither, and
    // its handles get FD_CLOEXEC right after they are created.
    .atomic_cloexec = @hasDecl(sys, "SOCK_CLOEXEC") and @hasDecl(sys, "accept4"),
    .unix_abstract = false,
    .info = info,
    .constants = posix.constants.table(&posix.constants.common_names ++ names.bsd_only ++ names.apple_only[0..names.apple_only.len].*),
    .tcp_info = tcp_info.spec,
});

export fn pysock_backend_vtable() callconv(.c) *const abi.Vtable {
    return &vtable;
}

/// The family comes from getsockname (the BSDs have no SO_DOMAIN), the type
/// from SO_TYPE, the protocol from SO_PROTOCOL where it exists (else 0, as
/// the stdlib does).
fn info(h: abi.Handle, family: *i32, sock_type: *i32, proto: *i32, err: *abi.Error) callconv(.c) c_int {
    var storage = std.mem.zeroes(sys.struct_sockaddr_storage);
    var len: sys.socklen_t = @sizeOf(sys.struct_sockaddr_storage);
    if (posix.connection.getsockname(h, &storage, &len, err) != 0) return -1;
    family.* = storage.ss_family;
    if (posix.options.getInt(h, sys.SOL_SOCKET, sys.SO_TYPE, sock_type, err) != 0) return -1;
    proto.* = 0;
    if (@hasDecl(sys, "SO_PROTOCOL")) {
        if (posix.options.getInt(h, sys.SOL_SOCKET, sys.SO_PROTOCOL, proto, err) != 0) return -1;
    }
    return 0;
}
