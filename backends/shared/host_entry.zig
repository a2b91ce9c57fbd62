//! The one heap block behind an `abi.HostEntry`, built from what a backend
//! read out of its native hostent. Each backend keeps its own lookup and
//! error reporting; the layout, and the `host_free` that undoes it, live here
//! once so that both sides always agree on it.
const std = @import("std");
const abi = @import("abi");

/// A C null-terminated list of pointers (hostent's h_aliases, h_addr_list);
/// a null list counts as empty.
pub const CList = [*c]const [*c]const u8;

/// What goes into the entry. `aliases` are copied as C strings; each of
/// `addrs` has `addr_len` bytes.
pub const Source = struct {
    name: []const u8,
    aliases: CList,
    family: c_int,
    addr_len: usize,
    addrs: CList,
};

const Ptr = ?[*]u8;

/// Copies `src` into one malloc'ed block [alias pointers | address pointers |
/// address bytes | strings] that `out` owns until `free`. Pointers come first
/// so that the block's own alignment serves them.
pub fn build(src: Source, out: *abi.HostEntry) error{OutOfMemory}!void {
    const alias_count = countList(src.aliases);
    const addr_count = countList(src.addrs);
    var text: usize = src.name.len + 1;
    for (0..alias_count) |i| text += std.mem.len(src.aliases[i]) + 1;
    const ptrs = alias_count + 1 + addr_count + 1;
    const total = ptrs * @sizeOf(Ptr) + addr_count * src.addr_len + text;
    const block: [*]align(@alignOf(Ptr)) u8 = @ptrCast(@alignCast(std.c.malloc(total) orelse return error.OutOfMemory));
    const aliases: [*]Ptr = @ptrCast(block);
    const addrs = aliases + alias_count + 1;
    var cursor: [*]u8 = block + ptrs * @sizeOf(Ptr);
    for (0..addr_count) |i| {
        addrs[i] = cursor;
        @memcpy(cursor[0..src.addr_len], src.addrs[i][0..src.addr_len]);
        cursor += src.addr_len;
    }
    addrs[addr_count] = null;
    const name = cursor;
    cursor = copyZ(cursor, src.name);
    for (0..alias_count) |i| {
        aliases[i] = cursor;
        cursor = copyZ(cursor, std.mem.span(src.aliases[i]));
    }
    aliases[alias_count] = null;
    out.* = .{
        .name = @ptrCast(name),
        .aliases = @ptrCast(aliases),
        .family = src.family,
        .addr_len = @intCast(src.addr_len),
        .addrs = @ptrCast(addrs),
        .owner = block,
    };
}

/// The vtable's `host_free`: the whole entry is the one block.
pub fn free(entry: *abi.HostEntry) callconv(.c) void {
    std.c.free(entry.owner);
    entry.* = .{};
}

fn countList(list: CList) usize {
    if (list == null) return 0;
    var n: usize = 0;
    while (list[n] != null) n += 1;
    return n;
}

fn copyZ(dst: [*]u8, s: []const u8) [*]u8 {
    @memcpy(dst[0..s.len], s);
    dst[s.len] = 0;
    return dst + s.len + 1;
}
