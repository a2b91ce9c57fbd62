//! The monotonic clock the binding measures socket timeouts with.
const std = @import("std");

/// Nanoseconds from CLOCK_MONOTONIC (an arbitrary start; only differences
/// mean anything). clock_gettime cannot fail for this clock.
///
/// This is the one place that uses Zig's std.c declarations instead of the
/// translated headers: musl declares struct timespec with anonymous padding
/// bit-fields, which translate-c turns into an opaque type.
pub fn monotonicNs() callconv(.c) i64 {
    var now: std.c.timespec = .{ .sec = 0, .nsec = 0 };
    _ = std.c.clock_gettime(.MONOTONIC, &now);
    return @as(i64, now.sec) * std.time.ns_per_s + now.nsec;
}
