"""The reference's example programs in examples/ run, on loopback, with pysock;
where the stdlib can run the same program (sys.modules['pysock'] = socket) its
output is the yardstick."""
import os
import shutil
import socket
import subprocess
import sys
import threading

import pytest

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
# Runs an example with the stdlib socket module standing in for pysock.
WITH_STDLIB = ("import runpy, socket, sys; sys.modules['pysock'] = socket; "
               "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")


def env():
    import pysock
    root = os.path.dirname(os.path.dirname(pysock.__file__))
    return dict(os.environ, PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))


def command(name, *args, stdlib=False):
    path = os.path.join(EXAMPLES, name)
    if stdlib:
        return [sys.executable, "-c", WITH_STDLIB, path, *map(str, args)]
    return [sys.executable, path, *map(str, args)]


def run(name, *args, stdlib=False, timeout=60):
    return subprocess.run(command(name, *args, stdlib=stdlib), capture_output=True, text=True,
                          env=env(), timeout=timeout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("server, client", [("echo_server.py", "echo_client.py"),
                                            ("echo_server_dual.py", "echo_client_dual.py")])
def test_echo_server_and_client(server, client):
    port = free_port()
    with subprocess.Popen(command(server, port), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=env()) as proc:
        try:
            assert proc.stdout.readline().startswith("Listening on ("), proc.stderr.read()
            reply = run(client, port)
            assert reply.returncode == 0, reply.stderr
            assert reply.stdout == "Received b'Hello, world'\n"
            out, err = proc.communicate(timeout=30)
        finally:
            proc.kill()
    assert proc.returncode == 0, err
    assert out.startswith("Connected by (")


def test_reuseaddr_restart_matches_the_stdlib():
    port = free_port()
    ours, theirs = run("reuseaddr_restart.py", port), run("reuseaddr_restart.py", port, stdlib=True)
    assert ours.returncode == theirs.returncode == 0, (ours.stderr, theirs.stderr)
    assert ours.stdout == theirs.stdout
    assert "with SO_REUSEADDR:    bound" in ours.stdout


def test_windows_sniffer():
    import pysock
    if not hasattr(pysock, "SIO_RCVALL"):
        result = run("windows_sniffer.py")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr == ("this example needs SIO_RCVALL (Windows); "
                                 "elsewhere use: python -m pysock sniff\n")
        return
    # Windows: as Administrator both capture a packet (traffic is sent to this host's
    # address meanwhile); without rights, or under Wine, both fail the same way.
    host = socket.gethostbyname(socket.gethostname())
    stop = threading.Event()

    def traffic():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            while not stop.wait(0.2):
                s.sendto(b"sniff me", (host, 9))

    thread = threading.Thread(target=traffic)
    thread.start()
    try:
        ours, theirs = run("windows_sniffer.py"), run("windows_sniffer.py", stdlib=True)
    finally:
        stop.set()
        thread.join()
    assert ours.returncode == theirs.returncode, (ours.stderr, theirs.stderr)
    assert ours.stderr.strip().splitlines()[-1:] == theirs.stderr.strip().splitlines()[-1:]
    if ours.returncode == 0:
        assert ours.stdout.startswith("(b'E") and "sniff me" not in ours.stderr


def _vcan_problem():
    if not hasattr(socket, "AF_CAN") or shutil.which("unshare") is None \
            or shutil.which("ip") is None or os.geteuid() != 0:
        return "needs Linux, root, unshare and ip for a private vcan0"
    probe = subprocess.run(["unshare", "-n", "ip", "link", "add", "vcan0", "type", "vcan"],
                           capture_output=True, text=True)
    if probe.returncode:
        return f"no vcan here: the kernel says {probe.stderr.strip()!r}"
    return None


def test_can_raw_echo():
    problem = _vcan_problem()
    if problem:
        pytest.skip(problem)
    script = (
        "import socket, struct, subprocess, sys, time\n"
        "proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)\n"
        "assert proc.stdout.readline() == 'Bound to vcan0\\n'\n"
        "s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)\n"
        "s.bind(('vcan0',))\n"
        "s.send(struct.pack('=IB3x8s', 0x123, 2, b'hi'))\n"
        "print(proc.stdout.read(), end='')\n"
        "got = [struct.unpack('=IB3x8s', s.recv(16)) for _ in range(2)]\n"
        "print(got)\n")
    result = subprocess.run(
        ["unshare", "-n", "sh", "-c",
         'ip link add vcan0 type vcan && ip link set vcan0 up && exec "$@"', "sh",
         sys.executable, "-c", script, *command("can_raw.py", "vcan0", 1)],
        capture_output=True, text=True, env=env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Received: can_id=123, can_dlc=2, data=b'hi'" in result.stdout
    assert "(291, 2, b'hi\\x00\\x00\\x00\\x00\\x00\\x00')" in result.stdout      # the echo
    assert "(1, 3, b'\\x01\\x02\\x03\\x00\\x00\\x00\\x00\\x00')" in result.stdout  # its own frame
