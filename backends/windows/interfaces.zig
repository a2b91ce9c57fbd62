//! Network interface names and indexes through the IP Helper API, as
//! CPython on Windows does: names are the "ethernet_32768" form
//! (ConvertInterfaceLuidToNameW), not the friendly names.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const interface_list = @import("shared").interface_list;
const copyTerminated = @import("shared").text.copyTerminated;

const E = *abi.Error;

/// NDIS_IF_MAX_STRING_SIZE characters and the terminator.
const name_capacity = sys.NDIS_IF_MAX_STRING_SIZE + 1;

/// Every interface of the raw table, with UTF-8 names, in memory that
/// `ifFree` releases. Failures carry the function's own return code as the
/// Windows error (CPython does the same).
pub fn ifNameindex(list: *?[*]abi.Interface, count: *usize, err: E) callconv(.c) c_int {
    // MIB_IF_TABLE2 is opaque to translate-c: read it through the offsets
    // sys.h publishes.
    var table: ?*anyopaque = null;
    const rc = sys.GetIfTable2Ex(sys.MibIfTableRaw, @ptrCast(&table));
    if (rc != sys.NO_ERROR) return errors.winsock(err, @bitCast(rc));
    defer sys.FreeMibTable(table);
    const base: [*]const u8 = @ptrCast(table.?);
    const n: usize = std.mem.readInt(u32, (base + sys.PYSOCK_IF_TABLE2_COUNT)[0..4], .little);
    const rows = base + sys.PYSOCK_IF_TABLE2_ROWS;
    // Room for the longest name each: a UTF-16 unit takes at most 3 UTF-8 bytes.
    var utf8: [3 * name_capacity]u8 = undefined;
    var out = interface_list.Builder.init(n, n * utf8.len) catch
        return errors.winsock(err, sys.ERROR_NOT_ENOUGH_MEMORY);
    for (0..n) |i| {
        const row = rows + i * sys.PYSOCK_IF_ROW2_SIZE;
        var wide: [name_capacity]u16 = undefined;
        const luid: *const sys.NET_LUID = @ptrCast(row + sys.PYSOCK_IF_ROW2_LUID);
        const crc = sys.ConvertInterfaceLuidToNameW(luid, &wide, wide.len);
        if (crc != sys.NO_ERROR) {
            out.abandon();
            return errors.winsock(err, @bitCast(crc));
        }
        const used = sys.WideCharToMultiByte(sys.CP_UTF8, 0, &wide, -1, &utf8, utf8.len, null, null);
        // `used` counts the terminator; a failed conversion leaves the name empty.
        const name = if (used > 0) utf8[0..@intCast(used - 1)] else "";
        const index = std.mem.readInt(u32, (row + sys.PYSOCK_IF_ROW2_INDEX)[0..4], .little);
        out.add(index, name);
    }
    out.finish(list, count);
    return 0;
}

pub const ifFree = interface_list.free;

pub fn ifNametoindex(name: [*:0]const u8, out: *u32, err: E) callconv(.c) c_int {
    const index = sys.if_nametoindex(name);
    if (index == 0) return errors.address(err, "no interface with this name");
    out.* = index;
    return 0;
}

/// if_indextoname sets neither errno nor the last error: CPython then
/// raises OSError from an errno of 0 ("Error"), and so does this.
pub fn ifIndextoname(index: u32, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    var name: [name_capacity]u8 = @splat(0);
    if (len == 0) return errors.winsock(err, sys.WSAEFAULT);
    if (sys.if_indextoname(index, &name) == null) {
        err.* = .{ .kind = .os, .code = 0 };
        return -1;
    }
    copyTerminated(buf[0..len], std.mem.sliceTo(&name, 0));
    return 0;
}
