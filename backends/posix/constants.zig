//! Builds a backend's constant table at comptime from a list of names: a
//! name is kept only if the target's translated header defines it, and its
//! value is the header's.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const names = @import("constant_names.zig");

pub const common_names = names.common;
pub const Fallback = names.Fallback;

/// The table for `wanted` (plus the shared fallbacks), in list order.
pub fn table(comptime wanted: []const [:0]const u8) []const abi.Constant {
    return tableWith(wanted, &.{});
}

/// As `table`, with a backend's own entries (aliases, CPython defaults),
/// which take precedence over the header's name.
pub fn tableWith(comptime wanted: []const [:0]const u8, comptime extra: []const Fallback) []const abi.Constant {
    comptime {
        @setEvalBranchQuota(100_000);
        var entries: [wanted.len]abi.Constant = undefined;
        var count: usize = 0;
        for (wanted) |name| {
            // The backend's own entries come first: they replace header macros
            // that translate-c cannot turn into Zig.
            var found: ?i64 = fallbackFor(extra, name);
            if (found == null) found = valueOf(name);
            if (found == null) found = fallbackFor(&names.fallbacks, name);
            const value = found orelse continue;
            entries[count] = .{ .name = name.ptr, .value = value };
            count += 1;
        }
        const final = entries[0..count].*;
        return &final;
    }
}

/// The header's value of `name` as an i64, or null if it does not define it.
fn valueOf(comptime name: []const u8) ?i64 {
    if (!@hasDecl(sys, name)) return null;
    const value = @field(sys, name);
    return switch (@typeInfo(@TypeOf(value))) {
        .int, .comptime_int => @as(i64, @intCast(value)),
        else => @compileError("header defines " ++ name ++ " as a non-integer"),
    };
}

fn fallbackFor(comptime list: []const Fallback, comptime name: []const u8) ?i64 {
    for (list) |fallback| {
        if (std.mem.eql(u8, fallback.name, name)) return switch (fallback.value) {
            .header => |other| valueOf(other),
            .cpython_default => |value| value,
        };
    }
    return null;
}
