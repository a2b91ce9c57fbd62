//! Messages with ancillary data: the socket methods sendmsg, recvmsg,
//! recvmsg_into and sendmsg_afalg, and the module functions CMSG_LEN and
//! CMSG_SPACE. Control messages cross the seam as neutral (level, type,
//! bytes) items; only the backend knows the native cmsghdr layout.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const args = @import("args.zig");
const address = @import("address.zig");
const audit = @import("audit.zig");
const io = @import("io.zig");
const Sock = @import("socket.zig").Sock;

const Argv = [*]const *py.PyObject;
const Obj = ?*py.PyObject;

/// The largest control length the stdlib accepts anywhere: socklen_t was an
/// int in the original BSD interface, so it never stores more than this.
pub const socklen_limit: usize = 0x7fffffff;

inline fn sockOf(o: *py.PyObject) *Sock {
    return @ptrCast(@alignCast(o));
}

// -- constants from the backend's table ----------------------------------------------

/// The few constants these methods act on, looked up by name once.
const Known = struct {
    sol_socket: ?i32 = null,
    scm_rights: ?i32 = null,
    af_alg: ?i32 = null,
    sol_alg: ?i32 = null,
    alg_set_op: ?i32 = null,
    alg_set_iv: ?i32 = null,
    alg_set_aead_assoclen: ?i32 = null,
};
var known_cache: ?Known = null;

fn known() *const Known {
    if (known_cache == null) {
        var k: Known = .{};
        for (state.vt.constants[0..state.vt.constant_count]) |c| {
            const name = std.mem.span(c.name);
            const v: i32 = @truncate(c.value);
            // Each field is named after its constant, in lower case.
            inline for (comptime std.meta.fieldNames(Known)) |field| {
                if (std.ascii.eqlIgnoreCase(name, field)) @field(k, field) = v;
            }
        }
        known_cache = k;
    }
    return &known_cache.?;
}

// -- helpers --------------------------------------------------------------------------

/// `n` items of T on the stack when few, else from PyMem. Use in place
/// (never copy it once `get` has been called).
pub fn Scratch(comptime T: type, comptime n: usize) type {
    return struct {
        local: [n]T align(@max(@alignOf(T), 16)) = undefined,
        heap: ?[*]T = null,

        pub fn get(self: *@This(), count: usize) ?[]T {
            if (count <= n) return self.local[0..count];
            // A product past usize (a 32-bit target only) saturates to a
            // size PyMem_Malloc refuses (it takes at most PY_SSIZE_T_MAX).
            const p = py.PyMem_Malloc(count *| @sizeOf(T)) orelse {
                _ = py.PyErr_NoMemory();
                return null;
            };
            self.heap = @ptrCast(@alignCast(p));
            return self.heap.?[0..count];
        }

        /// `get` with every element zero. A heap block comes from
        /// PyMem_Calloc, whose large blocks are fresh pages, zero without
        /// being written: a huge buffer costs what the stdlib's does.
        pub fn getZeroed(self: *@This(), count: usize) ?[]T {
            if (count <= n) {
                @memset(self.local[0..count], std.mem.zeroes(T));
                return self.local[0..count];
            }
            // (PyMem_Calloc refuses a product past usize itself.)
            const p = py.PyMem_Calloc(count, @sizeOf(T)) orelse {
                _ = py.PyErr_NoMemory();
                return null;
            };
            self.heap = @ptrCast(@alignCast(p));
            return self.heap.?[0..count];
        }

        pub fn deinit(self: *@This()) void {
            if (self.heap) |p| py.PyMem_Free(@ptrCast(p));
        }
    };
}

/// Positional-only calls refuse keywords with the stdlib's message (the
/// interpreter's own, for a fast-call method, names the type too).
pub fn noKeywords(comptime name: [:0]const u8, kwnames: ?*py.PyObject) bool {
    const kn = kwnames orelse return true;
    if (py.PyTuple_Size(kn) == 0) return true;
    _ = errors.typeError(name ++ "() takes no keyword arguments");
    return false;
}

/// A Python int as a C int, as CPython's internal _PyLong_AsInt does: one
/// message for every value out of range.
fn longAsInt(obj: *py.PyObject) ?c_int {
    var overflow: c_int = 0;
    const v = py.PyLong_AsLongAndOverflow(obj, &overflow);
    if (v == -1 and py.PyErr_Occurred() != null) return null;
    if (overflow != 0) return intTooLarge();
    return std.math.cast(c_int, v) orelse intTooLarge();
}

fn intTooLarge() ?c_int {
    _ = errors.overflowError("Python int too large to convert to C int");
    return null;
}

pub fn optCInt(argv: Argv, nargs: isize, i: usize) ?c_int {
    return if (nargs > i) args.toInt(c_int, argv[i]) else 0;
}

/// CMSG_LEN (space 0) or CMSG_SPACE (space 1) of `length` within the
/// stdlib's limit; false when out of range. The margin test comes first,
/// as the stdlib's: for CMSG_SPACE it keeps room for padding on both sides
/// of the data (CMSG_SPACE(1)).
fn cmsgSizeChecked(length: usize, space: c_int, out: *usize) bool {
    const size = state.vt.cmsg_size.?;
    var margin: usize = 0;
    if (size(if (space != 0) 1 else 0, space, &margin) != 0) return false;
    if (margin > socklen_limit or length > socklen_limit - margin) return false;
    if (size(length, space, out) != 0) return false;
    return out.* <= socklen_limit and out.* >= length;
}

// -- data buffers ---------------------------------------------------------------------

/// The data of a scatter/gather call: one buffer view per item of an iterable.
const Gather = struct {
    view_store: Scratch(py.Py_buffer, 8) = .{},
    buffer_store: Scratch(abi.Buffer, 8) = .{},
    views: []py.Py_buffer = &.{},
    buffers: []abi.Buffer = &.{},
    acquired: usize = 0,

    /// `what` names the method in the stdlib's messages.
    fn init(self: *Gather, obj: *py.PyObject, comptime writable: bool, comptime what: [:0]const u8) bool {
        const seq = py.PySequence_Fast(obj, what ++ "() argument 1 must be an iterable") orelse return false;
        defer py.Py_DecRef(seq);
        const n = py.PySequence_Size(seq);
        if (n < 0) return false;
        if (n > std.math.maxInt(c_int)) {
            _ = errors.osError(what ++ "() argument 1 is too long");
            return false;
        }
        const count: usize = @intCast(n);
        self.views = self.view_store.get(count) orelse return false;
        self.buffers = self.buffer_store.get(count) orelse return false;
        for (0..count) |i| {
            const item = py.PySequence_GetItem(seq, @intCast(i)) orelse return false;
            defer py.Py_DecRef(item);
            if (writable) {
                if (py.PyObject_GetBuffer(item, &self.views[i], py.PyBUF_WRITABLE) != 0) {
                    py.PyErr_Clear();
                    _ = errors.typeError(what ++ "() argument 1 must be an iterable of single-segment read-write buffers");
                    return false;
                }
            } else if (!args.readBuffer(item, &self.views[i])) return false;
            self.acquired += 1;
            const bytes = args.viewBytes(&self.views[i]);
            self.buffers[i] = .{ .ptr = if (bytes.len > 0) bytes.ptr else null, .len = bytes.len };
        }
        return true;
    }

    fn deinit(self: *Gather) void {
        for (self.views[0..self.acquired]) |*v| py.PyBuffer_Release(v);
        self.view_store.deinit();
        self.buffer_store.deinit();
    }
};

// -- control messages to send ----------------------------------------------------------------

/// Outgoing ancillary data: neutral items, then the native bytes the
/// backend builds from them.
pub const Control = struct {
    view_store: Scratch(py.Py_buffer, 4) = .{},
    item_store: Scratch(abi.Ancillary, 4) = .{},
    byte_store: Scratch(u8, 256) = .{},
    views: []py.Py_buffer = &.{},
    items: []abi.Ancillary = &.{},
    acquired: usize = 0,
    count: usize = 0,
    /// Sum of CMSG_SPACE of the items so far.
    space: usize = 0,
    bytes: []u8 = &.{},

    fn reserve(self: *Control, n: usize) bool {
        self.views = self.view_store.get(n) orelse return false;
        self.items = self.item_store.get(n) orelse return false;
        return true;
    }

    /// Adds an item and accounts for its size as the stdlib does.
    fn add(self: *Control, level: i32, kind: i32, data: []const u8) bool {
        var item_space: usize = 0;
        if (!cmsgSizeChecked(data.len, 1, &item_space)) {
            _ = errors.osError("ancillary data item too large");
            return false;
        }
        self.space += item_space;
        if (self.space > socklen_limit) {
            _ = errors.osError("too much ancillary data");
            return false;
        }
        self.items[self.count] = .{ .level = level, .type = kind, .data = if (data.len > 0) data.ptr else null, .len = data.len };
        self.count += 1;
        return true;
    }

    /// sendmsg's ancdata: an iterable of (level, type, bytes-like) sequences.
    fn parse(self: *Control, obj: *py.PyObject) bool {
        return self.parseAs(obj, "sendmsg() argument 2 must be an iterable", "[sendmsg() ancillary data items]()");
    }

    /// `parse` for another caller: `not_iterable` is the TypeError's text
    /// when `obj` is no iterable, `items` names the items in the others.
    pub fn parseAs(self: *Control, obj: *py.PyObject, comptime not_iterable: [:0]const u8, comptime items: [:0]const u8) bool {
        const seq = py.PySequence_Fast(obj, not_iterable) orelse return false;
        defer py.Py_DecRef(seq);
        const n = py.PySequence_Size(seq);
        if (n < 0) return false;
        if (!self.reserve(@intCast(n))) return false;
        for (0..@intCast(n)) |i| {
            const entry = py.PySequence_GetItem(seq, @intCast(i)) orelse return false;
            defer py.Py_DecRef(entry);
            if (!self.parseItem(entry, items)) return false;
        }
        return true;
    }

    /// One (level, type, data) item, with the errors of the stdlib's
    /// "(iiy*)" item format.
    fn parseItem(self: *Control, entry: *py.PyObject, comptime items: [:0]const u8) bool {
        const prefix = items ++ " argument must be ";
        // (A str passes: it is a sequence, and fails later as an int.)
        if (py.PySequence_Check(entry) == 0 or py.PyBytes_Check(entry)) {
            args.setTypeName(prefix ++ "3-item sequence, not %.50s", entry);
            return false;
        }
        const len = py.PySequence_Size(entry);
        if (len < 0) return false;
        if (len != 3) {
            const msg = py.PyUnicode_FromFormat(prefix ++ "sequence of length 3, not %zd", len) orelse return false;
            defer py.Py_DecRef(msg);
            py.PyErr_SetObject(py.PyExc_TypeError, msg);
            return false;
        }
        var fields: [3]*py.PyObject = undefined;
        var got: usize = 0;
        defer for (fields[0..got]) |f| py.Py_DecRef(f);
        while (got < 3) : (got += 1) {
            fields[got] = py.PySequence_GetItem(entry, @intCast(got)) orelse {
                // The stdlib's "(iiy*)" clears the item's own error.
                py.PyErr_Clear();
                const msg = py.PyUnicode_FromFormat(items ++ " argument %zu is not retrievable", got + 1) orelse return false;
                defer py.Py_DecRef(msg);
                py.PyErr_SetObject(py.PyExc_TypeError, msg);
                return false;
            };
        }
        const level = args.toInt(c_int, fields[0]) orelse return false;
        const kind = args.toInt(c_int, fields[1]) orelse return false;
        const view = &self.views[self.acquired];
        if (!args.readBuffer(fields[2], view)) return false;
        self.acquired += 1;
        return self.add(level, kind, args.viewBytes(view));
    }

    /// Builds the native control bytes from the items.
    pub fn build(self: *Control) bool {
        if (self.count == 0) return true;
        const build_fn = state.vt.cmsg_build.?;
        var err: abi.Error = .{};
        var len: usize = 0;
        if (build_fn(self.items.ptr, self.count, null, &len, &err) != 0) {
            _ = errors.raise(&err);
            return false;
        }
        self.bytes = self.byte_store.get(len) orelse return false;
        if (build_fn(self.items.ptr, self.count, self.bytes.ptr, &len, &err) != 0) {
            _ = errors.raise(&err);
            return false;
        }
        self.bytes = self.bytes[0..len];
        return true;
    }

    pub fn deinit(self: *Control) void {
        for (self.views[0..self.acquired]) |*v| py.PyBuffer_Release(v);
        self.view_store.deinit();
        self.item_store.deinit();
        self.byte_store.deinit();
    }
};

const SendCtx = struct { msg: *const abi.Message, flags: i32 };
fn sendOp(c: SendCtx, h: abi.Handle, err: *abi.Error) isize {
    return state.vt.sendmsg.?(h, c.msg, c.flags, err);
}

fn send(s: *Sock, data: *const Gather, control: *const Control, dest: ?*const address.Native, flags: i32) Obj {
    const msg: abi.Message = .{
        .buffers = data.buffers.ptr,
        .buffer_count = data.buffers.len,
        .addr = if (dest) |d| @constCast(&d.bytes) else null,
        .addr_len = if (dest) |d| d.len else 0,
        .control = if (control.bytes.len > 0) control.bytes.ptr else null,
        .control_len = control.bytes.len,
    };
    var deadline: io.Deadline = .{};
    const n = io.run(&s.handle, s.timeout_ns, .write, &deadline, SendCtx{ .msg = &msg, .flags = flags }, sendOp) orelse return null;
    return py.PyLong_FromSsize_t(n);
}

/// sendmsg(buffers[, ancdata[, flags[, address]]]) -> bytes sent
pub fn sendmsg(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    if (!noKeywords("sendmsg", kwnames) or !args.count("sendmsg", nargs, 1, 4)) return null;
    const s = sockOf(o);
    const flags = optCInt(argv, nargs, 2) orelse return null;
    const addr_arg = if (nargs > 3) argv[3] else py.Py_None();
    var native: address.Native = .{};
    var dest: ?*const address.Native = null;
    if (addr_arg != py.Py_None()) {
        if (!address.parse(s.family, s.proto, addr_arg, "sendmsg", &native)) return null;
        dest = &native;
    }
    if (!audit.raise("socket.sendmsg", .{ py.newRef(o), py.newRef(addr_arg) })) return null;
    var data: Gather = .{};
    defer data.deinit();
    if (!data.init(argv[0], false, "sendmsg")) return null;
    var control: Control = .{};
    defer control.deinit();
    if (nargs > 1 and !control.parse(argv[1])) return null;
    if (!control.build()) return null;
    return send(s, &data, &control, dest, flags);
}

/// sendmsg_afalg([msg, ]*, op[, iv[, assoclen[, flags]]]) -> bytes sent
pub fn sendmsg_afalg(o: *py.PyObject, a: *py.PyObject, kw: ?*py.PyObject) callconv(.c) Obj {
    const s = sockOf(o);
    const k = known();
    // (A table with AF_ALG but without its control types cannot happen; it
    // would be refused the same way rather than trusted.)
    if (k.af_alg == null or s.family != k.af_alg.? or k.sol_alg == null or k.alg_set_op == null or
        k.alg_set_iv == null or k.alg_set_aead_assoclen == null)
        return errors.osError("algset is only supported for AF_ALG");
    var data_arg: ?*py.PyObject = null;
    var op_obj: ?*py.PyObject = null;
    var assoc_obj: ?*py.PyObject = null;
    var iv: py.Py_buffer = std.mem.zeroes(py.Py_buffer);
    var flags: c_int = 0;
    const names = [_]?[*:0]const u8{ "msg", "op", "iv", "assoclen", "flags", null };
    if (py.PyArg_ParseTupleAndKeywords(a, kw, "|O$O!y*O!i:sendmsg_afalg", &names, &data_arg, &py.PyLong_Type, &op_obj, &iv, &py.PyLong_Type, &assoc_obj, &flags) == 0) return null;
    defer if (iv.obj != null) py.PyBuffer_Release(&iv);

    // op is required and >= 0; whatever was wrong with it gets one message.
    const op: c_int = if (op_obj) |obj| longAsInt(obj) orelse -1 else -1;
    if (op < 0) {
        py.PyErr_SetString(py.PyExc_TypeError, "Invalid or missing argument 'op'");
        return null;
    }
    var assoclen: ?c_int = null;
    if (assoc_obj) |obj| {
        const v = longAsInt(obj) orelse return null;
        if (v < 0) return errors.typeError("assoclen must be positive");
        assoclen = v;
    }

    var data: Gather = .{};
    defer data.deinit();
    if (data_arg) |obj| if (!data.init(obj, false, "sendmsg")) return null;

    // The kernel reads each value as a native u32; ALG_SET_IV carries
    // struct af_alg_iv, a native u32 length followed by the IV bytes (a
    // layout fixed by the Linux ABI, the only one with AF_ALG). Every item
    // gets cmsg_len = CMSG_LEN(data); the stdlib gives the IV item
    // CMSG_SPACE instead, which the kernel reads the same way.
    var control: Control = .{};
    defer control.deinit();
    if (!control.reserve(3)) return null;
    var op_bytes: [4]u8 = @bitCast(@as(u32, @intCast(op)));
    if (!control.add(k.sol_alg.?, k.alg_set_op.?, &op_bytes)) return null;
    var iv_store: Scratch(u8, 64) = .{};
    defer iv_store.deinit();
    if (iv.obj != null) {
        const iv_bytes = args.viewBytes(&iv);
        const ivlen = std.math.cast(u32, iv_bytes.len) orelse return errors.osError("ancillary data item too large");
        const item = iv_store.get(4 + iv_bytes.len) orelse return null;
        item[0..4].* = @bitCast(ivlen);
        @memcpy(item[4..], iv_bytes);
        if (!control.add(k.sol_alg.?, k.alg_set_iv.?, item)) return null;
    }
    var assoc_bytes: [4]u8 = undefined;
    if (assoclen) |v| {
        assoc_bytes = @bitCast(@as(u32, @intCast(v)));
        if (!control.add(k.sol_alg.?, k.alg_set_aead_assoclen.?, &assoc_bytes)) return null;
    }
    if (!control.build()) return null;
    return send(s, &data, &control, null, flags);
}

// -- receiving --------------------------------------------------------------------------

const RecvCtx = struct { msg: *abi.Message, capacity: usize, flags: i32 };
fn recvOp(c: RecvCtx, h: abi.Handle, err: *abi.Error) isize {
    // In/out fields: reset before every attempt.
    c.msg.addr_len = abi.max_native_addr;
    c.msg.control_len = c.capacity;
    c.msg.msg_flags = 0;
    return state.vt.recvmsg.?(h, c.msg, c.flags, err);
}

/// One recvmsg call and the (value, ancdata, msg_flags, address) it yields.
const Receive = struct {
    control_store: Scratch(u8, 512) = .{},
    from: address.Native = .{},
    msg: abi.Message = .{ .buffers = undefined, .buffer_count = 0 },
    /// The socket's protocol, for decoding the sender's address.
    proto: i32 = 0,
    /// The control buffer's size.
    capacity: usize = 0,

    /// Returns the byte count, or null with an exception set.
    fn run(self: *Receive, s: *Sock, buffers: []abi.Buffer, flags: i32, ancbufsize: isize) ?isize {
        if (ancbufsize < 0 or @as(usize, @intCast(ancbufsize)) > socklen_limit) {
            _ = errors.valueError("invalid ancillary data buffer length");
            return null;
        }
        const capacity: usize = @intCast(ancbufsize);
        // Zeroed: the OS counts bytes it never writes (the padding between
        // control messages; an emulator's whole buffer), which must reach
        // Python as zeros, never as memory.
        const buffer = self.control_store.getZeroed(capacity) orelse return null;
        self.capacity = capacity;
        self.proto = s.proto;
        self.msg = .{
            .buffers = buffers.ptr,
            .buffer_count = buffers.len,
            .addr = &self.from.bytes,
            .control = if (capacity > 0) buffer.ptr else null,
        };
        var deadline: io.Deadline = .{};
        return io.run(&s.handle, s.timeout_ns, .read, &deadline, RecvCtx{ .msg = &self.msg, .capacity = capacity, .flags = flags }, recvOp);
    }

    /// The control data the OS wrote; its length never past the capacity.
    fn received(self: *const Receive) []const u8 {
        if (self.msg.control) |p| return p[0..@min(self.msg.control_len, self.capacity)];
        return &.{};
    }

    /// The result tuple, stealing `value`. Should anything fail once the
    /// call has returned, the descriptors it carried are closed, so none leak.
    fn result(self: *Receive, value: Obj) Obj {
        const arrived: Arrived = .{
            .control = self.received(),
            .addr = &self.from.bytes,
            .addr_len = self.msg.addr_len,
            .msg_flags = self.msg.msg_flags,
            .proto = self.proto,
        };
        const v = value orelse {
            closeDescriptors(arrived.control);
            return null;
        };
        return resultTuple(v, arrived) orelse {
            closeDescriptors(arrived.control);
            return null;
        };
    }

    fn deinit(self: *Receive) void {
        self.control_store.deinit();
    }
};

/// What one received message left behind: its control bytes (already cut
/// to the buffer's capacity) and its sender, for the result tuple.
pub const Arrived = struct {
    control: []const u8,
    addr: *const [abi.max_native_addr]u8,
    addr_len: u32,
    msg_flags: i32,
    /// The socket's protocol, for decoding the sender's address.
    proto: i32,
};

/// recvmsg's (value, ancdata, msg_flags, address), stealing `value`. On
/// failure `value` is released; the descriptors the control data carried
/// are not closed (the caller decides: a batch closes those of all its
/// messages).
pub fn resultTuple(value: *py.PyObject, arrived: Arrived) Obj {
    const addr = address.toPython(arrived.addr, arrived.addr_len, arrived.proto) orelse {
        py.Py_DecRef(value);
        return null;
    };
    return resultTupleWith(value, arrived, addr);
}

/// The same with the sender's address already made (`addr`, stolen too):
/// a batch shares one address object among the messages of one sender.
pub fn resultTupleWith(value: *py.PyObject, arrived: Arrived, addr: *py.PyObject) Obj {
    const list = ancillaryList(arrived.control) orelse {
        py.Py_DecRef(value);
        py.Py_DecRef(addr);
        return null;
    };
    return errors.pack(.{ value, list, py.PyLong_FromLong(arrived.msg_flags), addr });
}

/// The (level, type, data) items of received control bytes, warning as the
/// stdlib does about items cut short or malformed.
fn ancillaryList(bytes: []const u8) Obj {
    const list = py.PyList_New(0) orelse return null;
    // (A backend without control messages never reports any bytes.)
    const next = state.vt.cmsg_next orelse return list;
    if (bytes.len == 0) return list;
    var cursor: usize = 0;
    var item: abi.Ancillary = .{};
    while (true) {
        const r = next(bytes.ptr, bytes.len, &cursor, &item);
        if (r == 0) break;
        if (r < 0 or item.truncated != 0) {
            if (py.PyErr_WarnEx(py.PyExc_RuntimeWarning, "received malformed or improperly-truncated ancillary data", 1) != 0) {
                py.Py_DecRef(list);
                return null;
            }
            if (r < 0) break;
        }
        const data: [*]const u8 = item.data orelse bytes.ptr;
        const entry = errors.pack(.{
            py.PyLong_FromLong(item.level),
            py.PyLong_FromLong(item.type),
            py.PyBytes_FromStringAndSize(data, @intCast(item.len)),
        }) orelse {
            py.Py_DecRef(list);
            return null;
        };
        const appended = py.PyList_Append(list, entry);
        py.Py_DecRef(entry);
        if (appended != 0) {
            py.Py_DecRef(list);
            return null;
        }
    }
    return list;
}

/// Closes every descriptor of the SOL_SOCKET/SCM_RIGHTS items in received
/// control bytes (an array of C ints, as the reference documents it).
pub fn closeDescriptors(bytes: []const u8) void {
    const k = known();
    const level = k.sol_socket orelse return;
    const rights = k.scm_rights orelse return;
    const next = state.vt.cmsg_next orelse return;
    if (bytes.len == 0) return;
    var cursor: usize = 0;
    var item: abi.Ancillary = .{};
    while (next(bytes.ptr, bytes.len, &cursor, &item) > 0) {
        if (item.level == level and item.type == rights and item.data != null) {
            const count = item.len / @sizeOf(c_int);
            for (0..count) |i| {
                var fd: c_int = undefined;
                @memcpy(std.mem.asBytes(&fd), item.data.?[i * @sizeOf(c_int) ..][0..@sizeOf(c_int)]);
                var err: abi.Error = .{};
                _ = state.vt.close(fd, &err);
            }
        }
    }
}

/// recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)
pub fn recvmsg(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    if (!noKeywords("recvmsg", kwnames) or !args.count("recvmsg", nargs, 1, 3)) return null;
    const s = sockOf(o);
    const size = args.toInt(isize, argv[0]) orelse return null;
    const ancbufsize: isize = if (nargs > 1) args.toInt(isize, argv[1]) orelse return null else 0;
    const flags = optCInt(argv, nargs, 2) orelse return null;
    if (size < 0) return errors.valueError("negative buffer size in recvmsg()");
    var rx: Receive = .{};
    defer rx.deinit();
    // Small reads land on the stack and are copied once into an exact-size
    // bytes object. With MSG_TRUNC the OS may report more than fits: the
    // data is then the whole buffer.
    const stack_limit = 8192;
    if (size <= stack_limit) {
        var buf: [stack_limit]u8 = undefined;
        io.zeroIfDiscarding(buf[0..@intCast(size)], flags);
        var one = [1]abi.Buffer{.{ .ptr = &buf, .len = @intCast(size) }};
        const n = rx.run(s, &one, flags, ancbufsize) orelse return null;
        return rx.result(py.PyBytes_FromStringAndSize(&buf, @min(n, size)));
    }
    const bytes = py.PyBytes_FromStringAndSize(null, size) orelse return null;
    const p = py.PyBytes_AsString(bytes).?;
    io.zeroIfDiscarding(p[0..@intCast(size)], flags);
    var one = [1]abi.Buffer{.{ .ptr = p, .len = @intCast(size) }};
    const n = rx.run(s, &one, flags, ancbufsize) orelse {
        py.Py_DecRef(bytes);
        return null;
    };
    if (n >= size) return rx.result(bytes);
    defer py.Py_DecRef(bytes);
    return rx.result(py.PyBytes_FromStringAndSize(p, n));
}

/// recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)
pub fn recvmsg_into(o: *py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    if (!noKeywords("recvmsg_into", kwnames) or !args.count("recvmsg_into", nargs, 1, 3)) return null;
    const s = sockOf(o);
    const ancbufsize: isize = if (nargs > 1) args.toInt(isize, argv[1]) orelse return null else 0;
    const flags = optCInt(argv, nargs, 2) orelse return null;
    var data: Gather = .{};
    defer data.deinit();
    if (!data.init(argv[0], true, "recvmsg_into")) return null;
    var rx: Receive = .{};
    defer rx.deinit();
    const n = rx.run(s, data.buffers, flags, ancbufsize) orelse return null;
    return rx.result(py.PyLong_FromSsize_t(n));
}

// -- module functions ------------------------------------------------------------------

fn cmsgFunction(comptime name: [:0]const u8, space: c_int, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) Obj {
    if (!noKeywords(name, kwnames) or !args.count(name, nargs, 1, 1)) return null;
    const length = args.toInt(isize, argv[0]) orelse return null;
    var out: usize = 0;
    if (length < 0 or !cmsgSizeChecked(@intCast(length), space, &out))
        return errors.overflowError(name ++ "() argument out of range");
    return py.PyLong_FromUnsignedLongLong(out);
}

/// CMSG_LEN(length) -> control message length without trailing padding
pub fn CMSG_LEN(_: ?*py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    return cmsgFunction("CMSG_LEN", 0, argv, nargs, kwnames);
}

/// CMSG_SPACE(length) -> buffer size for a control message with its padding
pub fn CMSG_SPACE(_: ?*py.PyObject, argv: Argv, nargs: isize, kwnames: ?*py.PyObject) callconv(.c) Obj {
    return cmsgFunction("CMSG_SPACE", 1, argv, nargs, kwnames);
}
