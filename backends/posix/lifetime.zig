//! Creating, duplicating and closing handles, and their descriptor flags.
//! Every handle the backend creates is non-inheritable, as in the stdlib.
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const Platform = @import("platform.zig").Platform;

const H = abi.Handle;
const E = *abi.Error;

/// Socket-type flag bits the header defines (0 where it has none).
const sock_cloexec: c_int = if (@hasDecl(sys, "SOCK_CLOEXEC")) sys.SOCK_CLOEXEC else 0;
const sock_nonblock: c_int = if (@hasDecl(sys, "SOCK_NONBLOCK")) sys.SOCK_NONBLOCK else 0;

pub fn Lifetime(comptime platform: Platform) type {
    return struct {
        pub fn socket(family: i32, sock_type: i32, proto: i32, out: *H, err: E) callconv(.c) c_int {
            const descriptor = sys.socket(family, creationType(sock_type), proto);
            if (descriptor < 0) return errors.fail(err);
            if (!platform.atomic_cloexec) {
                if (finishCreation(descriptor, sock_type) != 0) return closeAndFail(descriptor, err);
            }
            out.* = descriptor;
            return 0;
        }

        pub fn socketpair(family: i32, sock_type: i32, proto: i32, out: *[2]H, err: E) callconv(.c) c_int {
            var pair: [2]c_int = .{ -1, -1 };
            if (sys.socketpair(family, creationType(sock_type), proto, &pair) != 0) return errors.fail(err);
            if (!platform.atomic_cloexec) {
                if (finishCreation(pair[0], sock_type) != 0 or finishCreation(pair[1], sock_type) != 0) {
                    const code = errors.errno();
                    _ = sys.close(pair[0]);
                    _ = sys.close(pair[1]);
                    errors.setOs(err, code);
                    return -1;
                }
            }
            out.* = .{ pair[0], pair[1] };
            return 0;
        }

        /// The type argument for socket()/socketpair(): SOCK_CLOEXEC added
        /// where atomic, otherwise the flag bits stripped (applied afterwards).
        fn creationType(sock_type: c_int) c_int {
            if (platform.atomic_cloexec) return sock_type | sock_cloexec;
            return sock_type & ~(sock_cloexec | sock_nonblock);
        }

        /// The non-atomic half of creation: 0, or -1 with errno. Called only
        /// where creation is not atomic (a comptime test at each call, so the
        /// Linux build has no such path).
        fn finishCreation(descriptor: c_int, sock_type: c_int) c_int {
            if (handles.setCloexec(descriptor, true) != 0) return -1;
            if (sock_type & sock_nonblock != 0 and handles.setNonblocking(descriptor, true) != 0) return -1;
            return 0;
        }

        fn closeAndFail(descriptor: c_int, err: E) c_int {
            const code = errors.errno();
            _ = sys.close(descriptor);
            errors.setOs(err, code);
            return -1;
        }
    };
}

pub fn close(h: H, err: E) callconv(.c) c_int {
    if (sys.close(handles.fd(h)) == 0) return 0;
    const code = errors.errno();
    // The peer may already have reset the connection; the stdlib ignores it.
    if (code == sys.ECONNRESET) return 0;
    errors.setOs(err, code);
    // Never retry close(): after EINTR the descriptor is already gone (Linux)
    // or in an unknown state, and a retry could close a reused number.
    err.flags &= ~abi.error_interrupted;
    return -1;
}

pub fn dup(h: H, out: *H, err: E) callconv(.c) c_int {
    const descriptor = sys.fcntl(handles.fd(h), sys.F_DUPFD_CLOEXEC, @as(c_int, 0));
    if (descriptor < 0) return errors.fail(err);
    out.* = descriptor;
    return 0;
}

pub fn setNonblocking(h: H, on: c_int, err: E) callconv(.c) c_int {
    if (handles.setNonblocking(handles.fd(h), on != 0) != 0) return errors.fail(err);
    return 0;
}

pub fn getInheritable(h: H, out: *c_int, err: E) callconv(.c) c_int {
    const flags = sys.fcntl(handles.fd(h), sys.F_GETFD);
    if (flags < 0) return errors.fail(err);
    out.* = @intFromBool(flags & sys.FD_CLOEXEC == 0);
    return 0;
}

pub fn setInheritable(h: H, on: c_int, err: E) callconv(.c) c_int {
    if (handles.setCloexec(handles.fd(h), on == 0) != 0) return errors.fail(err);
    return 0;
}
