//! Converting between the vtable's neutral `abi.Address` and the native
//! Winsock sockaddr layouts: AF_INET and AF_INET6. AF_UNIX addresses are
//! left to the generic form, as CPython on Windows leaves them (it builds
//! without AF_UNIX): the binding never hands over one to encode (its
//! constant table has no AF_UNIX), and one the OS returns decodes as
//! (1, sa_data), the stdlib's tuple for a family it does not know.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");

const E = *abi.Error;

const sin6_size: usize = sys.PYSOCK_SIN6_SIZE;
const sa_data_len = @typeInfo(@FieldType(sys.struct_sockaddr, "sa_data")).array.len;

pub fn encode(in: *const abi.Address, native: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    const out: [*]u8 = @ptrCast(native);
    const used = switch (in.family) {
        sys.AF_INET => encodeInet(in, out, err),
        sys.AF_INET6 => encodeInet6(in, out, err),
        else => return errors.winsock(err, sys.WSAEAFNOSUPPORT),
    } catch return -1;
    std.debug.assert(used <= len.*);
    len.* = @intCast(used);
    return 0;
}

const Invalid = error{Invalid};

fn reject(err: E, message: [*:0]const u8) Invalid {
    _ = errors.address(err, message);
    return error.Invalid;
}

fn portOf(in: *const abi.Address, err: E) Invalid!u16 {
    return std.math.cast(u16, in.nums[0]) orelse reject(err, "port must be 0-65535.");
}

fn encodeInet(in: *const abi.Address, out: [*]u8, err: E) Invalid!usize {
    if (in.data_len != 4) return reject(err, "an IPv4 address is 4 bytes");
    var sa: sys.struct_sockaddr_in = .{
        .sin_family = sys.AF_INET,
        .sin_port = std.mem.nativeToBig(u16, try portOf(in, err)),
    };
    @memcpy(std.mem.asBytes(&sa.sin_addr), in.data[0..4]);
    @memcpy(out[0..@sizeOf(@TypeOf(sa))], std.mem.asBytes(&sa));
    return @sizeOf(@TypeOf(sa));
}

/// Field by field at the header's own offsets (see sys.h for why).
fn encodeInet6(in: *const abi.Address, out: [*]u8, err: E) Invalid!usize {
    if (in.data_len != 16) return reject(err, "an IPv6 address is 16 bytes");
    const port = try portOf(in, err);
    const flowinfo = std.math.cast(u32, in.nums[1]) orelse return reject(err, "flowinfo must be 0-1048575.");
    if (flowinfo > 0xFFFFF) return reject(err, "flowinfo must be 0-1048575.");
    const scope_id = std.math.cast(u32, in.nums[2]) orelse return reject(err, "scope_id must be 0-4294967295.");
    const sa = out[0..sin6_size];
    @memset(sa, 0);
    std.mem.writeInt(u16, sa[sys.PYSOCK_SIN6_FAMILY..][0..2], sys.AF_INET6, .little);
    std.mem.writeInt(u16, sa[sys.PYSOCK_SIN6_PORT..][0..2], port, .big);
    std.mem.writeInt(u32, sa[sys.PYSOCK_SIN6_FLOWINFO..][0..4], flowinfo, .big);
    @memcpy(sa[sys.PYSOCK_SIN6_ADDR..][0..16], in.data[0..16]);
    std.mem.writeInt(u32, sa[sys.PYSOCK_SIN6_SCOPE_ID..][0..4], scope_id, .little);
    return sin6_size;
}

pub fn decode(native: *const anyopaque, len: u32, out: *abi.Address) callconv(.c) void {
    const bytes: [*]const u8 = @ptrCast(native);
    const sa = bytes[0..len];
    out.nums = @splat(0);
    out.name_len = 0;
    out.data_len = 0;
    if (sa.len < 2) {
        out.family = sys.AF_UNSPEC;
        return;
    }
    out.family = std.mem.readInt(u16, sa[0..2], .little);
    switch (out.family) {
        sys.AF_INET => if (sa.len >= @sizeOf(sys.struct_sockaddr_in)) {
            const sin = std.mem.bytesAsValue(sys.struct_sockaddr_in, sa[0..@sizeOf(sys.struct_sockaddr_in)]);
            out.nums[0] = std.mem.bigToNative(u16, sin.sin_port);
            setData(out, std.mem.asBytes(&sin.sin_addr));
            return;
        },
        sys.AF_INET6 => if (sa.len >= sin6_size) {
            out.nums[0] = std.mem.readInt(u16, sa[sys.PYSOCK_SIN6_PORT..][0..2], .big);
            out.nums[1] = std.mem.readInt(u32, sa[sys.PYSOCK_SIN6_FLOWINFO..][0..4], .big);
            out.nums[2] = std.mem.readInt(u32, sa[sys.PYSOCK_SIN6_SCOPE_ID..][0..4], .little);
            setData(out, sa[sys.PYSOCK_SIN6_ADDR..][0..16]);
            return;
        },
        else => {},
    }
    // Unknown family or a short address: like CPython, the 14 bytes of
    // sockaddr.sa_data, zero-filled past what the OS wrote. (recvfrom on a
    // connected stream socket leaves the address untouched: family 0.)
    const raw = sa[2..@min(sa.len, 2 + sa_data_len)];
    setData(out, raw);
    @memset(out.data[raw.len..sa_data_len], 0);
    out.data_len = sa_data_len;
}

fn setData(out: *abi.Address, bytes: []const u8) void {
    const n = @min(bytes.len, out.data.len);
    @memcpy(out.data[0..n], bytes[0..n]);
    out.data_len = @intCast(n);
}
