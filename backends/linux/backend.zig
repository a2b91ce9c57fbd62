//! The Linux backend: the shared POSIX code plus what only Linux has
//! (SOCK_CLOEXEC/accept4, the abstract AF_UNIX namespace, SO_DOMAIN, the
//! Linux-only address families of families.zig).
const abi = @import("abi");
const sys = @import("sys");
const posix = @import("posix");
const names = @import("constant_names.zig");
const families = @import("families.zig");
const tcp_info = @import("tcp_info.zig");

pub const vtable = posix.vtable(.{
    .name = "linux",
    .atomic_cloexec = true,
    .unix_abstract = true,
    .info = info,
    .constants = posix.constants.tableWith(&posix.constants.common_names ++ names.linux_only, &names.linux_fallbacks),
    .family_encode = families.encode,
    .family_decode = families.decode,
    .tcp_info = tcp_info.spec,
});

export fn pysock_backend_vtable() callconv(.c) *const abi.Vtable {
    return &vtable;
}

/// Linux answers all three questions with socket options.
fn info(h: abi.Handle, family: *i32, sock_type: *i32, proto: *i32, err: *abi.Error) callconv(.c) c_int {
    if (posix.options.getInt(h, sys.SOL_SOCKET, sys.SO_DOMAIN, family, err) != 0) return -1;
    if (posix.options.getInt(h, sys.SOL_SOCKET, sys.SO_TYPE, sock_type, err) != 0) return -1;
    if (posix.options.getInt(h, sys.SOL_SOCKET, sys.SO_PROTOCOL, proto, err) != 0) return -1;
    return 0;
}
