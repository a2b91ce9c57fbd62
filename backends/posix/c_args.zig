//! Passing sockaddr pointers to the translated C prototypes.
//!
//! glibc, when _GNU_SOURCE is on (it is: see linux/sys.h), declares the
//! sockaddr parameter of bind, connect, accept, getsockname, sendto, ... as a
//! "transparent union" of pointer types (__SOCKADDR_ARG); musl and the BSDs
//! declare a plain `struct sockaddr *`. `sockaddr` builds whichever the
//! prototype wants, so the calling code is the same everywhere.

/// The type of parameter `index` of C function `func`.
pub fn Param(comptime func: anytype, comptime index: usize) type {
    return @typeInfo(@TypeOf(func)).@"fn".param_types[index].?;
}

/// `ptr` (a borrowed, possibly unaligned native sockaddr buffer) as the
/// parameter type `P`.
pub inline fn sockaddr(comptime P: type, ptr: anytype) P {
    // The kernel reads and writes sockaddrs byte by byte, so the binding's
    // buffers need no particular alignment: skip the alignment safety check.
    @setRuntimeSafety(false);
    return switch (@typeInfo(P)) {
        .@"union" => |u| @unionInit(P, u.field_names[0], @ptrCast(@alignCast(ptr))),
        else => @ptrCast(@alignCast(ptr)),
    };
}
