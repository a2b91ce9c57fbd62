//! Builds, for one target, the platform backend and the `_core` binding, and
//! installs both into `zig-out/pysock/`:
//!   zig build -Dtarget=x86_64-linux-gnu.2.17 -Doptimize=ReleaseFast
//! The backend family follows the target OS: Linux -> backends/linux,
//! macOS/FreeBSD -> backends/bsd, Windows -> backends/windows. Beside them,
//! backends/faults: the fault-injecting wrapper of the same backend.
const std = @import("std");

pub const Family = enum { linux, bsd, windows };

pub fn familyOf(os: std.Target.Os.Tag) ?Family {
    return switch (os) {
        .linux => .linux,
        .macos, .freebsd, .netbsd, .openbsd, .dragonfly => .bsd,
        .windows => .windows,
        else => null,
    };
}

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    // Shipped binaries carry no debug info; a Debug build keeps it.
    const strip = b.option(bool, "strip", "strip debug info (default: on unless Debug)") orelse (optimize != .debug);
    // The mutation driver's coverage build (tools/mutation/reach.py): a
    // guard per basic block of the binding and the backend, marked when the
    // block runs, which a test run reads to learn which tests reach which
    // lines. The guards are an LLVM feature: these two build with LLVM.
    const coverage = b.option(bool, "coverage", "mark basic blocks for the mutation driver (Debug)") orelse false;
    const use_llvm: ?bool = if (coverage) true else null;
    const family = familyOf(target.result.os.tag) orelse {
        b.getInstallStep().dependOn(&b.addFail("pysock has no backend for this OS").step);
        return;
    };
    const out_dir: std.Build.InstallDir = .{ .custom = "pysock" };

    const abi = b.createModule(.{ .root_source_file = b.path("backends/abi/vtable.zig") });
    // OS-neutral backend code (memory the binding borrows): one copy for
    // the shared POSIX code and the Windows backend alike.
    const shared = b.createModule(.{
        .root_source_file = b.path("backends/shared/shared.zig"),
        .imports = &.{.{ .name = "abi", .module = abi }},
    });

    // --- the backend: one shared library per platform family ---------------
    // Constants and struct layouts come from the target's own C headers,
    // translated to Zig at build time.
    const sys_header = b.path(b.fmt("backends/{s}/sys.h", .{@tagName(family)}));
    const sys = b.addTranslateC(.{ .root_source_file = sys_header, .target = target, .optimize = optimize }).createModule();
    const posix = b.createModule(.{
        .root_source_file = b.path("backends/posix/posix.zig"),
        .imports = &.{
            .{ .name = "abi", .module = abi },
            .{ .name = "sys", .module = sys },
            .{ .name = "shared", .module = shared },
        },
    });
    const backend_mod = b.createModule(.{
        .root_source_file = b.path(b.fmt("backends/{s}/backend.zig", .{@tagName(family)})),
        .target = target,
        .optimize = optimize,
        .strip = strip,
        .link_libc = true,
        .imports = &.{
            .{ .name = "abi", .module = abi },
            .{ .name = "sys", .module = sys },
            .{ .name = "posix", .module = posix },
            .{ .name = "shared", .module = shared },
        },
    });
    if (family == .linux) {
        // The kernel's struct tcp_info (backends/linux/tcp_info.h): its UAPI
        // header clashes with the C library's <netinet/tcp.h> in sys.h.
        const uapi = b.addTranslateC(.{ .root_source_file = b.path("backends/linux/tcp_info.h"), .target = target, .optimize = optimize });
        backend_mod.addImport("tcp_uapi", uapi.createModule());
    }
    if (family == .windows) {
        backend_mod.linkSystemLibrary("ws2_32", .{});
        // Interface names and indexes (if_nameindex and friends).
        backend_mod.linkSystemLibrary("iphlpapi", .{});
    }
    const backend_file = backendFileName(b, target.result, @tagName(family));
    const backend = b.addLibrary(.{
        .linkage = .dynamic,
        .name = b.fmt("pysock_backend_{s}", .{@tagName(family)}),
        .root_module = backend_mod,
        .use_llvm = use_llvm,
    });
    if (coverage) addCoverage(b, backend, target, out_dir);
    installBeside(b, backend, out_dir, backend_file);

    // --- the fault-injecting backend (tests load it with PYSOCK_BACKEND) -----
    // It wraps the real backend above, found beside it by file name. Shipped:
    // inert unless PYSOCK_BACKEND names it, and the installed package's
    // tests need it without a compiler (backends/faults/README.md).
    const fault_options = b.addOptions();
    fault_options.addOption([]const u8, "real_backend", backend_file);
    const faults_mod = b.createModule(.{
        .root_source_file = b.path("backends/faults/faults.zig"),
        .target = target,
        .optimize = optimize,
        .strip = strip,
        .link_libc = true,
        .imports = &.{
            .{ .name = "abi", .module = abi },
            .{ .name = "options", .module = fault_options.createModule() },
        },
    });
    if (family == .windows) faults_mod.linkSystemLibrary("kernel32", .{});
    const faults = b.addLibrary(.{ .linkage = .dynamic, .name = "pysock_backend_faults", .root_module = faults_mod });
    installBeside(b, faults, out_dir, backendFileName(b, target.result, "faults"));

    // --- the binding: one abi3 extension module ---------------------------
    const core_mod = b.createModule(.{
        .root_source_file = b.path("binding/core.zig"),
        .target = target,
        .optimize = optimize,
        .strip = strip,
        .link_libc = true,
        .imports = &.{.{ .name = "abi", .module = abi }},
    });
    const core = b.addLibrary(.{ .linkage = .dynamic, .name = "_core", .root_module = core_mod, .use_llvm = use_llvm });
    if (family == .windows) {
        // Link python3.dll through an import library made from our .def file.
        const dlltool = b.addSystemCommand(&.{ b.graph.zig_exe, "dlltool", "-m", machineOf(target.result), "-d" });
        dlltool.addFileArg(b.path("binding/python3.def"));
        dlltool.addArg("-l");
        core_mod.addObjectFile(dlltool.addOutputFileArg("libpython3.a"));
        core_mod.linkSystemLibrary("kernel32", .{});
    } else {
        // Python's symbols resolve against the interpreter at load time.
        core.linker_allow_shlib_undefined = true;
    }
    if (coverage) addCoverage(b, core, target, out_dir);
    installBeside(b, core, out_dir, if (family == .windows) "_core.pyd" else "_core.abi3.so");
}

/// The coverage build of a library: its blocks call the guard runtime
/// (tools/mutation/coverage_runtime.zig), a library of its own beside it,
/// uninstrumented. Of its own because the instrumentation reaches its one
/// thread-local variable by the static TLS model, which a library loaded at
/// run time may use only for a few bytes: the runtime's 8, where the
/// binding's own thread-local storage is far more.
fn addCoverage(b: *std.Build, lib: *std.Build.Step.Compile, target: std.Build.ResolvedTarget, out_dir: std.Build.InstallDir) void {
    const runtime = b.addLibrary(.{
        .linkage = .dynamic,
        .name = "pysock_coverage",
        .root_module = b.createModule(.{
            .root_source_file = b.path("tools/mutation/coverage_runtime.zig"),
            .target = target,
            .optimize = .ReleaseFast,
        }),
    });
    lib.sanitize_coverage_trace_pc_guard = true;
    lib.root_module.linkLibrary(runtime);
    lib.root_module.addRPathSpecial("$ORIGIN");
    installBeside(b, runtime, out_dir, "libpysock_coverage.so");
}

/// Installs a library into the package folder under its final file name
/// alone (no import library, PDB or versioned symlinks: a wheel holds one
/// file per binary).
fn installBeside(b: *std.Build, lib: *std.Build.Step.Compile, out_dir: std.Build.InstallDir, file_name: []const u8) void {
    b.getInstallStep().dependOn(&b.addInstallArtifact(lib, .{
        .dest_dir = .{ .override = out_dir },
        .implib_dir = .disabled,
        .pdb_dir = .disabled,
        .dylib_symlinks = false,
        .dest_sub_path = file_name,
    }).step);
}

/// pysock_backend_NAME.{so,dylib,dll}: NAME is the family, or "faults".
fn backendFileName(b: *std.Build, t: std.Target, name: []const u8) []const u8 {
    const ext = switch (t.os.tag) {
        .windows => "dll",
        .macos => "dylib",
        else => "so",
    };
    return b.fmt("pysock_backend_{s}.{s}", .{ name, ext });
}

fn machineOf(t: std.Target) []const u8 {
    return switch (t.cpu.arch) {
        .x86_64 => "i386:x86-64",
        .aarch64 => "arm64",
        .x86 => "i386",
        else => "i386:x86-64",
    };
}
