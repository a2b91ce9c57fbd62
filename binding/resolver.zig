//! getaddrinfo(..., timeout=seconds), pysock's own extension: the lookup runs
//! in the background (the backend's getaddrinfo_start), the caller waits for
//! it with the GIL released for at most the timeout, and then either takes
//! the result, converted by the same code as the stdlib's blocking call, or
//! abandons the lookup to the backend (getaddrinfo_end), which frees it
//! whenever it ends. Running out of time raises TimeoutError("timed out"),
//! the exception and message a socket's own timeout raises.
const std = @import("std");
const abi = @import("abi");
const py = @import("python.zig");
const state = @import("state.zig");
const errors = @import("errors.zig");
const functions = @import("functions.zig");

const Obj = ?*py.PyObject;
const Host = ?[*:0]const u8;

/// False, with NotImplementedError set, when the backend has no resolver
/// with a timeout (every backend of pysock's own has one).
pub fn available() bool {
    const vt = state.vt;
    if (vt.getaddrinfo_start != null and vt.getaddrinfo_wait != null and vt.getaddrinfo_end != null) return true;
    py.PyErr_SetString(py.PyExc_NotImplementedError, "getaddrinfo(timeout=...): this backend has no resolver with a timeout");
    return false;
}

/// The lookup under a timeout of `timeout_ns` (>= 0); the audit event was
/// raised by the caller.
pub fn lookup(host: Host, service: Host, family: i32, socktype: i32, proto: i32, flags: i32, timeout_ns: i64) Obj {
    const vt = state.vt;
    if (numericAnswer(host, service, family, socktype, proto, flags)) |list| return functions.addrinfoList(list);
    var request: ?*anyopaque = null;
    var err: abi.Error = .{};
    // Starting never blocks (a copy of the arguments, a queue, perhaps a
    // thread): the GIL stays held.
    if (vt.getaddrinfo_start.?(host, service, family, socktype, proto, flags, &request, &err) != 0) return errors.raise(&err);
    waitFor(request.?, timeout_ns) orelse {
        _ = vt.getaddrinfo_end.?(request.?, null, &err);
        return null;
    };
    var list: ?*anyopaque = null;
    if (vt.getaddrinfo_end.?(request.?, &list, &err) != 0) return errors.raise(&err);
    return functions.addrinfoList(list orelse return py.PyList_New(0));
}

/// A numeric host with a port number (or none) needs no resolver: asked
/// with AI_NUMERICHOST, getaddrinfo answers at once, as it would have
/// answered without the flag, so a timeout of 0 works for it too and no
/// lookup is started. A failure (the host is a name) leaves the question to
/// the real lookup, whose answer, or error, is the stdlib's. Not for a
/// service name (the services database may be remote), nor with
/// AI_CANONNAME, whose answer some C libraries look up even for an address.
fn numericAnswer(host: Host, service: Host, family: i32, socktype: i32, proto: i32, flags: i32) ?*anyopaque {
    if (state.ai_numerichost == 0) return null;
    if (state.ai_canonname != 0 and flags & state.ai_canonname != 0) return null;
    if (service) |s| if (!isDecimal(std.mem.span(s))) return null;
    var list: ?*anyopaque = null;
    var err: abi.Error = .{};
    const ts = py.PyEval_SaveThread();
    const r = state.vt.getaddrinfo(host, service, family, socktype, proto, flags | state.ai_numerichost, &list, &err);
    py.PyEval_RestoreThread(ts);
    return if (r == 0) list else null;
}

fn isDecimal(text: []const u8) bool {
    if (text.len == 0) return false;
    for (text) |c| if (c < '0' or c > '9') return false;
    return true;
}

/// Waits until the lookup finished (returns) or the time ran out, a signal
/// handler raised or the wait failed (null, the exception set). Signals are
/// handled as PEP 475 says: the handlers run, and the wait goes on for the
/// time that is left.
fn waitFor(request: *anyopaque, timeout_ns: i64) ?void {
    const vt = state.vt;
    const deadline = vt.monotonic_ns() +| timeout_ns;
    while (true) {
        // Also covers a signal that arrived while the lookup was started.
        if (py.PyErr_CheckSignals() < 0) return null;
        var err: abi.Error = .{};
        const ms = remainingMs(deadline);
        const ts = py.PyEval_SaveThread();
        const r = vt.getaddrinfo_wait.?(request, ms, &err);
        py.PyEval_RestoreThread(ts);
        if (r > 0) return;
        if (r < 0 and err.flags & abi.error_interrupted == 0) {
            _ = errors.raise(&err);
            return null;
        }
        // Not yet, or interrupted: on with the time that is left, if any (a
        // wait may also end before it: one wait has a limit).
        if (vt.monotonic_ns() >= deadline) {
            _ = errors.raiseTimeout();
            return null;
        }
    }
}

/// Milliseconds to `deadline`, rounded up so a wait never ends early, and
/// capped to what one wait takes.
fn remainingMs(deadline: i64) i32 {
    const left = deadline - state.vt.monotonic_ns();
    if (left <= 0) return 0;
    return @intCast(@min(@divFloor(left - 1, std.time.ns_per_ms) + 1, std.math.maxInt(i32)));
}
