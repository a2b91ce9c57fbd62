//! socket.sendfile()'s kernel copy on Windows: TransmitFile sends a range of
//! a file over a connected stream socket without the bytes passing through
//! Python (the vtable's `transmit_file`; the package loops over ranges).
//!
//! The file arrives as the C runtime descriptor of `file.fileno()`. CPython
//! on Windows keeps its descriptors in the Universal CRT (ucrtbase.dll, to
//! which the api-ms-win-crt-* sets forward), so the HANDLE is asked of that
//! module by name, not of whatever CRT this library was linked with: the
//! descriptor table is per CRT, and another CRT's would answer for a
//! different file. A process without ucrtbase.dll loaded cannot hold UCRT
//! descriptors, and the caller then uses its send() loop.
//!
//! The call: TransmitFile with an OVERLAPPED structure, whose Offset says
//! where in the file to start, and a wait for its completion event. That
//! needs no file pointer (the Python file object's buffered reader trusts
//! its raw position; the pointer is still saved and put back, since the
//! documentation does not promise that a synchronous file handle's stays
//! put) and lets the wait wake up: every `nudge_ms` it asks select() about
//! the socket, which costs nothing on Windows and under Wine makes the
//! server look at the socket again; Wine otherwise leaves a transfer to a
//! peer that closed and then reset the connection waiting for ever. The
//! event's low bit is set, so no completion packet reaches an I/O port the
//! socket may belong to. A socket without the overlapped attribute (not
//! one pysock made) completes the call before it returns.
const std = @import("std");
const abi = @import("abi");
const sys = @import("sys");
const errors = @import("errors.zig");
const handle = @import("handle.zig");
const transfer = @import("transfer.zig");

const H = abi.Handle;
const E = *abi.Error;

/// TransmitFile sends at most 2**31 - 2 bytes per call.
pub const max_per_call: u64 = std.math.maxInt(i32) - 1;

/// The answers of `transmit_file` (backends/abi/vtable.zig).
const done: c_int = 1;
const cannot: c_int = 0;

pub fn transmitFile(h: H, fd: i32, offset: u64, count: u64, sent: *u64, err: E) callconv(.c) c_int {
    sent.* = 0;
    const s = handle.toSocket(h);
    const transmit = transmitFunction(s) orelse return cannot;
    const file = diskFile(fd) orelse return cannot;
    // A failed TransmitFile does not say how much of the range went out.
    // Sending nothing first finds a connection that cannot take data (shut
    // down, reset, not connected), with send()'s own error, before any
    // byte of the range moves.
    if (sys.send(s, "", 0, 0) == sys.SOCKET_ERROR) return errors.lastWinsock(err);
    var size: sys.LARGE_INTEGER = undefined;
    if (sys.GetFileSizeEx(file, &size) == 0 or size.QuadPart < 0) return cannot;
    const end: u64 = @intCast(size.QuadPart);
    if (count == 0 or offset >= end) return done;
    const n = @min(count, end - offset, max_per_call);

    var saved: sys.LARGE_INTEGER = undefined;
    if (sys.SetFilePointerEx(file, position(0), &saved, sys.FILE_CURRENT) == 0) return cannot;
    defer _ = sys.SetFilePointerEx(file, saved, null, sys.FILE_BEGIN);
    const event = sys.CreateEventW(null, 1, 0, null) orelse return cannot;
    defer _ = sys.CloseHandle(event);
    var overlapped: sys.OVERLAPPED = .{ .hEvent = @ptrFromInt(@intFromPtr(event) | 1) };
    overlapped.unnamed_0.unnamed_0.Offset = @truncate(offset);
    overlapped.unnamed_0.unnamed_0.OffsetHigh = @truncate(offset >> 32);
    if (transmit(s, file, @intCast(n), 0, &overlapped, null, 0) == 0) {
        const code = sys.WSAGetLastError();
        if (code != sys.WSA_IO_PENDING) {
            // Refused as a whole before any byte moved (a socket whose
            // provider has no TransmitFile): the caller's send() loop can do it.
            if (code == sys.WSAEOPNOTSUPP) return cannot;
            return errors.winsock(err, code);
        }
        waitFor(h, event, &overlapped);
        var moved: sys.DWORD = 0;
        var flags: sys.DWORD = 0;
        if (sys.WSAGetOverlappedResult(s, &overlapped, &moved, 0, &flags) == 0) return errors.lastWinsock(err);
    }
    sent.* = n;
    return done;
}

/// How often the wait for a transfer asks select() about the socket.
const nudge_ms: sys.DWORD = 200;

/// Returns once the transfer of `overlapped` has ended (the OVERLAPPED lives
/// on the caller's stack: the call must not return before the OS is done).
fn waitFor(h: H, event: sys.HANDLE, overlapped: *sys.OVERLAPPED) void {
    while (true) {
        const woke = sys.WaitForSingleObject(event, nudge_ms);
        if (woke == sys.WAIT_OBJECT_0) return;
        if (woke != sys.WAIT_TIMEOUT) break;
        var ignored: abi.Error = .{};
        _ = transfer.wait(h, 1, 0, &ignored);
    }
    // The event cannot be waited on: cancel, then wait on the socket itself
    // for the end of the cancelled transfer.
    _ = sys.CancelIoEx(handle.toWin32Handle(h), overlapped);
    var moved: sys.DWORD = 0;
    var flags: sys.DWORD = 0;
    _ = sys.WSAGetOverlappedResult(handle.toSocket(h), overlapped, &moved, 1, &flags);
}

fn position(at: i64) sys.LARGE_INTEGER {
    return .{ .QuadPart = at };
}

/// TransmitFile of the socket's provider (a Winsock extension function is
/// looked up per socket: each provider has its own), or null when the
/// socket has none (or is no socket).
fn transmitFunction(s: sys.SOCKET) ?@typeInfo(sys.LPFN_TRANSMITFILE).optional.child {
    var guid = sys.PYSOCK_WSAID_TRANSMITFILE;
    var function: sys.LPFN_TRANSMITFILE = null;
    var returned: sys.DWORD = 0;
    const rc = sys.WSAIoctl(s, sys.SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, @sizeOf(sys.GUID), @ptrCast(&function), @sizeOf(sys.LPFN_TRANSMITFILE), &returned, null, null);
    if (rc != 0 or returned != @sizeOf(sys.LPFN_TRANSMITFILE)) return null;
    return function;
}

// -- the descriptor's file ---------------------------------------------------------

const GetOsfHandle = *const @TypeOf(sys._get_osfhandle);
const SetMode = *const @TypeOf(sys._setmode);
/// Not declared by mingw-w64's headers; ucrtbase.dll exports it.
const SetThreadLocalHandler = *const fn (sys._invalid_parameter_handler) callconv(.c) sys._invalid_parameter_handler;

const Ucrt = struct {
    get_osfhandle: GetOsfHandle,
    setmode: SetMode,
    set_thread_local_handler: SetThreadLocalHandler,

    /// The calls of the UCRT this process already loaded, or null.
    fn loaded() ?Ucrt {
        const module = sys.GetModuleHandleW(std.unicode.utf8ToUtf16LeStringLiteral("ucrtbase.dll")) orelse return null;
        return .{
            .get_osfhandle = @ptrCast(sys.GetProcAddress(module, "_get_osfhandle") orelse return null),
            .setmode = @ptrCast(sys.GetProcAddress(module, "_setmode") orelse return null),
            .set_thread_local_handler = @ptrCast(sys.GetProcAddress(module, "_set_thread_local_invalid_parameter_handler") orelse return null),
        };
    }
};

/// The UCRT calls a bad descriptor "an invalid parameter", whose default
/// handler ends the process; for the duration of the lookup this thread's
/// handler ignores it (as CPython's _Py_BEGIN_SUPPRESS_IPH), and the call
/// returns its error value instead.
fn ignoreInvalidParameter(_: [*c]const sys.wchar_t, _: [*c]const sys.wchar_t, _: [*c]const sys.wchar_t, _: c_uint, _: usize) callconv(.c) void {}

/// The HANDLE of UCRT descriptor `fd` if it is a disk file in binary mode,
/// else null. A text-mode descriptor translates what it reads (CR LF,
/// Ctrl-Z), which a kernel copy would not.
fn diskFile(fd: i32) ?sys.HANDLE {
    const ucrt = Ucrt.loaded() orelse return null;
    const previous = ucrt.set_thread_local_handler(&ignoreInvalidParameter);
    defer _ = ucrt.set_thread_local_handler(previous);
    const os_handle = ucrt.get_osfhandle(fd);
    // -1: no such descriptor; -2: a standard stream without a handle.
    if (os_handle == -1 or os_handle == -2) return null;
    // _setmode answers the mode it replaced; binary over binary is no change,
    // and any other mode is put back at once.
    const mode = ucrt.setmode(fd, sys._O_BINARY);
    if (mode == -1) return null;
    if (mode != sys._O_BINARY) {
        _ = ucrt.setmode(fd, mode);
        return null;
    }
    const file: sys.HANDLE = @ptrFromInt(@as(usize, @bitCast(os_handle)));
    if (sys.GetFileType(file) != sys.FILE_TYPE_DISK) return null;
    return file;
}
