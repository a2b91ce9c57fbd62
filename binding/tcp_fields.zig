//! Decoding one field of the OS's TCP information bytes by the backend's
//! descriptor (`abi.TcpInfoField`). Kept apart from the Python objects so
//! that `zig test` runs it: every read stays within the bytes the OS filled
//! in, whatever the descriptor says.
const std = @import("std");
const builtin = @import("builtin");
const abi = @import("abi");

pub const Value = union(enum) { unsigned: u64, signed: i64 };

/// The field's value, or null when it does not lie wholly within `filled`
/// (an older kernel's shorter struct) or its descriptor makes no sense.
pub fn decode(f: abi.TcpInfoField, filled: []const u8) ?Value {
    const size: usize = f.size;
    if (size != 1 and size != 2 and size != 4 and size != 8) return null;
    if (f.width == 0 or @as(usize, f.shift) + f.width > 8 * size) return null;
    if (f.offset > filled.len or size > filled.len - f.offset) return null;
    const raw = std.mem.readVarInt(u64, filled[f.offset..][0..size], builtin.cpu.arch.endian());
    const bits = raw >> @intCast(f.shift);
    const value = if (f.width == 64) bits else bits & ((@as(u64, 1) << @intCast(f.width)) - 1);
    if (f.is_signed == 0) return .{ .unsigned = value };
    // Sign-extend from the field's top bit.
    const unused: u6 = @intCast(64 - @as(u32, f.width));
    return .{ .signed = @as(i64, @bitCast(value << unused)) >> unused };
}

fn field(offset: u32, size: u8, shift: u8, width: u8, signed: bool) abi.TcpInfoField {
    return .{ .name = "t", .offset = offset, .size = size, .shift = shift, .width = width, .is_signed = @intFromBool(signed) };
}

test "whole members, bitfields, signedness" {
    const native = builtin.cpu.arch.endian();
    var bytes: [16]u8 = @splat(0);
    bytes[0] = 1;
    bytes[6] = 0xa7; // two 4-bit fields: 7 below, 10 above
    std.mem.writeInt(u32, bytes[8..12], 0xfffffffe, native);
    try std.testing.expectEqual(Value{ .unsigned = 1 }, decode(field(0, 1, 0, 8, false), &bytes).?);
    try std.testing.expectEqual(Value{ .unsigned = 7 }, decode(field(6, 1, 0, 4, false), &bytes).?);
    try std.testing.expectEqual(Value{ .unsigned = 10 }, decode(field(6, 1, 4, 4, false), &bytes).?);
    try std.testing.expectEqual(Value{ .unsigned = 0xfffffffe }, decode(field(8, 4, 0, 32, false), &bytes).?);
    try std.testing.expectEqual(Value{ .signed = -2 }, decode(field(8, 4, 0, 32, true), &bytes).?);
    try std.testing.expectEqual(Value{ .signed = -6 }, decode(field(6, 1, 4, 4, true), &bytes).?);
}

test "nothing past the bytes the OS filled, no nonsense descriptor" {
    const bytes: [12]u8 = @splat(0xff);
    try std.testing.expect(decode(field(8, 4, 0, 32, false), bytes[0..11]) == null);
    try std.testing.expect(decode(field(8, 4, 0, 32, false), bytes[0..12]) != null);
    try std.testing.expect(decode(field(std.math.maxInt(u32), 8, 0, 64, false), &bytes) == null);
    try std.testing.expect(decode(field(0, 3, 0, 8, false), &bytes) == null);
    try std.testing.expect(decode(field(0, 1, 4, 5, false), &bytes) == null);
    try std.testing.expect(decode(field(0, 1, 0, 0, false), &bytes) == null);
    try std.testing.expectEqual(Value{ .unsigned = std.math.maxInt(u64) }, decode(field(4, 8, 0, 64, false), &bytes).?);
}
