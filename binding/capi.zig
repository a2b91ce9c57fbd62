//! `_core.CAPI`: a capsule for C extensions that want pysock's socket type.
//!
//! The stdlib's `_socket.CAPI` carries {socket type, error, timeout error}
//! for `_ssl`, which then reads the fields of CPython's socket struct. This
//! capsule has the same three members but describes pysock's own type, whose
//! instances have pysock's layout (binding/socket.zig `Sock`), not CPython's.
//! Its name, "pysock._core.CAPI", keeps the two apart: code asking for
//! "_socket.CAPI" gets a ValueError from PyCapsule_GetPointer rather than a
//! struct it would misread. Import it with PyCapsule_Import("pysock._core.CAPI", 0).
const py = @import("python.zig");

pub const capsule_name = "pysock._core.CAPI";

pub const Api = extern struct {
    Sock_Type: *py.PyTypeObject,
    @"error": *py.PyObject,
    timeout_error: *py.PyObject,
};

/// Lives as long as the process: the module (m_size -1) is never unloaded
/// and keeps the type alive.
var api: Api = undefined;

/// Adds the capsule to `mod` as CAPI. False with an exception set on failure.
pub fn add(mod: *py.PyObject, sock_type: *py.PyObject) bool {
    api = .{
        .Sock_Type = @ptrCast(@alignCast(sock_type)),
        .@"error" = py.PyExc_OSError,
        .timeout_error = py.PyExc_TimeoutError,
    };
    const capsule = py.PyCapsule_New(&api, capsule_name, null) orelse return false;
    defer py.Py_DecRef(capsule);
    return py.PyModule_AddObjectRef(mod, "CAPI", capsule) == 0;
}
