//! The monotonic clock the binding measures timeouts with: the performance
//! counter, as CPython's time.monotonic() uses on Windows.
const sys = @import("sys");

pub fn monotonicNs() callconv(.c) i64 {
    var ticks: sys.LARGE_INTEGER = undefined;
    var frequency: sys.LARGE_INTEGER = undefined;
    // Both calls cannot fail on Windows XP and later.
    _ = sys.QueryPerformanceCounter(&ticks);
    _ = sys.QueryPerformanceFrequency(&frequency);
    const t: i128 = ticks.QuadPart;
    const f: i128 = frequency.QuadPart;
    return @intCast(@divTrunc(t * 1_000_000_000, f));
}
