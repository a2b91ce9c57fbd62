//! Batch datagrams (the vtable's recvmmsg and sendmmsg), shared by the Linux
//! and BSD/macOS backends.
//!
//! Native where the target's C library declares recvmmsg, sendmmsg and
//! MSG_WAITFORONE (glibc, musl, FreeBSD). macOS has only recvmsg_x and
//! sendmsg_x, private calls that its SDK headers do not declare and Apple
//! does not document, so there (and on any target without the native
//! calls) a loop of single recvmsg/sendmsg calls gives the same results.
//!
//! Either way only the first message may be waited for: the native receive
//! gets MSG_WAITFORONE and no timeout (so the kernel's timeout, checked only
//! after each datagram, never comes into play), the loop adds MSG_DONTWAIT
//! after the first message.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const c_args = @import("c_args.zig");
const messages = @import("messages.zig");

const H = abi.Handle;
const E = *abi.Error;

pub const native = @hasDecl(sys, "recvmmsg") and @hasDecl(sys, "sendmmsg") and
    @hasDecl(sys, "struct_mmsghdr") and @hasDecl(sys, "MSG_WAITFORONE");

/// Messages per native call: their headers live on the stack (64 bytes
/// each on Linux), whatever the thread's stack size.
const chunk = 64;

pub fn recvmmsg(h: H, msgs: [*]abi.Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize {
    return batch(.receive, h, msgs, lengths, count, flags, err);
}

pub fn sendmmsg(h: H, msgs: [*]const abi.Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize {
    return batch(.send, h, @constCast(msgs), lengths, count, flags, err);
}

const Direction = enum { receive, send };

/// The batch in chunks. A chunk that comes back short ends it (the socket
/// has no more to give or take now); a failure after the first chunk ends
/// it with the count so far, and its error is not reported.
fn batch(comptime dir: Direction, h: H, msgs: [*]abi.Message, lengths: [*]usize, count: usize, flags: i32, err: E) isize {
    const total = @min(count, abi.max_batch);
    var done: usize = 0;
    var later: abi.Error = .{};
    while (done < total) {
        const n = @min(total - done, chunk);
        // Receiving: once a message is in, nothing more is waited for.
        const now = if (dir == .receive and done > 0) flags | sys.MSG_DONTWAIT else flags;
        const chunk_err = if (done == 0) err else &later;
        const got = if (native) nativeChunk(dir, h, msgs[done..][0..n], lengths + done, now, chunk_err) else loopChunk(dir, h, msgs[done..][0..n], lengths + done, now, chunk_err);
        if (got < 0) break;
        done += @intCast(got);
        if (@as(usize, @intCast(got)) < n) break;
    }
    return if (done == 0) -1 else @intCast(done);
}

/// One recvmmsg/sendmmsg call for up to `chunk` messages. A message the
/// target's msghdr cannot describe (too many buffers) ends the chunk before
/// it; if it is the first, the chunk fails with its error.
fn nativeChunk(comptime dir: Direction, h: H, msgs: []abi.Message, lengths: [*]usize, flags: i32, err: E) isize {
    if (!native) unreachable;
    var headers: [chunk]sys.struct_mmsghdr = undefined;
    var n: usize = 0;
    for (msgs) |*msg| {
        var ignored: abi.Error = .{};
        const m = messages.msghdrFor(msg, if (n == 0) err else &ignored) orelse break;
        headers[n] = std.mem.zeroes(sys.struct_mmsghdr);
        headers[n].msg_hdr = m;
        n += 1;
    }
    if (n == 0) return -1;
    const call = if (dir == .receive) sys.recvmmsg else sys.sendmmsg;
    const Count = c_args.Param(call, 2);
    const Flags = c_args.Param(call, 3);
    const c_flags = cFlags(Flags, if (dir == .receive) flags | sys.MSG_WAITFORONE else flags);
    const r = if (dir == .receive)
        sys.recvmmsg(handles.fd(h), &headers, @as(Count, @intCast(n)), c_flags, null)
    else
        sys.sendmmsg(handles.fd(h), &headers, @as(Count, @intCast(n)), c_flags);
    if (r < 0) return errors.failCount(err);
    // Never more messages than were given, whatever the call says.
    const got = @min(@as(usize, @intCast(r)), n);
    for (msgs[0..got], headers[0..got], 0..) |*msg, *header, i| {
        if (dir == .receive) messages.reportReceived(msg, &header.msg_hdr);
        // (An unsigned int on Linux, an ssize_t on FreeBSD.)
        lengths[i] = std.math.cast(usize, header.msg_len) orelse 0;
    }
    return @intCast(got);
}

/// The same chunk as single recvmsg/sendmsg calls, after the first with
/// MSG_DONTWAIT when receiving.
fn loopChunk(comptime dir: Direction, h: H, msgs: []abi.Message, lengths: [*]usize, flags: i32, err: E) isize {
    for (msgs, 0..) |*msg, i| {
        var later: abi.Error = .{};
        const e = if (i == 0) err else &later;
        const r = if (dir == .receive)
            messages.recvmsg(h, msg, if (i == 0) flags else flags | sys.MSG_DONTWAIT, e)
        else
            messages.sendmsg(h, msg, flags, e);
        if (r < 0) return if (i == 0) -1 else @intCast(i);
        lengths[i] = @intCast(r);
    }
    return @intCast(msgs.len);
}

/// `flags` as the prototype's type (unsigned in musl).
fn cFlags(comptime P: type, flags: i32) P {
    return if (@typeInfo(P).int.signedness == .unsigned) @bitCast(flags) else flags;
}
