//! getaddrinfo with a timeout (the vtable's getaddrinfo_start / _wait / _end)
//! for POSIX: the blocking getaddrinfo runs on a worker thread of a small
//! pool, and the caller waits for it on a pipe, which poll() lets a signal
//! interrupt (so Ctrl-C reaches the binding, which retries per PEP 475).
//!
//! Neither glibc nor the BSDs offer a resolver that can be stopped: glibc's
//! getaddrinfo_a is itself a pool of threads running this same blocking call,
//! and gai_cancel cannot stop a lookup that has begun. So a lookup whose
//! caller gave up runs to its own end (the resolver's timeouts and attempts,
//! resolv.conf) and whoever finishes last, caller or worker, frees it.
//!
//! Bounds: at most `max_workers` threads at once. A lookup started when all
//! of them are busy waits in a queue (its caller's timeout still runs; a
//! caller that gives up takes it out of the queue unstarted). A worker takes
//! the next queued lookup when it finishes one and exits when none is left,
//! so no thread outlives the lookups that need it.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const names = @import("names.zig");

const E = *abi.Error;

/// Enough for the lookups a program makes at once; beyond it lookups queue.
/// glibc's getaddrinfo_a pool has 20 threads.
pub const max_workers = 32;

const Request = struct {
    /// The caller's reference, and the pool's (queue or worker): the last
    /// one to let go frees the request, the result it may hold and the pipe.
    refs: std.atomic.Value(u32) = .init(2),
    /// Set by the worker, after `status`, `list` and `err`, before the pipe
    /// is written.
    finished: std.atomic.Value(bool) = .init(false),
    /// Under `pool.lock`: waiting for a worker, linked through `next`.
    queued: bool = false,
    next: ?*Request = null,
    /// [0] the caller polls, [1] the worker writes one byte to when done.
    wake: [2]c_int,
    host: ?[*:0]const u8,
    service: ?[*:0]const u8,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
    status: c_int = -1,
    list: ?*anyopaque = null,
    err: abi.Error = .{},
};

/// The worker pool; every field is under `lock`.
const Pool = struct {
    lock: std.c.pthread_mutex_t = .{},
    workers: usize = 0,
    head: ?*Request = null,
    tail: ?*Request = null,

    fn push(p: *Pool, r: *Request) void {
        r.queued = true;
        r.next = null;
        if (p.tail) |t| t.next = r else p.head = r;
        p.tail = r;
    }

    fn pop(p: *Pool) ?*Request {
        const r = p.head orelse return null;
        p.head = r.next;
        if (p.head == null) p.tail = null;
        r.queued = false;
        return r;
    }

    fn remove(p: *Pool, r: *Request) void {
        var prev: ?*Request = null;
        var at = p.head;
        while (at) |cur| : ({
            prev = cur;
            at = cur.next;
        }) {
            if (cur != r) continue;
            if (prev) |before| before.next = cur.next else p.head = cur.next;
            if (p.tail == cur) p.tail = prev;
            r.queued = false;
            return;
        }
    }
};

var pool: Pool = .{};

fn lock() void {
    _ = std.c.pthread_mutex_lock(&pool.lock);
}
fn unlock() void {
    _ = std.c.pthread_mutex_unlock(&pool.lock);
}

/// Called once from the backend's `init`. A forked child has none of the
/// parent's workers (only the forking thread survives) and may have copied
/// the lock while it was held: it starts with an empty pool. Requests of
/// the parent's that the child inherited are never touched again.
pub fn init() void {
    _ = std.c.pthread_atfork(null, null, forgetPoolInChild);
}

fn forgetPoolInChild() callconv(.c) void {
    pool = .{};
}

pub fn start(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, request: *?*anyopaque, err: E) callconv(.c) c_int {
    const r = create(host, service, family, socktype, proto, flags, err) orelse return -1;
    lock();
    if (pool.workers < max_workers) {
        pool.workers += 1;
        unlock();
        if (spawn(r)) {
            request.* = r;
            return 0;
        }
        const code = errors.errno();
        lock();
        pool.workers -= 1;
        // With another worker running, the queue is served without a new
        // thread; with none, the lookup cannot run at all.
        if (pool.workers == 0) {
            unlock();
            destroy(r);
            errors.setOs(err, code);
            return -1;
        }
    }
    pool.push(r);
    unlock();
    request.* = r;
    return 0;
}

pub fn wait(request: *anyopaque, timeout_ms: i32, err: E) callconv(.c) c_int {
    const r: *Request = @ptrCast(@alignCast(request));
    if (r.finished.load(.acquire)) return 1;
    var entry: sys.struct_pollfd = .{ .fd = r.wake[0], .events = sys.POLLIN, .revents = 0 };
    const ready = sys.poll(&entry, 1, timeout_ms);
    if (ready < 0) return errors.fail(err);
    // The byte is written after `finished` is set.
    return @intFromBool(ready > 0 and r.finished.load(.acquire));
}

pub fn end(request: *anyopaque, list: ?*?*anyopaque, err: E) callconv(.c) c_int {
    const r: *Request = @ptrCast(@alignCast(request));
    if (list) |out| {
        out.* = null;
        if (r.finished.load(.acquire)) {
            const status = r.status;
            if (status == 0) {
                out.* = r.list;
                r.list = null;
            } else {
                err.* = r.err;
            }
            release(r);
            return status;
        }
    }
    // Abandoned. A lookup still queued is taken out unstarted, and the
    // queue's reference with it; a running one keeps its worker's.
    lock();
    const was_queued = r.queued;
    if (was_queued) pool.remove(r);
    unlock();
    if (was_queued) release(r);
    release(r);
    return 0;
}

// -- requests -------------------------------------------------------------------

fn create(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, err: E) ?*Request {
    // One block: the request, then copies of the two strings.
    const host_len = if (host) |h| std.mem.len(h) + 1 else 0;
    const service_len = if (service) |s| std.mem.len(s) + 1 else 0;
    const size = @sizeOf(Request) + host_len + service_len;
    const block: [*]align(@alignOf(Request)) u8 = @ptrCast(@alignCast(std.c.malloc(size) orelse {
        errors.setOs(err, sys.ENOMEM);
        return null;
    }));
    const text = block[@sizeOf(Request)..size];
    if (host) |h| @memcpy(text[0..host_len], h[0..host_len]);
    if (service) |s| @memcpy(text[host_len..][0..service_len], s[0..service_len]);
    const r: *Request = @ptrCast(block);
    r.* = .{
        .wake = .{ -1, -1 },
        .host = if (host != null) @ptrCast(text.ptr) else null,
        .service = if (service != null) @ptrCast(text[host_len..].ptr) else null,
        .family = family,
        .socktype = socktype,
        .proto = proto,
        .flags = flags,
    };
    if (openPipe(&r.wake) != 0) {
        _ = errors.fail(err);
        std.c.free(r);
        return null;
    }
    return r;
}

/// A close-on-exec pipe: atomically where pipe2 exists (Linux, FreeBSD).
fn openPipe(fds: *[2]c_int) c_int {
    if (@hasDecl(sys, "pipe2")) return sys.pipe2(fds, sys.O_CLOEXEC);
    if (sys.pipe(fds) != 0) return -1;
    if (handles.setCloexec(fds[0], true) != 0 or handles.setCloexec(fds[1], true) != 0) {
        const code = errors.errno();
        closePipe(fds);
        std.c._errno().* = code;
        return -1;
    }
    return 0;
}

fn closePipe(fds: *[2]c_int) void {
    for (fds) |fd| if (fd >= 0) {
        _ = sys.close(fd);
    };
}

fn release(r: *Request) void {
    if (r.refs.fetchSub(1, .acq_rel) == 1) destroy(r);
}

fn destroy(r: *Request) void {
    if (r.list) |l| names.freeaddrinfo(l);
    closePipe(&r.wake);
    std.c.free(r);
}

// -- workers ------------------------------------------------------------------------

/// Starts a detached worker for `first`. The worker blocks every signal the
/// C library lets it (it inherits the mask it is created with), so that
/// signals go to the application's threads, where a handler can interrupt
/// the caller's wait.
fn spawn(first: *Request) bool {
    var all: std.c.sigset_t = undefined;
    var previous: std.c.sigset_t = undefined;
    _ = std.c.sigfillset(&all);
    _ = std.c.pthread_sigmask(std.c.SIG.SETMASK, &all, &previous);
    var thread: std.c.pthread_t = undefined;
    const rc = std.c.pthread_create(&thread, null, work, first);
    var ignored: std.c.sigset_t = undefined;
    _ = std.c.pthread_sigmask(std.c.SIG.SETMASK, &previous, &ignored);
    if (rc != .SUCCESS) {
        std.c._errno().* = @intFromEnum(rc);
        return false;
    }
    _ = std.c.pthread_detach(thread);
    return true;
}

fn work(arg: ?*anyopaque) callconv(.c) ?*anyopaque {
    var next: ?*Request = @ptrCast(@alignCast(arg));
    while (next) |r| {
        run(r);
        lock();
        next = pool.pop();
        // Deciding to exit and leaving the count happen under one lock, so a
        // lookup queued meanwhile always finds a worker that will see it.
        if (next == null) pool.workers -= 1;
        unlock();
    }
    return null;
}

fn run(r: *Request) void {
    var list: ?*anyopaque = null;
    r.status = names.getaddrinfo(r.host, r.service, r.family, r.socktype, r.proto, r.flags, &list, &r.err);
    if (r.status == 0) r.list = list;
    r.finished.store(true, .release);
    const byte: [1]u8 = .{1};
    while (sys.write(r.wake[1], &byte, 1) < 0 and errors.errno() == sys.EINTR) {}
    release(r);
}
