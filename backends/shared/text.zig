//! C strings handed back through caller-sized buffers (names, messages).
const std = @import("std");

/// Copies `text` into `out` as a C string, cut to fit: always NUL-terminated,
/// as the C functions the vtable mirrors leave it. An empty `out` takes
/// nothing (there is no room even for the terminator).
pub fn copyTerminated(out: []u8, text: []const u8) void {
    if (out.len == 0) return;
    const n = @min(text.len, out.len - 1);
    @memcpy(out[0..n], text[0..n]);
    out[n] = 0;
}
