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

/// Room for any native sockaddr a backend produces (sockaddr_storage is 128).
pub const max_native_addr: usize = 128;

/// A socket address in a platform-neutral shape. The backend converts it to
/// and from its native sockaddr; the binding converts it to and from Python.
///   AF_INET / AF_INET6: nums = {port, flowinfo, scope_id}; data = the 4 or 16
///     address bytes in network order.
///   AF_UNIX: data = the path bytes (a leading NUL is the Linux abstract
///     namespace); an unnamed socket has data_len 0.
///   Any other family (decode only): data = the raw bytes after the family.
pub const Address = extern struct {
    family: i32 = 0,
    data_len: u32 = 0,
    nums: [8]u64 = @splat(0),
    name_len: u32 = 0,
    _reserved: u32 = 0,
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
};
