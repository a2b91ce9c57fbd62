"""Compares the Winsock calls of the reference's Windows sniffer made through
the Windows stdlib `socket` and through pysock, under Wine with WINEDEBUG=+winsock,
and checks that `python -m pysock sniff` reports Wine's refusal clearly.

Wine implements neither a raw socket with IPPROTO_IP nor SIO_RCVALL, so the
capture itself cannot run here; what can be shown is that pysock asks Windows
for exactly what the stdlib asks. Two programs are traced with each module:

  reference  examples/windows_sniffer.py as it is (Wine refuses the socket() call)
  icmp       the same calls with IPPROTO_ICMP in socket() (a raw socket Wine can
             open), so that bind, setsockopt(IP_HDRINCL) and WSAIoctl(SIO_RCVALL)
             reach the trace too

usage: python tools/wine_sniffer_trace.py WINE_ROOT STAGE
  WINE_ROOT  the work folder of tools/wine/winpython.py (after `setup`)
  STAGE      a folder holding pysock (built for Windows) and examples/
Prints both traces side by side when they differ; exit status 1 then."""
import difflib
import os
import re
import subprocess
import sys

WINPYTHON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wine", "winpython.py")
STDLIB_AS_PYSOCK = "import socket, sys; sys.modules['pysock'] = socket; "
RUN_EXAMPLE = "import runpy; runpy.run_path('examples/windows_sniffer.py', run_name='__main__')"
ICMP_VARIANT = """
import pysock as socket
HOST = socket.gethostbyname(socket.gethostname())
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.bind((HOST, 0))
s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
try:
    s.ioctl(socket.SIO_RCVALL, socket.RCVALL_ON)
finally:
    s.close()
"""
PROGRAMS = {"reference": RUN_EXAMPLE, "icmp": ICMP_VARIANT}
# The socket calls compared, and the internal ioctls and notes Wine logs for them.
CALLS = re.compile(r":(trace|warn|fixme):winsock:(WSASocketW|bind|setsockopt|WSAIoctl|"
                   r"ioctlsocket|closesocket|sock_ioctl|server_\w+) ")
# Addresses of buffers differ from run to run (a null pointer is kept); the rest must be equal.
POINTERS = re.compile(r"\b(in_buffer|out_buffer|in_buff|out_buff|ret_size|optval|overlapped|"
                      r"completion|buffer|addr) (0x)?(?!0+\b)[0-9a-fA-F]{6,}\b")


def run_traced(root, stage, code):
    result = subprocess.run(
        [sys.executable, WINPYTHON, "run", root, "--cwd", stage, "--path", stage,
         "--env", "WINEDEBUG=+winsock", "--", "-c", code],
        capture_output=True, text=True, timeout=600)
    return result.returncode, result.stderr


def socket_calls(stderr):
    """The compared trace lines, thread ids and buffer addresses taken out, then
    the Python error line (if the program ended in one)."""
    lines = [POINTERS.sub(r"\1 *", line.split(":", 1)[1]) for line in stderr.splitlines()
             if CALLS.search(line)]
    start = next((i for i, line in enumerate(lines) if "WSASocketW" in line), len(lines))
    errors = [line for line in stderr.splitlines() if line.startswith("OSError")]
    return lines[start:] + errors[-1:]


def compare(root, stage):
    same = True
    for name, program in PROGRAMS.items():
        status_std, err_std = run_traced(root, stage, STDLIB_AS_PYSOCK + program)
        status_ours, err_ours = run_traced(root, stage, program)
        std, ours = socket_calls(err_std), socket_calls(err_ours)
        print(f"== {name}: exit status stdlib {status_std}, pysock {status_ours}")
        if std == ours and status_std == status_ours and std:
            print("   the same Winsock calls:")
            print("\n".join("   " + line for line in ours))
        else:
            same = False
            print("\n".join(difflib.unified_diff(std, ours, "stdlib", "pysock", lineterm="")))
    return same


def sniff_refusal(root, stage):
    status, err = run_traced(root, stage, "import sys, runpy; sys.argv = ['pysock', 'sniff', "
                             "'--count', '1']; runpy.run_module('pysock', run_name='__main__')")
    message = [line for line in err.splitlines() if line.startswith("sniff:")]
    print(f"== python -m pysock sniff under Wine: exit status {status}")
    print("\n".join("   " + line for line in message))
    return status == 1 and message and "refused to open a raw IP socket" in message[0] \
        and "Traceback" not in err


def main(argv):
    root, stage = argv[1], argv[2]
    same = compare(root, stage)
    refused = sniff_refusal(root, stage)
    print("OK" if same and refused else "FAILED")
    return 0 if same and refused else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
