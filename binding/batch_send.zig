//! pysock's own batch send, `sendmmsg`: many datagrams in one backend call
//! (sendmmsg(2) where the OS has it, the backend's own loop elsewhere),
//! each message given and checked as `sendmsg` takes its arguments.
//!
//! The result is the number of messages sent. A partial batch (the socket
//! buffer filled up, or a later message failed) is a result, not an error;
//! a failure of the first message raises what sendmsg would raise.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const audit = @import("audit.zig");
const io = @import("io.zig");
const messages = @import("messages.zig");
const Sock = @import("socket.zig").Sock;

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;
const Scratch = messages.Scratch;
const Control = messages.Control;

inline fn sockOf(o: *py.PyObject) *Sock {
    return @ptrCast(@alignCast(o));
}

/// An address object that parses the same every time: a str, a bytes or
/// a tuple of those and exact ints. (A list or bytearray could have changed
/// since, and an int-like item may answer __index__ differently each time.)
fn immutable(obj: *py.PyObject) bool {
    if (!py.PyTuple_Check(obj)) return plainValue(obj);
    const n = py.PyTuple_Size(obj);
    for (0..@intCast(@max(n, 0))) |i| {
        if (!plainValue(py.PyTuple_GetItem(obj, @intCast(i)) orelse return false)) return false;
    }
    return true;
}

fn plainValue(obj: *py.PyObject) bool {
    return py.PyUnicode_Check(obj) or obj.ob_type == &py.PyBytes_Type or obj.ob_type == &py.PyLong_Type;
}

const not_a_message = "sendmmsg() messages must be (buffers[, ancdata[, address]]) sequences, not %.50s";

/// The messages of one sendmmsg call, every argument converted and every
/// buffer held until the call is over.
const Outgoing = struct {
    /// (Each store is used once: `get` hands out its memory.)
    msg_store: Scratch(abi.Message, 16) = .{},
    length_store: Scratch(usize, 16) = .{},
    dest_store: Scratch(address.Native, 16) = .{},
    seq_store: Scratch(*py.PyObject, 16) = .{},
    control_store: Scratch(?*Control, 16) = .{},
    start_store: Scratch(usize, 17) = .{},
    view_store: Scratch(py.Py_buffer, 16) = .{},
    buffer_store: Scratch(abi.Buffer, 16) = .{},
    msgs: []abi.Message = &.{},
    lengths: []usize = &.{},
    dests: []address.Native = &.{},
    /// Each message's buffers (PySequence_Fast), owned.
    seqs: []*py.PyObject = &.{},
    seq_count: usize = 0,
    /// Each message's control data; null where it has none.
    controls: []?*Control = &.{},
    /// Where message i's buffers start in `buffers` (one more at the end).
    starts: []usize = &.{},
    views: []py.Py_buffer = &.{},
    acquired: usize = 0,
    buffers: []abi.Buffer = &.{},
    /// The message before's address argument (a reference) and its native
    /// form.
    last_address: ?*py.PyObject = null,
    last_dest: ?*const address.Native = null,

    /// The first `max_batch` messages of `obj`; false with the exception set.
    fn init(self: *Outgoing, s: *Sock, obj: *py.PyObject) bool {
        const seq = py.PySequence_Fast(obj, "sendmmsg() argument 1 must be an iterable") orelse return false;
        defer py.Py_DecRef(seq);
        const len = py.PySequence_Size(seq);
        if (len < 0) return false;
        const n = @min(@as(usize, @intCast(len)), abi.max_batch);
        self.msgs = self.msg_store.get(n) orelse return false;
        self.lengths = self.length_store.get(n) orelse return false;
        self.dests = self.dest_store.get(n) orelse return false;
        self.seqs = self.seq_store.get(n) orelse return false;
        self.controls = self.control_store.get(n) orelse return false;
        @memset(self.controls, null);
        self.starts = self.start_store.get(n + 1) orelse return false;
        // First each message's shape, address and control data, ...
        var total: usize = 0;
        for (0..n) |i| {
            const entry = py.PySequence_GetItem(seq, @intCast(i)) orelse return false;
            defer py.Py_DecRef(entry);
            self.starts[i] = total;
            total += self.parseMessage(s, i, entry) orelse return false;
        }

        self.starts[n] = total;
        // ... then the data buffers of them all.
        self.views = self.view_store.get(total) orelse return false;
        self.buffers = self.buffer_store.get(total) orelse return false;
        for (self.seqs, self.msgs, 0..) |inner, *msg, i| {
            for (self.starts[i]..self.starts[i + 1], 0..) |k, j| {
                const item = py.PySequence_GetItem(inner, @intCast(j)) orelse return false;
                defer py.Py_DecRef(item);
                const bytes = self.hold(item, k) orelse return false;
                // (Read only: the Buffer type serves receives too.)
                self.buffers[k] = .{ .ptr = if (bytes.len > 0) @constCast(bytes.ptr) else null, .len = bytes.len };
            }
            msg.buffers = self.buffers[self.starts[i]..].ptr;
            msg.buffer_count = self.starts[i + 1] - self.starts[i];
        }
        return true;
    }

    /// The bytes of a buffer item, held in views[k] for the call. An exact
    /// `bytes` is read in place (immutable, and kept alive by the message's
    /// buffer sequence), its view left empty: releasing one is a no-op.
    fn hold(self: *Outgoing, item: *py.PyObject, k: usize) ?[]const u8 {
        self.views[k].obj = null;
        self.acquired += 1;
        if (item.ob_type == &py.PyBytes_Type) {
            const p = py.PyBytes_AsString(item) orelse return null;
            return p[0..@intCast(py.PyBytes_Size(item))];
        }
        if (!args.readBuffer(item, &self.views[k])) {
            self.views[k].obj = null;
            return null;
        }
        return args.viewBytes(&self.views[k]);
    }

    /// One (buffers[, ancdata[, address]]) entry as message i; returns how
    /// many buffers it has, or null with the exception set.
    fn parseMessage(self: *Outgoing, s: *Sock, i: usize, entry: *py.PyObject) ?usize {
        // A bytes-like object is a sequence too: the likeliest mistake is a
        // list of datagrams instead of a list of messages.
        if (py.PySequence_Check(entry) == 0 or py.PyObject_CheckBuffer(entry) != 0 or py.PyUnicode_Check(entry)) {
            args.setTypeName(not_a_message, entry);
            return null;
        }
        const len = py.PySequence_Size(entry);
        if (len < 0) return null;
        if (len < 1 or len > 3) {
            const msg = py.PyUnicode_FromFormat("sendmmsg() messages must have 1 to 3 items (buffers[, ancdata[, address]]), not %zd", len) orelse return null;
            defer py.Py_DecRef(msg);
            py.PyErr_SetObject(py.PyExc_TypeError, msg);
            return null;
        }
        var fields: [3]*py.PyObject = undefined;
        var got: usize = 0;
        defer for (fields[0..got]) |f| py.Py_DecRef(f);
        while (got < @as(usize, @intCast(len))) : (got += 1) fields[got] = py.PySequence_GetItem(entry, @intCast(got)) orelse return null;

        // As sendmsg: the address (and its audit event), the data, the control data.
        var dest: ?*const address.Native = null;
        const addr_arg = if (len > 2) fields[2] else py.Py_None();
        const same_object = i > 0 and addr_arg == self.last_address and immutable(addr_arg);
        if (addr_arg != py.Py_None()) {
            if (same_object) {
                // The address object of the message before (the common case:
                // one destination for the batch): parsed once.
                self.dests[i] = self.dests[i - 1];
            } else if (!address.parse(s.family, s.proto, addr_arg, "sendmmsg", &self.dests[i])) return null;
            dest = &self.dests[i];
        }
        // Each message is what one sendmsg would send: sendmsg's audit event,
        // once per change of destination, so that a hook sees every one.
        if (!same_object and !self.sameDestination(i, dest)) {
            if (!audit.raise("socket.sendmsg", .{ py.newRef(&s.ob_base), py.newRef(addr_arg) })) return null;
        }
        // Held, so that no later message's object can take its place in
        // memory (a sequence may make its items afresh on each access).
        py.Py_DecRef(self.last_address);
        self.last_address = py.newRef(addr_arg);
        self.last_dest = dest;
        const inner = py.PySequence_Fast(fields[0], "sendmmsg() message buffers must be an iterable") orelse return null;
        self.seqs[i] = inner;
        self.seq_count += 1;
        const buffer_count = py.PySequence_Size(inner);
        if (buffer_count < 0) return null;
        if (buffer_count > std.math.maxInt(c_int)) {
            _ = errors.osError("sendmmsg() message has too many buffers");
            return null;
        }
        var control_bytes: []const u8 = &.{};
        if (len > 1) control_bytes = self.parseControl(i, fields[1]) orelse return null;
        self.msgs[i] = .{
            .buffers = undefined,
            .buffer_count = 0,
            .addr = if (dest) |d| @constCast(&d.bytes) else null,
            .addr_len = if (dest) |d| d.len else 0,
            .control = if (control_bytes.len > 0) @constCast(control_bytes.ptr) else null,
            .control_len = control_bytes.len,
        };
        return @intCast(buffer_count);
    }

    /// Message i goes where the message before went (the same native
    /// address, or none for both).
    fn sameDestination(self: *const Outgoing, i: usize, dest: ?*const address.Native) bool {
        if (i == 0) return false;
        const before = self.last_dest orelse return dest == null;
        const now = dest orelse return false;
        return before.len == now.len and std.mem.eql(u8, before.bytes[0..@min(before.len, abi.max_native_addr)], now.bytes[0..@min(now.len, abi.max_native_addr)]);
    }

    /// Message i's ancillary data (sendmsg's ancdata) as native control bytes.
    fn parseControl(self: *Outgoing, i: usize, obj: *py.PyObject) ?[]const u8 {
        const not_iterable = "sendmmsg() ancillary data must be an iterable";
        const seq = py.PySequence_Fast(obj, not_iterable) orelse return null;
        defer py.Py_DecRef(seq);
        const len = py.PySequence_Size(seq);
        if (len < 0) return null;
        if (len == 0) return &.{};
        if (state.vt.cmsg_build == null or state.vt.cmsg_size == null) {
            _ = errors.osError("sendmmsg(): this platform sends no ancillary data");
            return null;
        }
        const p: *Control = @ptrCast(@alignCast(py.PyMem_Malloc(@sizeOf(Control)) orelse {
            _ = py.PyErr_NoMemory();
            return null;
        }));
        p.* = .{};
        self.controls[i] = p;
        if (!p.parseAs(seq, not_iterable, "[sendmmsg() ancillary data items]()")) return null;
        if (!p.build()) return null;
        return p.bytes;
    }

    fn deinit(self: *Outgoing) void {
        py.Py_DecRef(self.last_address);
        for (self.views[0..self.acquired]) |*v| py.PyBuffer_Release(v);
        for (self.seqs[0..self.seq_count]) |inner| py.Py_DecRef(inner);
        for (self.controls) |c| if (c) |p| {
            p.deinit();
            py.PyMem_Free(p);
        };
        self.msg_store.deinit();
        self.length_store.deinit();
        self.dest_store.deinit();
        self.seq_store.deinit();
        self.control_store.deinit();
        self.start_store.deinit();
        self.view_store.deinit();
        self.buffer_store.deinit();
    }
};

const Ctx = struct {
    msgs: []const abi.Message,
    lengths: [*]usize,
    flags: i32,

    /// One call moves many messages: the GIL is released even where it
    /// cannot block (io.run).
    pub const releases_gil = true;
};

fn sendOp(c: Ctx, h: abi.Handle, err: *abi.Error) isize {
    return state.vt.sendmmsg.?(h, c.msgs.ptr, c.lengths, c.msgs.len, c.flags, err);
}

/// sendmmsg(messages, flags=0) -> number of messages sent
pub fn sendmmsg(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    var a: [2]?*py.PyObject = undefined;
    if (!args.bind("sendmmsg", &.{ "messages", "flags" }, argv, nargs, kwnames, 1, &a)) return null;
    const s = sockOf(o);
    const flags: c_int = if (a[1]) |x| args.toInt(c_int, x) orelse return null else 0;
    var out: Outgoing = .{};
    defer out.deinit();
    if (!out.init(s, a[0].?)) return null;
    // Nothing to send: no system call (none would send anything).
    if (out.msgs.len == 0) return py.PyLong_FromLong(0);
    var deadline: io.Deadline = .{};
    const ctx: Ctx = .{ .msgs = out.msgs, .lengths = out.lengths.ptr, .flags = flags };
    const n = io.run(&s.handle, s.timeout_ns, .write, &deadline, ctx, sendOp) orelse return null;
    // Never more messages than were given, whatever the backend says.
    return py.PyLong_FromUnsignedLongLong(@min(@as(usize, @intCast(n)), out.msgs.len));
}
