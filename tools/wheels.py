"""Builds the sdist and one wheel per target of tools/targets.py into DIST.

    python tools/wheels.py DIST

The wheels are built from the sdist (unpacked once), so a broken sdist fails
here; each build is hatchling's own (`python -m build --no-isolation`, with
hatchling and ziglang already installed by the caller) with PYSOCK_ZIG_TARGET
naming the target. Each wheel's name must carry the tag the table gives its
target. Prints file, size and build time; exits 1 if any build fails.
"""
import os
import subprocess
import sys
import tarfile
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from targets import TARGETS, wheel_tag  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(source, dist, kind, env=None):
    """Runs one `python -m build`; returns the name of the file it made."""
    before = set(os.listdir(dist))
    subprocess.run([sys.executable, "-m", "build", f"--{kind}", "--no-isolation", "--outdir", dist, source],
                   check=True, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)
    made = set(os.listdir(dist)) - before
    if len(made) != 1:
        raise RuntimeError(f"expected one new file in {dist}, got {sorted(made)}")
    return made.pop()


def main(dist):
    os.makedirs(dist, exist_ok=True)
    for name in os.listdir(dist):
        if name.startswith("pysock_zig-"):
            os.remove(os.path.join(dist, name))
    started = time.monotonic()
    sdist = build(ROOT, dist, "sdist")
    rows, failed = [(sdist, time.monotonic() - started)], []
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(os.path.join(dist, sdist)) as archive:
            archive.extractall(unpacked, filter="data")
        source = os.path.join(unpacked, sdist[:-len(".tar.gz")])
        for target in TARGETS:
            started = time.monotonic()
            try:
                wheel = build(source, dist, "wheel", {"PYSOCK_ZIG_TARGET": target})
            except (subprocess.CalledProcessError, RuntimeError) as exc:
                failed.append(f"{target}: {exc}")
                continue
            if not wheel.endswith(f"-{wheel_tag(target)}.whl"):
                failed.append(f"{target}: {wheel} does not carry the tag {wheel_tag(target)}")
            rows.append((wheel, time.monotonic() - started))
    for name, seconds in rows:
        print(f"{os.path.getsize(os.path.join(dist, name)):>8} bytes {seconds:6.1f}s  {name}")
    for failure in failed:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
