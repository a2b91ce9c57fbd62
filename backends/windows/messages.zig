//! `strerror` for the vtable: the system's own message for an error code,
//! produced the way CPython on Windows produces it.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");

pub fn strerror(kind: abi.ErrorKind, code: i32, buf: [*]u8, len: usize) callconv(.c) void {
    if (len == 0) return;
    const out = buf[0..len];
    switch (kind) {
        .winsock => systemMessage(@bitCast(code), out),
        // CPython on Windows is built without gai_strerror and raises
        // gaierror(code, "getaddrinfo failed") whatever the (WSA) code.
        .gai => copyTruncated("getaddrinfo failed", out),
        // Errno 0 is what CPython on Windows calls plain "Error".
        .os => copyTruncated(if (code == 0) "Error" else std.mem.span(sys.strerror(code)), out),
        .herror => copyTruncated("host not found", out),
        .address => copyTruncated("invalid address", out),
        .none => copyTruncated("no error", out),
    }
}

/// FormatMessageW, converted to UTF-8, with trailing blanks, line breaks and
/// dots removed (as PyErr_SetFromWindowsErr does); "Windows Error 0x..." when
/// the system has no text for the code.
fn systemMessage(code: u32, out: []u8) void {
    var wide: [1024]u16 = undefined;
    const flags = sys.FORMAT_MESSAGE_FROM_SYSTEM | sys.FORMAT_MESSAGE_IGNORE_INSERTS;
    const language = sys.MAKELANGID(sys.LANG_NEUTRAL, sys.SUBLANG_DEFAULT);
    var n: usize = sys.FormatMessageW(flags, null, code, language, &wide, wide.len, null);
    while (n > 0 and (wide[n - 1] <= ' ' or wide[n - 1] == '.')) n -= 1;
    if (n == 0) {
        var fallback: [32]u8 = undefined;
        const text = std.fmt.bufPrint(&fallback, "Windows Error 0x{x}", .{code}) catch unreachable;
        return copyTruncated(text, out);
    }
    var utf8: [4 * wide.len]u8 = undefined;
    const m = sys.WideCharToMultiByte(sys.CP_UTF8, 0, &wide, @intCast(n), &utf8, utf8.len, null, null);
    copyTruncated(utf8[0..@intCast(@max(m, 0))], out);
}

/// Copies `text` NUL-terminated into `out`, cutting at a UTF-8 character
/// boundary when it does not fit.
fn copyTruncated(text: []const u8, out: []u8) void {
    var n = @min(text.len, out.len - 1);
    if (n < text.len) {
        while (n > 0 and (text[n] & 0xC0) == 0x80) n -= 1;
    }
    @memcpy(out[0..n], text[0..n]);
    out[n] = 0;
}
