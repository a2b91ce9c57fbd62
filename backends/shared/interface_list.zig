//! The one heap block behind an `abi.Interface` list (if_nameindex): the
//! entries, then their NUL-terminated names. Each backend reads its own
//! native table; the layout, and the `if_free` that undoes it, live here once.
const std = @import("std");
const abi = @import("abi");

/// Fills a block sized up front: `add` each interface, then `finish` hands
/// the list to the caller or `abandon` frees it.
pub const Builder = struct {
    entries: [*]abi.Interface,
    cursor: [*]u8,
    count: usize = 0,

    /// Room for `n` entries and `text` bytes of names, terminators included.
    pub fn init(n: usize, text: usize) error{OutOfMemory}!Builder {
        // One spare byte: malloc(0) may return null, which is no failure.
        const block: [*]align(@alignOf(abi.Interface)) u8 = @ptrCast(@alignCast(std.c.malloc(n * @sizeOf(abi.Interface) + text + 1) orelse
            return error.OutOfMemory));
        return .{ .entries = @ptrCast(block), .cursor = block + n * @sizeOf(abi.Interface) };
    }

    /// The caller sized the block for this name (`init`'s `text`).
    pub fn add(self: *Builder, index: u32, name: []const u8) void {
        @memcpy(self.cursor[0..name.len], name);
        self.cursor[name.len] = 0;
        self.entries[self.count] = .{ .index = index, .name = @ptrCast(self.cursor) };
        self.cursor += name.len + 1;
        self.count += 1;
    }

    pub fn finish(self: Builder, list: *?[*]abi.Interface, count: *usize) void {
        list.* = self.entries;
        count.* = self.count;
    }

    pub fn abandon(self: Builder) void {
        std.c.free(self.entries);
    }
};

/// The vtable's `if_free`: the whole list is the one block.
pub fn free(list: [*]abi.Interface, count: usize) callconv(.c) void {
    _ = count;
    std.c.free(list);
}
