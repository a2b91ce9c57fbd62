//! The Windows piece of the fault backend: LoadLibraryExW, where this DLL
//! lives, the process environment, Sleep, and Winsock codes for the fault
//! names (fixed by the Winsock ABI).
const std = @import("std");
const abi = @import("abi");
const Code = @import("plan.zig").Code;

pub const error_kind: abi.ErrorKind = .winsock;

pub const codes = [_]Code{
    .{ .name = "eintr", .code = 10004, .flags = abi.error_interrupted }, // WSAEINTR
    .{ .name = "eagain", .code = 10035, .flags = abi.error_would_block }, // WSAEWOULDBLOCK
    .{ .name = "ewouldblock", .code = 10035, .flags = abi.error_would_block },
    .{ .name = "econnreset", .code = 10054 }, // WSAECONNRESET
    .{ .name = "econnaborted", .code = 10053 }, // WSAECONNABORTED
    .{ .name = "econnrefused", .code = 10061 }, // WSAECONNREFUSED
    .{ .name = "enobufs", .code = 10055 }, // WSAENOBUFS
    .{ .name = "enomem", .code = 8 }, // WSA_NOT_ENOUGH_MEMORY
    .{ .name = "etimedout", .code = 10060 }, // WSAETIMEDOUT
    .{ .name = "enetunreach", .code = 10051 }, // WSAENETUNREACH
    .{ .name = "emfile", .code = 10024 }, // WSAEMFILE
};

const HMODULE = *opaque {};
extern "kernel32" fn LoadLibraryExW(name: [*:0]const u16, file: ?*anyopaque, flags: u32) callconv(.winapi) ?HMODULE;
extern "kernel32" fn GetProcAddress(module: HMODULE, name: [*:0]const u8) callconv(.winapi) ?*anyopaque;
extern "kernel32" fn GetModuleHandleExW(flags: u32, name: *const anyopaque, module: *?HMODULE) callconv(.winapi) c_int;
extern "kernel32" fn GetModuleFileNameW(module: HMODULE, buf: [*]u16, len: u32) callconv(.winapi) u32;
extern "kernel32" fn GetEnvironmentVariableW(name: [*:0]const u16, buf: [*]u16, len: u32) callconv(.winapi) u32;
extern "kernel32" fn GetEnvironmentVariableA(name: [*:0]const u8, buf: [*]u8, len: u32) callconv(.winapi) u32;
extern "kernel32" fn Sleep(ms: u32) callconv(.winapi) void;
const FROM_ADDRESS = 0x4;
const UNCHANGED_REFCOUNT = 0x2;
// Resolve the backend's own dependencies from its folder first.
const LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR = 0x00000100;
const LOAD_LIBRARY_SEARCH_DEFAULT_DIRS = 0x00001000;

/// Opens the library named by PYSOCK_FAULTS_REAL (read here as UTF-16, so
/// `path` only says whether it is set) or `file_name` beside this DLL.
pub fn openSymbol(path: ?[*:0]const u8, file_name: []const u8, anchor: *const anyopaque, symbol: [*:0]const u8) ?*anyopaque {
    var wide: [1024:0]u16 = undefined;
    var n: usize = 0;
    if (path != null) {
        n = GetEnvironmentVariableW(std.unicode.utf8ToUtf16LeStringLiteral("PYSOCK_FAULTS_REAL"), &wide, wide.len);
        if (n == 0 or n >= wide.len) return null;
    } else {
        var own: ?HMODULE = null;
        if (GetModuleHandleExW(FROM_ADDRESS | UNCHANGED_REFCOUNT, anchor, &own) == 0) return null;
        n = GetModuleFileNameW(own.?, &wide, wide.len);
        if (n == 0 or n >= wide.len) return null;
        while (n > 0 and wide[n - 1] != '\\' and wide[n - 1] != '/') n -= 1;
        if (n + file_name.len >= wide.len) return null;
        for (file_name) |c| {
            wide[n] = c;
            n += 1;
        }
    }
    wide[n] = 0;
    const module = LoadLibraryExW(&wide, null, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS) orelse return null;
    return GetProcAddress(module, symbol);
}

/// The process environment (not a C runtime's copy of it).
pub fn getenv(name: [*:0]const u8, buf: []u8) ?[*:0]const u8 {
    const n = GetEnvironmentVariableA(name, buf.ptr, @intCast(buf.len));
    if (n == 0 or n >= buf.len) return null;
    buf[n] = 0;
    return @ptrCast(buf.ptr);
}

pub fn sleepMs(ms: u32) void {
    Sleep(ms);
}
