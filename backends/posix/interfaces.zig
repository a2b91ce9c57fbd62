//! Network interface names and indexes (if_nameindex(3) and friends).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const interface_list = @import("shared").interface_list;
const copyTerminated = @import("shared").text.copyTerminated;

const E = *abi.Error;

/// Copies the C library's list into memory the caller gives back with
/// `ifFree`.
pub fn ifNameindex(list: *?[*]abi.Interface, count: *usize, err: E) callconv(.c) c_int {
    const native = sys.if_nameindex();
    if (native == null) return errors.fail(err);
    defer sys.if_freenameindex(native);
    var n: usize = 0;
    var text: usize = 0;
    while (native[n].if_index != 0) : (n += 1) text += std.mem.len(native[n].if_name) + 1;
    var out = interface_list.Builder.init(n, text) catch {
        errors.setOs(err, sys.ENOMEM);
        return -1;
    };
    for (0..n) |i| out.add(native[i].if_index, std.mem.span(native[i].if_name));
    out.finish(list, count);
    return 0;
}

pub const ifFree = interface_list.free;

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
    copyTerminated(buf[0..len], std.mem.sliceTo(&name, 0));
    return 0;
}
