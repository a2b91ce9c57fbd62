//! pysock's own batch receives, `recvmmsg` and `recvmmsg_into`: up to
//! `count` datagrams in one backend call (recvmmsg(2) where the OS has it,
//! the backend's own loop elsewhere), each message shaped exactly as
//! `recvmsg` / `recvmsg_into` shape theirs (messages.zig makes the tuples).
//!
//! Only the first message is ever waited for: the backend blocks for it
//! alone, and under a timeout the socket is non-blocking and io.run waits
//! for readability, so a batch returns as soon as one message is there
//! (never the recvmmsg(2) timeout trap, whose timeout is only checked after
//! each datagram). TimeoutError and BlockingIOError mean nothing arrived.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const io = @import("io.zig");
const messages = @import("messages.zig");
const Sock = @import("socket.zig").Sock;

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;
const Scratch = messages.Scratch;

inline fn sockOf(o: *py.PyObject) *Sock {
    return @ptrCast(@alignCast(o));
}

/// Each message's control buffer starts at a multiple of this (the
/// strictest cmsghdr alignment of any target), whatever `ancbufsize` is.
const control_alignment = 16;

/// The messages of one batch, with their sender and control buffers; the
/// caller points each message at its data buffers.
const Batch = struct {
    msg_store: Scratch(abi.Message, 16) = .{},
    length_store: Scratch(usize, 16) = .{},
    from_store: Scratch(address.Native, 16) = .{},
    control_store: Scratch(u8, 512) = .{},
    msgs: []abi.Message = &.{},
    lengths: []usize = &.{},
    from: []address.Native = &.{},
    /// Control bytes each message may receive (recvmsg's ancbufsize).
    capacity: usize = 0,

    /// Room for `count` messages with `ancbufsize` control bytes each; false
    /// with the exception set.
    fn init(self: *Batch, count: usize, ancbufsize: usize) bool {
        self.msgs = self.msg_store.get(count) orelse return false;
        self.lengths = self.length_store.get(count) orelse return false;
        self.from = self.from_store.get(count) orelse return false;
        self.capacity = ancbufsize;
        const stride = std.mem.alignForward(usize, ancbufsize, control_alignment);
        // Saturates on a 32-bit target only (stride <= 2^31, count <= max_batch),
        // to a size the allocator refuses: MemoryError.
        const control_total = stride *| count;
        // Zeroed as recvmsg's (messages.zig): bytes the OS counts but never writes.
        const control = self.control_store.getZeroed(control_total) orelse return false;
        for (self.msgs, self.from, 0..) |*msg, *from, i| {
            // Zeros wherever a backend reports an address it did not write.
            @memset(&from.bytes, 0);
            msg.* = .{
                .buffers = undefined,
                .buffer_count = 0,
                .addr = &from.bytes,
                .control = if (ancbufsize > 0) control.ptr + i * stride else null,
            };
        }
        return true;
    }

    /// Runs the batch under the socket's timeout mode: the number of
    /// messages received (at least one), or null with the exception set.
    fn receive(self: *Batch, s: *Sock, flags: i32) ?usize {
        var deadline: io.Deadline = .{};
        const ctx: Ctx = .{ .msgs = self.msgs, .lengths = self.lengths.ptr, .capacity = self.capacity, .flags = flags };
        const n = io.run(&s.handle, s.timeout_ns, .read, &deadline, ctx, receiveOp) orelse return null;
        // Never more messages than were asked for, whatever the backend says.
        return @min(@as(usize, @intCast(n)), self.msgs.len);
    }

    /// What message `i` left behind, every length cut to its buffer.
    fn arrived(self: *const Batch, i: usize, proto: i32) messages.Arrived {
        const msg = &self.msgs[i];
        const control: []const u8 = if (msg.control) |p| p[0..@min(msg.control_len, self.capacity)] else &.{};
        return .{ .control = control, .addr = &self.from[i].bytes, .addr_len = msg.addr_len, .msg_flags = msg.msg_flags, .proto = proto };
    }

    /// The list of the first `n` messages' tuples, `value(ctx, i, length)`
    /// making each one's first item. If anything fails, every descriptor
    /// the batch received is closed, so none leaks.
    fn results(self: *const Batch, n: usize, proto: i32, ctx: anytype, comptime value: fn (@TypeOf(ctx), usize, usize) Obj) Obj {
        const list = py.PyList_New(@intCast(n)) orelse return self.fail(n, null);
        // The address of the message before, while the list holds it.
        var previous: ?*py.PyObject = null;
        for (0..n) |i| {
            const left = self.arrived(i, proto);
            const v = value(ctx, i, self.lengths[i]) orelse return self.fail(n, list);
            // Messages from the sender of the one before share its address
            // object (immutable): most of a batch often comes from one peer,
            // and decoding an address costs more than the rest of a tuple.
            const addr = if (previous != null and self.sameSender(i, i - 1))
                py.newRef(previous.?)
            else
                address.toPython(left.addr, left.addr_len, proto) orelse {
                    py.Py_DecRef(v);
                    return self.fail(n, list);
                };
            previous = addr;
            const entry = messages.resultTupleWith(v, left, addr) orelse return self.fail(n, list);
            _ = py.PyList_SetItem(list, @intCast(i), entry);
        }
        return list;
    }

    /// Messages i and j came from the same native address.
    fn sameSender(self: *const Batch, i: usize, j: usize) bool {
        const len = self.msgs[i].addr_len;
        if (len != self.msgs[j].addr_len) return false;
        const n = @min(len, abi.max_native_addr);
        return std.mem.eql(u8, self.from[i].bytes[0..n], self.from[j].bytes[0..n]);
    }

    fn fail(self: *const Batch, n: usize, list: Obj) Obj {
        py.Py_DecRef(list);
        for (0..n) |i| messages.closeDescriptors(self.arrived(i, 0).control);
        return null;
    }

    fn deinit(self: *Batch) void {
        self.msg_store.deinit();
        self.length_store.deinit();
        self.from_store.deinit();
        self.control_store.deinit();
    }
};

const Ctx = struct {
    msgs: []abi.Message,
    lengths: [*]usize,
    capacity: usize,
    flags: i32,

    /// One call moves many messages: the GIL is released even where it
    /// cannot block (io.run).
    pub const releases_gil = true;
};

fn receiveOp(c: Ctx, h: abi.Handle, err: *abi.Error) isize {
    // In/out fields: reset before every attempt.
    for (c.msgs) |*msg| {
        msg.addr_len = abi.max_native_addr;
        msg.control_len = c.capacity;
        msg.msg_flags = 0;
    }
    return state.vt.recvmmsg.?(h, c.msgs.ptr, c.lengths, c.msgs.len, c.flags, err);
}

/// recvmsg's check of ancbufsize, as a length.
fn controlCapacity(ancbufsize: isize) ?usize {
    if (ancbufsize < 0 or @as(usize, @intCast(ancbufsize)) > messages.socklen_limit) {
        _ = errors.valueError("invalid ancillary data buffer length");
        return null;
    }
    return @intCast(ancbufsize);
}

fn optionalInt(comptime T: type, obj: ?*py.PyObject) ?T {
    return if (obj) |x| args.toInt(T, x) else 0;
}

// -- recvmmsg ----------------------------------------------------------------------

const DataCtx = struct { data: [*]u8, size: usize };

/// Message i's data: what fitted of the `length` bytes it reported (with
/// MSG_TRUNC in the flags, Linux reports a datagram's whole length).
fn dataValue(c: DataCtx, i: usize, length: usize) Obj {
    return py.PyBytes_FromStringAndSize(c.data + i * c.size, @intCast(@min(length, c.size)));
}

/// recvmmsg(count, bufsize, ancbufsize=0, flags=0) -> [(data, ancdata, msg_flags, address), ...]
pub fn recvmmsg(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    var a: [4]?*py.PyObject = undefined;
    if (!args.bind("recvmmsg", &.{ "count", "bufsize", "ancbufsize", "flags" }, argv, nargs, kwnames, 2, &a)) return null;
    const s = sockOf(o);
    // Converted in order, then checked, as recvmsg does.
    const count = args.toInt(isize, a[0].?) orelse return null;
    const size = args.toInt(isize, a[1].?) orelse return null;
    const ancbufsize = optionalInt(isize, a[2]) orelse return null;
    const flags = optionalInt(c_int, a[3]) orelse return null;
    if (count <= 0) return errors.valueError("recvmmsg() count must be positive");
    if (size < 0) return errors.valueError("negative buffer size in recvmmsg()");
    const capacity = controlCapacity(ancbufsize) orelse return null;
    const n = @min(@as(usize, @intCast(count)), abi.max_batch);
    const size_u: usize = @intCast(size);

    // One block for every message's data; the results are copied out of it
    // at their exact lengths (the limited API cannot shrink a bytes object).
    var data_store: Scratch(u8, 8192) = .{};
    defer data_store.deinit();
    const total = std.math.mul(usize, n, size_u) catch {
        _ = py.PyErr_NoMemory();
        return null;
    };
    if (total > std.math.maxInt(isize)) {
        _ = py.PyErr_NoMemory();
        return null;
    }
    const data = data_store.get(total) orelse return null;
    io.zeroIfDiscarding(data, flags);
    var buffer_store: Scratch(abi.Buffer, 16) = .{};
    defer buffer_store.deinit();
    const buffers = buffer_store.get(n) orelse return null;

    var batch: Batch = .{};
    defer batch.deinit();
    if (!batch.init(n, capacity)) return null;
    for (batch.msgs, buffers, 0..) |*msg, *buffer, i| {
        buffer.* = .{ .ptr = if (size_u > 0) data.ptr + i * size_u else null, .len = size_u };
        msg.buffers = buffers[i..].ptr;
        msg.buffer_count = 1;
    }
    const got = batch.receive(s, flags) orelse return null;
    return batch.results(got, s.proto, DataCtx{ .data = data.ptr, .size = size_u }, dataValue);
}

// -- recvmmsg_into -----------------------------------------------------------------

/// The caller's buffers for each message: an iterable of iterables of
/// writable buffers, held for the call.
const Targets = struct {
    seq_store: Scratch(*py.PyObject, 16) = .{},
    view_store: Scratch(py.Py_buffer, 16) = .{},
    buffer_store: Scratch(abi.Buffer, 16) = .{},
    seqs: []*py.PyObject = &.{},
    seq_count: usize = 0,
    views: []py.Py_buffer = &.{},
    acquired: usize = 0,
    buffers: []abi.Buffer = &.{},
    /// Where message i's buffers start in `buffers`, and how many it has.
    starts: Scratch(usize, 16) = .{},
    start: []usize = &.{},

    const not_iterable = "recvmmsg_into() argument 1 must be an iterable of iterables of buffers";
    const not_writable = "recvmmsg_into() argument 1 must be an iterable of iterables of single-segment read-write buffers";

    /// The first `max_batch` entries of `outer`, their buffers acquired.
    fn init(self: *Targets, outer: *py.PyObject) bool {
        const seq = py.PySequence_Fast(outer, "recvmmsg_into() argument 1 must be an iterable") orelse return false;
        defer py.Py_DecRef(seq);
        const len = py.PySequence_Size(seq);
        if (len < 0) return false;
        if (len == 0) {
            _ = errors.valueError("recvmmsg_into() needs the buffers of at least one message");
            return false;
        }
        const n = @min(@as(usize, @intCast(len)), abi.max_batch);
        self.seqs = self.seq_store.get(n) orelse return false;
        self.start = self.starts.get(n + 1) orelse return false;
        // First the shape: each entry's buffers, counted.
        var total: usize = 0;
        for (0..n) |i| {
            const entry = py.PySequence_GetItem(seq, @intCast(i)) orelse return false;
            defer py.Py_DecRef(entry);
            const inner = py.PySequence_Fast(entry, not_iterable) orelse return false;
            self.seqs[i] = inner;
            self.seq_count += 1;
            const m = py.PySequence_Size(inner);
            if (m < 0) return false;
            if (m > std.math.maxInt(c_int)) {
                _ = errors.osError("recvmmsg_into() message has too many buffers");
                return false;
            }
            self.start[i] = total;
            total += @intCast(m);
        }
        self.start[n] = total;
        // Then the buffers themselves.
        self.views = self.view_store.get(total) orelse return false;
        self.buffers = self.buffer_store.get(total) orelse return false;
        for (self.seqs, 0..) |inner, i| {
            for (self.start[i]..self.start[i + 1], 0..) |k, j| {
                const item = py.PySequence_GetItem(inner, @intCast(j)) orelse return false;
                defer py.Py_DecRef(item);
                if (py.PyObject_GetBuffer(item, &self.views[k], py.PyBUF_WRITABLE) != 0) {
                    py.PyErr_Clear();
                    _ = errors.typeError(not_writable);
                    return false;
                }
                self.acquired += 1;
                const bytes = args.viewBytes(&self.views[k]);
                self.buffers[k] = .{ .ptr = if (bytes.len > 0) bytes.ptr else null, .len = bytes.len };
            }
        }
        return true;
    }

    fn count(self: *const Targets) usize {
        return self.seqs.len;
    }

    fn of(self: *const Targets, i: usize) []abi.Buffer {
        return self.buffers[self.start[i]..self.start[i + 1]];
    }

    fn deinit(self: *Targets) void {
        for (self.views[0..self.acquired]) |*v| py.PyBuffer_Release(v);
        for (self.seqs[0..self.seq_count]) |inner| py.Py_DecRef(inner);
        self.seq_store.deinit();
        self.view_store.deinit();
        self.buffer_store.deinit();
        self.starts.deinit();
    }
};

/// Message i's byte count, as recvmsg_into returns it.
fn countValue(_: void, _: usize, length: usize) Obj {
    return py.PyLong_FromUnsignedLongLong(length);
}

/// recvmmsg_into(buffers_list, ancbufsize=0, flags=0) -> [(nbytes, ancdata, msg_flags, address), ...]
pub fn recvmmsg_into(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    var a: [3]?*py.PyObject = undefined;
    if (!args.bind("recvmmsg_into", &.{ "buffers", "ancbufsize", "flags" }, argv, nargs, kwnames, 1, &a)) return null;
    const s = sockOf(o);
    const ancbufsize = optionalInt(isize, a[1]) orelse return null;
    const flags = optionalInt(c_int, a[2]) orelse return null;
    var targets: Targets = .{};
    defer targets.deinit();
    if (!targets.init(a[0].?)) return null;
    const capacity = controlCapacity(ancbufsize) orelse return null;
    var batch: Batch = .{};
    defer batch.deinit();
    if (!batch.init(targets.count(), capacity)) return null;
    for (batch.msgs, 0..) |*msg, i| {
        const bufs = targets.of(i);
        msg.buffers = bufs.ptr;
        msg.buffer_count = bufs.len;
    }
    const got = batch.receive(s, flags) orelse return null;
    return batch.results(got, s.proto, {}, countValue);
}
