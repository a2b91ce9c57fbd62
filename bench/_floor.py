"""The C floors: bench/syscall_floor.c built once with `python -m ziglang cc`
and run per mode; or, for a workload whose floor is a Python callable (the
interpreter starting, for import), that callable."""
import os
import statistics
import subprocess
import sys
import tempfile

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syscall_floor.c")


class Floor:
    def __init__(self):
        self.binary = None
        self.status = "no C floors (ziglang not installed)"
        if not sys.platform.startswith("linux"):
            self.status = "no C floors (the floor program is written for Linux)"
            return
        out = os.path.join(tempfile.mkdtemp(prefix="pysock-bench-"), "floor")
        try:
            subprocess.run([sys.executable, "-m", "ziglang", "cc", "-O2", "-o", out, SOURCE, "-lpthread"],
                           check=True, capture_output=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            self.status = f"no C floors ({exc})"
            return
        self.binary = out
        self.status = "C floors from bench/syscall_floor.c"

    def measure(self, floor, n, rounds):
        """[us or seconds per op, one per round], or [] without a floor."""
        if floor is None:
            return []
        if callable(floor):
            return [floor(max(1, n)) for _ in range(rounds)]
        if self.binary is None:
            return []
        runs = []
        for _ in range(rounds):
            out = subprocess.run([self.binary, floor, str(n)], check=True, capture_output=True, text=True)
            runs.append(float(out.stdout) / 1e6)  # the program prints microseconds
        return runs


def median(values):
    return statistics.median(values) if values else None
