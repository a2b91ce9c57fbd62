//! Audit events (PEP 578) of the socket API, raised as the stdlib raises them.
//!
//! Why not PySys_Audit: it joined the limited C API only in 3.13. The 3.11
//! limited headers do not declare it and the python3.dll of Windows CPython
//! 3.11/3.12 does not export it, so an abi3 module built for 3.11 that
//! imported it would fail to load there. `sys.audit(event, *args)` is the
//! same entry point for Python code: it runs the same hooks (C-level and
//! Python-level) with the same (event, args-tuple) pair.
//!
//! The function is captured once, when `_core` is imported, so that code
//! which later rebinds `sys.audit` cannot silence the events of pysock.
const py = @import("python.zig");
const errors = @import("errors.zig");

var sys_audit: ?*py.PyObject = null;

/// Looks up sys.audit; called from the module's init. False with an
/// exception set when the interpreter has none.
pub fn capture() bool {
    if (sys_audit != null) return true;
    const f = py.PySys_GetObject("audit") orelse {
        py.PyErr_SetString(py.PyExc_ImportError, "pysock: sys.audit is missing");
        return false;
    };
    sys_audit = py.newRef(f);
    return true;
}

/// Raises the audit event `event` with the argument tuple built from
/// `items` (new references, stolen, as `errors.pack` takes them).
/// Returns false with the hook's exception set when a hook refuses.
pub fn raise(comptime event: [:0]const u8, items: anytype) bool {
    const name = py.PyUnicode_FromStringAndSize(event.ptr, event.len);
    const argv = errors.pack(.{name} ++ items) orelse return false;
    defer py.Py_DecRef(argv);
    const result = py.PyObject_Call(sys_audit.?, argv, null) orelse return false;
    py.Py_DecRef(result);
    return true;
}
