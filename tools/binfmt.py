"""Checks that every binary in a pysock wheel is what the wheel's tag promises.

    python tools/binfmt.py dist/*.whl

Per platform tag (tools/targets.py), each shipped binary must be:
  manylinux_2_17_*   ELF64 of the tag's machine, linked to glibc (libc.so.6),
                     no symbol version above GLIBC_2.17
  musllinux_1_2_*    ELF64 of the tag's machine, linked to musl (libc.musl-<arch>.so.1),
                     no glibc
  freebsd_*          ELF64 of the tag's machine, linked to FreeBSD's libc.so.7
  macosx_X_Y_*       Mach-O 64 of the tag's architecture, minimum macOS <= X.Y
  win_*              PE32+ of the tag's machine
and carry no debug info. The wheel must hold exactly the binaries the
loader looks for on that platform. Prints one line per binary; exits 1 on any
mismatch. ELF is read with pyelftools (auditwheel's own ELF reader); Mach-O and
PE headers are read here, they are a few fixed fields.
"""
import io
import os
import re
import struct
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from targets import TARGETS  # noqa: E402

ELF_MACHINES = {"x86_64": "EM_X86_64", "amd64": "EM_X86_64", "aarch64": "EM_AARCH64", "arm64": "EM_AARCH64"}
MACHO_CPUS = {"x86_64": 0x01000007, "arm64": 0x0100000C}  # CPU_TYPE_X86_64, CPU_TYPE_ARM64
PE_MACHINES = {"amd64": 0x8664, "arm64": 0xAA64}
# The file names pysock/_loader.py and the import system look for.
# (and the fault-injecting backend, shipped for the installed tests).
EXPECTED_FILES = {
    "linux": {"_core.abi3.so", "pysock_backend_linux.so", "pysock_backend_faults.so"},
    "freebsd": {"_core.abi3.so", "pysock_backend_bsd.so", "pysock_backend_faults.so"},
    "macosx": {"_core.abi3.so", "pysock_backend_bsd.dylib", "pysock_backend_faults.dylib"},
    "win": {"_core.pyd", "pysock_backend_windows.dll", "pysock_backend_faults.dll"},
}
BINARY_SUFFIXES = (".so", ".dylib", ".dll", ".pyd")


def check_elf(data, machine, libc):
    from elftools.elf.dynamic import DynamicSection
    from elftools.elf.elffile import ELFFile
    from elftools.elf.gnuversions import GNUVerNeedSection

    elf = ELFFile(io.BytesIO(data))
    problems = []
    if elf.elfclass != 64 or elf["e_machine"] != ELF_MACHINES[machine]:
        problems.append(f"ELF{elf.elfclass} {elf['e_machine']}, not 64-bit {machine}")
    needed, glibc = set(), []
    for section in elf.iter_sections():
        if section.name.startswith(".debug"):
            problems.append(f"debug info ({section.name})")
        if isinstance(section, DynamicSection):
            needed |= {tag.needed for tag in section.iter_tags() if tag.entry.d_tag == "DT_NEEDED"}
        if isinstance(section, GNUVerNeedSection):
            for _, aux in section.iter_versions():
                glibc += [tuple(map(int, a.name[6:].split("."))) for a in aux if a.name.startswith("GLIBC_")]
    newest = max(glibc, default=None)
    if libc == "glibc":
        if "libc.so.6" not in needed:
            problems.append(f"not linked to glibc (needs {sorted(needed)})")
        if newest and newest > (2, 17):
            problems.append(f"needs GLIBC_{'.'.join(map(str, newest))} > 2.17")
    elif libc == "musl" and (f"libc.musl-{machine}.so.1" not in needed or glibc or "libc.so.6" in needed):
        problems.append(f"not linked to musl alone (needs {sorted(needed)})")
    elif libc == "freebsd" and ("libc.so.7" not in needed or glibc):
        problems.append(f"not linked to FreeBSD libc.so.7 (needs {sorted(needed)})")
    version = f", GLIBC_{'.'.join(map(str, newest))}" if newest else ""
    return f"ELF64 {elf['e_machine']}, needs {', '.join(sorted(needed))}{version}", problems


def check_macho(data, arch, min_os):
    magic, cputype, _, _, ncmds = struct.unpack_from("<IiIII", data)
    if magic != 0xFEEDFACF:
        return f"magic {magic:#x}", ["not a 64-bit little-endian Mach-O"]
    problems = [] if cputype == MACHO_CPUS[arch] else [f"CPU type {cputype:#x}, not {arch}"]
    offset, minos = 32, None
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, offset)
        if cmd == 0x32:  # LC_BUILD_VERSION: platform, minos, sdk
            minos = struct.unpack_from("<I", data, offset + 12)[0]
        elif cmd == 0x24:  # LC_VERSION_MIN_MACOSX: version, sdk
            minos = struct.unpack_from("<I", data, offset + 8)[0]
        elif cmd == 0x19 and data[offset + 8:offset + 24].rstrip(b"\0") == b"__DWARF":
            problems.append("debug info (__DWARF segment)")
        offset += size
    if minos is None:
        return "Mach-O", problems + ["no minimum macOS version"]
    found = (minos >> 16, (minos >> 8) & 0xFF)
    if found > min_os:
        problems.append(f"needs macOS {found[0]}.{found[1]} > {min_os[0]}.{min_os[1]}")
    return f"Mach-O 64 {arch}, minimum macOS {found[0]}.{found[1]}", problems


def check_pe(data, machine):
    if data[:2] != b"MZ":
        return "not PE", ["no MZ header"]
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    signature, found, sections, _, symbols, _, optional_size = struct.unpack_from("<4sHHIIIH", data, pe)
    magic = struct.unpack_from("<H", data, pe + 24)[0]
    problems = []
    if signature != b"PE\0\0" or magic != 0x20B:
        problems.append("not PE32+")
    if found != PE_MACHINES[machine]:
        problems.append(f"machine {found:#x}, not {machine} ({PE_MACHINES[machine]:#x})")
    table = pe + 24 + optional_size
    names = [data[table + 40 * i:table + 40 * i + 8].rstrip(b"\0").decode() for i in range(sections)]
    # Long section names (/N) and a COFF symbol table are where DWARF lives in PE.
    if symbols or any(name.startswith(("/", ".debug")) for name in names):
        problems.append(f"debug info (sections {names})")
    return f"PE32+ machine {found:#x}, sections {' '.join(names)}", problems


def expectation(platform_tag):
    """What the binaries of a wheel with this platform tag must be, as
    (expected file names, checker taking the file's bytes)."""
    if m := re.fullmatch(r"manylinux_2_17_(\w+)", platform_tag):
        return EXPECTED_FILES["linux"], lambda data: check_elf(data, m[1], "glibc")
    if m := re.fullmatch(r"musllinux_1_2_(\w+)", platform_tag):
        return EXPECTED_FILES["linux"], lambda data: check_elf(data, m[1], "musl")
    if m := re.fullmatch(r"freebsd_\w+_(amd64|arm64)", platform_tag):
        return EXPECTED_FILES["freebsd"], lambda data: check_elf(data, m[1], "freebsd")
    if m := re.fullmatch(r"macosx_(\d+)_(\d+)_(\w+)", platform_tag):
        min_os = (int(m[1]), int(m[2]))
        return EXPECTED_FILES["macosx"], lambda data: check_macho(data, m[3], min_os)
    if m := re.fullmatch(r"win_(amd64|arm64)", platform_tag):
        return EXPECTED_FILES["win"], lambda data: check_pe(data, m[1])
    raise ValueError(f"no expectation for platform tag {platform_tag!r}")


def check_wheel(path):
    """Returns the problems found in one wheel (empty: it is what its tag says)."""
    platform = os.path.basename(path)[:-4].split("-")[-1]
    if platform not in TARGETS.values():
        return [f"{os.path.basename(path)}: platform tag {platform!r} is not in the target table"]
    files, check = expectation(platform.split(".")[0])
    problems = []
    with zipfile.ZipFile(path) as wheel:
        binaries = {n: n.rsplit("/", 1)[-1] for n in wheel.namelist() if n.endswith(BINARY_SUFFIXES)}
        if set(binaries.values()) != files or any(not n.startswith("pysock/") for n in binaries):
            problems.append(f"binaries {sorted(binaries)}, expected pysock/ + {sorted(files)}")
        for name in sorted(binaries):
            summary, found = check(wheel.read(name))
            print(f"  {name}: {summary}{'' if not found else '  <-- ' + '; '.join(found)}")
            problems += [f"{name}: {p}" for p in found]
    return [f"{os.path.basename(path)}: {p}" for p in problems]


def main(paths):
    problems = []
    for path in paths:
        print(os.path.basename(path))
        problems += check_wheel(path)
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    return 1 if problems or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
