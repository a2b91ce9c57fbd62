//! Native sockaddrs <-> the neutral `abi.Address`, for AF_INET, AF_INET6 and
//! AF_UNIX; the platform's own families through its Platform hooks; other
//! families decode to raw bytes. Layouts come from the
//! translated headers, so the same code serves Linux (no length byte) and the
//! BSDs (a leading sa_len byte).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const Platform = @import("platform.zig").Platform;

const E = *abi.Error;

/// BSD sockaddrs start with a length byte; Linux ones do not.
pub const has_sa_len = @hasField(sys.struct_sockaddr, "sa_len");

const sun_path_offset = @offsetOf(sys.struct_sockaddr_un, "sun_path");
const sun_path_size = @typeInfo(@FieldType(sys.struct_sockaddr_un, "sun_path")).array.len;
/// Where the bytes after the family field start, in every sockaddr.
const sa_data_offset = @offsetOf(sys.struct_sockaddr, "sa_data");
const storage_size = @sizeOf(sys.struct_sockaddr_storage);

comptime {
    // Decoding copies into a sockaddr_storage; it must hold what we produce.
    std.debug.assert(storage_size <= abi.max_native_addr);
    std.debug.assert(@sizeOf(sys.struct_sockaddr_un) <= storage_size);
}

pub fn Codec(comptime platform: Platform) type {
    return struct {
        pub fn encode(in: *const abi.Address, native: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
            const out = @as([*]u8, @ptrCast(native))[0..len.*];
            if (in.family == sys.AF_INET) return encodeInet(in, out, len, err);
            if (in.family == sys.AF_INET6) return encodeInet6(in, out, len, err);
            if (in.family == sys.AF_UNIX) return encodeUnix(in, out, len, err);
            if (platform.family_encode) |familyEncode| {
                if (familyEncode(in, out, len, err)) |rc| return rc;
            }
            errors.setOs(err, sys.EAFNOSUPPORT);
            return -1;
        }

        pub fn decode(native: *const anyopaque, len: u32, out: *abi.Address) callconv(.c) void {
            // Keep the protocol the caller set: some formats depend on it.
            out.* = .{ .proto = out.proto };
            // Work on an aligned, zero-filled copy: the caller's buffer may be
            // unaligned, and short addresses then read as zeros.
            var storage = std.mem.zeroes(sys.struct_sockaddr_storage);
            const bytes = std.mem.asBytes(&storage);
            const used = @min(len, storage_size);
            @memcpy(bytes[0..used], @as([*]const u8, @ptrCast(native))[0..used]);
            // No address at all (recvfrom on a connected stream socket).
            if (used < sa_data_offset) return;

            const family: i32 = storage.ss_family;
            out.family = family;
            if (family == sys.AF_INET) {
                const sa: *const sys.struct_sockaddr_in = @ptrCast(&storage);
                out.nums[0] = std.mem.bigToNative(u16, sa.sin_port);
                setData(out, std.mem.asBytes(&sa.sin_addr));
            } else if (family == sys.AF_INET6) {
                const sa: *const sys.struct_sockaddr_in6 = @ptrCast(&storage);
                out.nums[0] = std.mem.bigToNative(u16, sa.sin6_port);
                out.nums[1] = std.mem.bigToNative(u32, sa.sin6_flowinfo);
                out.nums[2] = sa.sin6_scope_id;
                setData(out, std.mem.asBytes(&sa.sin6_addr));
            } else if (family == sys.AF_UNIX) {
                setData(out, unixPath(bytes[0..@max(used, sun_path_offset)]));
            } else if (platform.family_decode == null or !platform.family_decode.?(bytes, out)) {
                // Unknown family: sockaddr's sa_data bytes, as the stdlib
                // returns them (always all of them, whatever the length).
                setData(out, bytes[sa_data_offset..@sizeOf(sys.struct_sockaddr)]);
            }
        }

        /// The path bytes of a sockaddr_un of `sockaddr.len` bytes. Linux
        /// abstract names (leading NUL) are all `len` bytes, NULs included;
        /// file-system paths stop at the first NUL; unnamed sockets give "".
        fn unixPath(sockaddr: []const u8) []const u8 {
            const path = sockaddr[sun_path_offset..@min(sockaddr.len, sun_path_offset + sun_path_size)];
            if (platform.unix_abstract and path.len > 0 and path[0] == 0) return path;
            return path[0 .. std.mem.findScalar(u8, path, 0) orelse path.len];
        }

        fn encodeUnix(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
            const path = in.data[0..@min(in.data_len, in.data.len)];
            var sa = std.mem.zeroes(sys.struct_sockaddr_un);
            var used: usize = undefined;
            if (platform.unix_abstract and (path.len == 0 or path[0] == 0)) {
                // Abstract name (or "" = autobind): exactly as long as given,
                // no terminating NUL.
                if (path.len > sun_path_size) return errors.failAddress(err, "AF_UNIX path too long");
                used = sun_path_offset + path.len;
            } else {
                // File-system path: needs room for its terminating NUL.
                if (path.len >= sun_path_size) return errors.failAddress(err, "AF_UNIX path too long");
                used = sun_path_offset + path.len + 1;
            }
            @memcpy(sa.sun_path[0..path.len], path);
            sa.sun_family = sys.AF_UNIX;
            if (has_sa_len) sa.sun_len = @intCast(used);
            return store(std.mem.asBytes(&sa)[0..used], out, len, err);
        }
    };
}

fn encodeInet(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    if (in.data_len != 4) return errors.failAddress(err, "AF_INET address must be 4 bytes");
    const port = std.math.cast(u16, in.nums[0]) orelse return errors.failAddress(err, "port must be 0-65535.");
    var sa = std.mem.zeroes(sys.struct_sockaddr_in);
    if (has_sa_len) sa.sin_len = @sizeOf(sys.struct_sockaddr_in);
    sa.sin_family = sys.AF_INET;
    sa.sin_port = std.mem.nativeToBig(u16, port);
    @memcpy(std.mem.asBytes(&sa.sin_addr), in.data[0..4]);
    return store(std.mem.asBytes(&sa), out, len, err);
}

fn encodeInet6(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    if (in.data_len != 16) return errors.failAddress(err, "AF_INET6 address must be 16 bytes");
    const port = std.math.cast(u16, in.nums[0]) orelse return errors.failAddress(err, "port must be 0-65535.");
    // The flow label is 20 bits.
    if (in.nums[1] > 0xfffff) return errors.failAddress(err, "flowinfo must be 0-1048575.");
    const scope_id = std.math.cast(u32, in.nums[2]) orelse return errors.failAddress(err, "scope_id must be 0-4294967295.");
    var sa = std.mem.zeroes(sys.struct_sockaddr_in6);
    if (has_sa_len) sa.sin6_len = @sizeOf(sys.struct_sockaddr_in6);
    sa.sin6_family = sys.AF_INET6;
    sa.sin6_port = std.mem.nativeToBig(u16, port);
    sa.sin6_flowinfo = std.mem.nativeToBig(u32, @intCast(in.nums[1]));
    sa.sin6_scope_id = scope_id;
    @memcpy(std.mem.asBytes(&sa.sin6_addr), in.data[0..16]);
    return store(std.mem.asBytes(&sa), out, len, err);
}

/// Copies a built sockaddr to the caller's buffer (`out` is its capacity);
/// public for the platform families' hooks.
pub fn store(bytes: []const u8, out: []u8, len: *u32, err: E) c_int {
    if (bytes.len > out.len) return errors.failAddress(err, "address buffer too small");
    @memcpy(out[0..bytes.len], bytes);
    len.* = @intCast(bytes.len);
    return 0;
}

/// Public for the platform families' hooks: `bytes` beyond `data` are cut.
pub fn setData(out: *abi.Address, bytes: []const u8) void {
    const n = @min(bytes.len, out.data.len);
    @memcpy(out.data[0..n], bytes[0..n]);
    out.data_len = @intCast(n);
}
