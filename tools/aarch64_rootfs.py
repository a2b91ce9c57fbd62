"""A Debian arm64 root file system, run under qemu-user, for testing the
installed aarch64 manylinux wheel on an x86_64 Linux host.

    aarch64_rootfs.py setup ROOT
        Makes ROOT/rootfs with Debian's debootstrap (Debian 12, its own
        python3), once; reused while ROOT/rootfs/.pysock-ready exists. Installs
        debootstrap and qemu-user-static with apt-get when missing, and
        registers qemu-aarch64 with the kernel's binfmt_misc (root only).
    aarch64_rootfs.py install ROOT WHEEL TESTS
        pip itself installs WHEEL (and pytest, hypothesis) for
        manylinux2014_aarch64 / CPython 3.11 into ROOT/rootfs/opt/site, and
        copies the TESTS folder to ROOT/rootfs/opt/tests.
    aarch64_rootfs.py run ROOT -- ARG...
        Runs the rootfs' python3 ARG... in a chroot (with /proc and /dev
        mounted), PYTHONPATH=/opt/site, cwd /opt; exits with its status.

Every aarch64 program runs under qemu-aarch64 through binfmt_misc, subprocesses
included, so the suite's own child Pythons are arm64 ones too. The mirror is
the one this host's apt uses.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

SUITE = "bookworm"  # Debian 12: python3 is CPython 3.11
PACKAGES = ["debootstrap", "qemu-user-static"]
BINFMT = Path("/proc/sys/fs/binfmt_misc")
BINFMT_CONF = Path("/usr/lib/binfmt.d/qemu-aarch64.conf")  # from qemu-user-static
PYTHON_VERSION = "3.11"
PLATFORM = "manylinux2014_aarch64"


def log(message):
    print(f"[aarch64-rootfs] {message}", file=sys.stderr, flush=True)


def need_root():
    if os.geteuid() != 0:
        sys.exit("aarch64-rootfs: needs root (debootstrap, chroot, binfmt_misc)")


def ensure_packages():
    if shutil.which("debootstrap") and BINFMT_CONF.exists():
        return
    log(f"installing {' '.join(PACKAGES)} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES],
                   check=True, env=env, stdin=subprocess.DEVNULL)


def ensure_binfmt():
    """aarch64 ELF files run under qemu; the F flag keeps that working in a chroot."""
    if (BINFMT / "qemu-aarch64").exists():
        return
    if not (BINFMT / "register").exists():
        subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc", str(BINFMT)], check=True)
    line = next(l for l in BINFMT_CONF.read_text().splitlines() if l.startswith(":"))
    (BINFMT / "register").write_text(line)
    log("registered qemu-aarch64 with binfmt_misc")


def host_mirror():
    """The Debian mirror this host's apt reads (deb822 or one-line format)."""
    for source in [Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list")]:
        if not source.exists():
            continue
        for line in source.read_text().splitlines():
            words = line.split()
            if words[:1] == ["URIs:"] and not words[1].endswith("-security"):
                return words[1]
            if words[:1] == ["deb"] and "security" not in line:
                return next(w for w in words[1:] if "://" in w)
    return None  # debootstrap's own default


def setup(root):
    need_root()
    ensure_packages()
    ensure_binfmt()
    rootfs = root / "rootfs"
    if (rootfs / ".pysock-ready").exists():
        return rootfs
    shutil.rmtree(rootfs, ignore_errors=True)
    rootfs.mkdir(parents=True)
    mirror = host_mirror()
    log(f"debootstrap {SUITE} arm64 into {rootfs}")
    subprocess.run(["debootstrap", "--arch=arm64", "--variant=minbase", "--include=python3",
                    SUITE, str(rootfs), *([mirror] if mirror else [])],
                   check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    shutil.copy("/etc/hosts", rootfs / "etc" / "hosts")
    (rootfs / ".pysock-ready").touch()
    return rootfs


def install(root, wheel, tests):
    rootfs = setup(root)
    site = rootfs / "opt" / "site"
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--target", str(site), "--platform", PLATFORM, "--python-version", PYTHON_VERSION,
                    "--implementation", "cp", "--only-binary=:all:", str(wheel), "pytest", "hypothesis"],
                   check=True, stdin=subprocess.DEVNULL)
    # The suite and the example programs it runs (tests/../examples).
    for folder in (tests, os.path.join(os.path.dirname(os.path.abspath(tests)), "examples")):
        target = rootfs / "opt" / os.path.basename(os.path.abspath(folder))
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("__pycache__"))
    # The ABI's definition, which the tests that call the vtable with ctypes
    # read its field order from (tests/vtableutil.py).
    abi = os.path.join(os.path.dirname(os.path.abspath(tests)), "backends", "abi", "vtable.zig")
    (rootfs / "opt" / "backends" / "abi").mkdir(parents=True, exist_ok=True)
    shutil.copy(abi, rootfs / "opt" / "backends" / "abi" / "vtable.zig")


def run(root, args):
    rootfs = setup(root)
    mounts = [("proc", rootfs / "proc", ["-t", "proc", "proc"]), ("dev", rootfs / "dev", ["--bind", "/dev"])]
    mounted = []
    try:
        for _, point, how in mounts:
            subprocess.run(["mount", *how, str(point)], check=True)
            mounted.append(point)
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": "/opt/site", "HOME": "/root", "LANG": "C.UTF-8"}
        return subprocess.run([shutil.which("chroot") or "/usr/sbin/chroot", str(rootfs), "/bin/sh", "-c", 'cd /opt && exec /usr/bin/python3 "$@"',
                               "python3", *args], env=env, stdin=subprocess.DEVNULL).returncode
    finally:
        for point in reversed(mounted):
            subprocess.run(["umount", "-l", str(point)], check=False)


def main(argv):
    command, root = argv[0], Path(argv[1]).resolve()
    if command == "setup":
        setup(root)
        return 0
    if command == "install":
        install(root, Path(argv[2]).resolve(), Path(argv[3]).resolve())
        return 0
    if command == "run":
        return run(root, argv[argv.index("--") + 1:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
