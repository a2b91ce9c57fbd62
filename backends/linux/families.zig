//! Native sockaddrs of the families only Linux has, to and from the neutral
//! `abi.Address` (its doc in backends/abi/vtable.zig gives the neutral shape
//! of each). The shared POSIX codec (backends/posix/sockaddr.zig) calls these
//! through the Platform hooks before it gives up on a family.
//!
//! The binding has already checked types, tuple sizes and the ranges the
//! stdlib reports; here values are stored with the C conversions the stdlib's
//! own code applies (unsigned fields take the value modulo their width).
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const posix = @import("posix");

const E = *abi.Error;
const errors = posix.errors;
// The shared codec's own helpers, so that every family stores alike.
const store = posix.sockaddr.store;
const setData = posix.sockaddr.setData;

/// `null` when `in.family` is not one of these families; else 0 or -1.
pub fn encode(in: *const abi.Address, out: []u8, len: *u32, err: E) ?c_int {
    const f = in.family;
    if (f == sys.AF_NETLINK) {
        var sa = std.mem.zeroes(sys.struct_sockaddr_nl);
        sa.nl_family = sys.AF_NETLINK;
        sa.nl_pid = @truncate(in.nums[0]);
        sa.nl_groups = @truncate(in.nums[1]);
        return store(std.mem.asBytes(&sa), out, len, err);
    }
    if (f == sys.AF_VSOCK) {
        var sa = std.mem.zeroes(sys.struct_sockaddr_vm);
        sa.svm_family = sys.AF_VSOCK;
        sa.svm_cid = @truncate(in.nums[0]);
        sa.svm_port = @truncate(in.nums[1]);
        return store(std.mem.asBytes(&sa), out, len, err);
    }
    if (f == sys.AF_QIPCRTR) {
        var sa = std.mem.zeroes(sys.struct_sockaddr_qrtr);
        sa.sq_family = sys.AF_QIPCRTR;
        sa.sq_node = @truncate(in.nums[0]);
        sa.sq_port = @truncate(in.nums[1]);
        return store(std.mem.asBytes(&sa), out, len, err);
    }
    if (f == sys.AF_PACKET) return encodePacket(in, out, len, err);
    if (f == sys.AF_CAN) return encodeCan(in, out, len, err);
    if (f == sys.AF_ALG) return encodeAlg(in, out, len, err);
    if (f == sys.AF_TIPC) return encodeTipc(in, out, len, err);
    return null;
}

/// Fills `out` from the zero-padded native `bytes`; false when the family is
/// not one of these.
pub fn decode(bytes: []const u8, out: *abi.Address) bool {
    const family: c_int = std.mem.bytesToValue(sys.sa_family_t, bytes[0..@sizeOf(sys.sa_family_t)]);
    if (family == sys.AF_NETLINK) {
        const sa = view(sys.struct_sockaddr_nl, bytes);
        out.nums[0] = sa.nl_pid;
        out.nums[1] = sa.nl_groups;
    } else if (family == sys.AF_VSOCK) {
        const sa = view(sys.struct_sockaddr_vm, bytes);
        out.nums[0] = sa.svm_cid;
        out.nums[1] = sa.svm_port;
    } else if (family == sys.AF_QIPCRTR) {
        const sa = view(sys.struct_sockaddr_qrtr, bytes);
        out.nums[0] = sa.sq_node;
        out.nums[1] = sa.sq_port;
    } else if (family == sys.AF_PACKET) {
        const sa = view(sys.struct_sockaddr_ll, bytes);
        setName(out, sa.sll_ifindex);
        out.nums[0] = std.mem.bigToNative(u16, sa.sll_protocol);
        out.nums[1] = sa.sll_pkttype;
        out.nums[2] = sa.sll_hatype;
        // sll_halen may exceed sll_addr's 8 bytes (InfiniBand's 20): the
        // kernel then returns a longer sockaddr, and the bytes follow on.
        const start = @offsetOf(sys.struct_sockaddr_ll, "sll_addr");
        setData(out, bytes[start..@min(bytes.len, start + sa.sll_halen)]);
    } else if (family == sys.AF_CAN) {
        const sa = view(sys.struct_sockaddr_can, bytes);
        setName(out, sa.can_ifindex);
        if (out.proto == sys.CAN_ISOTP) {
            out.nums[0] = sa.can_addr.tp.rx_id;
            out.nums[1] = sa.can_addr.tp.tx_id;
        } else if (out.proto == sys.CAN_J1939) {
            out.nums[0] = sa.can_addr.j1939.name;
            out.nums[1] = sa.can_addr.j1939.pgn;
            out.nums[2] = sa.can_addr.j1939.addr;
        }
    } else if (family == sys.AF_ALG) {
        const sa = view(sys.struct_sockaddr_alg, bytes);
        const type_len = std.mem.findScalar(u8, &sa.salg_type, 0) orelse sa.salg_type.len;
        @memcpy(out.name[0..type_len], sa.salg_type[0..type_len]);
        out.name_len = @intCast(type_len);
        setData(out, sa.salg_name[0 .. std.mem.findScalar(u8, &sa.salg_name, 0) orelse sa.salg_name.len]);
        out.nums[0] = sa.salg_feat;
        out.nums[1] = sa.salg_mask;
    } else if (family == sys.AF_TIPC) {
        const sa = view(sys.struct_sockaddr_tipc, bytes);
        out.nums[0] = sa.addrtype;
        if (sa.addrtype == sys.TIPC_ADDR_NAMESEQ) {
            out.nums[1] = sa.addr.nameseq.type;
            out.nums[2] = sa.addr.nameseq.lower;
            out.nums[3] = sa.addr.nameseq.upper;
        } else if (sa.addrtype == sys.TIPC_ADDR_NAME) {
            // The stdlib reports the instance as both v2 and v3.
            out.nums[1] = sa.addr.name.name.type;
            out.nums[2] = sa.addr.name.name.instance;
            out.nums[3] = sa.addr.name.name.instance;
        } else if (sa.addrtype == sys.TIPC_ADDR_ID) {
            out.nums[1] = sa.addr.id.node;
            out.nums[2] = sa.addr.id.ref;
        }
        // `scope` is a signed char; the stdlib widens it as a C int would.
        out.nums[4] = @as(u32, @bitCast(@as(i32, sa.scope)));
    } else return false;
    return true;
}

fn encodePacket(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    var sa = std.mem.zeroes(sys.struct_sockaddr_ll);
    // As the stdlib: the name is cut to what an ifreq holds, then looked up.
    sa.sll_ifindex = interfaceIndex(in, true, err) orelse return -1;
    if (in.data_len > sa.sll_addr.len) return errors.failAddress(err, "Hardware address must be 8 bytes or less");
    sa.sll_family = sys.AF_PACKET;
    sa.sll_protocol = std.mem.nativeToBig(u16, @truncate(in.nums[0]));
    sa.sll_pkttype = @truncate(in.nums[1]);
    sa.sll_hatype = @truncate(in.nums[2]);
    sa.sll_halen = @intCast(in.data_len);
    @memcpy(sa.sll_addr[0..in.data_len], in.data[0..in.data_len]);
    return store(std.mem.asBytes(&sa), out, len, err);
}

fn encodeCan(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    var sa = std.mem.zeroes(sys.struct_sockaddr_can);
    sa.can_family = sys.AF_CAN;
    // "" is every CAN interface (index 0).
    sa.can_ifindex = if (in.name_len == 0) 0 else interfaceIndex(in, false, err) orelse return -1;
    if (in.proto == sys.CAN_ISOTP) {
        sa.can_addr.tp.rx_id = @truncate(in.nums[0]);
        sa.can_addr.tp.tx_id = @truncate(in.nums[1]);
    } else if (in.proto == sys.CAN_J1939) {
        sa.can_addr.j1939.name = in.nums[0];
        sa.can_addr.j1939.pgn = @truncate(in.nums[1]);
        sa.can_addr.j1939.addr = @truncate(in.nums[2]);
    }
    return store(std.mem.asBytes(&sa), out, len, err);
}

fn encodeAlg(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    var sa = std.mem.zeroes(sys.struct_sockaddr_alg);
    // Both strings must fit with their terminating NUL.
    if (in.name_len >= sa.salg_type.len) return errors.failAddress(err, "AF_ALG type too long.");
    if (in.data_len >= sa.salg_name.len) return errors.failAddress(err, "AF_ALG name too long.");
    sa.salg_family = sys.AF_ALG;
    @memcpy(sa.salg_type[0..in.name_len], in.name[0..in.name_len]);
    @memcpy(sa.salg_name[0..in.data_len], in.data[0..in.data_len]);
    sa.salg_feat = @truncate(in.nums[0]);
    sa.salg_mask = @truncate(in.nums[1]);
    return store(std.mem.asBytes(&sa), out, len, err);
}

fn encodeTipc(in: *const abi.Address, out: []u8, len: *u32, err: E) c_int {
    var sa = std.mem.zeroes(sys.struct_sockaddr_tipc);
    sa.family = sys.AF_TIPC;
    sa.addrtype = @truncate(in.nums[0]);
    sa.scope = @bitCast(@as(u8, @truncate(in.nums[4])));
    const v1: u32 = @truncate(in.nums[1]);
    const v2: u32 = @truncate(in.nums[2]);
    const v3: u32 = @truncate(in.nums[3]);
    if (in.nums[0] == sys.TIPC_ADDR_NAMESEQ) {
        sa.addr.nameseq = .{ .type = v1, .lower = v2, .upper = v3 };
    } else if (in.nums[0] == sys.TIPC_ADDR_NAME) {
        sa.addr.name.name = .{ .type = v1, .instance = v2 };
    } else if (in.nums[0] == sys.TIPC_ADDR_ID) {
        sa.addr.id = .{ .node = v1, .ref = v2 };
    } else return errors.failAddress(err, "Invalid address type");
    return store(std.mem.asBytes(&sa), out, len, err);
}

/// The index of the interface named in `in.name`. `truncate`: cut an
/// over-long name to IFNAMSIZ-1 bytes first (AF_PACKET, as the stdlib);
/// otherwise it fails as an unknown device.
fn interfaceIndex(in: *const abi.Address, truncate: bool, err: E) ?c_int {
    var name: [sys.IFNAMSIZ]u8 = @splat(0);
    const n = @min(in.name_len, in.name.len);
    if (n >= name.len and !truncate) {
        errors.setOs(err, sys.ENODEV);
        return null;
    }
    const keep = @min(n, name.len - 1);
    @memcpy(name[0..keep], in.name[0..keep]);
    const index = sys.if_nametoindex(@ptrCast(&name));
    if (index == 0) {
        const code = errors.errno();
        errors.setOs(err, if (code != 0) code else sys.ENODEV);
        return null;
    }
    return @intCast(index);
}

/// Interface name for `index`; "" for index 0 or an index that has gone.
fn setName(out: *abi.Address, index: c_int) void {
    out.name_len = 0;
    if (index <= 0) return;
    var buf: [sys.IF_NAMESIZE]u8 = @splat(0);
    if (sys.if_indextoname(@intCast(index), @ptrCast(&buf)) == null) return;
    const n = std.mem.findScalar(u8, &buf, 0) orelse buf.len;
    @memcpy(out.name[0..n], buf[0..n]);
    out.name_len = @intCast(n);
}

fn view(comptime T: type, bytes: []const u8) T {
    var value = std.mem.zeroes(T);
    const n = @min(bytes.len, @sizeOf(T));
    @memcpy(std.mem.asBytes(&value)[0..n], bytes[0..n]);
    return value;
}
