//! Round trips of backends/linux/families.zig (neutral -> native -> neutral)
//! and the native layouts it writes, for the families this test machine's
//! kernel may lack (CAN, AF_ALG, TIPC, QIPCRTR), whose sockets the Python
//! tests then cannot create. Run by tests/test_linux_families_codec.py.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const families = @import("families.zig");

fn roundTrip(in: abi.Address) !struct { native: [abi.max_native_addr]u8, len: u32, out: abi.Address } {
    var native: [abi.max_native_addr]u8 = @splat(0);
    var len: u32 = 0;
    var err: abi.Error = .{};
    const rc = families.encode(&in, &native, &len, &err) orelse return error.NotHandled;
    if (rc != 0) return error.EncodeFailed;
    var out: abi.Address = .{ .proto = in.proto };
    if (!families.decode(&native, &out)) return error.NotDecoded;
    return .{ .native = native, .len = len, .out = out };
}

fn withName(a: abi.Address, name: []const u8) abi.Address {
    var copy = a;
    @memcpy(copy.name[0..name.len], name);
    copy.name_len = @intCast(name.len);
    return copy;
}

test "CAN_ISOTP and CAN_J1939 keep their fields; the loopback index is found" {
    const iso = try roundTrip(withName(.{ .family = sys.AF_CAN, .proto = sys.CAN_ISOTP, .nums = .{ 0x123, 0x80000456, 0, 0, 0, 0, 0, 0 } }, "lo"));
    try std.testing.expectEqual(@as(u32, @sizeOf(sys.struct_sockaddr_can)), iso.len);
    try std.testing.expectEqualStrings("lo", iso.out.name[0..iso.out.name_len]);
    try std.testing.expectEqual(@as(u64, 0x123), iso.out.nums[0]);
    try std.testing.expectEqual(@as(u64, 0x80000456), iso.out.nums[1]);
    const sa: *align(1) const sys.struct_sockaddr_can = @ptrCast(&iso.native);
    try std.testing.expectEqual(@as(c_int, @intCast(sys.if_nametoindex("lo"))), sa.can_ifindex);

    const j = try roundTrip(withName(.{ .family = sys.AF_CAN, .proto = sys.CAN_J1939, .nums = .{ 0xfedcba9876543210, 0x3ffff, 0x1fe, 0, 0, 0, 0, 0 } }, ""));
    try std.testing.expectEqual(@as(u32, 0), j.out.name_len);
    try std.testing.expectEqual(@as(u64, 0xfedcba9876543210), j.out.nums[0]);
    try std.testing.expectEqual(@as(u64, 0x3ffff), j.out.nums[1]);
    try std.testing.expectEqual(@as(u64, 0xfe), j.out.nums[2]); // a u8 field

    // CAN_RAW: only the interface.
    const raw = try roundTrip(.{ .family = sys.AF_CAN, .proto = sys.CAN_RAW });
    try std.testing.expectEqual(@as(u64, 0), raw.out.nums[0]);
}

test "unknown CAN interface is ENODEV" {
    var native: [abi.max_native_addr]u8 = undefined;
    var len: u32 = 0;
    var err: abi.Error = .{};
    const in = withName(.{ .family = sys.AF_CAN, .proto = sys.CAN_RAW }, "pysocknone0");
    try std.testing.expectEqual(@as(?c_int, -1), families.encode(&in, &native, &len, &err));
    try std.testing.expectEqual(@as(i32, sys.ENODEV), err.code);
}

test "AF_ALG type, name, feat and mask" {
    var in: abi.Address = withName(.{ .family = sys.AF_ALG, .nums = .{ 5, 7, 0, 0, 0, 0, 0, 0 } }, "skcipher");
    const alg = "cbc(aes)";
    @memcpy(in.data[0..alg.len], alg);
    in.data_len = alg.len;
    const r = try roundTrip(in);
    try std.testing.expectEqual(@as(u32, @sizeOf(sys.struct_sockaddr_alg)), r.len);
    try std.testing.expectEqualStrings("skcipher", r.out.name[0..r.out.name_len]);
    try std.testing.expectEqualStrings(alg, r.out.data[0..r.out.data_len]);
    try std.testing.expectEqual(@as(u64, 5), r.out.nums[0]);
    try std.testing.expectEqual(@as(u64, 7), r.out.nums[1]);
}

test "TIPC address types as the stdlib reports them" {
    const seq = try roundTrip(.{ .family = sys.AF_TIPC, .nums = .{ sys.TIPC_ADDR_NAMESEQ, 100, 1, 9, sys.TIPC_NODE_SCOPE, 0, 0, 0 } });
    try std.testing.expectEqualSlices(u64, &.{ sys.TIPC_ADDR_NAMESEQ, 100, 1, 9, sys.TIPC_NODE_SCOPE }, seq.out.nums[0..5]);
    const name = try roundTrip(.{ .family = sys.AF_TIPC, .nums = .{ sys.TIPC_ADDR_NAME, 100, 4, 0, sys.TIPC_CLUSTER_SCOPE, 0, 0, 0 } });
    try std.testing.expectEqualSlices(u64, &.{ sys.TIPC_ADDR_NAME, 100, 4, 4, sys.TIPC_CLUSTER_SCOPE }, name.out.nums[0..5]);
    const id = try roundTrip(.{ .family = sys.AF_TIPC, .nums = .{ sys.TIPC_ADDR_ID, 0x1001, 77, 0, 0xffffffff, 0, 0, 0 } });
    // scope is a signed char: 0xff comes back as -1 widened to 32 bits.
    try std.testing.expectEqualSlices(u64, &.{ sys.TIPC_ADDR_ID, 0x1001, 77, 0, 0xffffffff }, id.out.nums[0..5]);
}

test "VSOCK and QIPCRTR pairs, NETLINK pid and groups" {
    inline for (.{ sys.AF_VSOCK, sys.AF_QIPCRTR, sys.AF_NETLINK }) |family| {
        const r = try roundTrip(.{ .family = family, .nums = .{ 0xfffffffe, 0x12345678, 0, 0, 0, 0, 0, 0 } });
        try std.testing.expectEqual(@as(u64, 0xfffffffe), r.out.nums[0]);
        try std.testing.expectEqual(@as(u64, 0x12345678), r.out.nums[1]);
    }
}

test "AF_PACKET: protocol in network order, hardware address" {
    var in = withName(.{ .family = sys.AF_PACKET, .nums = .{ 0x88b5, 4, 772, 0, 0, 0, 0, 0 } }, "lo");
    @memcpy(in.data[0..6], "\x01\x02\x03\x04\x05\x06");
    in.data_len = 6;
    const r = try roundTrip(in);
    const sa: *align(1) const sys.struct_sockaddr_ll = @ptrCast(&r.native);
    try std.testing.expectEqual(@as(u16, 0xb588), sa.sll_protocol); // big-endian 0x88b5 read on little-endian
    try std.testing.expectEqualStrings("lo", r.out.name[0..r.out.name_len]);
    try std.testing.expectEqualSlices(u64, &.{ 0x88b5, 4, 772 }, r.out.nums[0..3]);
    try std.testing.expectEqualSlices(u8, "\x01\x02\x03\x04\x05\x06", r.out.data[0..r.out.data_len]);
}

test "other families are not handled here" {
    var native: [abi.max_native_addr]u8 = undefined;
    var len: u32 = 0;
    var err: abi.Error = .{};
    const in: abi.Address = .{ .family = sys.AF_INET };
    try std.testing.expectEqual(@as(?c_int, null), families.encode(&in, &native, &len, &err));
}
