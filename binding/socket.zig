//! `_core.socket`: the socket object and its methods. The Python package
//! subclasses it (like the stdlib's socket.socket over _socket.socket).
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const io = @import("io.zig");
const messages = @import("messages.zig");
const batch_recv = @import("batch_recv.zig");
const batch_send = @import("batch_send.zig");
const audit = @import("audit.zig");
const control = @import("control.zig");
const features = @import("features.zig");
const tcp_info = @import("tcp_info.zig");
const transmit = @import("transmit.zig");

pub const Sock = extern struct {
    ob_base: py.PyObject,
    handle: abi.Handle,
    /// -1: blocking; 0: non-blocking; > 0: timeout in nanoseconds.
    timeout_ns: i64,
    family: i32,
    type: i32,
    proto: i32,
    /// An OS error a completed quick read took from the kernel after it had
    /// data to return (see RecvCtx.finishQuick): the next read raises it,
    /// as the kernel itself would have. 0: none.
    deferred_read_error: i16,
    /// The last read of this stream filled its buffer: data arrives faster
    /// than it is read, so the next read is tried quickly first. (A read that
    /// came up short would make the quick try cost a system call more.)
    /// This and the field above fit the struct's padding: a socket is no larger.
    last_read_filled: bool,

    /// Keeps an OS error for the next read (EINTR and would-block are no
    /// news: the signal's handler runs anyway, and the caller has its bytes).
    fn deferReadError(s: *Sock, err: *const abi.Error) void {
        if (err.kind != .os or err.flags & (abi.error_would_block | abi.error_interrupted) != 0) return;
        s.deferred_read_error = std.math.cast(i16, err.code) orelse return; // errno values are small
    }

    /// False with the deferred error raised, if there is one (then cleared).
    fn raiseDeferredReadError(s: *Sock) bool {
        if (s.deferred_read_error == 0) return true;
        const err: abi.Error = .{ .kind = .os, .code = s.deferred_read_error };
        s.deferred_read_error = 0;
        _ = errors.raise(&err);
        return false;
    }
};

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;

inline fn self_(o: *py.PyObject) *Sock {
    return @ptrCast(@alignCast(o));
}

// -- lifetime -------------------------------------------------------------------

fn tp_new(t: *py.PyTypeObject, _: ?*py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    const alloc: *const fn (*py.PyTypeObject, py.Py_ssize_t) callconv(.c) Obj = @ptrCast(@alignCast(py.PyType_GetSlot(t, py.Py_tp_alloc).?));
    const o = alloc(t, 0) orelse return null;
    const s = self_(o);
    s.handle = abi.invalid_handle;
    s.timeout_ns = -1;
    s.family = 0;
    s.type = 0;
    s.proto = 0;
    return o;
}

fn tp_init(o: *py.PyObject, a: *py.PyObject, kw: ?*py.PyObject) callconv(.c) c_int {
    const s = self_(o);
    var family: c_int = -1;
    var kind: c_int = -1;
    var proto: c_int = -1;
    var fileno_obj: ?*py.PyObject = null;
    const names = [_]?[*:0]const u8{ "family", "type", "proto", "fileno", null };
    if (py.PyArg_ParseTupleAndKeywords(a, kw, "|iiiO:socket", &names, &family, &kind, &proto, &fileno_obj) == 0) {
        // The stdlib parses these as C ints (Argument Clinic): one message for any overflow.
        args.replaceOverflow("Python int too large to convert to C int");
        return -1;
    }
    const wraps_existing = fileno_obj != null and fileno_obj.? != py.Py_None();
    // Where sockets are OS handles (Windows), the stdlib raises no event for
    // wrapping an existing handle, and only the all-ones value is invalid.
    const handles = state.vt.capabilities & abi.cap_handle_inheritance != 0;
    // As the stdlib: the arguments as given (-1 where omitted), before any
    // check of the descriptor or system call.
    if (!(wraps_existing and handles)) {
        if (!audit.raise("socket.__new__", .{ py.newRef(o), py.PyLong_FromLong(family), py.PyLong_FromLong(kind), py.PyLong_FromLong(proto) })) return -1;
    }
    var err: abi.Error = .{};
    var handle: abi.Handle = abi.invalid_handle;
    if (wraps_existing) {
        handle = args.toInt(i64, fileno_obj.?) orelse return -1;
        // Where handles are descriptors, the stdlib keeps a C long's low
        // bits as its C int descriptor: 2**31 is negative, -2**31-1 is not.
        if (!handles) handle = @as(c_int, @truncate(handle));
        if (handle < 0 and (!handles or handle == abi.invalid_handle)) {
            _ = errors.valueError("negative file descriptor");
            return -1;
        }
        if (family == -1 or kind == -1 or proto == -1) {
            var f: i32 = 0;
            var t: i32 = 0;
            var p: i32 = 0;
            if (state.vt.info(handle, &f, &t, &p, &err) != 0) {
                _ = errors.raise(&err);
                return -1;
            }
            if (family == -1) family = f;
            if (kind == -1) kind = t;
            if (proto == -1) proto = p;
        }
        refuseNonSocket(handle) orelse return -1;
    } else {
        if (family == -1) family = state.af_inet;
        if (kind == -1) kind = state.sock_stream;
        if (proto == -1) proto = 0;
        if (state.vt.socket(family, kind, proto, &handle, &err) != 0) {
            _ = errors.raise(&err);
            return -1;
        }
    }
    s.handle = handle;
    s.family = family;
    s.type = kind & ~(state.sock_nonblock | state.sock_cloexec);
    s.proto = proto;
    if (state.sock_nonblock != 0 and kind & state.sock_nonblock != 0) {
        s.timeout_ns = 0;
    } else {
        s.timeout_ns = state.default_timeout_ns;
        if (s.timeout_ns >= 0 and !setOsBlocking(s, false)) return -1;
    }
    return 0;
}

fn tp_finalize(o: *py.PyObject) callconv(.c) void {
    const s = self_(o);
    if (s.handle == abi.invalid_handle) return;
    var t: ?*py.PyObject = null;
    var v: ?*py.PyObject = null;
    var tb: ?*py.PyObject = null;
    py.PyErr_Fetch(&t, &v, &tb);
    if (py.PyErr_ResourceWarning(o, 1, "unclosed %R", o) != 0) py.PyErr_WriteUnraisable(o);
    // Close only after the warning, so a logger may still inspect the socket.
    closeQuietly(s);
    py.PyErr_Restore(t, v, tb);
}

fn tp_dealloc(o: *py.PyObject) callconv(.c) void {
    // An instance of the base type itself (a subclass's dealloc has run the
    // finalizer already, which closed the socket): the ResourceWarning of an
    // unclosed socket, as the stdlib's sock_dealloc gives through
    // PyObject_CallFinalizerFromDealloc (not in the limited API). The object
    // lives again while the warning is made; if the warning kept it (as a
    // recorded warning's source), it is freed when that reference goes.
    if (self_(o).handle != abi.invalid_handle) {
        o.ob_refcnt = 1;
        tp_finalize(o);
        o.ob_refcnt -= 1;
        if (o.ob_refcnt != 0) return;
    }
    closeQuietly(self_(o));
    const t = py.Py_TYPE(o);
    const free: *const fn (?*anyopaque) callconv(.c) void = @ptrCast(@alignCast(py.PyType_GetSlot(t, py.Py_tp_free).?));
    free(o);
    py.Py_DecRef(@ptrCast(@alignCast(t)));
}

fn closeQuietly(s: *Sock) void {
    if (s.handle == abi.invalid_handle) return;
    var err: abi.Error = .{};
    _ = state.vt.close(s.handle, &err);
    s.handle = abi.invalid_handle;
}

fn close(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    const h = s.handle;
    if (h != abi.invalid_handle) {
        s.handle = abi.invalid_handle;
        var err: abi.Error = .{};
        const ts = py.PyEval_SaveThread();
        const r = state.vt.close(h, &err);
        py.PyEval_RestoreThread(ts);
        if (r != 0) return errors.raise(&err);
    }
    return py.none();
}

fn detach(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    const h = s.handle;
    s.handle = abi.invalid_handle;
    return py.PyLong_FromLongLong(h);
}

fn fileno(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return py.PyLong_FromLongLong(self_(o).handle);
}

// -- blocking and timeouts ----------------------------------------------------------

fn setOsBlocking(s: *Sock, blocking: bool) bool {
    var err: abi.Error = .{};
    if (state.vt.set_nonblocking(s.handle, @intFromBool(!blocking), &err) != 0) {
        _ = errors.raise(&err);
        return false;
    }
    return true;
}

fn setTimeoutNs(s: *Sock, ns: i64) Obj {
    s.timeout_ns = ns;
    if (!setOsBlocking(s, ns < 0)) return null;
    return py.none();
}

fn settimeout(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const ns = args.timeoutNs(arg) orelse return null;
    return setTimeoutNs(self_(o), ns);
}

fn gettimeout(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return args.timeoutToPython(self_(o).timeout_ns);
}

fn setblocking(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    // 3.12 made setblocking() take any object's truth value; 3.11 wants an
    // int, any C long (-1 and 9223372037 included: only zero is false).
    const blocking = if (py.atLeast(3, 12)) switch (py.PyObject_IsTrue(arg)) {
        0 => false,
        1 => true,
        else => return null,
    } else (args.toInt(c_long, arg) orelse return null) != 0;
    return setTimeoutNs(self_(o), if (blocking) -1 else 0);
}

fn getblocking(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return py.PyBool_FromLong(@intFromBool(self_(o).timeout_ns != 0));
}

// -- addresses and connections ------------------------------------------------------

fn bind(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    var native: address.Native = .{};
    if (!address.parse(s.family, s.proto, arg, "bind", &native)) return null;
    if (!audit.raise("socket.bind", .{ py.newRef(o), py.newRef(arg) })) return null;
    var err: abi.Error = .{};
    if (state.vt.bind(s.handle, &native.bytes, native.len, &err) != 0) return errors.raise(&err);
    return py.none();
}

fn listen(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("listen", nargs, 0, 1)) return null;
    const s = self_(o);
    var backlog = args.optInt(i32, argv, nargs, 0, @min(state.somaxconn, 128)) orelse return null;
    if (backlog < 0) backlog = 0; // as the stdlib: a negative backlog means 0
    var err: abi.Error = .{};
    if (state.vt.listen(s.handle, backlog, &err) != 0) return errors.raise(&err);
    return py.none();
}

const AcceptCtx = struct { out: *abi.Handle, native: *address.Native };
fn acceptOp(c: AcceptCtx, h: abi.Handle, err: *abi.Error) isize {
    c.native.len = abi.max_native_addr;
    return state.vt.accept(h, c.out, &c.native.bytes, &c.native.len, err);
}

/// _accept() -> (handle, address), for the Python-level accept().
fn accept(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    var new: abi.Handle = abi.invalid_handle;
    var native: address.Native = .{};
    var deadline: io.Deadline = .{};
    _ = io.run(&s.handle, s.timeout_ns, .read, &deadline, AcceptCtx{ .out = &new, .native = &native }, acceptOp) orelse return null;
    const addr = address.toPython(&native.bytes, native.len, s.proto) orelse {
        var err: abi.Error = .{};
        _ = state.vt.close(new, &err);
        return null;
    };
    return errors.pack(.{ py.PyLong_FromLongLong(new), addr });
}

/// Connects; returns 0, or (when `raise_os` is false) the OS error code.
/// Returns null with an exception set otherwise.
fn doConnect(s: *Sock, addr: *py.PyObject, caller: [*:0]const u8, raise_os: bool) ?i32 {
    var native: address.Native = .{};
    if (!address.parse(s.family, s.proto, addr, caller, &native)) return null;
    // connect_ex raises the same event as connect.
    if (!audit.raise("socket.connect", .{ py.newRef(&s.ob_base), py.newRef(addr) })) return null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.connect(s.handle, &native.bytes, native.len, &err);
    py.PyEval_RestoreThread(ts);
    if (r == 0) return 0;
    var wait_for_it = false;
    if (err.flags & abi.error_interrupted != 0) {
        if (py.PyErr_CheckSignals() < 0) return null;
        // PEP 475: an interrupted connect goes on in the kernel; wait for it.
        wait_for_it = s.timeout_ns != 0;
    } else {
        wait_for_it = s.timeout_ns > 0 and err.flags & abi.error_in_progress != 0;
    }
    if (!wait_for_it) return osFailure(&err, raise_os);
    var deadline: io.Deadline = .{};
    io.waitReady(&s.handle, s.timeout_ns, .write, &deadline) orelse {
        if (!raise_os and py.PyErr_ExceptionMatches(py.PyExc_TimeoutError) != 0) {
            py.PyErr_Clear();
            return state.ewouldblock; // connect_ex reports a timeout as would-block
        }
        return null;
    };
    err = .{};
    if (state.vt.connect_result(s.handle, &err) == 0) return 0;
    return osFailure(&err, raise_os);
}

fn osFailure(err: *const abi.Error, raise_os: bool) ?i32 {
    if (!raise_os and (err.kind == .os or err.kind == .winsock)) return err.code;
    _ = errors.raise(err);
    return null;
}

fn connect(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    _ = doConnect(self_(o), arg, "connect", true) orelse return null;
    return py.none();
}

fn connect_ex(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const code = doConnect(self_(o), arg, "connect_ex", false) orelse return null;
    return py.PyLong_FromLong(code);
}

fn shutdown(o: *py.PyObject, arg: *py.PyObject) callconv(.c) Obj {
    const how = args.toCInt(arg) orelse return null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.shutdown(self_(o).handle, how, &err);
    py.PyEval_RestoreThread(ts);
    if (r != 0) return errors.raise(&err);
    return py.none();
}

const NameFn = *const fn (abi.Handle, *anyopaque, *u32, *abi.Error) callconv(.c) c_int;
fn sockName(o: *py.PyObject, f: NameFn) Obj {
    var native: address.Native = .{};
    var err: abi.Error = .{};
    if (f(self_(o).handle, &native.bytes, &native.len, &err) != 0) return errors.raise(&err);
    return address.toPython(&native.bytes, native.len, self_(o).proto);
}

fn getsockname(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return sockName(o, state.vt.getsockname);
}

fn getpeername(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return sockName(o, state.vt.getpeername);
}

// -- sending --------------------------------------------------------------------------

const SendCtx = struct {
    buf: []const u8,
    flags: i32,
    addr: ?*const address.Native = null,

    /// The same send with MSG_DONTWAIT, for a first try that cannot block;
    /// null for a large one (see io.gil_held_max).
    pub fn withoutWaiting(c: SendCtx) ?SendCtx {
        if (state.msg_dontwait == 0 or c.buf.len > io.gil_held_max) return null;
        var now = c;
        now.flags |= state.msg_dontwait;
        return now;
    }

    /// What is left after a partial send of `sent` bytes, if anything.
    pub fn rest(c: SendCtx, sent: usize) ?SendCtx {
        if (sent >= c.buf.len) return null;
        var more = c;
        more.buf = c.buf[sent..];
        return more;
    }
};
fn sendOp(c: SendCtx, h: abi.Handle, err: *abi.Error) isize {
    if (c.addr) |a| return state.vt.sendto(h, c.buf.ptr, c.buf.len, c.flags, &a.bytes, a.len, err);
    return state.vt.send(h, c.buf.ptr, c.buf.len, c.flags, err);
}

fn send(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("send", nargs, 1, 2)) return null;
    const s = self_(o);
    // The stdlib's order ("y*|i"): the data, then the flags.
    var data: args.Data = .{};
    if (!data.init(argv[0])) return null;
    defer data.deinit();
    const flags = args.optInt(i32, argv, nargs, 1, 0) orelse return null;
    var deadline: io.Deadline = .{};
    const n = io.run(&s.handle, s.timeout_ns, .write, &deadline, SendCtx{ .buf = data.bytes, .flags = flags }, sendOp) orelse return null;
    return py.PyLong_FromSsize_t(n);
}

fn sendall(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("sendall", nargs, 1, 2)) return null;
    const s = self_(o);
    // The stdlib's order ("y*|i"): the data, then the flags.
    var data: args.Data = .{};
    if (!data.init(argv[0])) return null;
    defer data.deinit();
    const flags = args.optInt(i32, argv, nargs, 1, 0) orelse return null;
    var rest: []const u8 = data.bytes;
    // The timeout bounds the whole call, not each chunk: one Deadline for
    // all of them, started by the first wait.
    var deadline: io.Deadline = .{};
    while (true) {
        const n = io.run(&s.handle, s.timeout_ns, .write, &deadline, SendCtx{ .buf = rest, .flags = flags }, sendOp) orelse return null;
        rest = rest[@intCast(n)..];
        if (rest.len == 0) break;
        if (py.PyErr_CheckSignals() < 0) return null;
    }
    return py.none();
}

fn sendto(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (nargs != 2 and nargs != 3) {
        const msg = py.PyUnicode_FromFormat("sendto() takes 2 or 3 arguments (%zd given)", nargs) orelse return null;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return null;
    }
    const s = self_(o);
    // The stdlib's order ("y*iO"): the data, the flags, then the address.
    var data: args.Data = .{};
    if (!data.init(argv[0])) return null;
    defer data.deinit();
    const flags = if (nargs == 3) args.toInt(i32, argv[1]) orelse return null else 0;
    var native: address.Native = .{};
    const addr = argv[@intCast(nargs - 1)];
    if (!address.parse(s.family, s.proto, addr, "sendto", &native)) return null;
    if (!audit.raise("socket.sendto", .{ py.newRef(o), py.newRef(addr) })) return null;
    var deadline: io.Deadline = .{};
    const ctx = SendCtx{ .buf = data.bytes, .flags = flags, .addr = &native };
    const n = io.run(&s.handle, s.timeout_ns, .write, &deadline, ctx, sendOp) orelse return null;
    return py.PyLong_FromSsize_t(n);
}

// -- receiving -----------------------------------------------------------------------

const RecvCtx = struct {
    buf: []u8,
    flags: i32,
    from: ?*address.Native = null,
    sock: *Sock,

    fn of(s: *Sock, buf: []u8, flags: i32, from: ?*address.Native) RecvCtx {
        return .{ .buf = buf, .flags = flags, .from = from, .sock = s };
    }

    fn stream(c: RecvCtx) bool {
        return c.sock.type == state.sock_stream;
    }

    /// The same read with MSG_DONTWAIT, for a first try that cannot block.
    /// A datagram read returns one datagram either way (MSG_WAITALL and the
    /// low-water mark wait only on streams). On a stream: null for a read
    /// with flags (finishQuick completes plain reads only: a peek cannot be
    /// continued, MSG_WAITALL waits for all) and where a try would rarely
    /// pay (a large read, or the last read came up short).
    pub fn withoutWaiting(c: RecvCtx) ?RecvCtx {
        if (state.msg_dontwait == 0) return null;
        if (c.stream() and (c.flags != 0 or c.buf.len > io.gil_held_max or !c.sock.last_read_filled)) return null;
        var now = c;
        now.flags |= state.msg_dontwait;
        return now;
    }

    /// A quick read of a stream that got `got` bytes, fewer than asked, made
    /// into what the blocking read would have returned. A blocking read of a
    /// stream returns only once min(SO_RCVLOWAT, size) bytes are there, and
    /// the mark may have been set through any handle of the socket (a dup,
    /// C code): so it is asked for, and the rest of it waited for. A full
    /// buffer or the end of the stream needs no question.
    pub fn finishQuick(c: RecvCtx, h: *const abi.Handle, got: isize) ?isize {
        if (!c.stream() or got <= 0 or got >= c.buf.len) return got;
        const want = @min(lowWaterMark(h.*), c.buf.len);
        var total: usize = @intCast(got);
        if (total >= want) return got;
        // A blocking read of exactly the missing part returns once it is
        // all there (its own mark is min(mark, its size)), or at the end of
        // the stream, an error or a signal: then the bytes already taken
        // are the result, and an error waits for the next read.
        var err: abi.Error = .{};
        const more = io.blockingOnce(h, c.part(total, want, 0), recvOp, &err);
        if (more < 0) c.sock.deferReadError(&err);
        if (more <= 0) return @intCast(total);
        total += @intCast(more);
        if (total < c.buf.len) {
            // The blocking read would go on taking what is queued.
            err = .{};
            const extra = recvOp(c.part(total, c.buf.len, state.msg_dontwait), h.*, &err);
            if (extra > 0) total += @intCast(extra);
            if (extra < 0) c.sock.deferReadError(&err);
        }
        return @intCast(total);
    }

    /// The read of buf[from..to], without the sender's address (the first
    /// part's stands).
    fn part(c: RecvCtx, from: usize, to: usize, flags: i32) RecvCtx {
        return .{ .buf = c.buf[from..to], .flags = c.flags | flags, .sock = c.sock };
    }
};

/// SO_RCVLOWAT of a socket; 1 (the default) where it cannot be read.
fn lowWaterMark(h: abi.Handle) usize {
    if (state.so_rcvlowat < 0) return 1;
    var v: c_int = 1;
    var len: u32 = @sizeOf(c_int);
    var err: abi.Error = .{};
    if (state.vt.getsockopt(h, state.sol_socket, state.so_rcvlowat, &v, &len, &err) != 0 or len != @sizeOf(c_int)) return 1;
    return @intCast(@max(v, 1));
}

fn recvOp(c: RecvCtx, h: abi.Handle, err: *abi.Error) isize {
    if (c.from) |a| {
        a.len = abi.max_native_addr;
        return state.vt.recvfrom(h, c.buf.ptr, c.buf.len, c.flags, &a.bytes, &a.len, err);
    }
    return state.vt.recv(h, c.buf.ptr, c.buf.len, c.flags, err);
}

/// One read into `buf` under the socket's timeout mode. An error a quick
/// read deferred comes first; afterwards the socket notes whether the
/// buffer filled (RecvCtx.withoutWaiting).
fn read(s: *Sock, buf: []u8, flags: i32, from: ?*address.Native) ?isize {
    if (!s.raiseDeferredReadError()) return null;
    var deadline: io.Deadline = .{};
    const n = io.run(&s.handle, s.timeout_ns, .read, &deadline, RecvCtx.of(s, buf, flags, from), recvOp) orelse return null;
    s.last_read_filled = n >= buf.len;
    return n;
}

/// Reads up to `size` bytes into a new bytes object.
fn recvBytes(s: *Sock, size: isize, flags: i32, from: ?*address.Native) Obj {
    // Small reads land on the stack and are copied once into an exact-size
    // bytes object (the limited API cannot shrink a bytes object in place).
    const stack_limit = 8192;
    if (size <= stack_limit) {
        var buf: [stack_limit]u8 = undefined;
        const got = buf[0..@intCast(size)];
        io.zeroIfDiscarding(got, flags);
        const n = read(s, got, flags, from) orelse return null;
        return received(got, n);
    }
    const bytes = py.PyBytes_FromStringAndSize(null, size) orelse return null;
    const got = py.PyBytes_AsString(bytes).?[0..@intCast(size)];
    io.zeroIfDiscarding(got, flags);
    const n = read(s, got, flags, from) orelse {
        py.Py_DecRef(bytes);
        return null;
    };
    if (n == size) return bytes;
    defer py.Py_DecRef(bytes);
    return received(got, n);
}

/// The bytes object of a read into `buf` that reported `n` bytes. With
/// MSG_TRUNC the OS reports a datagram's whole length, which may exceed the
/// buffer: the result then has that length, as the stdlib's has, but every
/// byte past what the buffer holds is zero, never memory contents.
fn received(buf: []const u8, n: isize) Obj {
    const len: usize = @intCast(n);
    if (len <= buf.len) return py.PyBytes_FromStringAndSize(buf.ptr, n);
    const bytes = py.PyBytes_FromStringAndSize(null, n) orelse return null;
    const out = py.PyBytes_AsString(bytes).?[0..len];
    @memcpy(out[0..buf.len], buf);
    @memset(out[buf.len..], 0);
    return bytes;
}

/// The (bufsize, flags=0) of recv and recvfrom, both converted before the
/// size's sign is checked, as the stdlib's "n|i" parsing does.
const RecvArgs = struct { size: isize, flags: i32 };
fn recvArgs(comptime what: [:0]const u8, argv: Argv, nargs: isize) ?RecvArgs {
    if (!args.count(what, nargs, 1, 2)) return null;
    const size = args.toInt(isize, argv[0]) orelse return null;
    const flags = args.optInt(i32, argv, nargs, 1, 0) orelse return null;
    if (size < 0) {
        _ = errors.valueError("negative buffersize in " ++ what);
        return null;
    }
    return .{ .size = size, .flags = flags };
}

fn recv(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    const a = recvArgs("recv", argv, nargs) orelse return null;
    if (a.size == 0) return py.PyBytes_FromStringAndSize(null, 0); // no syscall, as the stdlib
    return recvBytes(self_(o), a.size, a.flags, null);
}

fn recvfrom(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    const a = recvArgs("recvfrom", argv, nargs) orelse return null;
    var from: address.Native = .{};
    const data = recvBytes(self_(o), a.size, a.flags, &from) orelse return null;
    const addr = address.toPython(&from.bytes, from.len, self_(o).proto) orelse {
        py.Py_DecRef(data);
        return null;
    };
    return errors.pack(.{ data, addr });
}

/// The (buffer, nbytes=0, flags=0) arguments of recv_into and recvfrom_into,
/// positional or by keyword, with the errors of Python's own parser
/// ("w*|ni" with keywords) in its order: the count (keywords included),
/// then each argument in turn (a missing buffer, a buffer that is not
/// writable, nbytes, flags), then an argument given by name and position,
/// then an unknown keyword; the checks of nbytes against the buffer last.
const IntoArgs = struct { view: py.Py_buffer, size: usize, flags: i32 };
const into_names = [_][:0]const u8{ "buffer", "nbytes", "flags" };
fn parseInto(comptime what: [:0]const u8, argv: Argv, nargs: isize, kwnames: ?*py.PyObject, out: *IntoArgs) bool {
    const np: usize = @intCast(nargs);
    const nk: usize = if (kwnames) |kn| @intCast(py.PyTuple_Size(kn)) else 0;
    if (np + nk > into_names.len) {
        const keyword: [*:0]const u8 = if (np == 0) "keyword " else "";
        const msg = py.PyUnicode_FromFormat(what ++ "() takes at most 3 %sarguments (%zd given)", keyword, @as(isize, @intCast(np + nk))) orelse return false;
        defer py.Py_DecRef(msg);
        py.PyErr_SetObject(py.PyExc_TypeError, msg);
        return false;
    }
    var given: [into_names.len]?*py.PyObject = .{ null, null, null };
    for (&given, 0..) |*g, i| {
        g.* = if (i < np) argv[i] else keywordArg(argv, np, kwnames, into_names[i]) orelse null;
    }
    const buffer = given[0] orelse {
        _ = errors.typeError(what ++ "() missing required argument 'buffer' (pos 1)");
        return false;
    };
    if (py.PyObject_GetBuffer(buffer, &out.view, py.PyBUF_WRITABLE) != 0) {
        py.PyErr_Clear();
        args.setArgTypeName(what ++ "() argument 1 must be read-write bytes-like object, not %.50s", buffer);
        return false;
    }
    if (intoSize(what, given[1], given[2], argv, np, kwnames, out)) return true;
    py.PyBuffer_Release(&out.view);
    return false;
}

/// The argument given by the keyword `name`, if any.
fn keywordArg(argv: Argv, np: usize, kwnames: ?*py.PyObject, name: [:0]const u8) ?*py.PyObject {
    const kn = kwnames orelse return null;
    const nk: usize = @intCast(py.PyTuple_Size(kn));
    for (0..nk) |k| {
        if (std.mem.eql(u8, keyName(kn, k), name)) return argv[np + k];
    }
    return null;
}

/// The k-th keyword's name ("" if it cannot be had as UTF-8: it then
/// matches no parameter and is reported as unknown).
fn keyName(kwnames: *py.PyObject, k: usize) []const u8 {
    var size: py.Py_ssize_t = undefined;
    const p = py.PyUnicode_AsUTF8AndSize(py.PyTuple_GetItem(kwnames, @intCast(k)).?, &size) orelse {
        py.PyErr_Clear();
        return "";
    };
    return p[0..@intCast(size)];
}

/// nbytes and flags of recv_into/recvfrom_into (the keywords checked once
/// they are converted), then nbytes checked against the buffer in out.view.
fn intoSize(comptime what: [:0]const u8, nbytes_obj: ?*py.PyObject, flags_obj: ?*py.PyObject, argv: Argv, np: usize, kwnames: ?*py.PyObject, out: *IntoArgs) bool {
    const nbytes: isize = if (nbytes_obj) |n| args.toInt(isize, n) orelse return false else 0;
    out.flags = if (flags_obj) |f| args.toInt(i32, f) orelse return false else 0;
    if (kwnames) |kn| {
        for (into_names[0..np], 1..) |name, position| {
            if (keywordArg(argv, np, kn, name) != null) {
                const msg = py.PyUnicode_FromFormat("argument for " ++ what ++ "() given by name ('%s') and position (%zd)", name.ptr, @as(isize, @intCast(position))) orelse return false;
                defer py.Py_DecRef(msg);
                py.PyErr_SetObject(py.PyExc_TypeError, msg);
                return false;
            }
        }
        const nk: usize = @intCast(py.PyTuple_Size(kn));
        for (0..nk) |k| {
            const key = py.PyTuple_GetItem(kn, @intCast(k)).?;
            for (into_names) |name| {
                if (std.mem.eql(u8, keyName(kn, k), name)) break;
            } else {
                const msg = py.PyUnicode_FromFormat("'%U' is an invalid keyword argument for " ++ what ++ "()", key) orelse return false;
                defer py.Py_DecRef(msg);
                py.PyErr_SetObject(py.PyExc_TypeError, msg);
                return false;
            }
        }
    }
    if (nbytes < 0) {
        _ = errors.valueError("negative buffersize in " ++ what);
        return false;
    }
    const cap: usize = @intCast(out.view.len);
    if (nbytes > cap) {
        // The stdlib's two methods word it differently.
        _ = errors.valueError(if (comptime std.mem.eql(u8, what, "recv_into")) "buffer too small for requested bytes" else "nbytes is greater than the length of the buffer");
        return false;
    }
    out.size = if (nbytes == 0) cap else @intCast(nbytes);
    return true;
}

fn recv_into(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    var a: IntoArgs = undefined;
    if (!parseInto("recv_into", argv, nargs, kwnames, &a)) return null;
    defer py.PyBuffer_Release(&a.view);
    // Nothing to read into: no system call, as the stdlib (a blocking
    // zero-length read of a stream would wait for data it cannot take).
    if (a.size == 0) return py.PyLong_FromLong(0);
    const n = read(s, args.viewBytes(&a.view)[0..a.size], a.flags, null) orelse return null;
    return py.PyLong_FromSsize_t(n);
}

fn recvfrom_into(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    var a: IntoArgs = undefined;
    if (!parseInto("recvfrom_into", argv, nargs, kwnames, &a)) return null;
    defer py.PyBuffer_Release(&a.view);
    var from: address.Native = .{};
    const n = read(s, args.viewBytes(&a.view)[0..a.size], a.flags, &from) orelse return null;
    return errors.pack(.{ py.PyLong_FromSsize_t(n), address.toPython(&from.bytes, from.len, s.proto) });
}

// -- options ----------------------------------------------------------------------------

fn wrongSetsockoptCount(nargs: isize) Obj {
    py.PyErr_Clear();
    const msg = py.PyUnicode_FromFormat("setsockopt() takes exactly 3 arguments (%zd given)", nargs) orelse return null;
    defer py.Py_DecRef(msg);
    py.PyErr_SetObject(py.PyExc_TypeError, msg);
    return null;
}

/// Null with OSError set when the OS answers EBADF or ENOTSOCK for `h`: the
/// check the stdlib makes (with getsockname) of a descriptor given to
/// socket(fileno=). A getsockopt of an option every socket has answers it in
/// one call whatever the family; other failures pass, as in the stdlib.
fn refuseNonSocket(h: abi.Handle) ?void {
    if (state.so_rcvlowat < 0) return;
    var v: c_int = 1;
    var len: u32 = @sizeOf(c_int);
    var err: abi.Error = .{};
    if (state.vt.getsockopt(h, state.sol_socket, state.so_rcvlowat, &v, &len, &err) == 0) return;
    if (err.kind == .os and (err.code == state.ebadf or err.code == state.enotsock)) {
        _ = errors.raise(&err);
        return null;
    }
}

fn setsockopt(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    const s = self_(o);
    var err: abi.Error = .{};
    var level: i32 = 0;
    var name: i32 = 0;
    var rc: c_int = 0;
    if (nargs == 4) {
        // setsockopt(level, optname, None, optlen): a NULL value of optlen
        // bytes (optlen unchecked, like the stdlib). The stdlib reports any
        // failure of this form as the 3-argument form's wrong count.
        if (argv[2] != py.Py_None()) return wrongSetsockoptCount(nargs);
        level = args.toInt(i32, argv[0]) orelse return wrongSetsockoptCount(nargs);
        name = args.toInt(i32, argv[1]) orelse return wrongSetsockoptCount(nargs);
        const optlen = args.toU32Mask(argv[3]) orelse return wrongSetsockoptCount(nargs);
        rc = state.vt.setsockopt(s.handle, level, name, null, optlen, &err);
    } else if (nargs == 3) {
        level = args.toInt(i32, argv[0]) orelse return null;
        name = args.toInt(i32, argv[1]) orelse return null;
        // As the stdlib: a value that converts to a C int (any int-like
        // object, through __index__) is the int form; anything else, an int
        // out of range included, must be bytes-like.
        const as_int: ?c_int = if (py.PyLong_Check(argv[2]) or (!py.PyFloat_Check(argv[2]) and py.PyIndex_Check(argv[2]) != 0))
            args.toInt(c_int, argv[2]) orelse blk: {
                py.PyErr_Clear();
                break :blk null;
            }
        else
            null;
        if (as_int) |v| {
            rc = state.vt.setsockopt(s.handle, level, name, &v, @sizeOf(c_int), &err);
        } else {
            var view: py.Py_buffer = undefined;
            if (!args.readBuffer(argv[2], &view)) return null;
            defer py.PyBuffer_Release(&view);
            const b = args.viewBytes(&view);
            rc = state.vt.setsockopt(s.handle, level, name, b.ptr, @intCast(b.len), &err);
        }
    } else {
        return wrongSetsockoptCount(nargs);
    }
    if (rc != 0) return errors.raise(&err);
    return py.none();
}

fn getsockopt(o: *py.PyObject, argv: Argv, nargs: isize) callconv(.c) Obj {
    if (!args.count("getsockopt", nargs, 2, 3)) return null;
    const s = self_(o);
    const level = args.toInt(i32, argv[0]) orelse return null;
    const name = args.toInt(i32, argv[1]) orelse return null;
    const buflen = args.optInt(i32, argv, nargs, 2, 0) orelse return null;
    var err: abi.Error = .{};
    if (buflen == 0) {
        var v: c_int = 0;
        var len: u32 = @sizeOf(c_int);
        if (state.vt.getsockopt(s.handle, level, name, &v, &len, &err) != 0) return errors.raise(&err);
        return py.PyLong_FromLong(v);
    }
    if (buflen < 0 or buflen > 1024) return errors.osError("getsockopt buflen out of range");
    var buf: [1024]u8 = undefined;
    var len: u32 = @intCast(buflen);
    if (state.vt.getsockopt(s.handle, level, name, &buf, &len, &err) != 0) return errors.raise(&err);
    // The OS's length, never past the buffer it was given.
    return py.PyBytes_FromStringAndSize(&buf, @min(len, @as(u32, @intCast(buflen))));
}

/// _tcp_info() -> the decoded fields of the OS's TCP information (the
/// package's tcp_info() makes the record).
fn tcpInfo(o: *py.PyObject, _: ?*py.PyObject) callconv(.c) Obj {
    return tcp_info.tcpInfo(self_(o).handle);
}

// -- attributes ---------------------------------------------------------------------------

/// The repr of `_socket.socket` itself (pysock.socket, like socket.socket,
/// has its own): the numbers only, fd=-1 once closed.
fn tp_repr(o: *py.PyObject) callconv(.c) Obj {
    const s = self_(o);
    return py.PyUnicode_FromFormat("<socket object, fd=%lld, family=%d, type=%d, proto=%d>",
        @as(c_longlong, s.handle), @as(c_int, s.family), @as(c_int, s.type), @as(c_int, s.proto));
}

fn getFamily(o: *py.PyObject, _: ?*anyopaque) callconv(.c) Obj {
    return py.PyLong_FromLong(self_(o).family);
}
fn getType(o: *py.PyObject, _: ?*anyopaque) callconv(.c) Obj {
    return py.PyLong_FromLong(self_(o).type);
}
fn getProto(o: *py.PyObject, _: ?*anyopaque) callconv(.c) Obj {
    return py.PyLong_FromLong(self_(o).proto);
}
fn getTimeout(o: *py.PyObject, _: ?*anyopaque) callconv(.c) Obj {
    return args.timeoutToPython(self_(o).timeout_ns);
}

// -- the type ---------------------------------------------------------------------------------

const noargs = py.METH_NOARGS;
const one = py.METH_O;
const fast = py.METH_FASTCALL;
const fast_kw = py.METH_FASTCALL | py.METH_KEYWORDS;

fn m(name: [*:0]const u8, f: anytype, flags: c_int, doc: [*:0]const u8) py.PyMethodDef {
    return .{ .ml_name = name, .ml_meth = @ptrCast(&f), .ml_flags = flags, .ml_doc = doc };
}

const methods = [_]py.PyMethodDef{
    m("_accept", accept, noargs, "_accept() -> (fd, address)"),
    m("bind", bind, one, "bind(address)"),
    m("close", close, noargs, "close()"),
    m("connect", connect, one, "connect(address)"),
    m("connect_ex", connect_ex, one, "connect_ex(address) -> errno"),
    m("detach", detach, noargs, "detach() -> file descriptor"),
    m("fileno", fileno, noargs, "fileno() -> integer"),
    m("getpeername", getpeername, noargs, "getpeername() -> address"),
    m("getsockname", getsockname, noargs, "getsockname() -> address"),
    m("getsockopt", getsockopt, fast, "getsockopt(level, option[, buffersize]) -> value"),
    m("setsockopt", setsockopt, fast, "setsockopt(level, option, value | None, optlen)"),
    m("listen", listen, fast, "listen([backlog])"),
    m("recv", recv, fast, "recv(buffersize[, flags]) -> data"),
    m("recv_into", recv_into, fast_kw, "recv_into(buffer, [nbytes[, flags]]) -> nbytes_read"),
    m("recvfrom", recvfrom, fast, "recvfrom(buffersize[, flags]) -> (data, address)"),
    m("recvfrom_into", recvfrom_into, fast_kw, "recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address)"),
    m("recvmsg", messages.recvmsg, fast_kw, "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)"),
    m("recvmsg_into", messages.recvmsg_into, fast_kw, "recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)"),
    m("send", send, fast, "send(data[, flags]) -> count"),
    m("sendall", sendall, fast, "sendall(data[, flags])"),
    m("sendto", sendto, fast, "sendto(data[, flags], address) -> count"),
    m("sendmsg", messages.sendmsg, fast_kw, "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count"),
    m("sendmsg_afalg", messages.sendmsg_afalg, py.METH_VARARGS | py.METH_KEYWORDS, "sendmsg_afalg([msg], *, op[, iv[, assoclen[, flags=MSG_MORE]]])"),
    m("setblocking", setblocking, one, "setblocking(flag)"),
    m("getblocking", getblocking, noargs, "getblocking() -> bool"),
    m("settimeout", settimeout, one, "settimeout(timeout)"),
    m("gettimeout", gettimeout, noargs, "gettimeout() -> timeout"),
    m("shutdown", shutdown, one, "shutdown(flag)"),
    // pysock's own: batch datagrams.
    m("recvmmsg", batch_recv.recvmmsg, fast_kw, "recvmmsg(count, bufsize, ancbufsize=0, flags=0) -> [(data, ancdata, msg_flags, address), ...]"),
    m("recvmmsg_into", batch_recv.recvmmsg_into, fast_kw, "recvmmsg_into(buffers, ancbufsize=0, flags=0) -> [(nbytes, ancdata, msg_flags, address), ...]"),
    m("sendmmsg", batch_send.sendmmsg, fast_kw, "sendmmsg(messages, flags=0) -> number of messages sent"),
    m("ioctl", control.ioctl, fast, "ioctl(control, option) -> 0"),
    m("share", control.share, fast, "share(process_id) -> bytes"),
    m("_tcp_info", tcpInfo, noargs, "_tcp_info() -> (value or None for each field of _tcp_info_layout())"),
    m("_transmitfile", transmit.transmitfile, fast, "_transmitfile(fd, offset, count) -> sent | None"),
    .{ .ml_name = null, .ml_meth = null, .ml_flags = 0, .ml_doc = null },
};

const getset = [_]py.PyGetSetDef{
    .{ .name = "family", .get = getFamily, .set = null, .doc = "the socket family", .closure = null },
    .{ .name = "type", .get = getType, .set = null, .doc = "the socket type", .closure = null },
    .{ .name = "proto", .get = getProto, .set = null, .doc = "the socket protocol", .closure = null },
    .{ .name = "timeout", .get = getTimeout, .set = null, .doc = "the socket timeout", .closure = null },
    .{ .name = null, .get = null, .set = null, .doc = null, .closure = null },
};

const slots = [_]py.PyType_Slot{
    .{ .slot = py.Py_tp_new, .pfunc = @ptrCast(&tp_new) },
    .{ .slot = py.Py_tp_init, .pfunc = @ptrCast(&tp_init) },
    .{ .slot = py.Py_tp_dealloc, .pfunc = @ptrCast(&tp_dealloc) },
    .{ .slot = py.Py_tp_finalize, .pfunc = @ptrCast(&tp_finalize) },
    .{ .slot = py.Py_tp_repr, .pfunc = @ptrCast(&tp_repr) },
    .{ .slot = py.Py_tp_methods, .pfunc = @ptrCast(&methods) },
    .{ .slot = py.Py_tp_getset, .pfunc = @ptrCast(&getset) },
    .{ .slot = py.Py_tp_doc, .pfunc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)" },
    .{ .slot = 0, .pfunc = null },
};

const spec = py.PyType_Spec{
    .name = "pysock._core.socket",
    .basicsize = @sizeOf(Sock),
    .itemsize = 0,
    // Immutable like the stdlib's `_socket.socket`: setting an attribute on
    // the type raises TypeError (subclasses, such as pysock.socket, are not).
    .flags = @intCast(py.Py_TPFLAGS_DEFAULT | py.Py_TPFLAGS_BASETYPE | py.Py_TPFLAGS_IMMUTABLETYPE),
    .slots = &slots,
};

/// The methods the loaded backend can serve, and the slots pointing at them.
/// Filled once by createType; they live as long as the type (the process).
var available_methods: [methods.len]py.PyMethodDef = undefined;
var available_slots: [slots.len]py.PyType_Slot = undefined;

/// Creates the socket type for the loaded backend. An immutable type cannot
/// lose methods afterwards, so one whose backend entry is missing (sendmsg on
/// Windows, ...) is left out here, and `hasattr` answers as the stdlib does.
pub fn createType() ?*py.PyObject {
    var count: usize = 0;
    for (methods[0 .. methods.len - 1]) |def| {
        if (!features.methodAvailable(def.ml_name.?)) continue;
        available_methods[count] = def;
        count += 1;
    }
    available_methods[count] = methods[methods.len - 1];
    available_slots = slots;
    for (&available_slots) |*slot| {
        if (slot.slot == py.Py_tp_methods) slot.pfunc = @ptrCast(&available_methods);
    }
    var available_spec = spec;
    available_spec.slots = &available_slots;
    return py.PyType_FromSpec(&available_spec);
}
