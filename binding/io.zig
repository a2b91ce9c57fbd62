//! Runs one blocking-capable backend call under the socket's timeout mode:
//! the GIL is released around the call and any wait, a would-block result
//! under a timeout waits for readiness until the deadline, and EINTR runs the
//! signal handlers and retries with the time that is left (PEP 475).
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");

pub const Direction = enum(c_int) { read = 0, write = 1 };

/// The largest send or stream read tried first with the GIL held. Past it
/// the kernel's copy of the data costs more than releasing the GIL, and
/// holding the GIL through that copy stalls every other thread, the one at
/// the other end of the connection included: larger calls release it at
/// once, as the stdlib always does.
pub const gil_held_max: usize = 16 * 1024;

/// The time budget of one Python-level call; `none` until first needed, so
/// that calls that never wait never read the clock. It starts at the first
/// wait, as the stdlib's does: a call whose timeout covers several steps
/// (sendall) shares one Deadline among them, and its first wait gets the
/// whole timeout, however short (the stdlib sends a first chunk even under
/// a timeout of a nanosecond: its first poll waits the rounded-up
/// millisecond).
pub const Deadline = struct {
    at: ?i64 = null,

    /// Milliseconds left, rounded up; 0 or less means the time is up.
    fn remainingMs(self: *Deadline, timeout_ns: i64) i64 {
        const now = state.vt.monotonic_ns();
        if (self.at == null) self.at = now + timeout_ns;
        const left = self.at.? - now;
        if (left <= 0) return 0;
        return @divFloor(left + 999_999, 1_000_000);
    }
};

/// `op(ctx, handle, err)` performs the backend call once and returns its
/// result (>= 0) or -1 with `err` set. Returns null with a Python exception set.
///
/// Calls that cannot block keep the GIL: its release and re-acquisition cost
/// more than a short system call. That is every call on a non-blocking
/// socket, and, on a blocking socket, a first attempt with MSG_DONTWAIT when
/// the context offers one (`ctx.withoutWaiting()`); only if that would block
/// is the GIL released for the real, blocking call. A context that declares
/// `releases_gil` (a batch of many messages, whose one call is long even
/// when it cannot block) always runs without the GIL.
pub fn run(
    handle: *const abi.Handle,
    timeout_ns: i64,
    dir: Direction,
    deadline: *Deadline,
    ctx: anytype,
    comptime op: fn (@TypeOf(ctx), abi.Handle, *abi.Error) isize,
) ?isize {
    if (timeout_ns == 0) {
        if (@hasDecl(@TypeOf(ctx), "releases_gil")) return runReleasingGil(handle, 0, dir, deadline, ctx, op);
        return runNonBlocking(handle, ctx, op);
    }
    if (timeout_ns < 0 and @hasDecl(@TypeOf(ctx), "withoutWaiting")) {
        if (ctx.withoutWaiting()) |now| {
            var err: abi.Error = .{};
            const r = op(now, handle.*, &err);
            if (r >= 0) {
                // A context may know that a quick result can fall short of
                // the blocking call's, and complete it (a stream's low-water mark).
                if (@hasDecl(@TypeOf(ctx), "finishQuick")) return ctx.finishQuick(handle, r);
                return finishWrite(handle, dir, deadline, ctx, op, r);
            }
            if (err.flags & (abi.error_would_block | abi.error_interrupted) == 0) {
                _ = errors.raise(&err);
                return null;
            }
        }
    }
    return runReleasingGil(handle, timeout_ns, dir, deadline, ctx, op);
}

/// A write that sent only part of its buffer without waiting goes on with a
/// blocking call for the rest, as one blocking send would have: the caller
/// sees the total. An OSError on the rest reports the part already sent
/// (what the kernel does when a blocking send fails midway).
fn finishWrite(handle: *const abi.Handle, dir: Direction, deadline: *Deadline, ctx: anytype, comptime op: anytype, sent: isize) ?isize {
    if (dir != .write or !@hasDecl(@TypeOf(ctx), "rest")) return sent;
    const rest = ctx.rest(@intCast(sent)) orelse return sent;
    const more = runReleasingGil(handle, -1, dir, deadline, rest, op) orelse {
        if (py.PyErr_ExceptionMatches(py.PyExc_OSError) == 0) return null;
        py.PyErr_Clear();
        return sent;
    };
    return sent + more;
}

/// One attempt without the GIL and without retrying: the result, or -1
/// with `err` set (EINTR included), for a caller that has part of its
/// answer already and must not lose it to a signal handler or an error.
pub fn blockingOnce(handle: *const abi.Handle, ctx: anytype, comptime op: fn (@TypeOf(ctx), abi.Handle, *abi.Error) isize, err: *abi.Error) isize {
    const ts = py.PyEval_SaveThread();
    defer py.PyEval_RestoreThread(ts);
    return op(ctx, handle.*, err);
}

/// A non-blocking socket: one attempt, with the GIL held; EINTR is retried.
fn runNonBlocking(handle: *const abi.Handle, ctx: anytype, comptime op: anytype) ?isize {
    while (true) {
        var err: abi.Error = .{};
        const r = op(ctx, handle.*, &err);
        if (r >= 0) return r;
        if (!retryAfter(&err)) return null;
    }
}

fn runReleasingGil(
    handle: *const abi.Handle,
    timeout_ns: i64,
    dir: Direction,
    deadline: *Deadline,
    ctx: anytype,
    comptime op: fn (@TypeOf(ctx), abi.Handle, *abi.Error) isize,
) ?isize {
    while (true) {
        var err: abi.Error = .{};
        var timed_out = false;
        var r: isize = -1;
        const ts = py.PyEval_SaveThread();
        // Under a timeout, wait for readiness before each attempt, as the
        // stdlib does (a call that would fail at once still fails at once).
        while (true) {
            if (timeout_ns > 0 and handle.* != abi.invalid_handle) {
                const ms = deadline.remainingMs(timeout_ns);
                const ready = if (ms <= 0) 0 else state.vt.wait(handle.*, @intFromEnum(dir), @intCast(@min(ms, 0x7fffffff)), &err);
                if (ready == 0) {
                    timed_out = true;
                    break;
                }
                if (ready < 0) break;
            }
            err = .{};
            r = op(ctx, handle.*, &err);
            if (r >= 0 or timeout_ns <= 0 or err.flags & abi.error_would_block == 0) break;
        }
        py.PyEval_RestoreThread(ts);
        if (timed_out) return timeoutError(isize);
        if (r >= 0) return r;
        if (!retryAfter(&err)) return null;
    }
}

/// With MSG_TRUNC a stream read discards what it reports (Linux writes no
/// byte): a buffer the result is made from starts as zeros, never memory.
pub fn zeroIfDiscarding(buf: []u8, flags: i32) void {
    if (flags & state.msg_trunc != 0) @memset(buf, 0);
}

/// Waits for `dir` readiness (used by connect): 1 ready, null on error or
/// timeout with the exception set. timeout_ns < 0 waits forever.
pub fn waitReady(handle: *const abi.Handle, timeout_ns: i64, dir: Direction, deadline: *Deadline) ?void {
    while (true) {
        var err: abi.Error = .{};
        var ms: i64 = -1;
        if (timeout_ns >= 0) {
            ms = deadline.remainingMs(timeout_ns);
            if (ms <= 0) return timeoutError(void);
        }
        const ts = py.PyEval_SaveThread();
        const ready = state.vt.wait(handle.*, @intFromEnum(dir), @intCast(@min(ms, 0x7fffffff)), &err);
        py.PyEval_RestoreThread(ts);
        if (ready > 0) return;
        if (ready == 0) return timeoutError(void);
        if (!retryAfter(&err)) return null;
    }
}

/// After a failed attempt, with the GIL held: true to try again (EINTR, once
/// the signal handlers ran without raising: PEP 475), false with the
/// exception set (the handler's, or the error itself).
fn retryAfter(err: *const abi.Error) bool {
    if (err.flags & abi.error_interrupted != 0) return py.PyErr_CheckSignals() >= 0;
    _ = errors.raise(err);
    return false;
}

fn timeoutError(comptime T: type) ?T {
    _ = errors.raiseTimeout();
    return null;
}
