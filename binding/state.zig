//! Process-wide state of the binding: the loaded backend, the exception types
//! `_core` creates, the few backend constants the binding itself acts on, and
//! the module's default timeout.
const abi = @import("abi");
const py = @import("python.zig");

/// Set once by `_core._load`, which the package calls on import before any
/// other entry point can run.
pub var vt: *const abi.Vtable = undefined;
var is_loaded = false;

pub var herror: *py.PyObject = undefined;
pub var gaierror: *py.PyObject = undefined;

/// Native values of the constants the binding needs (0 or -1 when absent).
pub var sock_stream: i32 = 1;
pub var af_inet: i32 = -1;
pub var af_inet6: i32 = -1;
pub var af_unix: i32 = -1;
pub var sock_nonblock: i32 = 0;
pub var sock_cloexec: i32 = 0;
pub var somaxconn: i32 = 128;
/// For gaierror "address family mismatched".
pub var eai_family: i32 = -6;
/// errno.EWOULDBLOCK of the running Python, which connect_ex returns on timeout.
pub var ewouldblock: i32 = 11;

/// Seconds-as-nanoseconds for new sockets; -1 means None (blocking).
pub var default_timeout_ns: i64 = -1;

pub fn loaded() bool {
    if (!is_loaded) py.PyErr_SetString(py.PyExc_ImportError, "pysock._core: no backend loaded");
    return is_loaded;
}

pub fn install(table: *const abi.Vtable) void {
    vt = table;
    for (table.constants[0..table.constant_count]) |c| {
        const name = std.mem.span(c.name);
        const v: i32 = @truncate(c.value);
        if (eql(name, "EAI_FAMILY")) eai_family = v;
        if (eql(name, "SOCK_STREAM")) sock_stream = v;
        if (eql(name, "AF_INET")) af_inet = v;
        if (eql(name, "AF_INET6")) af_inet6 = v;
        if (eql(name, "AF_UNIX")) af_unix = v;
        if (eql(name, "SOCK_NONBLOCK")) sock_nonblock = v;
        if (eql(name, "SOCK_CLOEXEC")) sock_cloexec = v;
        if (eql(name, "SOMAXCONN")) somaxconn = v;
    }
    is_loaded = true;
}

const std = @import("std");
fn eql(a: []const u8, b: []const u8) bool {
    return std.mem.eql(u8, a, b);
}
