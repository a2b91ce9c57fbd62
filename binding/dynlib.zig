//! Opens the backend library and finds its entry symbol. This file is the
//! binding's one platform switch: it belongs to the loader, which by design is
//! the only place that knows how the running OS loads a shared library.
const std = @import("std");
const builtin = @import("builtin");

/// Returns the address of `symbol` in the library at `path`, keeping the
/// library loaded for the life of the process (backends are never unloaded).
pub fn openSymbol(path: [:0]const u8, symbol: [:0]const u8) ?*const anyopaque {
    if (builtin.os.tag == .windows) return WindowsLibrary.openSymbol(path, symbol);
    var lib = std.DynLib.openZ(path.ptr) catch return null;
    return lib.lookup(*const anyopaque, symbol);
}

const WindowsLibrary = struct {
    const HMODULE = *opaque {};
    extern "kernel32" fn LoadLibraryExW(name: [*:0]const u16, file: ?*anyopaque, flags: u32) callconv(.winapi) ?HMODULE;
    extern "kernel32" fn GetProcAddress(module: HMODULE, name: [*:0]const u8) callconv(.winapi) ?*const anyopaque;
    extern "kernel32" fn MultiByteToWideChar(cp: u32, flags: u32, src: [*]const u8, srclen: c_int, dst: ?[*]u16, dstlen: c_int) callconv(.winapi) c_int;
    const CP_UTF8 = 65001;
    // Resolve the backend's own dependencies from its folder first.
    const LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR = 0x00000100;
    const LOAD_LIBRARY_SEARCH_DEFAULT_DIRS = 0x00001000;

    fn openSymbol(path: [:0]const u8, symbol: [:0]const u8) ?*const anyopaque {
        var wide: [1024:0]u16 = undefined;
        const n = MultiByteToWideChar(CP_UTF8, 0, path.ptr, @intCast(path.len), &wide, wide.len);
        if (n <= 0) return null;
        wide[@intCast(n)] = 0;
        const module = LoadLibraryExW(&wide, null, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS) orelse return null;
        return GetProcAddress(module, symbol.ptr);
    }
};
