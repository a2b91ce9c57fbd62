//! socket.tcp_info() where the OS answers a getsockopt at IPPROTO_TCP with
//! its TCP information struct (Linux and FreeBSD: TCP_INFO; macOS:
//! TCP_CONNECTION_INFO). The backend's platform file names the option and
//! the tables (backends/shared/tcp_info.zig builds them from its header).
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");

/// The table builders (backends/shared/tcp_info.zig), for the platform files.
pub const layout = @import("shared").tcp_info;

/// What a POSIX backend tells about its TCP information.
pub const Spec = struct {
    /// The getsockopt option at IPPROTO_TCP.
    option: c_int,
    /// sizeof the struct in the backend's header (a newer kernel may fill
    /// more: the OS's own length is what counts).
    size: usize,
    fields: []const abi.TcpInfoField,
    common: []const abi.TcpInfoCommon,
    states: []const abi.Constant,
};

pub fn Reader(comptime spec: Spec) type {
    if (spec.size > abi.max_tcp_info) @compileError("the TCP information struct is larger than abi.max_tcp_info");
    return struct {
        /// The vtable's `tcp_info`: the struct as the OS fills it. The OS
        /// writes at most the length it is given and reports how much it
        /// wrote (an older kernel's struct is shorter); that length is
        /// clamped to the buffer, whose every byte was zeroed first.
        pub fn read(h: abi.Handle, buf: [*]u8, len: *usize, err: *abi.Error) callconv(.c) c_int {
            const capacity = @min(len.*, abi.max_tcp_info);
            @memset(buf[0..capacity], 0);
            var size: sys.socklen_t = @intCast(capacity);
            if (sys.getsockopt(handles.fd(h), sys.IPPROTO_TCP, spec.option, buf, &size) != 0) return errors.fail(err);
            len.* = @min(@as(usize, size), capacity);
            return 0;
        }
    };
}
