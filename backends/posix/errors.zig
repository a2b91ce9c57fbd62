//! Turning errno, EAI_* and h_errno values into `abi.Error`, and into text.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const copyTerminated = @import("shared").text.copyTerminated;

pub fn errno() c_int {
    return std.c._errno().*;
}

/// Fills `err` as an OS error with the facts the binding acts on.
pub fn setOs(err: *abi.Error, code: c_int) void {
    err.* = .{ .kind = .os, .code = code, .flags = flagsOf(code) };
}

/// Records the current errno in `err` and returns -1, the failure value of
/// every c_int entry of the vtable.
pub fn fail(err: *abi.Error) c_int {
    setOs(err, errno());
    return -1;
}

/// Same as `fail`, for the byte-moving entries that return isize.
pub fn failCount(err: *abi.Error) isize {
    setOs(err, errno());
    return -1;
}

/// An argument the OS never saw was wrong; `message` must be static text.
pub fn failAddress(err: *abi.Error, message: [*:0]const u8) c_int {
    err.* = .{ .kind = .address, .message = message };
    return -1;
}

fn flagsOf(code: c_int) u32 {
    var flags: u32 = 0;
    // EWOULDBLOCK equals EAGAIN on every target we build, but POSIX allows
    // them to differ.
    if (code == sys.EAGAIN or code == sys.EWOULDBLOCK) flags |= abi.error_would_block;
    if (code == sys.EINTR) flags |= abi.error_interrupted;
    if (code == sys.EINPROGRESS) flags |= abi.error_in_progress;
    return flags;
}

/// The vtable's `strerror`: the C library's own text, as the stdlib shows it.
pub fn strerror(kind: abi.ErrorKind, code: i32, buf: [*]u8, len: usize) callconv(.c) void {
    if (len == 0) return;
    const out = buf[0..len];
    // Compared, not switched on: a C caller may pass a kind this backend
    // does not know, and that must not trap.
    if (kind == .os) {
        osMessage(code, out);
    } else if (kind == .gai) {
        copyC(out, sys.gai_strerror(code), code);
    } else if (kind == .herror) {
        copyC(out, sys.hstrerror(code), code);
    } else {
        unknown(out, code);
    }
    out[len - 1] = 0;
}

fn osMessage(code: c_int, out: []u8) void {
    // glibc (with _GNU_SOURCE) declares the GNU strerror_r, which returns a
    // pointer that may or may not be `out`; musl and the BSDs declare the
    // XSI one, which fills `out` and returns 0 or an error number. The
    // translated prototype tells us which one we have.
    const Returned = @typeInfo(@TypeOf(sys.strerror_r)).@"fn".return_type.?;
    if (@typeInfo(Returned) == .int) {
        out[0] = 0;
        if (sys.strerror_r(code, out.ptr, out.len) != 0 and out[0] == 0) unknown(out, code);
    } else {
        const text = sys.strerror_r(code, out.ptr, out.len);
        if (text == null) return unknown(out, code);
        if (@intFromPtr(text) != @intFromPtr(out.ptr)) copyTerminated(out, std.mem.span(text));
    }
}

fn unknown(out: []u8, code: i32) void {
    const text = std.fmt.bufPrint(out, "Unknown error {d}", .{code}) catch out[0 .. out.len - 1];
    out[@min(text.len, out.len - 1)] = 0;
}

/// Copies a C library message into `out` (a null one reads "Unknown error").
fn copyC(out: []u8, text: [*c]const u8, code: i32) void {
    if (text == null) return unknown(out, code);
    copyTerminated(out, std.mem.span(text));
}
