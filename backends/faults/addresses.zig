//! The addresses the `address:FORM` fault plants: one fixed `abi.Address`
//! per form, of the families a test machine's kernel may not open (CAN,
//! AF_ALG, TIPC, QIPCRTR), filled as the real Linux backend's decoder fills
//! them for such a sockaddr (backends/linux/families.zig; the neutral shapes
//! are documented on `abi.Address`). Then the binding's decoder of those
//! families runs on the addresses the stdlib would decode, without a socket
//! of the family.
//!
//! OS-neutral: family and type numbers are looked up by name in the real
//! backend's constant table (the target's own headers), so a backend without
//! the family refuses the form when the plan is parsed. The other numbers are
//! values such a sockaddr can hold, chosen to show each field's width and
//! signedness (Linux UAPI: linux/can.h, linux/can/j1939.h, linux/if_alg.h,
//! linux/tipc.h, linux/qrtr.h).
const std = @import("std");
const abi = @import("abi");

pub const Form = enum {
    /// CAN_RAW (and any protocol but CAN_ISOTP/CAN_J1939): the interface only.
    can_raw,
    /// CAN_ISOTP: interface, rx_id, tx_id.
    can_isotp,
    /// CAN_J1939: interface, name, pgn, addr.
    can_j1939,
    /// AF_ALG: type, name, feat, mask.
    alg,
    /// AF_ALG with feat and mask below 2**16: what an address to encode can
    /// hold (the stdlib reads them as unsigned shorts).
    alg_short,
    /// AF_TIPC, each address type, with its scope.
    tipc_nameseq,
    tipc_name,
    tipc_id,
    /// AF_TIPC with an address type below and above the three valid ones,
    /// which the stdlib refuses to decode.
    tipc_type0,
    tipc_type4,
    /// AF_QIPCRTR: node, port.
    qipcrtr,
};

/// The constant `name` of the real backend's table, or null.
fn constant(constants: []const abi.Constant, name: []const u8) ?i64 {
    for (constants) |c| if (std.mem.eql(u8, std.mem.span(c.name), name)) return c.value;
    return null;
}

/// Fills `out` with the address of `form` (leaving `out.proto`: the socket's,
/// as the binding passed it). Returns the name of a constant the backend
/// lacks (the form cannot be planted there), or null.
pub fn fill(form: Form, constants: []const abi.Constant, out: *abi.Address) ?[]const u8 {
    const family_name: []const u8 = switch (form) {
        .can_raw, .can_isotp, .can_j1939 => "AF_CAN",
        .alg, .alg_short => "AF_ALG",
        .tipc_nameseq, .tipc_name, .tipc_id, .tipc_type0, .tipc_type4 => "AF_TIPC",
        .qipcrtr => "AF_QIPCRTR",
    };
    const family = constant(constants, family_name) orelse return family_name;
    const proto = out.proto;
    out.* = .{ .family = @intCast(family), .proto = proto };
    switch (form) {
        // An interface name is whatever bytes the kernel holds; one that is
        // not UTF-8 shows the file-system decoding the stdlib applies.
        .can_raw => setName(out, "vcan0"),
        .can_isotp => {
            setName(out, "vcan\xff");
            out.nums[0] = 0x80001234; // CAN_EFF_FLAG | 0x1234: a 29-bit id
            out.nums[1] = 0x7ff; // CAN_SFF_MASK: the highest 11-bit id
        },
        .can_j1939 => {
            setName(out, "can1");
            out.nums[0] = 0xa00c81045a20021b; // a 64-bit NAME past 2**63
            out.nums[1] = 0x40000; // J1939_NO_PGN: past 16 bits
            out.nums[2] = 0xfe; // J1939_IDLE_ADDR: past 127
        },
        .alg, .alg_short => {
            setName(out, "skcipher");
            @memcpy(out.data[0.."cbc(aes)".len], "cbc(aes)");
            out.data_len = "cbc(aes)".len;
            // salg_feat and salg_mask are __u32: values past 16 bits (and
            // two that differ in their low 16 bits).
            out.nums[0] = if (form == .alg) 0x12345 else 0x2345;
            out.nums[1] = if (form == .alg) 0x80000001 else 0x8001;
        },
        .tipc_nameseq, .tipc_name, .tipc_id => {
            const names: [2][]const u8 = switch (form) {
                .tipc_nameseq => .{ "TIPC_ADDR_NAMESEQ", "TIPC_ZONE_SCOPE" },
                .tipc_name => .{ "TIPC_ADDR_NAME", "TIPC_NODE_SCOPE" },
                else => .{ "TIPC_ADDR_ID", "" },
            };
            out.nums[0] = @intCast(constant(constants, names[0]) orelse return names[0]);
            // `scope` is a signed char: ID's is -1, which the Linux decoder
            // widens as C's int promotion does (the stdlib's "I" of it).
            out.nums[4] = if (form == .tipc_id) 0xffffffff else @intCast(constant(constants, names[1]) orelse return names[1]);
            // NAMESEQ {type, lower, upper}; NAME {type, instance, instance
            // again}; ID {node, ref, 0}: as the Linux decoder fills them.
            out.nums[1] = 0x80000001;
            out.nums[2] = if (form == .tipc_id) 0xfffffffe else 17;
            out.nums[3] = switch (form) {
                .tipc_nameseq => 0xffffffff,
                .tipc_name => 17,
                else => 0,
            };
        },
        // The Linux decoder keeps an unknown type and leaves v1..v3 zero.
        .tipc_type0, .tipc_type4 => {
            out.nums[0] = if (form == .tipc_type0) 0 else 4;
            out.nums[4] = @intCast(constant(constants, "TIPC_CLUSTER_SCOPE") orelse return "TIPC_CLUSTER_SCOPE");
        },
        .qipcrtr => {
            out.nums[0] = 7;
            out.nums[1] = 0xfffffffe; // QRTR_PORT_CTRL
        },
    }
    return null;
}

/// The first field in which `got` is not `want` ("family", "name",
/// "nums[I]", "data"), the protocol aside; null when it is the same address.
pub fn firstDifference(want: *const abi.Address, got: *const abi.Address) ?[]const u8 {
    if (want.family != got.family) return "family";
    if (!std.mem.eql(u8, want.name[0..@min(want.name_len, want.name.len)], got.name[0..@min(got.name_len, got.name.len)])) return "name";
    const names = [_][]const u8{ "nums[0]", "nums[1]", "nums[2]", "nums[3]", "nums[4]", "nums[5]", "nums[6]", "nums[7]" };
    for (want.nums, got.nums, names) |w, g, n| if (w != g) return n;
    if (!std.mem.eql(u8, want.data[0..@min(want.data_len, want.data.len)], got.data[0..@min(got.data_len, got.data.len)])) return "data";
    return null;
}

fn setName(out: *abi.Address, name: []const u8) void {
    @memcpy(out.name[0..name.len], name);
    out.name_len = @intCast(name.len);
}

test "each form is filled from the constants, and refused without them" {
    const table = [_]abi.Constant{
        .{ .name = "AF_CAN", .value = 29 },
        .{ .name = "AF_TIPC", .value = 30 },
        .{ .name = "TIPC_ADDR_NAME", .value = 2 },
        .{ .name = "TIPC_NODE_SCOPE", .value = 3 },
    };
    var a: abi.Address = .{ .proto = 6 };
    try std.testing.expectEqual(@as(?[]const u8, null), fill(.can_isotp, &table, &a));
    try std.testing.expectEqual(@as(i32, 29), a.family);
    try std.testing.expectEqual(@as(i32, 6), a.proto);
    try std.testing.expectEqualStrings("vcan\xff", a.name[0..a.name_len]);
    try std.testing.expectEqual(@as(?[]const u8, null), fill(.tipc_name, &table, &a));
    try std.testing.expectEqual([5]u64{ 2, 0x80000001, 17, 17, 3 }, a.nums[0..5].*);
    try std.testing.expectEqualStrings("AF_ALG", fill(.alg, &table, &a).?);
    try std.testing.expectEqualStrings("TIPC_ADDR_ID", fill(.tipc_id, &table, &a).?);
}

test "firstDifference names the field, and ignores the protocol" {
    const table = [_]abi.Constant{.{ .name = "AF_CAN", .value = 29 }};
    var want: abi.Address = .{ .proto = 6 };
    _ = fill(.can_isotp, &table, &want);
    var got = want;
    got.proto = 1;
    try std.testing.expectEqual(@as(?[]const u8, null), firstDifference(&want, &got));
    got.nums[1] = 0;
    try std.testing.expectEqualStrings("nums[1]", firstDifference(&want, &got).?);
    got = want;
    got.name[4] = 'x';
    try std.testing.expectEqualStrings("name", firstDifference(&want, &got).?);
}
