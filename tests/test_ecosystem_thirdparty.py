"""Third-party clients over pysock against real servers on loopback: requests
and aiohttp against CPython's `http.server` run as its own process, redis-py
against `redis-server` (Debian's redis-server package; .ci/run installs it).
Each scenario (tests/ecosystem_thirdparty.py) runs in a fresh interpreter with
pysock in place of `socket` and must create pysock sockets and no other."""

import importlib.util
import shutil
import socket
import subprocess
import sys
import time

import pytest

from ecosystem import run_scenario
from ecosystem_stdlib import BODY

STARTUP = 30  # seconds a server may take to listen


def needs(package):
    """Skips a test (before its servers start) where `package` is not installed."""
    return pytest.mark.skipif(importlib.util.find_spec(package) is None,
                              reason=f"{package} is not installed (nox -s test-linux installs it)")


def wait_until_listening(process, address):
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode} before listening")
        try:
            socket.create_connection(address, timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"{process.args[0]} did not listen on {address} within {STARTUP}s")


def free_port():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def file_server(tmp_path_factory):
    """`python -m http.server` (the stdlib's socket, its own process) serving body.bin."""
    root = tmp_path_factory.mktemp("www")
    (root / "body.bin").write_bytes(BODY)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(process, ("127.0.0.1", port))
        yield f"127.0.0.1:{port}"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """A throwaway `redis-server` on a loopback port and a Unix socket, no persistence."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("redis")
    unix_path = str(folder / "redis.sock")
    port = free_port()
    process = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--unixsocket", unix_path,
         "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(process, ("127.0.0.1", port))
        yield f"127.0.0.1:{port}", unix_path
    finally:
        stop(process)


@needs("requests")
def test_requests_over_pysock(pysock, file_server):
    run_scenario(pysock, "ecosystem_thirdparty", "requests_get", PYSOCK_ECOSYSTEM_SERVER=file_server)


@needs("aiohttp")
def test_aiohttp_over_pysock(pysock, file_server):
    run_scenario(pysock, "ecosystem_thirdparty", "aiohttp_client_and_server",
                 PYSOCK_ECOSYSTEM_SERVER=file_server)


@pytest.mark.skipif(sys.platform == "win32", reason="redis-server runs on the Linux host only")
@needs("redis")
def test_redis_over_pysock(pysock, redis_server):
    address, unix_path = redis_server
    run_scenario(pysock, "ecosystem_thirdparty", "redis_commands",
                 PYSOCK_ECOSYSTEM_SERVER=address, PYSOCK_ECOSYSTEM_UNIX=unix_path)
