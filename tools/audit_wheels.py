"""Audits the sdist and every wheel in DIST; exits 1 on any finding.

    python tools/audit_wheels.py DIST

- every Linux wheel: `auditwheel show` names the wheel's own (first) platform
  tag as the one it is consistent with
- every wheel: `abi3audit --strict` finds no abi3 violation
- everything: `twine check --strict` passes (metadata, README rendering)
- every wheel: tools/binfmt.py finds each binary as the tag says (machine,
  libc, minimum macOS, debug info), and, to show that check can fail, rejects
  a copy of the x86_64 manylinux wheel relabelled as aarch64.
Needs auditwheel, abi3audit, twine and pyelftools installed (nox -s wheels).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import binfmt  # noqa: E402
from targets import UPLOADABLE, TARGETS  # noqa: E402

BIN = os.path.dirname(sys.executable)


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def auditwheel_agrees(wheel, empty_dir):
    tag = os.path.basename(wheel)[:-4].split("-")[-1].split(".")[0]
    # --ldpaths: resolve nothing from this host's libraries; the wheel's needs
    # are judged against the policy alone (a musl wheel on a glibc host too).
    code, out = run(os.path.join(BIN, "auditwheel"), "show", "--ldpaths", empty_dir, wheel)
    found = re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"([^"]+)"', out)
    said = found[1] if found else f"nothing (exit {code})"
    print(f"auditwheel: {os.path.basename(wheel)} -> {said}")
    return [] if said == tag else [f"auditwheel says {said} for {os.path.basename(wheel)}"]


def negative_control(wheel, scratch):
    relabelled = os.path.join(scratch, os.path.basename(wheel).replace("x86_64", "aarch64"))
    print("negative control, must be rejected: the x86_64 manylinux wheel relabelled aarch64")
    shutil.copy(wheel, relabelled)
    if binfmt.check_wheel(relabelled):
        return []
    return ["binfmt accepted an x86_64 wheel relabelled aarch64"]


def main(dist):
    wheels = sorted(glob.glob(os.path.join(dist, "*.whl")))
    sdists = sorted(glob.glob(os.path.join(dist, "*.tar.gz")))
    tags = {os.path.basename(w)[:-4].split("-")[-1] for w in wheels}
    problems = [f"no wheel for {t}" for t in TARGETS if TARGETS[t] not in tags]
    problems += [] if len(sdists) == 1 else [f"expected one sdist, found {sdists}"]
    with tempfile.TemporaryDirectory() as scratch:
        for wheel in wheels:
            if "linux" in os.path.basename(wheel):
                problems += auditwheel_agrees(wheel, scratch)
        code, out = run(os.path.join(BIN, "abi3audit"), "--strict", "--summary", *wheels)
        print(out.strip())
        problems += [] if code == 0 else ["abi3audit failed"]
        code, out = run(os.path.join(BIN, "twine"), "check", "--strict", *sdists, *wheels)
        print(out.strip())
        problems += [] if code == 0 else ["twine check failed"]
        for wheel in wheels:
            print(os.path.basename(wheel))
            problems += binfmt.check_wheel(wheel)
        manylinux = [w for w in wheels if "manylinux_2_17_x86_64" in w]
        problems += negative_control(manylinux[0], scratch) if manylinux else []
    print(f"{len(wheels)} wheels ({len(UPLOADABLE)} uploadable targets + FreeBSD) and {len(sdists)} sdist audited")
    for problem in problems:
        print(f"AUDIT FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
