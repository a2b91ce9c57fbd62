//! The fault-injecting backend: a backend library that loads the real one
//! for the platform, forwards every vtable entry to it, and makes chosen
//! calls fail or fall short as the plan says (README.md beside this file
//! has the spec language). Errors are reported as the contract says, so the
//! binding reacts to them exactly as to the OS's own.
const std = @import("std");
const builtin = @import("builtin");
const abi = @import("abi");
const options = @import("options");
const planning = @import("plan.zig");
const addresses = @import("addresses.zig");
const os = if (builtin.os.tag == .windows) @import("os_windows.zig") else @import("os_posix.zig");

const Vtable = abi.Vtable;
const field_names = @typeInfo(Vtable).@"struct".field_names;
const field_types = @typeInfo(Vtable).@"struct".field_types;

// -- the entries ----------------------------------------------------------------

/// The function type of a vtable field, or null for a data field.
fn FnOf(comptime T: type) ?type {
    const P = switch (@typeInfo(T)) {
        .optional => |o| o.child,
        else => T,
    };
    return switch (@typeInfo(P)) {
        .pointer => |p| if (@typeInfo(p.child) == .@"fn") p.child else null,
        else => null,
    };
}

fn paramIndex(comptime F: type, comptime T: type) ?usize {
    for (@typeInfo(F).@"fn".param_types, 0..) |p, i| if (p.? == T) return i;
    return null;
}

fn takesHandle(comptime F: type) bool {
    const params = @typeInfo(F).@"fn".param_types;
    return params.len > 0 and params[0].? == abi.Handle;
}

const entry_infos = blk: {
    var list: [field_names.len]planning.EntryInfo = undefined;
    for (field_names, field_types, 0..) |name, T, i| {
        const F = FnOf(T);
        list[i] = .{
            .name = if (F != null) name else "",
            .has_err = F != null and paramIndex(F.?, *abi.Error) != null,
            .has_handle = F != null and takesHandle(F.?),
        };
    }
    break :blk list;
};

// -- state ------------------------------------------------------------------------

var real: *const Vtable = undefined;
var table: Vtable = undefined;
var plan: planning.Plan = .{};
var message: [200]u8 = @splat(0);
/// The message of an `expected:FORM` mismatch (one at a time: a test's
/// fault, not a concurrent program's).
var mismatch: [200]u8 = @splat(0);
var lock: std.atomic.Value(bool) = .init(false);
/// The real backend's MSG_TRUNC (0 if it has none), for `truncated`.
var msg_trunc: i32 = 0;

fn acquire() void {
    while (lock.cmpxchgWeak(false, true, .acquire, .monotonic) != null) std.atomic.spinLoopHint();
}
fn release() void {
    lock.store(false, .release);
}

fn parser() planning.Parser {
    return .{
        .entries = &entry_infos,
        .codes = &os.codes,
        .error_kind = os.error_kind,
        .constants = real.constants[0..real.constant_count],
        .message = &message,
    };
}

// -- the wrappers --------------------------------------------------------------------

fn Entry(comptime index: usize) type {
    const name = field_names[index];
    const F = FnOf(field_types[index]).?;
    const P = @typeInfo(F).@"fn".param_types;
    const R = @typeInfo(F).@"fn".return_type.?;
    const Args = std.meta.ArgsTuple(F);
    const err_at = paramIndex(F, *abi.Error);
    return struct {
        fn forward(a: Args) R {
            const f = @field(real.*, name);
            const target = if (@typeInfo(@TypeOf(f)) == .optional) f.? else f;
            return @call(.auto, target, a);
        }

        fn call(a: Args) R {
            const handle: ?abi.Handle = if (comptime takesHandle(F)) a[0] else null;
            acquire();
            const action = plan.decide(index, handle);
            release();
            return switch (action) {
                .pass => forward(a),
                .fail => |e| fail(a, e),
                .delay => |ms| delayed(a, ms),
                .short => short(a),
                .ready => if (comptime eql(name, "wait")) 1 else forward(a),
                .taken => |e| taken(a, e),
                .invalid => if (comptime R == c_int) -1 else forward(a),
                .control_as_data => controlAsData(a),
                .truncated => |extra| truncated(a, extra),
                .length => |bytes| shortened(a, bytes),
                .address => |form| planted(a, form),
                .expected => |form| checked(a, form),
            };
        }

        fn fail(a: Args, e: abi.Error) R {
            if (comptime err_at == null or (R != c_int and R != isize)) {
                return forward(a);
            } else {
                // A close fails after closing: the handle must not leak.
                if (comptime eql(name, "close")) _ = forward(a);
                // An interrupted connect goes on in the background (what
                // PEP 475 waits for), so the attempt is made; its own
                // failure, if it failed at once, is what the caller sees.
                if (comptime eql(name, "connect")) {
                    if (e.flags & abi.error_interrupted != 0 and forward(a) != 0 and a[err_at.?].flags & abi.error_in_progress == 0) return -1;
                }
                a[err_at.?].* = e;
                return -1;
            }
        }

        fn delayed(a: Args, ms: u32) R {
            var b = a;
            if (comptime eql(name, "wait")) {
                // Readiness comes `ms` late: a shorter timeout expires first.
                if (b[2] >= 0 and ms >= b[2]) {
                    os.sleepMs(@intCast(b[2]));
                    return 0;
                }
                if (b[2] >= 0) b[2] -= @intCast(ms);
            }
            os.sleepMs(ms);
            return forward(b);
        }

        fn short(a: Args) R {
            var b = a;
            if (comptime oneOf(name, &.{ "send", "sendto", "recv", "recvfrom" })) {
                b[2] = @min(b[2], 1);
                return forward(b);
            }
            if (comptime oneOf(name, &.{ "sendmmsg", "recvmmsg" })) {
                // A batch of one: a partial batch, which the OS may give too.
                b[3] = @min(b[3], 1);
                return forward(b);
            }
            if (comptime oneOf(name, &.{ "sendmsg", "recvmsg" })) {
                // The first non-empty buffer, cut to one byte.
                const msg = a[1];
                const first = for (msg.buffers[0..msg.buffer_count]) |buf| {
                    if (buf.len > 0) break buf;
                } else return forward(a);
                const one = [1]abi.Buffer{.{ .ptr = first.ptr, .len = 1 }};
                var copy = msg.*;
                copy.buffers = &one;
                copy.buffer_count = 1;
                b[1] = &copy;
                const r = forward(b);
                if (comptime eql(name, "recvmsg")) {
                    msg.addr_len = copy.addr_len;
                    msg.msg_flags = copy.msg_flags;
                    msg.control_len = copy.control_len;
                }
                return r;
            }
            return forward(a);
        }

        fn truncated(a: Args, extra: u32) R {
            if (comptime R != isize or !oneOf(name, &.{ "recv", "recvfrom", "recvmsg", "recvmmsg" })) {
                return forward(a);
            } else if (comptime eql(name, "recvmmsg")) {
                // Each message that filled its buffers is reported longer.
                const r = forward(a);
                if (r <= 0) return r;
                for (a[1][0..@intCast(r)], a[2][0..@intCast(r)]) |*msg, *len| {
                    if (len.* < totalLength(msg)) continue;
                    len.* += extra;
                    msg.msg_flags |= msg_trunc;
                }
                return r;
            } else {
                const r = forward(a);
                // Only a full buffer can have been cut short.
                const capacity = if (comptime eql(name, "recvmsg")) totalLength(a[1]) else a[2];
                if (r < 0 or @as(usize, @intCast(r)) < capacity) return r;
                if (comptime eql(name, "recvmsg")) a[1].msg_flags |= msg_trunc;
                return r + extra;
            }
        }

        fn shortened(a: Args, bytes: u32) R {
            if (comptime !eql(name, "tcp_info")) {
                return forward(a);
            } else {
                const r = forward(a);
                if (r == 0) a[2].* = @min(a[2].*, bytes);
                return r;
            }
        }

        fn planted(a: Args, form: addresses.Form) R {
            if (comptime !eql(name, "addr_decode")) {
                return forward(a);
            } else {
                // The decode runs (it never fails), then its answer is
                // replaced: the parser checked the form's constants.
                forward(a);
                _ = addresses.fill(form, real.constants[0..real.constant_count], a[2]);
            }
        }

        fn controlAsData(a: Args) R {
            if (comptime !eql(name, "sendmsg")) {
                return forward(a);
            } else {
                const msg = a[1];
                const data = [1]abi.Buffer{.{ .ptr = msg.control, .len = if (msg.control != null) msg.control_len else 0 }};
                var copy = msg.*;
                copy.buffers = &data;
                copy.buffer_count = 1;
                copy.control = null;
                copy.control_len = 0;
                var b = a;
                b[1] = &copy;
                return forward(b);
            }
        }

        fn checked(a: Args, form: addresses.Form) R {
            if (comptime !eql(name, "addr_encode")) {
                return forward(a);
            } else {
                var want: abi.Address = .{ .proto = a[0].proto };
                _ = addresses.fill(form, real.constants[0..real.constant_count], &want);
                const field = addresses.firstDifference(&want, a[0]) orelse return forward(a);
                const text = std.fmt.bufPrint(mismatch[0 .. mismatch.len - 1], "pysock faults: the address to encode is not {s}'s: {s} differs", .{ @tagName(form), field }) catch mismatch[0 .. mismatch.len - 1];
                mismatch[text.len] = 0;
                a[3].* = .{ .kind = .address, .message = @ptrCast(&mismatch) };
                return -1;
            }
        }

        fn taken(a: Args, e: abi.Error) R {
            if (comptime !eql(name, "accept")) {
                return forward(a);
            } else {
                const r = forward(a);
                if (r != 0) return r;
                var ignored: abi.Error = .{};
                _ = real.close(a[1].*, &ignored);
                a[1].* = abi.invalid_handle;
                a[4].* = e;
                return -1;
            }
        }

        // One C-ABI function per arity, forwarding its arguments as a tuple.
        fn c0() callconv(.c) R {
            return call(.{});
        }
        fn c1(x0: P[0].?) callconv(.c) R {
            return call(.{x0});
        }
        fn c2(x0: P[0].?, x1: P[1].?) callconv(.c) R {
            return call(.{ x0, x1 });
        }
        fn c3(x0: P[0].?, x1: P[1].?, x2: P[2].?) callconv(.c) R {
            return call(.{ x0, x1, x2 });
        }
        fn c4(x0: P[0].?, x1: P[1].?, x2: P[2].?, x3: P[3].?) callconv(.c) R {
            return call(.{ x0, x1, x2, x3 });
        }
        fn c5(x0: P[0].?, x1: P[1].?, x2: P[2].?, x3: P[3].?, x4: P[4].?) callconv(.c) R {
            return call(.{ x0, x1, x2, x3, x4 });
        }
        fn c6(x0: P[0].?, x1: P[1].?, x2: P[2].?, x3: P[3].?, x4: P[4].?, x5: P[5].?) callconv(.c) R {
            return call(.{ x0, x1, x2, x3, x4, x5 });
        }
        fn c7(x0: P[0].?, x1: P[1].?, x2: P[2].?, x3: P[3].?, x4: P[4].?, x5: P[5].?, x6: P[6].?) callconv(.c) R {
            return call(.{ x0, x1, x2, x3, x4, x5, x6 });
        }
        fn c8(x0: P[0].?, x1: P[1].?, x2: P[2].?, x3: P[3].?, x4: P[4].?, x5: P[5].?, x6: P[6].?, x7: P[7].?) callconv(.c) R {
            return call(.{ x0, x1, x2, x3, x4, x5, x6, x7 });
        }

        const c_function: *const F = switch (P.len) {
            0 => &c0,
            1 => &c1,
            2 => &c2,
            3 => &c3,
            4 => &c4,
            5 => &c5,
            6 => &c6,
            7 => &c7,
            8 => &c8,
            else => @compileError("vtable entry " ++ name ++ " has more parameters than the fault backend forwards"),
        };
    };
}

fn totalLength(msg: *const abi.Message) usize {
    var n: usize = 0;
    for (msg.buffers[0..msg.buffer_count]) |b| n += b.len;
    return n;
}

fn eql(comptime a: []const u8, comptime b: []const u8) bool {
    return std.mem.eql(u8, a, b);
}

fn oneOf(comptime name: []const u8, comptime list: []const []const u8) bool {
    for (list) |n| if (eql(name, n)) return true;
    return false;
}

// -- loading ------------------------------------------------------------------------

/// The table handed out when the real backend or the plan cannot be had:
/// the binding checks the version and size, then `init` fails with the
/// reason, which becomes the import's OSError. No other entry is called.
var broken: Vtable = undefined;

fn brokenInit(err: *abi.Error) callconv(.c) c_int {
    err.* = .{ .kind = .address, .message = @ptrCast(&message) };
    return -1;
}

fn refuse(comptime fmt: []const u8, a: anytype) *const Vtable {
    const text = std.fmt.bufPrint(message[0 .. message.len - 1], "pysock faults: " ++ fmt, a) catch message[0 .. message.len - 1];
    message[text.len] = 0;
    broken.abi_version = abi.abi_version;
    broken.struct_size = @sizeOf(Vtable);
    broken.init = brokenInit;
    return &broken;
}

var loaded: ?*const Vtable = null;

export fn pysock_backend_vtable() callconv(.c) *const Vtable {
    if (loaded) |t| return t;
    var env_buf: [4096]u8 = undefined;
    const real_path = os.getenv("PYSOCK_FAULTS_REAL", &env_buf);
    const sym = os.openSymbol(real_path, options.real_backend, @ptrCast(&pysock_backend_vtable), abi.entry_symbol) orelse
        return refuse("cannot load the real backend ({s}; set PYSOCK_FAULTS_REAL to its path)", .{if (real_path) |p| std.mem.span(p) else options.real_backend});
    const entry: abi.EntryFn = @ptrCast(@alignCast(sym));
    real = entry();
    if (real.abi_version != abi.abi_version or real.struct_size < @sizeOf(Vtable))
        return refuse("the real backend has ABI version {d}, this wrapper {d}", .{ real.abi_version, abi.abi_version });
    var spec_buf: [4096]u8 = undefined;
    if (os.getenv("PYSOCK_FAULTS", &spec_buf)) |spec| {
        if (!parser().parse(std.mem.span(spec), &plan)) {
            var why: [message.len]u8 = message;
            return refuse("PYSOCK_FAULTS: {s}", .{std.mem.sliceTo(&why, 0)});
        }
    }
    for (real.constants[0..real.constant_count]) |c| {
        if (std.mem.eql(u8, std.mem.span(c.name), "MSG_TRUNC")) msg_trunc = @intCast(c.value);
    }
    table = real.*;
    table.struct_size = @sizeOf(Vtable);
    inline for (field_names, field_types, 0..) |name, T, i| {
        if (comptime FnOf(T) != null) {
            const wrapper = Entry(i).c_function;
            if (@typeInfo(T) == .optional) {
                @field(table, name) = if (@field(real.*, name) != null) wrapper else null;
            } else {
                @field(table, name) = wrapper;
            }
        }
    }
    loaded = &table;
    return &table;
}

// -- the control API (for ctypes) ----------------------------------------------------

/// Replaces the plan (and zeroes the counters). 0 on success; -1 when the
/// spec is wrong (the plan is unchanged; `pysock_faults_error` says why).
export fn pysock_faults_set(spec: [*:0]const u8) callconv(.c) c_int {
    if (loaded == null) return -1;
    var next: planning.Plan = .{};
    if (!parser().parse(std.mem.span(spec), &next)) return -1;
    acquire();
    plan = next;
    release();
    return 0;
}

/// How many faults were injected since the plan was set.
export fn pysock_faults_injected() callconv(.c) u64 {
    acquire();
    defer release();
    return plan.injected;
}

/// The reason the last spec was refused.
export fn pysock_faults_error() callconv(.c) [*:0]const u8 {
    return @ptrCast(&message);
}

test {
    _ = planning;
    _ = addresses;
}
