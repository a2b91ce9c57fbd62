"""`run.py --instructions`: user-space instructions per call on the hot paths,
counted by valgrind's callgrind, for the stdlib and pysock. Counts do not
depend on machine load, so they decide where timings are too noisy.

Each case runs in a fresh interpreter (-S: without site, whose start-up would
be most of each count) under callgrind twice, with N1 and N2
calls; (I(N2) - I(N1)) / (N2 - N1) is the cost of one call, start-up and
import cancelled out. Kernel time is not counted (callgrind sees user space only).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

# The case's body, run as a function (below): its names are locals, so the
# loop costs the same for both modules (at module level every name is a
# lookup in the globals dict, whose probes differ between otherwise equal runs).
CASE_BODY = r"""
mod = importlib.import_module(sys.argv[1])
gc.disable()  # a collection pass landing in one run and not the other is noise
case, n = sys.argv[2], int(sys.argv[3])
msg = bytes(range(64))
if case == "send+recv round trip":
    a, b = mod.socketpair()
    for _ in range(n):
        a.send(msg); b.recv(64); b.send(msg); a.recv(64)
elif case == "send + recv_into":
    a, b = mod.socketpair()
    buf = bytearray(64)
    for _ in range(n):
        a.send(msg); b.recv_into(buf)
elif case == "sendto + recvfrom":
    a, b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM), mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
    to = b.getsockname()
    for _ in range(n):
        a.sendto(msg, to); b.recvfrom(2048)
elif case == "send + recv(65536) 64 KiB":
    a, b = mod.socketpair()
    block = bytes(65536)
    for _ in range(n):
        a.sendall(block)
        got = 0
        while got < 65536:
            got += len(b.recv(65536))
elif case == "64 datagrams, batched":
    # pysock: one sendmmsg and one recvmmsg; the stdlib: 64 sendto, 64 recvfrom.
    a, b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM), mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
    to = b.getsockname()
    batch = [([msg], (), to)] * 64
    for _ in range(n):
        if hasattr(a, "sendmmsg"):
            a.sendmmsg(batch); b.recvmmsg(64, 2048)
        else:
            for _ in range(64):
                a.sendto(msg, to)
            for _ in range(64):
                b.recvfrom(2048)
elif case == "connect+accept+close":
    lst = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
    lst.bind(("127.0.0.1", 0)); lst.listen(128)
    addr = lst.getsockname()
    for _ in range(n):
        c = mod.create_connection(addr); s, _ = lst.accept(); s.close(); c.close()
elif case == "inet_ntop":
    f, af, packed = mod.inet_ntop, mod.AF_INET6, bytes.fromhex("20010db8000000000000000000000001")
    for _ in range(n):
        f(af, packed)
elif case == "inet_aton":
    for _ in range(n):
        mod.inet_aton("127.0.0.1")
elif case == "inet_ntoa":
    for _ in range(n):
        mod.inet_ntoa(b"\x7f\x00\x00\x01")
elif case == "getaddrinfo numeric":
    for _ in range(n):
        mod.getaddrinfo("127.0.0.1", 80, mod.AF_INET, mod.SOCK_STREAM)
elif case == "inet_pton":
    f, af = mod.inet_pton, mod.AF_INET6
    for _ in range(n):
        f(af, "2001:db8::1")
else:  # htonl, htons, ntohl, ntohs
    f = getattr(mod, case)
    for _ in range(n):
        f(80)
"""
CASE = "import gc, importlib, sys\n\ndef main():\n" + textwrap.indent(CASE_BODY, "    ") + "\nmain()\n"

CASES = [  # (case, N1, N2)
    ("send+recv round trip", 1000, 6000),
    ("send + recv_into", 1000, 6000),
    ("sendto + recvfrom", 1000, 6000),
    ("send + recv(65536) 64 KiB", 500, 3000),
    ("64 datagrams, batched", 200, 1200),
    ("connect+accept+close", 300, 1300),
    ("getaddrinfo numeric", 1000, 6000),
    ("inet_pton", 2000, 52000),
    ("inet_ntop", 2000, 52000),
    ("inet_aton", 2000, 52000),
    ("inet_ntoa", 2000, 52000),
    ("htonl", 2000, 52000),
    ("htons", 2000, 52000),
    ("ntohl", 2000, 52000),
    ("ntohs", 2000, 52000),
]


def _env():
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # imports read cached bytecode, as installed packages do
    return env


def instructions(workdir, code, *argv):
    """Instructions callgrind counts for `python -c code argv...`."""
    out = os.path.join(workdir, "callgrind.out")
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                           sys.executable, "-S", "-c", code, *argv], capture_output=True, text=True, env=_env())
    if done.returncode:
        raise SystemExit(f"callgrind run failed ({' '.join(argv)}):\n{done.stderr[-2000:]}")
    with open(out) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
    os.remove(out)
    return total


def main():
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    print("user-space instructions per call (callgrind), stdlib socket vs pysock")
    print(f"{'hot path':<24} {'stdlib':>10} {'pysock':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as workdir:
        # Bytecode caches written now, not during the first measured run.
        subprocess.run([sys.executable, "-S", "-c", "import socket, pysock"], check=True, env=_env())
        for case, n1, n2 in CASES:
            per_call = {}
            for module in ("socket", "pysock"):
                i1 = instructions(workdir, CASE, module, case, str(n1))
                i2 = instructions(workdir, CASE, module, case, str(n2))
                per_call[module] = (i2 - i1) / (n2 - n1)
            s, p = per_call["socket"], per_call["pysock"]
            print(f"{case:<24} {s:>10.0f} {p:>10.0f} {p / s:>7.2f}", flush=True)
        # Import: a process importing the module, less one that does not.
        bare = instructions(workdir, "pass")
        s, p = (instructions(workdir, f"import {m}") - bare for m in ("socket", "pysock"))
        print(f"{'import (whole process)':<24} {s:>10.0f} {p:>10.0f} {p / s:>7.2f}")
    print("(each call's figure includes the Python loop around it, the same for both modules)")
    return 0
