//! Connection set-up: bind, listen, accept, connect, shutdown and the two
//! name queries. Native sockaddrs are passed through untouched; addr_encode
//! and addr_decode (sockaddr.zig) convert them.
const abi = @import("abi");
const sys = @import("sys");
const c_args = @import("c_args.zig");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const Platform = @import("platform.zig").Platform;

const H = abi.Handle;
const E = *abi.Error;

pub fn Accept(comptime platform: Platform) type {
    return struct {
        /// The new handle is non-inheritable. Its blocking mode is the OS's
        /// default: Linux gives a blocking socket, the BSDs copy O_NONBLOCK
        /// from the listener; the binding sets the mode it needs.
        pub fn accept(h: H, out: *H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
            const capacity = len.*;
            const descriptor = if (platform.atomic_cloexec)
                sys.accept4(handles.fd(h), c_args.sockaddr(c_args.Param(sys.accept4, 1), addr), len, sys.SOCK_CLOEXEC)
            else
                sys.accept(handles.fd(h), c_args.sockaddr(c_args.Param(sys.accept, 1), addr), len);
            if (descriptor < 0) return errors.fail(err);
            // (Apart, so that the Linux build compiles no such path.)
            if (!platform.atomic_cloexec) {
                if (handles.setCloexec(descriptor, true) != 0) {
                    const code = errors.errno();
                    _ = sys.close(descriptor);
                    errors.setOs(err, code);
                    return -1;
                }
            }
            clampLength(len, capacity);
            out.* = descriptor;
            return 0;
        }
    };
}

pub fn bind(h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int {
    if (sys.bind(handles.fd(h), c_args.sockaddr(c_args.Param(sys.bind, 1), addr), len) != 0) return errors.fail(err);
    return 0;
}

pub fn listen(h: H, backlog: i32, err: E) callconv(.c) c_int {
    if (sys.listen(handles.fd(h), backlog) != 0) return errors.fail(err);
    return 0;
}

/// EINPROGRESS (non-blocking) and EINTR come back flagged; the binding then
/// waits for writability and asks connect_result.
pub fn connect(h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int {
    if (sys.connect(handles.fd(h), c_args.sockaddr(c_args.Param(sys.connect, 1), addr), len) != 0) return errors.fail(err);
    return 0;
}

pub fn connectResult(h: H, err: E) callconv(.c) c_int {
    var pending: c_int = 0;
    var size: sys.socklen_t = @sizeOf(c_int);
    if (sys.getsockopt(handles.fd(h), sys.SOL_SOCKET, sys.SO_ERROR, &pending, &size) != 0) return errors.fail(err);
    if (pending == 0) return 0;
    errors.setOs(err, pending);
    return -1;
}

pub fn shutdown(h: H, how: i32, err: E) callconv(.c) c_int {
    if (sys.shutdown(handles.fd(h), how) != 0) return errors.fail(err);
    return 0;
}

pub fn getsockname(h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    const capacity = len.*;
    if (sys.getsockname(handles.fd(h), c_args.sockaddr(c_args.Param(sys.getsockname, 1), addr), len) != 0) return errors.fail(err);
    clampLength(len, capacity);
    return 0;
}

pub fn getpeername(h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    const capacity = len.*;
    if (sys.getpeername(handles.fd(h), c_args.sockaddr(c_args.Param(sys.getpeername, 1), addr), len) != 0) return errors.fail(err);
    clampLength(len, capacity);
    return 0;
}

/// The kernel reports the full length of an address even when it had to
/// truncate it to fit; callers only ever read what fits in their buffer.
pub fn clampLength(len: *u32, capacity: u32) void {
    if (len.* > capacity) len.* = capacity;
}
