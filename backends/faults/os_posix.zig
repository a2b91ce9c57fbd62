//! The POSIX piece of the fault backend: dlopen, where this library lives,
//! the environment, sleeping, and errno values for the fault names.
const std = @import("std");
const abi = @import("abi");
const Code = @import("plan.zig").Code;

const E = std.c.E;
fn errno(e: E) i32 {
    return @backingInt(e);
}

pub const error_kind: abi.ErrorKind = .os;

pub const codes = [_]Code{
    .{ .name = "eintr", .code = errno(.INTR), .flags = abi.error_interrupted },
    .{ .name = "eagain", .code = errno(.AGAIN), .flags = abi.error_would_block },
    .{ .name = "ewouldblock", .code = errno(.AGAIN), .flags = abi.error_would_block },
    .{ .name = "econnreset", .code = errno(.CONNRESET) },
    .{ .name = "econnaborted", .code = errno(.CONNABORTED) },
    .{ .name = "econnrefused", .code = errno(.CONNREFUSED) },
    .{ .name = "enobufs", .code = errno(.NOBUFS) },
    .{ .name = "enomem", .code = errno(.NOMEM) },
    .{ .name = "etimedout", .code = errno(.TIMEDOUT) },
    .{ .name = "enetunreach", .code = errno(.NETUNREACH) },
    .{ .name = "emfile", .code = errno(.MFILE) },
    .{ .name = "epipe", .code = errno(.PIPE) },
};

const Dl_info = extern struct {
    dli_fname: ?[*:0]const u8,
    dli_fbase: ?*anyopaque,
    dli_sname: ?[*:0]const u8,
    dli_saddr: ?*anyopaque,
};
extern "c" fn dladdr(addr: *const anyopaque, info: *Dl_info) c_int;

/// Opens the library at `path` (or, when null, `file_name` beside the
/// library holding `anchor`) and returns its `symbol`.
pub fn openSymbol(path: ?[*:0]const u8, file_name: []const u8, anchor: *const anyopaque, symbol: [*:0]const u8) ?*anyopaque {
    var buf: [4096]u8 = undefined;
    const chosen: [*:0]const u8 = path orelse blk: {
        var info: Dl_info = undefined;
        if (dladdr(anchor, &info) == 0) return null;
        const own = std.mem.span(info.dli_fname orelse return null);
        const dir = std.fs.path.dirname(own) orelse ".";
        break :blk (std.fmt.bufPrintSentinel(&buf, "{s}/{s}", .{ dir, file_name }, 0) catch return null).ptr;
    };
    const lib = std.c.dlopen(chosen, .{ .NOW = true }) orelse return null;
    return std.c.dlsym(lib, symbol);
}

pub fn getenv(name: [*:0]const u8, buf: []u8) ?[*:0]const u8 {
    _ = buf;
    return std.c.getenv(name);
}

pub fn sleepMs(ms: u32) void {
    var ts: std.c.timespec = .{ .sec = @intCast(ms / 1000), .nsec = @intCast((ms % 1000) * 1_000_000) };
    while (std.c.nanosleep(&ts, &ts) != 0) {}
}
