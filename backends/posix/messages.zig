//! sendmsg/recvmsg and control messages (ancillary data), shared by the
//! Linux and BSD/macOS backends.
//!
//! The cmsghdr layout differs by target: Linux has a size_t cmsg_len and
//! 8-byte alignment (16-byte header), macOS a socklen_t cmsg_len and 4-byte
//! alignment (12-byte header), FreeBSD a socklen_t cmsg_len, a 12-byte header
//! and long alignment (so the data starts at 16). Every size and offset here
//! comes from the target's own CMSG_LEN / CMSG_SPACE macros and the
//! translated `struct cmsghdr`, never from numbers typed by hand.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const clampLength = @import("connection.zig").clampLength;

const H = abi.Handle;
const E = *abi.Error;

const Header = sys.struct_cmsghdr;
const LenField = @FieldType(Header, "cmsg_len");

/// Bytes from the start of a header to its data: CMSG_DATA(c) - c, which is
/// CMSG_LEN(0) on every target.
const data_offset: usize = sys.CMSG_LEN(@as(usize, 0));
/// A header with its padding: CMSG_SPACE(0).
const header_space: usize = sys.CMSG_SPACE(@as(usize, 0));
/// The alignment of items and of their data (CMSG_ALIGN's unit).
const alignment: usize = sys.CMSG_SPACE(@as(usize, 1)) - header_space;

comptime {
    std.debug.assert(std.math.isPowerOfTwo(alignment));
    std.debug.assert(data_offset >= @sizeOf(Header));
    // Our checked arithmetic must agree with the header's macros.
    for ([_]usize{ 0, 1, 3, 4, 7, 8, 12, 13, 255, 4096 }) |n| {
        std.debug.assert(lenOf(n).? == sys.CMSG_LEN(n));
        std.debug.assert(spaceOf(n).? == sys.CMSG_SPACE(n));
    }
}

fn alignUp(n: usize) ?usize {
    const bumped = std.math.add(usize, n, alignment - 1) catch return null;
    return bumped & ~(alignment - 1);
}

/// CMSG_LEN(n), or null if it overflows size_t.
fn lenOf(n: usize) ?usize {
    return std.math.add(usize, data_offset, n) catch null;
}

/// CMSG_SPACE(n), or null if it overflows size_t.
fn spaceOf(n: usize) ?usize {
    const aligned = alignUp(n) orelse return null;
    return std.math.add(usize, aligned, header_space) catch null;
}

/// The vtable's `cmsg_size`: CMSG_LEN (space 0) or CMSG_SPACE (space 1).
pub fn cmsgSize(data_len: usize, space: c_int, out: *usize) callconv(.c) c_int {
    out.* = (if (space != 0) spaceOf(data_len) else lenOf(data_len)) orelse return -1;
    return 0;
}

/// The vtable's `cmsg_build`: each item takes CMSG_SPACE(len) bytes, with
/// cmsg_len = CMSG_LEN(len) and zeroed padding, the layout CMSG_FIRSTHDR /
/// CMSG_NXTHDR walk (and the one CPython sends).
pub fn cmsgBuild(items: [*]const abi.Ancillary, count: usize, buf: ?[*]u8, len: *usize, err: E) callconv(.c) c_int {
    var total: usize = 0;
    for (items[0..count]) |item| {
        const space = spaceOf(item.len) orelse return errors.failAddress(err, "ancillary data item too large");
        total = std.math.add(usize, total, space) catch return errors.failAddress(err, "too much ancillary data");
    }
    const out = buf orelse {
        len.* = total;
        return 0;
    };
    if (len.* < total) return errors.failAddress(err, "ancillary data does not fit in the buffer");
    @memset(out[0..total], 0);
    var offset: usize = 0;
    for (items[0..count]) |item| {
        var header = std.mem.zeroes(Header);
        header.cmsg_len = std.math.cast(LenField, lenOf(item.len).?) orelse
            return errors.failAddress(err, "ancillary data item too large");
        header.cmsg_level = item.level;
        header.cmsg_type = item.type;
        @memcpy(out[offset..][0..@sizeOf(Header)], std.mem.asBytes(&header)[0..@sizeOf(Header)]);
        if (item.len > 0) @memcpy(out[offset + data_offset ..][0..item.len], item.data.?[0..item.len]);
        offset += spaceOf(item.len).?;
    }
    len.* = total;
    return 0;
}

/// The cursor value once the walk is over.
const walk_done = std.math.maxInt(usize);

/// The vtable's `cmsg_next`. Mirrors what CPython does with CMSG_FIRSTHDR,
/// CMSG_NXTHDR and its own bounds checks, so that the same bytes give the
/// same items (and the same warnings) as the stdlib:
///   1: `out` is the item at the cursor; `truncated` when its cmsg_len
///      claims more data than the buffer holds (the walk then ends);
///   0: no more items;
///  -1: the bytes at the cursor are not a valid item (a header cut short,
///      or a cmsg_len smaller than a header): the walk ends there.
pub fn cmsgNext(control: [*]const u8, len: usize, cursor: *usize, out: *abi.Ancillary) callconv(.c) c_int {
    const offset = cursor.*;
    // CMSG_FIRSTHDR gives nothing when the buffer cannot hold one header.
    if (offset == 0 and len < @sizeOf(Header)) return 0;
    if (offset >= len) return 0;
    cursor.* = walk_done;
    if (len - offset < data_offset) return -1;
    var header: Header = undefined;
    @memcpy(std.mem.asBytes(&header)[0..@sizeOf(Header)], control[offset..][0..@sizeOf(Header)]);
    const claimed: usize = std.math.cast(usize, header.cmsg_len) orelse return -1;
    if (claimed < data_offset) return -1;
    const data_len = claimed - data_offset;
    const room = len - offset - data_offset;
    const truncated = data_len > room;
    out.* = .{
        .level = header.cmsg_level,
        .type = header.cmsg_type,
        .data = control + offset + data_offset,
        .len = if (truncated) room else data_len,
        .truncated = @intFromBool(truncated),
    };
    if (!truncated) {
        // CMSG_NXTHDR: the next header starts at the aligned end of this
        // item and counts only if a whole (padded) header fits after it.
        if (alignUp(claimed)) |step| {
            if (step <= len - offset and len - offset - step >= header_space) cursor.* = offset + step;
        }
    }
    return 1;
}

// Checks at compile time that the neutral Buffer is laid out as struct
// iovec, so an array of them is passed to the kernel as is.
comptime {
    const Iovec = sys.struct_iovec;
    std.debug.assert(@sizeOf(Iovec) == @sizeOf(abi.Buffer));
    std.debug.assert(@offsetOf(Iovec, "iov_base") == @offsetOf(abi.Buffer, "ptr"));
    std.debug.assert(@offsetOf(Iovec, "iov_len") == @offsetOf(abi.Buffer, "len"));
}

/// A msghdr for `msg`; null (with err set) when a count does not fit the
/// target's field types (msg_iovlen is an int on musl and the BSDs).
pub fn msghdrFor(msg: *const abi.Message, err: E) ?sys.struct_msghdr {
    var m = std.mem.zeroes(sys.struct_msghdr);
    m.msg_name = msg.addr;
    m.msg_namelen = if (msg.addr != null) @intCast(msg.addr_len) else 0;
    if (msg.buffer_count > 0) m.msg_iov = @ptrCast(@constCast(msg.buffers));
    m.msg_iovlen = std.math.cast(@FieldType(sys.struct_msghdr, "msg_iovlen"), msg.buffer_count) orelse {
        errors.setOs(err, sys.EMSGSIZE);
        return null;
    };
    if (msg.control_len > 0) m.msg_control = msg.control;
    m.msg_controllen = std.math.cast(@FieldType(sys.struct_msghdr, "msg_controllen"), msg.control_len) orelse {
        errors.setOs(err, sys.ENOBUFS);
        return null;
    };
    return m;
}

pub fn sendmsg(h: H, msg: *const abi.Message, flags: i32, err: E) callconv(.c) isize {
    var m = msghdrFor(msg, err) orelse return -1;
    const sent = sys.sendmsg(handles.fd(h), &m, flags);
    if (sent < 0) return errors.failCount(err);
    return sent;
}

pub fn recvmsg(h: H, msg: *abi.Message, flags: i32, err: E) callconv(.c) isize {
    var m = msghdrFor(msg, err) orelse return -1;
    const received = sys.recvmsg(handles.fd(h), &m, flags);
    if (received < 0) return errors.failCount(err);
    reportReceived(msg, &m);
    return received;
}

/// Copies what the OS reported in `m` back into `msg`, every length clamped
/// to the capacity `msg` gave.
pub fn reportReceived(msg: *abi.Message, m: *const sys.struct_msghdr) void {
    if (msg.addr != null) {
        var name_len: u32 = @intCast(m.msg_namelen);
        clampLength(&name_len, msg.addr_len);
        msg.addr_len = name_len;
    } else {
        msg.addr_len = 0;
    }
    msg.msg_flags = m.msg_flags;
    // The kernel reports how much control data it wrote; never more than
    // the buffer (it was given that capacity).
    msg.control_len = @min(@as(usize, @intCast(m.msg_controllen)), msg.control_len);
}
