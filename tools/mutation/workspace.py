"""A private copy of the repository where mutants are applied and built,
never the checkout itself.

    WORK/tree/            the copy (sources, build.zig, tests, tools)
    WORK/stage-PLATFORM/  a runnable package: tree/pysock's Python files and
                          the binaries `zig build --prefix` installs beside them
    WORK/zig-cache-PLATFORM/  the run's own Zig cache: a one-line change
                          rebuilds in about a second (Debug, stripped)
    WORK/run/             the tests' working folder (outside the tree, so that
                          a child `python -c` does not import the unbuilt sources)

Debug is the quickest build for a one-line change (measured: about 0.6 s for
a Linux binding or backend file against 3-4 s for ReleaseSafe) and keeps Zig's
safety checks. Not incremental and stripped, so that a mutant that leaves the
binaries the same as a build of the unmutated tree is seen to be: it changed
nothing this build compiles (code for another target, a value never read). An
incremental build lays the same code out differently from one build to the
next; and the symbol table names anonymous values by a counter that any edit
of the file moves, so an ELF library is compared by what is loaded of it.
"""
import hashlib
import os
import shutil
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from targets import host_target, zig_command  # noqa: E402

PLATFORM_TARGETS = {"linux": host_target, "windows": lambda: "x86_64-windows-gnu"}
COPIED = ["build.zig", "pyproject.toml", "backends", "binding", "pysock", "tests", "tools", "examples"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.dll", "*.dylib", "zig-out",
                                ".zig-cache", ".hypothesis", ".pytest_cache")


class BuildFailed(Exception):
    pass


class Workspace:
    def __init__(self, work):
        self.work = os.path.abspath(work)
        self.tree = os.path.join(self.work, "tree")
        self.run_dir = os.path.join(self.work, "run")
        self.pristine = {}   # platform -> digest of the build of the unmutated tree
        self.dirty = set()   # platforms whose stage holds a mutant's build

    def create(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.run_dir)
        for name in COPIED:
            source, dest = os.path.join(ROOT, name), os.path.join(self.tree, name)
            if os.path.isdir(source):
                shutil.copytree(source, dest, ignore=IGNORE)
            else:
                os.makedirs(self.tree, exist_ok=True)
                shutil.copy(source, dest)

    def stage(self, platform):
        return os.path.join(self.work, f"stage-{platform}")

    def build(self, platform):
        """Builds tree/ into the platform's stage; returns the binaries' digest."""
        stage = self.stage(platform)
        if not os.path.isdir(os.path.join(stage, "pysock")):
            shutil.copytree(os.path.join(self.tree, "pysock"), os.path.join(stage, "pysock"), ignore=IGNORE)
        command = zig_command(stage, PLATFORM_TARGETS[platform](), "Debug")
        command += ["-Dstrip=true", "-fno-incremental", "--cache-dir", os.path.join(self.work, f"zig-cache-{platform}")]
        done = subprocess.run(["nice", "-n", "10", *command], cwd=self.tree, capture_output=True, text=True)
        if done.returncode != 0:
            errors = [line for line in done.stderr.splitlines() if "error:" in line]
            raise BuildFailed(errors[0].strip() if errors else "zig build failed")
        self.dirty.discard(platform)
        digest = hashlib.sha256()
        folder = os.path.join(stage, "pysock")
        for name in sorted(os.listdir(folder)):
            if name.endswith((".so", ".pyd", ".dll", ".dylib")):
                with open(os.path.join(folder, name), "rb") as file:
                    digest.update(loaded_part(file.read()))
        return digest.hexdigest()

    def prepare(self, platform):
        """The unmutated build of a platform."""
        if platform not in self.pristine:
            self.pristine[platform] = self.build(platform)
        return self.stage(platform)

    def restored(self, platform):
        """The stage holds the unmutated build again (after a Zig mutant,
        before a Python one runs over it)."""
        if platform in self.dirty:
            self.build(platform)

    def source_of(self, mutant, platform):
        """Where the mutant's file lives: Zig sources in the tree (rebuilt),
        Python sources in the stage (imported as they are)."""
        if mutant.path.endswith(".py"):
            return os.path.join(self.stage(platform), *mutant.path.split("/"))
        return os.path.join(self.tree, *mutant.path.split("/"))

    def read(self, mutant, platform):
        with open(self.source_of(mutant, platform)) as file:
            return file.read()

    def write(self, mutant, platform, text):
        with open(self.source_of(mutant, platform), "w") as file:
            file.write(text)


def loaded_part(image):
    """What the loader maps of an ELF file (its PT_LOAD segments); any other
    file whole."""
    if image[:4] != b"\x7fELF" or image[4] != 2:   # 64-bit ELF only
        return image
    order = "<" if image[5] == 1 else ">"
    phoff, = struct.unpack_from(order + "Q", image, 0x20)
    phentsize, phnum = struct.unpack_from(order + "HH", image, 0x36)
    parts = []
    for k in range(phnum):
        kind, _, offset, _, _, filesz = struct.unpack_from(order + "IIQQQQ", image, phoff + k * phentsize)
        if kind == 1:   # PT_LOAD
            parts.append(image[offset:offset + filesz])
    return b"".join(parts)
