//! The one seam between the CPython binding (`_core`) and a platform backend.
//!
//! Every backend is a shared library that exports `pysock_backend_vtable`, a C
//! function returning a pointer to a static `Vtable`. The binding checks
//! `abi_version` and `struct_size` before it calls anything else. The same
//! contract, in C, is `pysock_backend.h` beside this file; README.md beside it
//! says who owns what and which calls may block.

/// Bumped on any incompatible change. Appending fields at the end of `Vtable`
/// is compatible: the binding then checks `struct_size` instead.
pub const abi_version: u32 = 1;

pub const entry_symbol = "pysock_backend_vtable";
pub const EntryFn = *const fn () callconv(.c) *const Vtable;

/// A file descriptor (POSIX) or a SOCKET (Windows), widened to 64 bits.
pub const Handle = i64;
pub const invalid_handle: Handle = -1;

/// How the binding should raise a failure.
pub const ErrorKind = enum(u32) {
    none = 0,
    /// `code` is an errno value: OSError(code, strerror).
    os = 1,
    /// `code` is a Windows (WSA) error: OSError with winerror=code.
    winsock = 2,
    /// `code` is an EAI_* value: gaierror(code, message).
    gai = 3,
    /// `code` is an h_errno value: herror(code, message).
    herror = 4,
    /// `message` says what was wrong with an argument: OSError(message).
    address = 5,
};

/// Facts about an error that the binding acts on without knowing the OS.
pub const error_would_block: u32 = 1; // EAGAIN/EWOULDBLOCK/WSAEWOULDBLOCK
pub const error_interrupted: u32 = 2; // EINTR: retry (PEP 475)
pub const error_in_progress: u32 = 4; // a non-blocking connect has started

pub const Error = extern struct {
    kind: ErrorKind = .none,
    flags: u32 = 0,
    code: i32 = 0,
    _reserved: i32 = 0,
    /// Static text for kind `address`; null otherwise.
    message: ?[*:0]const u8 = null,
};

/// Capability bits: a clear bit means the Python API omits that feature.
pub const cap_ipv6: u64 = 1 << 0;
pub const cap_unix: u64 = 1 << 1;
pub const cap_socketpair: u64 = 1 << 2; // native socketpair(); else the package emulates it
pub const cap_unix_abstract: u64 = 1 << 3; // Linux abstract namespace
pub const cap_winerror: u64 = 1 << 4; // errors carry a Windows error code
/// Handles are OS handles whose inheritance is a bool: set_inheritable takes
/// any truth value (as os.set_handle_inheritable), not an int (os.set_inheritable).
pub const cap_handle_inheritance: u64 = 1 << 5;
/// `wait` takes a timeval (select): timeouts must fit its C `long` seconds,
/// so the binding refuses longer ones as the stdlib does there.
pub const cap_timeval_wait: u64 = 1 << 6;
/// SO_REUSEADDR lets a second socket bind a port that is in use (Windows),
/// so create_server leaves it off there, as the stdlib does.
pub const cap_reuseaddr_shares_port: u64 = 1 << 7;

/// `recvmmsg` and `sendmmsg` are single system calls (Linux, FreeBSD), not
/// a loop of single-message calls in the backend: shown by `python -m pysock
/// info`; the Python API is the same either way.
pub const cap_batch_native: u64 = 1 << 8;

/// Room for any native sockaddr a backend produces (sockaddr_storage is 128).
pub const max_native_addr: usize = 128;

/// A socket address in a platform-neutral shape. The backend converts it to
/// and from its native sockaddr; the binding converts it to and from Python.
///   AF_INET / AF_INET6: nums = {port, flowinfo, scope_id}; data = the 4 or 16
///     address bytes in network order.
///   AF_UNIX: data = the path bytes (a leading NUL is the Linux abstract
///     namespace); an unnamed socket has data_len 0.
///   AF_NETLINK: nums = {pid, groups}.
///   AF_PACKET: name = interface name (encode: cut to IFNAMSIZ-1 bytes, then
///     looked up; decode: "" when the index has no name); nums = {protocol
///     in host order, pkttype, hatype}; data = the hardware address
///     (decode: sll_halen bytes from sll_addr).
///   AF_CAN: name = interface name ("" = any, index 0); CAN_ISOTP: nums =
///     {rx_id, tx_id}; CAN_J1939: nums = {name, pgn, addr}. `proto` picks
///     the format.
///   AF_ALG: name = type; data = algorithm name (both without NUL); nums =
///     {feat, mask}.
///   AF_VSOCK: nums = {cid, port}.  AF_QIPCRTR: nums = {node, port}.
///   AF_TIPC: nums = {addrtype, v1, v2, v3, scope}: NAMESEQ {type, lower,
///     upper}, NAME {type, instance, (decode: instance again)}, ID {node,
///     ref, 0}; scope is the sockaddr's signed char widened to 32 bits.
///   AF_RDS: the binding sends AF_INET addresses (as the stdlib does).
///   AF_BLUETOOTH: not implemented: no header the build has describes its
///     sockaddrs (they live in BlueZ's headers, not the kernel's UAPI).
///   Integers are stored modulo the native field's width. Interface names
///   are resolved by the backend (if_nametoindex); an unknown name fails
///   with the OS error (ENODEV).
///   Any other family (decode only): data = sockaddr's 14 sa_data bytes, as
///   the stdlib returns them.
pub const Address = extern struct {
    family: i32 = 0,
    data_len: u32 = 0,
    nums: [8]u64 = @splat(0),
    name_len: u32 = 0,
    /// The socket's protocol, for families whose address format depends on
    /// it (AF_CAN: CAN_ISOTP, CAN_J1939; AF_BLUETOOTH: BTPROTO_*). Set by the
    /// binding before `addr_encode` and before `addr_decode` (which reads it
    /// and keeps it).
    proto: i32 = 0,
    /// Second byte string some families need (an interface or algorithm name).
    name: [128]u8 = @splat(0),
    data: [512]u8 = @splat(0),
};

/// One name/value pair of the backend's constant table. Values come from the
/// target's own headers.
pub const Constant = extern struct {
    name: [*:0]const u8,
    value: i64,
};

/// A text-valued constant (BDADDR_ANY, HV_GUID_*), static like `Constant`.
pub const StringConstant = extern struct {
    name: [*:0]const u8,
    value: [*:0]const u8,
};

/// One result of getaddrinfo, borrowed from the list the backend returned.
pub const AddrInfoEntry = extern struct {
    family: i32,
    socktype: i32,
    protocol: i32,
    flags: i32,
    canonname: ?[*:0]const u8,
    addr: ?*const anyopaque,
    addrlen: u32,
    _reserved: u32 = 0,
};

/// One buffer of a scatter/gather call.
pub const Buffer = extern struct {
    ptr: ?[*]u8,
    len: usize,
};

/// One ancillary data item (a control message) in neutral form.
pub const Ancillary = extern struct {
    level: i32 = 0,
    type: i32 = 0,
    data: ?[*]const u8 = null,
    len: usize = 0,
    /// Set by `cmsg_next`: the item claims more data than the buffer holds
    /// (MSG_CTRUNC); `len` is what is really there.
    truncated: u32 = 0,
    _reserved: u32 = 0,
};

/// The arguments and results of `sendmsg`/`recvmsg`.
pub const Message = extern struct {
    buffers: [*]const Buffer,
    buffer_count: usize,
    /// A native sockaddr. sendmsg: the destination or null. recvmsg: a
    /// buffer of `addr_len` (max_native_addr) bytes; out: the sender's length.
    addr: ?*anyopaque = null,
    addr_len: u32 = 0,
    /// recvmsg: the msg_flags the OS reported.
    msg_flags: i32 = 0,
    /// Native control-message bytes. sendmsg: built with `cmsg_build`.
    /// recvmsg: capacity in `control_len`; out: the bytes received.
    control: ?[*]u8 = null,
    control_len: usize = 0,
};

/// The most messages the binding passes to one `recvmmsg` / `sendmmsg`
/// call (Linux's own limit, UIO_MAXIOV); a larger batch is a partial one.
pub const max_batch: usize = 1024;

/// One network interface of `if_nameindex`.
pub const Interface = extern struct {
    index: u32,
    _reserved: u32 = 0,
    name: [*:0]const u8,
};

/// A host database entry (gethostbyname_ex, gethostbyaddr). The backend owns
/// the memory until `host_free`.
pub const HostEntry = extern struct {
    name: ?[*:0]const u8 = null,
    /// Null-terminated list of alias names.
    aliases: ?[*:null]const ?[*:0]const u8 = null,
    family: i32 = 0,
    /// Bytes per address: 4 or 16.
    addr_len: u32 = 0,
    /// Null-terminated list of addresses, `addr_len` bytes each, network order.
    addrs: ?[*:null]const ?[*]const u8 = null,
    owner: ?*anyopaque = null,
};

/// One field of the platform's TCP information struct (tcp_info()), as
/// the backend's static table describes it: the field is bits
/// [shift, shift + width) of the `size`-byte integer at byte `offset`, in
/// native byte order. A whole member has shift 0 and width 8 * size; a C
/// bitfield, the bits the compiler gave it. The binding decodes a field only
/// when `offset + size` lies within the bytes the OS filled in.
pub const TcpInfoField = extern struct {
    /// The member's name in the platform's header (tcpi_rtt, RttUs, ...).
    name: [*:0]const u8,
    offset: u32,
    /// 1, 2, 4 or 8.
    size: u8,
    shift: u8,
    width: u8,
    /// 1 when the member's type is signed (the value is sign-extended).
    is_signed: u8,
};

/// A compile-time check for the backends' layout tests: `fields` describes
/// member `name` at exactly these bytes and bits (a compile error otherwise).
pub fn expectTcpInfoField(comptime fields: []const TcpInfoField, comptime name: []const u8, comptime offset: u32, comptime size: u8, comptime shift: u8, comptime width: u8) void {
    const std = @import("std");
    for (fields) |f| {
        if (!std.mem.eql(u8, std.mem.span(f.name), name)) continue;
        if (f.offset != offset or f.size != size or f.shift != shift or f.width != width)
            @compileError(std.fmt.comptimePrint("tcp_info {s}: offset {d} size {d} bits {d}+{d}, expected {d} {d} {d}+{d}", .{
                name, f.offset, f.size, f.shift, f.width, offset, size, shift, width,
            }));
        return;
    }
    @compileError("tcp_info table lacks " ++ name);
}

/// One of the fields every platform's tcp_info() record has under the same
/// name (rtt_us, snd_mss, ...), made from the platform's own fields:
/// value = field[`field`] * `scale` (* field[`times`] when `times` >= 0).
/// It is absent (None) when a field it is made from is absent.
pub const TcpInfoCommon = extern struct {
    name: [*:0]const u8,
    /// Index into the backend's `tcp_info_fields`.
    field: u32,
    /// A unit conversion (macOS reports milliseconds where the record has
    /// microseconds: 1000).
    scale: u32,
    /// Index of a field to multiply by (Linux counts its congestion window
    /// in segments: times the MSS gives bytes), or -1.
    times: i32,
    _reserved: u32 = 0,
};

/// Room for any platform's TCP information struct (Linux's is 280 bytes
/// in the headers Zig ships; a newer kernel still fills at most this).
pub const max_tcp_info: usize = 512;

const E = *Error;
const H = Handle;

/// Conventions: functions returning c_int give 0 on success and -1 on failure
/// with `err` filled in; byte-moving functions return the count or -1. A
/// `(buf, *len)` pair is in/out: capacity in, bytes written out. Every pointer
/// is borrowed for the duration of the call only, except where noted.
pub const Vtable = extern struct {
    abi_version: u32,
    struct_size: u32,
    capabilities: u64,
    /// "linux", "bsd" or "windows": shown by `python -m pysock info`.
    platform: [*:0]const u8,
    constants: [*]const Constant,
    constant_count: usize,

    // -- process-wide --------------------------------------------------------
    /// Called once before anything else (WSAStartup on Windows).
    init: *const fn (err: E) callconv(.c) c_int,
    /// Writes a NUL-terminated message for (kind, code) into buf.
    strerror: *const fn (kind: ErrorKind, code: i32, buf: [*]u8, len: usize) callconv(.c) void,

    // -- lifetime ------------------------------------------------------------
    /// Creates a non-inheritable socket. `type` may carry SOCK_NONBLOCK/SOCK_CLOEXEC.
    socket: *const fn (family: i32, type: i32, proto: i32, out: *H, err: E) callconv(.c) c_int,
    /// Null where the OS has no socketpair (the package then emulates it).
    socketpair: ?*const fn (family: i32, type: i32, proto: i32, out: *[2]H, err: E) callconv(.c) c_int,
    close: *const fn (h: H, err: E) callconv(.c) c_int,
    /// A new, non-inheritable handle to the same socket.
    dup: *const fn (h: H, out: *H, err: E) callconv(.c) c_int,
    /// The family, type and protocol of an existing socket (for `fileno=`).
    info: *const fn (h: H, family: *i32, type: *i32, proto: *i32, err: E) callconv(.c) c_int,
    set_nonblocking: *const fn (h: H, on: c_int, err: E) callconv(.c) c_int,
    get_inheritable: *const fn (h: H, out: *c_int, err: E) callconv(.c) c_int,
    set_inheritable: *const fn (h: H, on: c_int, err: E) callconv(.c) c_int,

    // -- connection set-up (connect and accept may block) ---------------------
    bind: *const fn (h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int,
    listen: *const fn (h: H, backlog: i32, err: E) callconv(.c) c_int,
    /// Returns a non-inheritable handle; `addr`/`len` receive the peer.
    accept: *const fn (h: H, out: *H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int,
    connect: *const fn (h: H, addr: *const anyopaque, len: u32, err: E) callconv(.c) c_int,
    /// After a non-blocking connect became writable: 0, or -1 with SO_ERROR.
    connect_result: *const fn (h: H, err: E) callconv(.c) c_int,
    shutdown: *const fn (h: H, how: i32, err: E) callconv(.c) c_int,
    getsockname: *const fn (h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int,
    getpeername: *const fn (h: H, addr: *anyopaque, len: *u32, err: E) callconv(.c) c_int,

    // -- data (all may block) ---------------------------------------------------
    send: *const fn (h: H, buf: [*]const u8, len: usize, flags: i32, err: E) callconv(.c) isize,
    sendto: *const fn (h: H, buf: [*]const u8, len: usize, flags: i32, addr: *const anyopaque, addrlen: u32, err: E) callconv(.c) isize,
    recv: *const fn (h: H, buf: [*]u8, len: usize, flags: i32, err: E) callconv(.c) isize,
    recvfrom: *const fn (h: H, buf: [*]u8, len: usize, flags: i32, addr: *anyopaque, addrlen: *u32, err: E) callconv(.c) isize,
    /// Waits until `h` is readable (for_write 0) or writable (1). timeout_ms < 0
    /// waits forever. Returns 1 when ready, 0 on timeout, -1 on error.
    wait: *const fn (h: H, for_write: c_int, timeout_ms: i32, err: E) callconv(.c) c_int,

    // -- options ---------------------------------------------------------------
    setsockopt: *const fn (h: H, level: i32, name: i32, val: ?*const anyopaque, len: u32, err: E) callconv(.c) c_int,
    getsockopt: *const fn (h: H, level: i32, name: i32, val: *anyopaque, len: *u32, err: E) callconv(.c) c_int,

    // -- addresses ---------------------------------------------------------------
    /// Neutral -> native. `len` in: capacity (max_native_addr); out: used.
    /// Fails with kind `address` (e.g. "AF_UNIX path too long") or EAFNOSUPPORT.
    addr_encode: *const fn (in: *const Address, native: *anyopaque, len: *u32, err: E) callconv(.c) c_int,
    /// Native -> neutral. Never fails: unknown families come back as raw bytes.
    addr_decode: *const fn (native: *const anyopaque, len: u32, out: *Address) callconv(.c) void,
    /// 1 on success, 0 when `src` is not an address of that family, -1 on error.
    inet_pton: *const fn (family: i32, src: [*:0]const u8, dst: *[16]u8, err: E) callconv(.c) c_int,
    inet_ntop: *const fn (family: i32, src: *const [16]u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int,
    /// The classic a.b.c.d parser (a, a.b, a.b.c forms too). 1 ok, 0 invalid.
    inet_aton: *const fn (src: [*:0]const u8, dst: *[4]u8) callconv(.c) c_int,

    // -- name service (may block) -------------------------------------------------
    gethostname: *const fn (buf: [*]u8, len: usize, err: E) callconv(.c) c_int,
    /// On success `*list` owns a result list: walk it with addrinfo_next, then
    /// give it back with freeaddrinfo.
    getaddrinfo: *const fn (host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, list: *?*anyopaque, err: E) callconv(.c) c_int,
    /// Fills `out` from `item` and returns the next item (null at the end).
    addrinfo_next: *const fn (item: *anyopaque, out: *AddrInfoEntry) callconv(.c) ?*anyopaque,
    freeaddrinfo: *const fn (list: *anyopaque) callconv(.c) void,

    // -- time -----------------------------------------------------------------------
    /// A monotonic clock in nanoseconds, for socket timeouts (never blocks).
    monotonic_ns: *const fn () callconv(.c) i64,

    // Entries below may be null: the Python API then omits that feature, as
    // the stdlib does on a platform without it.

    // -- messages with ancillary data -----------------------------------------
    /// sendmsg(2); `flags` as send. May block.
    sendmsg: ?*const fn (h: H, msg: *const Message, flags: i32, err: E) callconv(.c) isize = null,
    /// recvmsg(2); fills msg.addr_len, msg.msg_flags, msg.control_len. May block.
    recvmsg: ?*const fn (h: H, msg: *Message, flags: i32, err: E) callconv(.c) isize = null,
    /// CMSG_LEN (space 0) or CMSG_SPACE (space 1) of `data_len` into *out;
    /// -1 (no error detail) when the result would overflow the native type.
    cmsg_size: ?*const fn (data_len: usize, space: c_int, out: *usize) callconv(.c) c_int = null,
    /// Writes `count` items as native control messages into buf. `*len`:
    /// capacity in, bytes used out. With buf null only computes the size.
    cmsg_build: ?*const fn (items: [*]const Ancillary, count: usize, buf: ?[*]u8, len: *usize, err: E) callconv(.c) c_int = null,
    /// Walks received control bytes: `*cursor` starts at 0. Returns 1 with
    /// `out` describing the next item (data points into `control`), 0 at the end,
    /// -1 when the bytes at the cursor are no valid item (a header cut short, or
    /// a length below a header's): the walk ends there, and the binding warns
    /// as the stdlib does. The walk also ends after a `truncated` item.
    cmsg_next: ?*const fn (control: [*]const u8, len: usize, cursor: *usize, out: *Ancillary) callconv(.c) c_int = null,

    // -- more name service (may block) ------------------------------------------
    /// getnameinfo(3) on a native sockaddr; NUL-terminated results.
    getnameinfo: ?*const fn (addr: *const anyopaque, addrlen: u32, flags: i32, host: [*]u8, hostlen: usize, serv: [*]u8, servlen: usize, err: E) callconv(.c) c_int = null,
    /// The IPv4 host entry for `name` (gethostbyname_ex); kind `herror` on failure.
    host_by_name: ?*const fn (name: [*:0]const u8, out: *HostEntry, err: E) callconv(.c) c_int = null,
    /// The host entry for a native sockaddr's address (gethostbyaddr).
    host_by_addr: ?*const fn (addr: *const anyopaque, addrlen: u32, out: *HostEntry, err: E) callconv(.c) c_int = null,
    host_free: ?*const fn (entry: *HostEntry) callconv(.c) void = null,
    /// 1 found (*port in host order), 0 not found, -1 error. `proto` may be null.
    serv_by_name: ?*const fn (name: [*:0]const u8, proto: ?[*:0]const u8, port: *i32, err: E) callconv(.c) c_int = null,
    /// 1 found (name in buf), 0 not found, -1 error.
    serv_by_port: ?*const fn (port: i32, proto: ?[*:0]const u8, buf: [*]u8, len: usize, err: E) callconv(.c) c_int = null,
    /// 1 found, 0 not found, -1 error.
    proto_by_name: ?*const fn (name: [*:0]const u8, out: *i32, err: E) callconv(.c) c_int = null,
    sethostname: ?*const fn (name: [*]const u8, len: usize, err: E) callconv(.c) c_int = null,

    // -- interfaces -----------------------------------------------------------------
    /// On success `*list` holds `*count` entries owned by the caller until
    /// `if_free`.
    if_nameindex: ?*const fn (list: *?[*]Interface, count: *usize, err: E) callconv(.c) c_int = null,
    if_free: ?*const fn (list: [*]Interface, count: usize) callconv(.c) void = null,
    if_nametoindex: ?*const fn (name: [*:0]const u8, out: *u32, err: E) callconv(.c) c_int = null,
    /// NUL-terminated name into buf.
    if_indextoname: ?*const fn (index: u32, buf: [*]u8, len: usize, err: E) callconv(.c) c_int = null,

    // -- Windows socket control and sharing --------------------------------------
    /// WSAIoctl with input and no output. `control` is the SIO_* code, `args`
    /// its values (SIO_RCVALL, SIO_LOOPBACK_FAST_PATH: one; SIO_KEEPALIVE_VALS:
    /// onoff, time, interval); the backend builds the native input.
    ioctl: ?*const fn (h: H, control: u32, args: [*]const u32, count: usize, err: E) callconv(.c) c_int = null,
    /// WSADuplicateSocket for process `pid`: the opaque bytes that `fromshare`
    /// in that process turns back into a socket. `*len`: capacity in, used out.
    share: ?*const fn (h: H, pid: u32, buf: [*]u8, len: *usize, err: E) callconv(.c) c_int = null,
    /// A new, non-inheritable socket from `share` bytes, with its family, type
    /// and protocol. Bytes of another length than `share` produces fail with
    /// kind `address` and `code` = the length wanted (the binding raises
    /// ValueError naming it, as the stdlib does).
    fromshare: ?*const fn (data: [*]const u8, len: usize, out: *H, family: *i32, type: *i32, proto: *i32, err: E) callconv(.c) c_int = null,

    // -- more constants ---------------------------------------------------------------
    /// The text-valued module constants of the platform (may be empty).
    string_constants: [*]const StringConstant = &[_]StringConstant{},
    string_constant_count: usize = 0,
    /// The error codes the platform documents for sockets, whose messages
    /// (`strerror`, kind winsock) make Windows' `errorTab`; may be empty.
    socket_error_codes: [*]const i32 = &[_]i32{},
    socket_error_code_count: usize = 0,

    // -- TCP information --------------------------------------------------------------
    /// Reads the OS's TCP information of `h` (Linux and FreeBSD: getsockopt
    /// TCP_INFO; macOS: TCP_CONNECTION_INFO; Windows: WSAIoctl SIO_TCP_INFO)
    /// as the platform's raw struct into `buf`, which the backend zeroes
    /// first. `*len`: capacity in (give it `max_tcp_info`), bytes the OS
    /// filled out (never more than the capacity; an older kernel fills
    /// fewer). Never blocks. A socket that is not TCP fails as the OS says.
    tcp_info: ?*const fn (h: H, buf: [*]u8, len: *usize, err: E) callconv(.c) c_int = null,
    /// The fields of those bytes, in the struct's order (static).
    tcp_info_fields: [*]const TcpInfoField = &[_]TcpInfoField{},
    tcp_info_field_count: usize = 0,
    /// The shared fields, made from those (static).
    tcp_info_common: [*]const TcpInfoCommon = &[_]TcpInfoCommon{},
    tcp_info_common_count: usize = 0,
    /// The names of the values of the `state` field (static): the RFC 793
    /// names (ESTABLISHED, SYN_RECEIVED, FIN_WAIT_1, CLOSED, ...), valued as
    /// the platform's header values them.
    tcp_states: [*]const Constant = &[_]Constant{},
    tcp_state_count: usize = 0,
    // -- batch datagrams ------------------------------------------------------------
    /// Receives up to `count` (1..max_batch) messages: `msgs[i]` is filled as
    /// `recvmsg` fills its Message (addr_len, msg_flags, control_len) and
    /// `lengths[i]` gets its byte count (as recvmsg returns it: with
    /// MSG_TRUNC in `flags`, possibly more than the buffers hold). On a
    /// blocking socket it blocks for the first message only, never to fill
    /// the batch. Returns the number of messages received (>= 1), or -1 when
    /// the first one failed; a failure after that ends the batch early. May
    /// block.
    recvmmsg: ?*const fn (h: H, msgs: [*]Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize = null,
    /// Sends `msgs[0..count]` (1..max_batch), each as `sendmsg` sends one;
    /// `lengths[i]` gets the bytes sent of message i. Returns the number of
    /// messages sent (>= 1; fewer than `count` when the socket would block
    /// or a later message failed), or -1 when the first one failed. May block.
    sendmmsg: ?*const fn (h: H, msgs: [*]const Message, lengths: [*]usize, count: usize, flags: i32, err: E) callconv(.c) isize = null,
    // -- kernel file copy (TransmitFile) ----------------------------------------------
    /// Sends bytes `offset ..< offset + count` of the file behind the C
    /// runtime descriptor `fd` (the CRT the interpreter uses) over the
    /// connected stream socket `h`, which must be in blocking mode; the
    /// kernel copies them. Where the OS has a sendfile(2) that the package
    /// reaches through `os.sendfile`, the entry is null. Returns:
    ///    1: done; `*sent` bytes went out: min(count, bytes the file has past
    ///       `offset`, the OS's limit per call), 0 at or past the end. The
    ///       file position is left where it was (the caller sets it).
    ///    0: this file or socket cannot be sent this way (not a descriptor of
    ///       that CRT, not a disk file, a text-mode descriptor, no kernel copy
    ///       for this socket); nothing was sent, `err` untouched: the caller
    ///       reads and sends the bytes itself.
    ///   -1: the OS failed (`err`); `*sent` is 0. A connection that cannot
    ///       take data fails a send of nothing made first, and then no byte
    ///       of the range went out; when TransmitFile itself fails, part of
    ///       the range may have (the OS does not say how much).
    /// May block.
    transmit_file: ?*const fn (h: H, fd: i32, offset: u64, count: u64, sent: *u64, err: E) callconv(.c) c_int = null,
    // -- resolver with a timeout ------------------------------------------------
    // A lookup the caller can stop waiting for: start it, wait for it as long
    // as the caller's timeout allows (the binding owns the clock and retries
    // after EINTR), then end it, taking its result or abandoning it.
    /// Starts getaddrinfo with the arguments of `getaddrinfo` (the strings are
    /// copied) and returns at once. On success `*request` is the caller's until
    /// it gives it to `getaddrinfo_end`, which it must do exactly once.
    getaddrinfo_start: ?*const fn (host: ?[*:0]const u8, service: ?[*:0]const u8, family: i32, socktype: i32, proto: i32, flags: i32, request: *?*anyopaque, err: E) callconv(.c) c_int = null,
    /// Waits up to `timeout_ms` (< 0: without limit) for the lookup to finish.
    /// Returns 1 when it has, 0 when not yet, -1 on error (EINTR: flag
    /// `interrupted`); the request stays the caller's in every case. May block.
    getaddrinfo_wait: ?*const fn (request: *anyopaque, timeout_ms: i32, err: E) callconv(.c) c_int = null,
    /// Ends the caller's use of `request`. With `list`, once `getaddrinfo_wait`
    /// returned 1: the lookup's outcome exactly as `getaddrinfo` reports it
    /// (0 with `*list`, walked with addrinfo_next and given back with
    /// freeaddrinfo; or -1 with `err`). Without `list` (or before the lookup
    /// finished, `*list` then null): abandons it, returning 0; the backend
    /// cancels it where the OS can, else lets it run to its end and frees what
    /// it leaves. Never blocks.
    getaddrinfo_end: ?*const fn (request: *anyopaque, list: ?*?*anyopaque, err: E) callconv(.c) c_int = null,
};
