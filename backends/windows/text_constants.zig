//! The text-valued constants of CPython's `socket` on Windows, and the
//! Winsock error codes of its `errorTab`.
const std = @import("std");
const abi = @import("abi");

/// A GUID as mingw-w64's hvsocket.h defines it (DEFINE_GUID's fields).
const Guid = struct { a: u32, b: u16, c: u16, d: [8]u8 };

/// "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", upper case, as CPython shows it.
fn guidText(comptime g: Guid) [:0]const u8 {
    return std.fmt.comptimePrint("{X:0>8}-{X:0>4}-{X:0>4}-{X:0>2}{X:0>2}-{X:0>2}{X:0>2}{X:0>2}{X:0>2}{X:0>2}{X:0>2}", .{
        g.a, g.b, g.c, g.d[0], g.d[1], g.d[2], g.d[3], g.d[4], g.d[5], g.d[6], g.d[7],
    });
}

// Values of hvsocket.h (HV_GUID_WILDCARD is defined there as HV_GUID_ZERO).
const hv_zero = Guid{ .a = 0, .b = 0, .c = 0, .d = .{ 0, 0, 0, 0, 0, 0, 0, 0 } };
const hv_broadcast = Guid{ .a = 0xFFFFFFFF, .b = 0xFFFF, .c = 0xFFFF, .d = .{ 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } };
const hv_children = Guid{ .a = 0x90db8b89, .b = 0x0d35, .c = 0x4f79, .d = .{ 0x8c, 0xe9, 0x49, 0xea, 0x0a, 0xc8, 0xb7, 0xcd } };
const hv_loopback = Guid{ .a = 0xe0e16197, .b = 0xdd56, .c = 0x4a10, .d = .{ 0x91, 0x95, 0x5e, 0xe7, 0xa1, 0x55, 0xa8, 0x38 } };
const hv_parent = Guid{ .a = 0xa42e7cda, .b = 0xd03f, .c = 0x480c, .d = .{ 0x9c, 0xc2, 0xa4, 0xde, 0x20, 0xab, 0xb8, 0x78 } };

pub const table = [_]abi.StringConstant{
    // The Bluetooth "any" and "local" device addresses (ws2bth.h's
    // BTH_ADDR_NULL and the local-adapter address), as text.
    .{ .name = "BDADDR_ANY", .value = "00:00:00:00:00:00" },
    .{ .name = "BDADDR_LOCAL", .value = "00:00:00:FF:FF:FF" },
    .{ .name = "HV_GUID_ZERO", .value = guidText(hv_zero) },
    .{ .name = "HV_GUID_WILDCARD", .value = guidText(hv_zero) },
    .{ .name = "HV_GUID_BROADCAST", .value = guidText(hv_broadcast) },
    .{ .name = "HV_GUID_CHILDREN", .value = guidText(hv_children) },
    .{ .name = "HV_GUID_LOOPBACK", .value = guidText(hv_loopback) },
    .{ .name = "HV_GUID_PARENT", .value = guidText(hv_parent) },
};

/// The codes of CPython's errorTab on Windows: the Win32 errors that
/// Winsock's overlapped calls report (6, 8, 87, 995-997), the WSAE* codes
/// from WSAEINTR on, and the name-service codes WSAHOST_NOT_FOUND and after.
pub const socket_error_codes = [_]i32{ 6, 8, 87, 995, 996, 997, 10004, 10009, 10013, 10014, 10022, 10024 } ++
    range(10035, 10071) ++ [_]i32{ 10091, 10092, 10093 } ++ range(10101, 10112) ++ range(11001, 11031);

fn range(comptime first: i32, comptime last: i32) [last - first + 1]i32 {
    var out: [last - first + 1]i32 = undefined;
    for (&out, first..) |*o, v| o.* = @intCast(v);
    return out;
}

test "GUID text is CPython's upper-case form" {
    try std.testing.expectEqualStrings("90DB8B89-0D35-4F79-8CE9-49EA0AC8B7CD", guidText(hv_children));
    try std.testing.expectEqual(@as(usize, 95), socket_error_codes.len);
}
