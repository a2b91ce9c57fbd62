//! The static tables behind socket.tcp_info(), built at compile time from a
//! platform's header: which bits of the OS's struct hold which field
//! (`abi.TcpInfoField`), which of them make the fields every platform shares
//! (`abi.TcpInfoCommon`), and the names of the TCP states. OS-neutral: each
//! backend passes its translated header module and its own choices.
const std = @import("std");
const builtin = @import("builtin");
const abi = @import("abi");

comptime {
    // A field is bits of a native integer, numbered from its least
    // significant bit, and the compiler numbers a struct's bits from its
    // first byte's least significant one: the two agree on little-endian
    // targets, which is every target pysock builds.
    if (builtin.cpu.arch.endian() != .little) @compileError("tcp_info tables assume a little-endian target");
}

/// The names the Python record gives the shared fields (pysock/_tcp_info.py
/// has the same list); a backend names a subset of them.
pub const common_names = [_][]const u8{
    "state",    "rtt_us",  "rttvar_us",   "retransmits",    "snd_cwnd",
    "snd_mss",  "rcv_mss", "bytes_acked", "bytes_received",
};

/// One member as the compiler laid it out.
pub const Member = struct {
    name: [:0]const u8,
    /// Position and width in bits, from the start of the struct.
    bit: u32,
    bits: u32,
    is_signed: bool = false,
    /// A member the header marks unused: it covers bits, it is not decoded.
    skip: bool = false,
};

/// The members of the struct a translated header describes with the enum
/// constants of backends/shared/tcp_info_layout.h, in bit order.
pub fn membersFromLayout(comptime sys: type) []const Member {
    @setEvalBranchQuota(1_000_000);
    const prefix = "PYSOCK_TCPI_AT_";
    var list: []const Member = &.{};
    for (@typeInfo(sys).@"struct".decl_names) |decl| {
        if (!std.mem.startsWith(u8, decl, prefix)) continue;
        const name = decl[prefix.len..];
        list = list ++ [_]Member{.{
            .name = name,
            .bit = @field(sys, decl),
            .bits = @field(sys, "PYSOCK_TCPI_BITS_" ++ name),
            .skip = @hasDecl(sys, "PYSOCK_TCPI_SKIP_" ++ name),
        }};
    }
    return sorted(list);
}

/// Every member of a struct translate-c could translate (one without
/// bitfields), with its type's signedness.
pub fn membersOfStruct(comptime T: type) []const Member {
    var list: []const Member = &.{};
    for (@typeInfo(T).@"struct".field_names, @typeInfo(T).@"struct".field_types) |name, F| {
        const signed = switch (@typeInfo(F)) {
            .int => |i| i.signedness == .signed,
            else => @compileError(@typeName(T) ++ "." ++ name ++ " is no integer"),
        };
        list = list ++ [_]Member{.{ .name = name, .bit = 8 * @offsetOf(T, name), .bits = 8 * @sizeOf(F), .is_signed = signed }};
    }
    return sorted(list);
}

fn sorted(comptime members: []const Member) []const Member {
    var out = members[0..members.len].*;
    std.mem.sort(Member, &out, {}, struct {
        fn less(_: void, a: Member, b: Member) bool {
            return a.bit < b.bit;
        }
    }.less);
    const result = out;
    return &result;
}

/// Checks that `members` describe a struct of `size` bytes and alignment
/// `alignment` whole: none overlaps the next, and every bit belongs to a
/// member except the padding the C rules put before an aligned member or at
/// the end. A member missing from a header's list leaves a hole that is no
/// such padding, and fails here.
pub fn checkCoverage(comptime what: []const u8, comptime members: []const Member, comptime size: usize, comptime alignment: usize) void {
    @setEvalBranchQuota(100_000);
    var end: u32 = 0;
    for (members) |m| {
        if (m.bits == 0) @compileError(what ++ "." ++ m.name ++ " has no bits");
        if (m.bit < end) @compileError(what ++ "." ++ m.name ++ " overlaps the member before it");
        if (m.bit > end) {
            // Padding: the member starts at the next boundary of its own
            // storage unit after the previous member, and no later.
            if (m.bit != std.mem.alignForward(u32, end, unitBits(m, size)))
                @compileError(std.fmt.comptimePrint("{s}: bits {d}..{d} before {s} belong to no member (one missing from the list?)", .{ what, end, m.bit, m.name }));
        }
        end = m.bit + m.bits;
    }
    if (end > 8 * size) @compileError(what ++ ": members pass the end of the struct");
    if (std.mem.alignForward(u32, end, 8 * alignment) != 8 * size)
        @compileError(std.fmt.comptimePrint("{s}: the members end at bit {d}, the struct is {d} bytes (a member missing from the list?)", .{ what, end, size }));
}

/// The alignment, in bits, of the storage unit a member starts: a whole
/// member's own (for an array of them, at most 8 bytes: the element's is not
/// known here), a bitfield's integer.
fn unitBits(comptime m: Member, comptime struct_size: usize) u32 {
    if (m.bit % 8 == 0 and m.bits % 8 == 0) {
        var unit: u32 = 8;
        while (unit < 64 and m.bits % (2 * unit) == 0) unit *= 2;
        return unit;
    }
    return 8 * @as(u32, storageOf(m, struct_size).size);
}

const Storage = struct { offset: u32, size: u8 };

/// The native integer a member is read from: a whole member is its own; a
/// bitfield's is the smallest aligned 1-, 2-, 4- or 8-byte integer holding
/// all its bits within the struct.
fn storageOf(comptime m: Member, comptime struct_size: usize) Storage {
    if (m.bit % 8 == 0 and m.bits % 8 == 0 and std.math.isPowerOfTwo(m.bits / 8) and m.bits <= 64)
        return .{ .offset = m.bit / 8, .size = m.bits / 8 };
    for ([_]u8{ 1, 2, 4, 8 }) |size| {
        const offset = m.bit / (8 * size) * size;
        if (m.bit + m.bits <= 8 * (offset + size) and offset + size <= struct_size) return .{ .offset = offset, .size = size };
    }
    @compileError(m.name ++ " fits no aligned integer of 8 bytes or fewer");
}

/// The vtable's field table: the members that are not skipped.
pub fn fields(comptime members: []const Member, comptime struct_size: usize) []const abi.TcpInfoField {
    @setEvalBranchQuota(100_000);
    var list: []const abi.TcpInfoField = &.{};
    for (members) |m| {
        if (m.skip) continue;
        const s = storageOf(m, struct_size);
        list = list ++ [_]abi.TcpInfoField{.{
            .name = m.name,
            .offset = s.offset,
            .size = s.size,
            .shift = m.bit - 8 * s.offset,
            .width = m.bits,
            .is_signed = @intFromBool(m.is_signed),
        }};
    }
    return list;
}

/// A shared field, named by the platform member it comes from.
pub const Common = struct {
    name: []const u8,
    member: []const u8,
    scale: u32 = 1,
    times: ?[]const u8 = null,
};

pub fn common(comptime table: []const abi.TcpInfoField, comptime list: []const Common) []const abi.TcpInfoCommon {
    @setEvalBranchQuota(1_000_000);
    var out: []const abi.TcpInfoCommon = &.{};
    for (list) |c| {
        for (common_names) |known| {
            if (std.mem.eql(u8, known, c.name)) break;
        } else @compileError("tcp_info: no shared field is called " ++ c.name);
        out = out ++ [_]abi.TcpInfoCommon{.{
            .name = c.name ++ "",
            .field = indexOf(table, c.member),
            .scale = c.scale,
            .times = if (c.times) |t| @intCast(indexOf(table, t)) else -1,
        }};
    }
    return out;
}

fn indexOf(comptime table: []const abi.TcpInfoField, comptime name: []const u8) u32 {
    for (table, 0..) |f, i| {
        if (std.mem.eql(u8, std.mem.span(f.name), name)) return i;
    }
    @compileError("tcp_info: the table has no field " ++ name);
}

/// A TCP state: its RFC 793 name and the header constant that values it.
pub const State = struct { name: [:0]const u8, decl: []const u8 };

/// The RFC 793 names (the spelling of FreeBSD's TCPS_*), for a backend
/// whose header constants are those names behind a prefix.
pub const rfc793_names = [_][:0]const u8{
    "CLOSED",      "LISTEN",     "SYN_SENT",   "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT",
    "FIN_WAIT_1",  "CLOSING",    "LAST_ACK",   "FIN_WAIT_2",   "TIME_WAIT",
};

pub fn states(comptime sys: type, comptime list: []const State) []const abi.Constant {
    @setEvalBranchQuota(100_000);
    var out: []const abi.Constant = &.{};
    for (list) |s| {
        for (rfc793_names) |known| {
            if (std.mem.eql(u8, known, s.name)) break;
        } else @compileError("tcp_info: " ++ s.name ++ " is no RFC 793 state name");
        out = out ++ [_]abi.Constant{.{ .name = s.name, .value = @field(sys, s.decl) }};
    }
    return out;
}

test "a bitfield's storage and shift" {
    const members = [_]Member{
        .{ .name = "a", .bit = 0, .bits = 8 },
        .{ .name = "lo", .bit = 8, .bits = 4 },
        .{ .name = "hi", .bit = 12, .bits = 4 },
        .{ .name = "flag", .bit = 16, .bits = 1 },
        .{ .name = "wide", .bit = 32, .bits = 32 },
        .{ .name = "byte", .bit = 64, .bits = 8 },
        .{ .name = "tail", .bit = 64 + 8, .bits = 24 },
    };
    comptime checkCoverage("test", &members, 12, 4);
    const table = comptime fields(&members, 12);
    try std.testing.expectEqual(@as(u32, 1), table[2].offset);
    try std.testing.expectEqual(@as(u8, 4), table[2].shift);
    try std.testing.expectEqual(@as(u8, 4), table[2].width);
    try std.testing.expectEqual(@as(u32, 8), table[6].offset);
    try std.testing.expectEqual(@as(u8, 4), table[6].size);
    try std.testing.expectEqual(@as(u8, 8), table[6].shift);
    try std.testing.expectEqual(@as(u8, 24), table[6].width);
}
