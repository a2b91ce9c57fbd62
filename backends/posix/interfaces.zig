//! Network interface names and indexes (if_nameindex(3) and friends).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

/// Copies the C library's list into one heap block [entries | names] that the
/// caller gives back with `ifFree`.
pub fn ifNameindex(list: *?[*]abi.Interface, count: *usize, err: E) callconv(.c) c_int {
    const native = sys.if_nameindex();
    if (native == null) return errors.fail(err);
    defer sys.if_freenameindex(native);
    var n: usize = 0;
    var text: usize = 0;
    while (native[n].if_index != 0) : (n += 1) text += std.mem.len(native[n].if_name) + 1;
    const block: [*]align(@alignOf(abi.Interface)) u8 = @ptrCast(@alignCast(std.c.malloc(n * @sizeOf(abi.Interface) + text + 1) orelse {
        errors.setOs(err, sys.ENOMEM);
        return -1;
    }));
    const entries: [*]abi.Interface = @ptrCast(block);
    var cursor: [*]u8 = block + n * @sizeOf(abi.Interface);
    for (0..n) |i| {
        const name = std.mem.span(native[i].if_name);
        @memcpy(cursor[0..name.len], name);
        cursor[name.len] = 0;
        entries[i] = .{ .index = native[i].if_index, .name = @ptrCast(cursor) };
        cursor += name.len + 1;
    }
    list.* = entries;
    count.* = n;
    return 0;
}

pub fn ifFree(list: [*]abi.Interface, count: usize) callconv(.c) void {
    _ = count;
    std.c.free(list);
}

/// An unknown name fails with the stdlib's message: if_nametoindex() sets no errno.
pub fn ifNametoindex(name: [*:0]const u8, out: *u32, err: E) callconv(.c) c_int {
    const index = sys.if_nametoindex(name);
    if (index == 0) return errors.failAddress(err, "no interface with this name");
    out.* = index;
    return 0;
}

pub fn ifIndextoname(index: u32, buf: [*]u8, len: usize, err: E) callconv(.c) c_int {
    var name: [sys.IF_NAMESIZE + 1]u8 = @splat(0);
    if (len == 0) {
        errors.setOs(err, sys.EINVAL);
        return -1;
    }
    if (sys.if_indextoname(index, &name) == null) return errors.fail(err);
    const s = std.mem.sliceTo(&name, 0);
    const n = @min(s.len, len - 1);
    @memcpy(buf[0..n], s[0..n]);
    buf[n] = 0;
    return 0;
}
