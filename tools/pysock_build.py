"""The PEP 517 build backend of pysock.

A wheel is the Python package plus what `zig build` makes for the target:
the backend library and the abi3 extension `_core`. Zig comes from the
`ziglang` build requirement, so no C compiler or Python headers are needed.

config_settings (pip --config-settings / -C):
  zig-target=TRIPLE   cross-compile (e.g. x86_64-windows-gnu); default: host
  wheel-platform=TAG  the platform tag of the wheel; default: the host's
"""
import base64
import hashlib
import io
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "pysock_zig"
DIST_NAME = "pysock-zig"
SDIST_PARTS = ["pyproject.toml", "README.md", "build.zig", "noxfile.py", "backends", "binding", "pysock", "tools", "tests", "bench"]


def _version():
    for line in open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8"):
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    raise RuntimeError("no version in pyproject.toml")


def _metadata():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read() if os.path.exists(os.path.join(ROOT, "README.md")) else ""
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME}\n"
        f"Version: {_version()}\n"
        "Summary: Python's socket module with its operating-system layer in Zig\n"
        "Requires-Python: >=3.11\n"
        "Description-Content-Type: text/markdown\n\n" + readme
    )


def zig_command(prefix, target=None, optimize="ReleaseFast"):
    """The `zig build` command that installs the binaries under prefix/pysock."""
    cmd = [sys.executable, "-m", "ziglang", "build", f"-Doptimize={optimize}", "--prefix", prefix]
    if target:
        cmd.append(f"-Dtarget={target}")
    else:
        # A wheel tagged linux_x86_64 must run on every x86_64 machine, not
        # only on CPUs with this one's extensions (Zig's native default).
        cmd.append("-Dcpu=baseline")
    return cmd


def zig_build(prefix, target=None):
    """Runs `zig build` into prefix; returns the folder holding the binaries."""
    subprocess.run(zig_command(prefix, target), cwd=ROOT, check=True)
    return os.path.join(prefix, "pysock")


def _platform_tag(config):
    tag = (config or {}).get("wheel-platform")
    if tag:
        return tag
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    config = config_settings or {}
    version = _version()
    tag = f"cp311-abi3-{_platform_tag(config)}"
    with tempfile.TemporaryDirectory() as prefix:
        built = zig_build(prefix, config.get("zig-target"))
        files = {}
        package = os.path.join(ROOT, "pysock")
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                files[f"pysock/{name}"] = open(os.path.join(package, name), "rb").read()
        for name in sorted(os.listdir(built)):
            files[f"pysock/{name}"] = open(os.path.join(built, name), "rb").read()
    dist_info = f"{NAME}-{version}.dist-info"
    files[f"{dist_info}/METADATA"] = _metadata().encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: pysock_build\nRoot-Is-Purelib: false\nTag: {tag}\n"
    ).encode()
    record = [_record_line(n, d) for n, d in files.items()] + [f"{dist_info}/RECORD,,"]
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel_name = f"{NAME}-{version}-{tag}.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, data in files.items():
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if arcname.endswith((".so", ".dylib", ".dll", ".pyd")) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{_version()}"
    path = os.path.join(sdist_directory, f"{base}.tar.gz")
    skip = {"__pycache__", ".zig-cache", "zig-out", ".nox", ".pytest_cache", ".hypothesis", ".wine-test"}
    with tarfile.open(path, "w:gz") as tar:
        for part in SDIST_PARTS:
            src = os.path.join(ROOT, part)
            if os.path.exists(src):
                tar.add(src, arcname=f"{base}/{part}", filter=lambda ti: None if os.path.basename(ti.name) in skip else ti)
        pkg_info = _metadata().encode()
        ti = tarfile.TarInfo(f"{base}/PKG-INFO")
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return os.path.basename(path)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []
