//! Audit events (PEP 578) with the stdlib's event names and arguments.
//!
//! PySys_Audit is in the stable ABI only from 3.13, so python3.dll of 3.11
//! and 3.12 lacks it; the events go through `sys.audit` instead, which raises
//! them in the same way for every hook.
const py = @import("python.zig");
const errors = @import("errors.zig");

/// Raises `event` with `items` (new references, stolen) as its arguments.
/// False, with the exception set, when a hook refused it.
pub fn event(name: [*:0]const u8, items: anytype) bool {
    const hook = py.PySys_GetObject("audit") orelse {
        // No sys.audit (a finalizing interpreter): nothing to tell.
        inline for (0..items.len) |i| py.Py_DecRef(items[i]);
        return true;
    };
    const call_args = errors.pack(.{py.PyUnicode_FromString(name)} ++ items) orelse return false;
    defer py.Py_DecRef(call_args);
    const r = py.PyObject_Call(hook, call_args, null) orelse return false;
    py.Py_DecRef(r);
    return true;
}
