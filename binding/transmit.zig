//! `socket._transmitfile(fd, offset, count)`: one kernel copy of a range of
//! a file to the socket, over the optional `transmit_file` entry (a backend
//! without it has no such method; see features.zig). pysock/_sendfile.py
//! loops over ranges; this is one call, with the GIL released.
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const Sock = @import("socket.zig").Sock;

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;

/// _transmitfile(fd, offset, count) -> bytes sent (0 at the end of the
/// file), or None when this file or socket cannot be sent this way (nothing
/// was sent: the caller sends the bytes itself). The socket must be in
/// blocking mode: the copy runs to its end or to an error, with no timeout.
pub fn transmitfile(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("_transmitfile", nargs, 3, 3)) return null;
    const s: *Sock = @ptrCast(@alignCast(o));
    const fd = args.toInt(i32, argv[0]) orelse return null;
    const offset = args.toInt(i64, argv[1]) orelse return null;
    const count = args.toInt(i64, argv[2]) orelse return null;
    if (offset < 0 or count < 0) return errors.valueError("_transmitfile(): offset and count must not be negative");
    if (s.timeout_ns != -1) return errors.valueError("_transmitfile(): the socket must be in blocking mode");
    var sent: u64 = 0;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const rc = state.vt.transmit_file.?(s.handle, fd, @intCast(offset), @intCast(count), &sent, &err);
    py.PyEval_RestoreThread(ts);
    if (rc < 0) return errors.raise(&err);
    if (rc == 0) return py.none();
    // Never more than was asked for, whatever the backend says.
    return py.PyLong_FromUnsignedLongLong(@min(sent, @as(u64, @intCast(count))));
}
