//! setsockopt/getsockopt, passed through, plus an int-option reader the
//! backends' `info` entries share.
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handles = @import("handles.zig");
const clampLength = @import("connection.zig").clampLength;

const H = abi.Handle;
const E = *abi.Error;

/// `val` may be null (setsockopt(level, name, None, optlen) in Python).
pub fn setsockopt(h: H, level: i32, name: i32, val: ?*const anyopaque, len: u32, err: E) callconv(.c) c_int {
    if (sys.setsockopt(handles.fd(h), level, name, val, len) != 0) return errors.fail(err);
    return 0;
}

pub fn getsockopt(h: H, level: i32, name: i32, val: *anyopaque, len: *u32, err: E) callconv(.c) c_int {
    const capacity = len.*;
    if (sys.getsockopt(handles.fd(h), level, name, val, len) != 0) return errors.fail(err);
    clampLength(len, capacity);
    return 0;
}

/// Reads an int-valued socket option into `out`: 0, or -1 with `err`.
pub fn getInt(h: H, level: c_int, name: c_int, out: *i32, err: E) c_int {
    var value: c_int = 0;
    var size: sys.socklen_t = @sizeOf(c_int);
    if (sys.getsockopt(handles.fd(h), level, name, &value, &size) != 0) return errors.fail(err);
    out.* = value;
    return 0;
}
