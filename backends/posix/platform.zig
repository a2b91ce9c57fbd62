//! The few facts in which the POSIX backends differ. Each backend fills one
//! `Platform` at comptime; the shared code in this folder is generic over it.
const abi = @import("abi");
pub const TcpInfoSpec = @import("tcp_info.zig").Spec;

/// Platform-only address families (see backends/linux/families.zig).
/// encode: null when the family is not the platform's, else 0 or -1.
pub const FamilyEncodeFn = *const fn (in: *const abi.Address, out: []u8, len: *u32, err: *abi.Error) ?c_int;
/// decode: `bytes` is the zero-padded native address; false when the family
/// is not the platform's.
pub const FamilyDecodeFn = *const fn (bytes: []const u8, out: *abi.Address) bool;

pub const InfoFn = *const fn (h: abi.Handle, family: *i32, sock_type: *i32, proto: *i32, err: *abi.Error) callconv(.c) c_int;

pub const Platform = struct {
    /// The vtable's `platform` string.
    name: [*:0]const u8,
    /// True where socket()/socketpair() accept SOCK_CLOEXEC and accept4()
    /// exists, so handles are born non-inheritable. Otherwise FD_CLOEXEC (and
    /// O_NONBLOCK, when asked for) is set right after creation.
    atomic_cloexec: bool,
    /// Linux's abstract AF_UNIX namespace (paths starting with a NUL byte).
    unix_abstract: bool,
    /// How to learn the family, type and protocol of an existing socket.
    info: InfoFn,
    /// The backend's constant table (see constants.zig).
    constants: []const abi.Constant,
    /// Address families only this platform has; the shared codec handles
    /// AF_INET, AF_INET6 and AF_UNIX and asks these for any other family.
    family_encode: ?FamilyEncodeFn = null,
    family_decode: ?FamilyDecodeFn = null,
    /// socket.tcp_info(): the option and tables of the platform (null: none).
    tcp_info: ?TcpInfoSpec = null,
};
