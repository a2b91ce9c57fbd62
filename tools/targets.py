"""The one table of what pysock is built for: Zig target -> wheel platform tag.

Every wheel's tag comes from here, never typed by hand. The build hook
(tools/hatch_build.py), `nox -s wheels`, the binary checker (tools/checkwheel.py)
and the cibuildwheel test read it.

Tags with a dot are compressed tag sets (PEP 425): the manylinux wheels carry
the PEP 600 name and its manylinux2014 alias, so that pip older than 20.3 takes
them too.

FreeBSD: PyPI accepts no FreeBSD tag. A FreeBSD pip accepts exactly
`freebsd_<release>_<machine>` of the running system (`sysconfig.get_platform()`,
e.g. 14.0-RELEASE -> freebsd_14_0_release_amd64; a patched 14.0-RELEASE-p5
already wants another tag), so the wheel here is for 14.0-RELEASE; on any other
FreeBSD the route is the sdist (see README, "FreeBSD").
"""
import os
import platform
import sys
import sysconfig

PYTHON_TAG = "cp311-abi3"  # one stable-ABI wheel per platform, CPython 3.11+

TARGETS = {
    "x86_64-linux-gnu.2.17": "manylinux_2_17_x86_64.manylinux2014_x86_64",
    "aarch64-linux-gnu.2.17": "manylinux_2_17_aarch64.manylinux2014_aarch64",
    "x86_64-linux-musl": "musllinux_1_2_x86_64",
    "aarch64-linux-musl": "musllinux_1_2_aarch64",
    "aarch64-macos.11.0": "macosx_11_0_arm64",
    "x86_64-macos.10.12": "macosx_10_12_x86_64",
    "x86_64-windows-gnu": "win_amd64",
    "aarch64-windows-gnu": "win_arm64",
    "x86_64-freebsd.14.0": "freebsd_14_0_release_amd64",
}

# Wheels PyPI takes (all but FreeBSD's).
UPLOADABLE = [target for target in TARGETS if "freebsd" not in target]

# Python's names for the machine (sysconfig, VSCMD_ARG_TGT_ARCH) -> Zig's.
_MACHINES = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}


def platform_tags(target):
    """The platform tags a wheel for `target` carries (the compressed set, split)."""
    try:
        return TARGETS[target].split(".")
    except KeyError:
        raise ValueError(f"pysock builds no wheel for Zig target {target!r}; "
                         f"known targets: {', '.join(TARGETS)}") from None


def wheel_tag(target, requested=None):
    """The full wheel tag for `target`. A requested platform tag must be one of
    the target's own; anything else is an error, never a silent relabel."""
    tags = platform_tags(target)
    if requested and requested not in (TARGETS[target], *tags):
        raise ValueError(f"wheel platform tag {requested!r} contradicts Zig target {target!r} "
                         f"(its tag is {TARGETS[target]!r})")
    return f"{PYTHON_TAG}-{TARGETS[target]}"


def host_target():
    """The table's target for the platform being built for: this machine, or
    the one a cross-build names the way CPython's own tools do
    (_PYTHON_HOST_PLATFORM, which sysconfig.get_platform() reads, as
    cibuildwheel sets it for macOS x86_64 on arm64; VSCMD_ARG_TGT_ARCH for
    Windows ARM64 on x64). On Linux that is glibc 2.17 (manylinux2014) or
    musl, whatever the host's own libc version is."""
    machine = sysconfig.get_platform().rsplit("-", 1)[-1].lower()
    if sys.platform == "win32":
        machine = os.environ.get("VSCMD_ARG_TGT_ARCH", machine).lower()
    machine = _MACHINES.get(machine, machine)
    system = sys.platform
    if system.startswith("linux"):
        libc = "musl" if platform.libc_ver()[0] != "glibc" else "gnu.2.17"
        target = f"{machine}-linux-{libc}"
    elif system == "darwin":
        target = {"aarch64": "aarch64-macos.11.0", "x86_64": "x86_64-macos.10.12"}.get(machine)
    elif system == "win32":
        target = f"{machine}-windows-gnu"
    elif system.startswith("freebsd"):
        target = f"{machine}-freebsd.14.0"
    else:
        target = None
    if target not in TARGETS:
        raise ValueError(f"pysock builds no wheel for this host ({sysconfig.get_platform()}); "
                         f"known targets: {', '.join(TARGETS)}")
    return target


def zig_command(prefix, target, optimize="ReleaseFast"):
    """The `zig build` that installs the binaries for `target` under prefix/pysock.
    Zig is the `ziglang` package from PyPI; PYSOCK_ZIG names another zig
    executable (for hosts PyPI has no ziglang wheel for, such as FreeBSD)."""
    zig = os.environ.get("PYSOCK_ZIG")
    command = [zig] if zig else [sys.executable, "-m", "ziglang"]
    return [*command, "build", f"-Doptimize={optimize}", f"-Dtarget={target}", "--prefix", prefix]
