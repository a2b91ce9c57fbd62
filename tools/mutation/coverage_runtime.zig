//! The runtime of the mutation driver's coverage build (zig build
//! -Dcoverage=true; tools/mutation/reach.py). LLVM puts a call to
//! __sanitizer_cov_trace_pc_guard at the start of every basic block of the
//! binding and the backend, each with a guard of its own in the library's
//! __sancov_guards section. The call marks the guard; the test run clears the
//! section before a test and reads which guards are marked after it. This
//! object is built without the instrumentation, so nothing here calls back.

/// Called once per library at load with its guard section: the guards start
/// at zero (unmarked), so there is nothing to number.
export fn __sanitizer_cov_trace_pc_guard_init(start: *u32, stop: *u32) callconv(.c) void {
    _ = start;
    _ = stop;
}

/// A basic block ran: its guard is marked. A plain store, so that threads
/// racing on one guard all leave it marked.
export fn __sanitizer_cov_trace_pc_guard(guard: *volatile u32) callconv(.c) void {
    guard.* = 1;
}

/// The instrumentation also keeps the lowest stack address a thread reached
/// (stack-depth tracing); nothing reads it.
export threadlocal var __sancov_lowest_stack: usize = 0;
