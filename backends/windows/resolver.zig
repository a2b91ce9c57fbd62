//! getaddrinfo with a timeout (the vtable's getaddrinfo_start / _wait / _end)
//! on Windows: GetAddrInfoExW, asynchronous (an OVERLAPPED and a completion
//! routine, Windows 8 and later, which every CPython 3.11 runs on), so no
//! thread of ours waits for the answer. The caller waits on an event for as
//! long as its timeout allows; a caller that gives up cancels the lookup
//! with GetAddrInfoExCancel. The completion routine runs exactly once, also
//! after a cancel (with WSA_E_CANCELLED), and whoever lets go last, caller or
//! routine, frees the request and what the lookup returned.
//!
//! GetAddrInfoExW's own `timeout` argument is not used: the binding owns the
//! clock (it may wait in several steps), and cancelling when it gives up is
//! what that timeout would do. Wine ignores both (it logs "Unsupported
//! timeout" and its GetAddrInfoExCancel answers WSA_INVALID_HANDLE): there an
//! abandoned lookup runs to its end on Wine's thread pool, and is freed then.
//!
//! The answer comes as ADDRINFOEXW (wide strings); the binding walks the
//! ANSI `addrinfo` that getaddrinfo returns. So a finished lookup is copied
//! into one block laid out as a list of `struct addrinfo`, the canonical name
//! in the ANSI code page as getaddrinfo gives it, and `freeaddrinfo` knows
//! these copies apart from Winsock's own lists (copies.release).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

/// Not declared by the mingw-w64 headers Zig ships (ws2_32 exports it; its
/// prototype is the documented one).
extern "ws2_32" fn GetAddrInfoExCancel(handle: *sys.HANDLE) callconv(.winapi) c_int;

const Request = struct {
    /// The caller's and the completion's: the last to let go frees it.
    refs: std.atomic.Value(u32) = .init(2),
    /// Taken by whichever reports the completion first (the routine, or
    /// start when the call finished at once): it is reported once.
    claimed: std.atomic.Value(bool) = .init(false),
    /// Set after `status`, before `done` is signalled.
    finished: std.atomic.Value(bool) = .init(false),
    overlapped: sys.OVERLAPPED = .{},
    done: sys.HANDLE,
    cancel: sys.HANDLE = null,
    /// Written by Winsock when the lookup succeeds.
    result: ?*sys.ADDRINFOEXW = null,
    status: c_int = 0,
    hints: sys.ADDRINFOEXW = .{},
};

pub fn start(host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, request: *?*anyopaque, err: E) callconv(.c) c_int {
    // One block: the request, then the names in UTF-16 (they must stay valid
    // until the lookup completes).
    const host_units = wideLength(host) orelse return errors.lastWin32(err);
    const service_units = wideLength(service) orelse return errors.lastWin32(err);
    const size = @sizeOf(Request) + 2 * (host_units + service_units);
    const block: [*]align(@alignOf(Request)) u8 = @ptrCast(@alignCast(std.c.malloc(size) orelse
        return errors.winsock(err, sys.WSA_NOT_ENOUGH_MEMORY)));
    const r: *Request = @ptrCast(block);
    const names: [*]u16 = @ptrCast(@alignCast(block + @sizeOf(Request)));
    const done = sys.CreateEventW(null, sys.TRUE, sys.FALSE, null);
    if (done == null) {
        std.c.free(r);
        return errors.lastWin32(err);
    }
    r.* = .{ .done = done };
    r.hints = .{ .ai_flags = flags, .ai_family = family, .ai_socktype = socktype, .ai_protocol = proto };
    const wide_host = toWide(host, names[0..host_units]);
    const wide_service = toWide(service, names[host_units..][0..service_units]);
    // NS_ALL: every namespace provider, as getaddrinfo asks.
    const rc = sys.GetAddrInfoExW(wide_host, wide_service, sys.NS_ALL, null, &r.hints, @ptrCast(&r.result), null, &r.overlapped, completed, &r.cancel);
    // Anything but "pending" is the outcome, reached at once: the routine
    // is not called then (Winsock's convention for a call that completed).
    if (rc != sys.WSA_IO_PENDING) complete(r, rc);
    request.* = r;
    return 0;
}

pub fn wait(request: *anyopaque, timeout_ms: i32, err: E) callconv(.c) c_int {
    const r: *Request = @ptrCast(@alignCast(request));
    const ms: sys.DWORD = if (timeout_ms < 0) sys.INFINITE else @intCast(timeout_ms);
    const rc = sys.WaitForSingleObject(r.done, ms);
    if (rc == sys.WAIT_OBJECT_0) return 1;
    if (rc == sys.WAIT_TIMEOUT) return 0;
    return errors.lastWin32(err);
}

pub fn end(request: *anyopaque, list: ?*?*anyopaque, err: E) callconv(.c) c_int {
    const r: *Request = @ptrCast(@alignCast(request));
    defer release(r);
    if (list) |out| {
        out.* = null;
        if (r.finished.load(.acquire)) {
            if (r.status != 0) return errors.gai(err, r.status);
            out.* = copies.make(r.result) orelse return errors.winsock(err, sys.WSA_NOT_ENOUGH_MEMORY);
            return 0;
        }
    }
    // Abandoned: stop it where Windows can. When it has just completed, or
    // the provider cannot stop (or under Wine), this fails and changes nothing.
    if (!r.finished.load(.acquire)) _ = GetAddrInfoExCancel(&r.cancel);
    return 0;
}

fn completed(code: sys.DWORD, bytes: sys.DWORD, overlapped: sys.LPWSAOVERLAPPED) callconv(.c) void {
    _ = bytes;
    const r: *Request = @fieldParentPtr("overlapped", @as(*sys.OVERLAPPED, @ptrCast(overlapped)));
    complete(r, @bitCast(code));
}

fn complete(r: *Request, status: c_int) void {
    if (r.claimed.swap(true, .acq_rel)) return;
    r.status = status;
    r.finished.store(true, .release);
    _ = sys.SetEvent(r.done);
    release(r);
}

fn release(r: *Request) void {
    if (r.refs.fetchSub(1, .acq_rel) != 1) return;
    if (r.result) |res| sys.FreeAddrInfoExW(res);
    _ = sys.CloseHandle(r.done);
    std.c.free(r);
}

/// UTF-16 units of `text` with its terminator, as the ANSI getaddrinfo
/// converts its arguments (the ANSI code page); 0 for null; null on failure.
fn wideLength(text: ?[*:0]const u8) ?usize {
    const t = text orelse return 0;
    const n = sys.MultiByteToWideChar(sys.CP_ACP, 0, t, -1, null, 0);
    return if (n > 0) @intCast(n) else null;
}

fn toWide(text: ?[*:0]const u8, out: []u16) ?[*:0]const u16 {
    const t = text orelse return null;
    _ = sys.MultiByteToWideChar(sys.CP_ACP, 0, t, -1, out.ptr, @intCast(out.len));
    out[out.len - 1] = 0;
    return @ptrCast(out.ptr);
}

/// Copies of finished lookups in the ANSI layout, and the registry that
/// lets `freeaddrinfo` tell them from Winsock's lists.
pub const copies = struct {
    const Header = struct {
        next: ?*Header,
        /// The first `struct addrinfo` of the copy: what the binding holds.
        first: *sys.struct_addrinfo,
    };

    var lock: sys.SRWLOCK = .{};
    var live: ?*Header = null;
    /// Copies not yet given back: freeaddrinfo of a Winsock list looks no
    /// further when there are none.
    var count: std.atomic.Value(usize) = .init(0);

    const node_size = @sizeOf(sys.struct_addrinfo);
    const word = @alignOf(sys.struct_addrinfo);

    fn make(result: ?*sys.ADDRINFOEXW) ?*anyopaque {
        var nodes: usize = 0;
        var bytes: usize = 0;
        var it = result;
        while (it) |ai| : (it = ai.ai_next) {
            nodes += 1;
            bytes += std.mem.alignForward(usize, ai.ai_addrlen, word) + std.mem.alignForward(usize, ansiLength(ai.ai_canonname), word);
        }
        if (nodes == 0) return null;
        const header_size = std.mem.alignForward(usize, @sizeOf(Header), word);
        const size = header_size + nodes * node_size + bytes;
        const block: [*]align(word) u8 = @ptrCast(@alignCast(std.c.malloc(size) orelse return null));
        const list: [*]sys.struct_addrinfo = @ptrCast(@alignCast(block + header_size));
        var extra: [*]u8 = block + header_size + nodes * node_size;
        var i: usize = 0;
        it = result;
        while (it) |ai| : ({
            it = ai.ai_next;
            i += 1;
        }) {
            const addr: ?[*]u8 = if (ai.ai_addr != null and ai.ai_addrlen > 0) extra else null;
            if (addr) |a| {
                @memcpy(a[0..ai.ai_addrlen], @as([*]const u8, @ptrCast(ai.ai_addr))[0..ai.ai_addrlen]);
                extra += std.mem.alignForward(usize, ai.ai_addrlen, word);
            }
            var canon: ?[*]u8 = null;
            const canon_len = ansiLength(ai.ai_canonname);
            if (canon_len > 0) {
                canon = extra;
                _ = sys.WideCharToMultiByte(sys.CP_ACP, 0, ai.ai_canonname, -1, extra, @intCast(canon_len), null, null);
                extra[canon_len - 1] = 0;
                extra += std.mem.alignForward(usize, canon_len, word);
            }
            list[i] = .{
                .ai_flags = ai.ai_flags,
                .ai_family = ai.ai_family,
                .ai_socktype = ai.ai_socktype,
                .ai_protocol = ai.ai_protocol,
                .ai_addrlen = if (addr != null) ai.ai_addrlen else 0,
                .ai_canonname = canon,
                .ai_addr = @ptrCast(@alignCast(addr)),
                .ai_next = if (i + 1 < nodes) &list[i + 1] else null,
            };
        }
        const header: *Header = @ptrCast(block);
        sys.AcquireSRWLockExclusive(&lock);
        header.* = .{ .next = live, .first = &list[0] };
        live = header;
        _ = count.fetchAdd(1, .release);
        sys.ReleaseSRWLockExclusive(&lock);
        return &list[0];
    }

    /// Frees `list` if it is one of the copies: true then; false for a list
    /// of Winsock's own.
    pub fn release(list: *anyopaque) bool {
        if (count.load(.acquire) == 0) return false;
        sys.AcquireSRWLockExclusive(&lock);
        var link = &live;
        const found = while (link.*) |h| : (link = &h.next) {
            if (@intFromPtr(h.first) == @intFromPtr(list)) {
                link.* = h.next;
                _ = count.fetchSub(1, .release);
                break h;
            }
        } else null;
        sys.ReleaseSRWLockExclusive(&lock);
        if (found) |h| std.c.free(h);
        return found != null;
    }

    /// Bytes of the canonical name in the ANSI code page with its NUL (0 for none).
    fn ansiLength(name: [*c]const u16) usize {
        if (name == null) return 0;
        const len = sys.WideCharToMultiByte(sys.CP_ACP, 0, name, -1, null, 0, null, null);
        return if (len > 0) @intCast(len) else 0;
    }
};
