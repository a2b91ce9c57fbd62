"""A runnable copy of pysock for one target and optimize mode, without pip.

    python tools/stage.py DEST [--target TRIPLE] [--optimize MODE]

builds the backend and `_core` with `zig build` and puts them beside a copy
of the package sources, with the example programs next to it:

    DEST/pysock/   the package, its binaries included
    DEST/examples/ the reference's example programs (the Wine sniffer trace
                   runs examples/windows_sniffer.py from DEST)

The suite runs from the repository's own tests/ with DEST on the path
(tests/conftest.py keeps a staged copy importable).

`nox -s test-safe` runs the suite on such a copy built with Zig's safety
checks on (`--optimize ReleaseSafe`: every slice bounds-checked, every integer
conversion and overflow checked), where a wheel is always ReleaseFast.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from targets import host_target, zig_command  # noqa: E402  (the wheel build's own command line)


def stage(dest, target=None, optimize="ReleaseFast"):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.dll", "*.dylib")
    shutil.copytree(os.path.join(ROOT, "pysock"), os.path.join(dest, "pysock"), ignore=ignore)
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(dest, "examples"), ignore=ignore)
    with tempfile.TemporaryDirectory() as prefix:
        subprocess.run(zig_command(prefix, target or host_target(), optimize), cwd=ROOT, check=True)
        built = os.path.join(prefix, "pysock")
        for name in os.listdir(built):
            shutil.copy(os.path.join(built, name), os.path.join(dest, "pysock"))
    return dest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--target", default=None, help="a Zig target triple (default: the host)")
    parser.add_argument("--optimize", default="ReleaseFast",
                        choices=["Debug", "ReleaseSafe", "ReleaseFast", "ReleaseSmall"])
    args = parser.parse_args()
    stage(args.dest, args.target, args.optimize)


if __name__ == "__main__":
    main()
