//! The fault plan: which calls of which vtable entries fail or fall short,
//! parsed from the spec language of README.md, and the counters that decide
//! when a rule fires. OS-neutral: error names are resolved by the caller's
//! `Codes` (the per-OS table) and by the real backend's constant table.
const std = @import("std");
const abi = @import("abi");
const addresses = @import("addresses.zig");

/// What one call of an entry does instead of (or around) the real call.
pub const Action = union(enum) {
    pass,
    /// Report this error instead of calling (close: after calling).
    fail: abi.Error,
    /// Move at most one byte (send, sendto, recv, recvfrom, sendmsg, recvmsg),
    /// or one message (sendmmsg, recvmmsg).
    short,
    /// `wait` answers "ready" at once, without waiting.
    ready,
    /// Sleep this many milliseconds, then call (a `wait` counts the sleep
    /// against its timeout).
    delay: u32,
    /// `accept`: the real accept runs, its new handle is closed, this error
    /// is reported.
    taken: abi.Error,
    /// `cmsg_next`: the bytes at the cursor are no valid item (-1).
    invalid,
    /// `sendmsg`: the message's control bytes are sent as its data, with no
    /// control data, so the receiver sees what the binding built.
    control_as_data,
    /// recv, recvfrom, recvmsg, recvmmsg: the call runs; if it filled the
    /// buffer, it reports this many bytes more, as Linux does for a datagram
    /// cut by MSG_TRUNC (recvmsg and each such message of recvmmsg also get
    /// MSG_TRUNC in their flags).
    truncated: u32,
    /// tcp_info: the call runs; the length it reports is cut to this many
    /// bytes, as a kernel with a shorter struct reports it (the bytes past
    /// it stay as the OS wrote them, so a reader that ignored the length
    /// would show them).
    length: u32,
    /// addr_decode: the call runs, then its result is replaced by this
    /// form's fixed address (addresses.zig), the socket's `proto` kept.
    address: addresses.Form,
    /// addr_encode: the neutral address the binding built must be this
    /// form's fixed address (the socket's `proto` aside); the call runs when
    /// it is, and fails with an OSError naming the first field that differs
    /// when it is not.
    expected: addresses.Form,
};

pub const Rule = struct {
    entry: usize,
    handle: ?abi.Handle = null,
    action: Action,
    /// Fires at most this many times.
    count: u64 = std.math.maxInt(u64),
    /// Fires on every `every`-th matching call.
    every: u64 = 1,
    seen: u64 = 0,
    fired: u64 = 0,
};

/// What the parser knows of one vtable entry.
pub const EntryInfo = struct {
    name: []const u8,
    has_err: bool,
    has_handle: bool,
};

/// An error name's value on this OS (see os_posix.zig / os_windows.zig).
pub const Code = struct { name: []const u8, code: i32, flags: u32 = 0 };

pub const max_rules = 32;

pub const Plan = struct {
    rules: [max_rules]Rule = undefined,
    len: usize = 0,
    injected: u64 = 0,

    /// Counts the call against every rule of `entry` that matches `handle`
    /// and returns the action of the first one whose turn it is.
    pub fn decide(self: *Plan, entry: usize, handle: ?abi.Handle) Action {
        var chosen: Action = .pass;
        for (self.rules[0..self.len]) |*r| {
            if (r.entry != entry) continue;
            if (r.handle) |want| if (handle == null or handle.? != want) continue;
            r.seen += 1;
            if (chosen != .pass or r.fired >= r.count or r.seen % r.every != 0) continue;
            r.fired += 1;
            chosen = r.action;
        }
        if (chosen != .pass) self.injected += 1;
        return chosen;
    }
};

const Bad = error{Bad};

pub const Parser = struct {
    entries: []const EntryInfo,
    codes: []const Code,
    error_kind: abi.ErrorKind,
    /// The real backend's constants, for EAI_* names.
    constants: []const abi.Constant,
    /// Static text of the last failure.
    message: *[200]u8,

    /// Parses `spec` into `out`; on failure writes a message and leaves `out` alone.
    pub fn parse(p: Parser, spec: []const u8, out: *Plan) bool {
        var plan: Plan = .{};
        var rules = std.mem.tokenizeScalar(u8, spec, ',');
        while (rules.next()) |raw| {
            const text = std.mem.trim(u8, raw, " \t");
            if (text.len == 0) continue;
            if (plan.len == max_rules) {
                p.say("more than {d} rules", .{max_rules});
                return false;
            }
            plan.rules[plan.len] = p.rule(text) catch return false;
            plan.len += 1;
        }
        out.* = plan;
        return true;
    }

    fn rule(p: Parser, text: []const u8) Bad!Rule {
        const eq = std.mem.indexOfScalar(u8, text, '=') orelse return p.fail("'{s}': expected entry=fault", .{text});
        const left = text[0..eq];
        var right = text[eq + 1 ..];
        const at = std.mem.indexOfScalar(u8, left, '@');
        const name = if (at) |i| left[0..i] else left;
        const entry = for (p.entries, 0..) |e, i| {
            if (std.mem.eql(u8, e.name, name)) break i;
        } else return p.fail("'{s}': no vtable entry '{s}'", .{ text, name });
        const info = p.entries[entry];
        var r: Rule = .{ .entry = entry, .action = .pass };
        if (at) |i| {
            if (!info.has_handle) return p.fail("'{s}': '{s}' takes no handle", .{ text, name });
            r.handle = std.fmt.parseInt(abi.Handle, left[i + 1 ..], 10) catch return p.fail("'{s}': bad handle", .{text});
        }
        // Suffixes, in any order: *count and /every.
        while (std.mem.lastIndexOfAny(u8, right, "*/")) |i| {
            const n = std.fmt.parseInt(u64, right[i + 1 ..], 10) catch return p.fail("'{s}': bad number after '{c}'", .{ text, right[i] });
            if (n == 0) return p.fail("'{s}': '{c}0' never fires", .{ text, right[i] });
            if (right[i] == '*') r.count = n else r.every = n;
            right = right[0..i];
        }
        r.action = try p.action(text, info, right);
        return r;
    }

    fn action(p: Parser, text: []const u8, info: EntryInfo, fault: []const u8) Bad!Action {
        const colon = std.mem.indexOfScalar(u8, fault, ':');
        const name = if (colon) |i| fault[0..i] else fault;
        const arg: ?[]const u8 = if (colon) |i| fault[i + 1 ..] else null;
        const e = info.name;
        if (std.mem.eql(u8, name, "delay")) {
            const ms = std.fmt.parseInt(u32, arg orelse "", 10) catch return p.fail("'{s}': delay:MILLISECONDS", .{text});
            return .{ .delay = ms };
        }
        if (std.mem.eql(u8, name, "truncated")) {
            if (!oneOf(e, &.{ "recv", "recvfrom", "recvmsg", "recvmmsg" })) return p.fail("'{s}': truncated applies to recv, recvfrom, recvmsg, recvmmsg", .{text});
            const extra = std.fmt.parseInt(u32, arg orelse "1000", 10) catch return p.fail("'{s}': truncated[:BYTES]", .{text});
            return .{ .truncated = extra };
        }
        if (std.mem.eql(u8, name, "length")) {
            if (!std.mem.eql(u8, e, "tcp_info")) return p.fail("'{s}': length applies to tcp_info", .{text});
            const bytes = std.fmt.parseInt(u32, arg orelse "", 10) catch return p.fail("'{s}': length:BYTES", .{text});
            return .{ .length = bytes };
        }
        if (std.mem.eql(u8, name, "address") or std.mem.eql(u8, name, "expected")) {
            const decode = std.mem.eql(u8, name, "address");
            const applies = if (decode) "addr_decode" else "addr_encode";
            if (!std.mem.eql(u8, e, applies)) return p.fail("'{s}': {s} applies to {s}", .{ text, name, applies });
            const form = std.meta.stringToEnum(addresses.Form, arg orelse "") orelse return p.fail("'{s}': {s}:FORM, FORM one of {s}", .{ text, name, form_names });
            var scratch: abi.Address = .{};
            if (addresses.fill(form, p.constants, &scratch)) |missing| return p.fail("'{s}': the backend has no constant '{s}'", .{ text, missing });
            return if (decode) .{ .address = form } else .{ .expected = form };
        }
        if (arg != null and !std.mem.eql(u8, name, "taken")) return p.fail("'{s}': '{s}' takes no argument", .{ text, name });
        if (std.mem.eql(u8, name, "short")) {
            if (!oneOf(e, &.{ "send", "sendto", "recv", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg" })) return p.fail("'{s}': short applies to send, sendto, recv, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg", .{text});
            return .short;
        }
        if (std.mem.eql(u8, name, "ready")) {
            if (!std.mem.eql(u8, e, "wait")) return p.fail("'{s}': ready applies to wait", .{text});
            return .ready;
        }
        if (std.mem.eql(u8, name, "invalid")) {
            if (!std.mem.eql(u8, e, "cmsg_next")) return p.fail("'{s}': invalid applies to cmsg_next", .{text});
            return .invalid;
        }
        if (std.mem.eql(u8, name, "control_as_data")) {
            if (!std.mem.eql(u8, e, "sendmsg")) return p.fail("'{s}': control_as_data applies to sendmsg", .{text});
            return .control_as_data;
        }
        if (std.mem.eql(u8, name, "taken")) {
            if (!std.mem.eql(u8, e, "accept")) return p.fail("'{s}': taken applies to accept", .{text});
            return .{ .taken = try p.osError(text, arg orelse "econnaborted") };
        }
        if (!info.has_err) return p.fail("'{s}': '{s}' reports no errors", .{ text, e });
        if (std.ascii.startsWithIgnoreCase(name, "eai_")) return .{ .fail = try p.gaiError(text, name) };
        const err = try p.osError(text, name);
        // The contract: a close is never retried, so it never reports EINTR.
        if (std.mem.eql(u8, e, "close") and err.flags & abi.error_interrupted != 0) return p.fail("'{s}': close never reports EINTR", .{text});
        return .{ .fail = err };
    }

    fn osError(p: Parser, text: []const u8, name: []const u8) Bad!abi.Error {
        for (p.codes) |c| {
            if (std.ascii.eqlIgnoreCase(c.name, name)) return .{ .kind = p.error_kind, .code = c.code, .flags = c.flags };
        }
        return p.fail("'{s}': unknown fault '{s}'", .{ text, name });
    }

    /// EAI_* values come from the real backend's own constant table.
    fn gaiError(p: Parser, text: []const u8, name: []const u8) Bad!abi.Error {
        for (p.constants) |c| {
            if (std.ascii.eqlIgnoreCase(std.mem.span(c.name), name)) return .{ .kind = .gai, .code = @intCast(c.value) };
        }
        return p.fail("'{s}': the backend has no constant '{s}'", .{ text, name });
    }

    /// Writes the reason into `message`, for `return p.fail(...)`.;
    fn fail(p: Parser, comptime fmt: []const u8, a: anytype) error{Bad} {
        p.say(fmt, a);
        return error.Bad;
    }

    fn say(p: Parser, comptime fmt: []const u8, a: anytype) void {
        const text = std.fmt.bufPrint(p.message[0 .. p.message.len - 1], fmt, a) catch p.message[0 .. p.message.len - 1];
        p.message[text.len] = 0;
    }
};

/// The forms of `address:FORM`, for the parser's message.
const form_names = blk: {
    var text: []const u8 = "";
    for (@typeInfo(addresses.Form).@"enum".field_names, 0..) |n, i| text = text ++ (if (i > 0) ", " else "") ++ n;
    break :blk text;
};

fn oneOf(name: []const u8, comptime list: []const []const u8) bool {
    inline for (list) |n| if (std.mem.eql(u8, name, n)) return true;
    return false;
}

test "rules fire on their turn, the first one wins, all count" {
    var msg: [200]u8 = undefined;
    const entries = [_]EntryInfo{ .{ .name = "send", .has_err = true, .has_handle = true }, .{ .name = "wait", .has_err = true, .has_handle = true } };
    const codes = [_]Code{.{ .name = "eintr", .code = 4, .flags = abi.error_interrupted }};
    const p: Parser = .{ .entries = &entries, .codes = &codes, .error_kind = .os, .constants = &.{}, .message = &msg };
    var plan: Plan = .{};
    try std.testing.expect(p.parse("send=eintr/3, send=short*2 ,wait@7=ready", &plan));
    try std.testing.expectEqual(@as(usize, 3), plan.len);
    try std.testing.expect(plan.decide(0, 1) == .short);
    try std.testing.expect(plan.decide(0, 1) == .short);
    try std.testing.expect(plan.decide(0, 1) == .fail);
    try std.testing.expect(plan.decide(0, 1) == .pass);
    try std.testing.expect(plan.decide(1, 6) == .pass);
    try std.testing.expect(plan.decide(1, 7) == .ready);
    try std.testing.expectEqual(@as(u64, 4), plan.injected);
    try std.testing.expect(!p.parse("send=ready", &plan));
    try std.testing.expect(!p.parse("nosuch=eintr", &plan));
    try std.testing.expect(!p.parse("send=eintr*0", &plan));
    try std.testing.expectEqual(@as(usize, 3), plan.len);
}

test "address:FORM applies to addr_decode, with the constants its family needs" {
    var msg: [200]u8 = undefined;
    const entries = [_]EntryInfo{ .{ .name = "addr_decode", .has_err = false, .has_handle = false }, .{ .name = "recv", .has_err = true, .has_handle = true } };
    const constants = [_]abi.Constant{.{ .name = "AF_CAN", .value = 29 }};
    const p: Parser = .{ .entries = &entries, .codes = &.{}, .error_kind = .os, .constants = &constants, .message = &msg };
    var plan: Plan = .{};
    try std.testing.expect(p.parse("addr_decode=address:can_j1939*1", &plan));
    try std.testing.expect(plan.decide(0, null) == .address);
    try std.testing.expect(plan.decide(0, null) == .pass);
    try std.testing.expect(!p.parse("recv=address:can_raw", &plan));
    try std.testing.expect(!p.parse("addr_decode=address:nosuch", &plan));
    try std.testing.expect(!p.parse("addr_decode=address", &plan));
    // No AF_TIPC in this backend's table: refused when parsed, not when fired.
    try std.testing.expect(!p.parse("addr_decode=address:tipc_id", &plan));
    try std.testing.expect(std.mem.indexOf(u8, &msg, "AF_TIPC") != null);
}

test "expected:FORM applies to addr_encode" {
    var msg: [200]u8 = undefined;
    const entries = [_]EntryInfo{ .{ .name = "addr_decode", .has_err = false, .has_handle = false }, .{ .name = "addr_encode", .has_err = true, .has_handle = false } };
    const constants = [_]abi.Constant{.{ .name = "AF_CAN", .value = 29 }};
    const p: Parser = .{ .entries = &entries, .codes = &.{}, .error_kind = .os, .constants = &constants, .message = &msg };
    var plan: Plan = .{};
    try std.testing.expect(p.parse("addr_encode=expected:can_isotp*1", &plan));
    try std.testing.expect(plan.decide(1, null) == .expected);
    try std.testing.expect(plan.decide(1, null) == .pass);
    try std.testing.expect(!p.parse("addr_decode=expected:can_raw", &plan));
    try std.testing.expect(!p.parse("addr_encode=address:can_raw", &plan));
    try std.testing.expect(!p.parse("addr_encode=expected:alg", &plan));
}

test "control_as_data applies to sendmsg" {
    var msg: [200]u8 = undefined;
    const entries = [_]EntryInfo{ .{ .name = "sendmsg", .has_err = true, .has_handle = true }, .{ .name = "send", .has_err = true, .has_handle = true } };
    const p: Parser = .{ .entries = &entries, .codes = &.{}, .error_kind = .os, .constants = &.{}, .message = &msg };
    var plan: Plan = .{};
    try std.testing.expect(p.parse("sendmsg=control_as_data*1", &plan));
    try std.testing.expect(plan.decide(0, 3) == .control_as_data);
    try std.testing.expect(plan.decide(0, 3) == .pass);
    try std.testing.expect(!p.parse("send=control_as_data", &plan));
    try std.testing.expect(!p.parse("sendmsg=control_as_data:1", &plan));
}

test {
    _ = addresses;
}
