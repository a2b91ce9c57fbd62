"""Running scenarios through the fault-injecting backend (not a test module).

pysock loads one backend per process, so the scenarios of test_faults_*.py
run in a worker process (faultworker.py) whose pysock was loaded with
PYSOCK_BACKEND pointing at `pysock_backend_faults` (backends/faults). One
worker serves the whole session: each test sends it a scenario (a function
of the test module, taking the module under test and a `Faults` control)
and gets back what the scenario returned. The same function run here with
the stdlib `socket` and `NoFaults` gives the stdlib's answer to compare.
"""
import ctypes
import hashlib
import json
import os
import queue
import subprocess
import sys
import threading

import pytest

# The longest one scenario may take before the worker counts as hung.
SCENARIO_LIMIT = 120

_LIB_NAMES = {"win32": "pysock_backend_faults.dll", "darwin": "pysock_backend_faults.dylib"}


def library_path(pysock):
    """The fault backend shipped beside the package's own backend."""
    name = _LIB_NAMES.get(sys.platform, "pysock_backend_faults.so")
    return os.path.join(os.path.dirname(os.path.abspath(pysock.__file__)), name)


class Faults:
    """The fault backend's control API (ctypes), in the worker process."""

    def __init__(self, path):
        self._lib = lib = ctypes.CDLL(path)
        lib.pysock_faults_set.argtypes = [ctypes.c_char_p]
        lib.pysock_faults_set.restype = ctypes.c_int
        lib.pysock_faults_injected.restype = ctypes.c_uint64
        lib.pysock_faults_error.restype = ctypes.c_char_p

    def set(self, spec):
        """Replaces the plan (see backends/faults/README.md); '' clears it."""
        if self._lib.pysock_faults_set(spec.encode()) != 0:
            raise ValueError(self._lib.pysock_faults_error().decode())

    def injected(self):
        """Faults injected since the plan was last set."""
        return self._lib.pysock_faults_injected()


class NoFaults:
    """The stand-in for Faults when a scenario runs through the stdlib."""

    def set(self, spec):
        pass

    def injected(self):
        return None


class Worker:
    """A process whose pysock runs on the fault backend."""

    def __init__(self, pysock):
        self._lib = library_path(pysock)
        self._proc = None

    def _start(self):
        env = dict(os.environ, PYSOCK_BACKEND=self._lib)
        env.pop("PYSOCK_FAULTS", None)
        here = os.path.dirname(os.path.abspath(__file__))
        self._proc = subprocess.Popen(
            [sys.executable, os.path.join(here, "faultworker.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=here, text=True)
        # The worker imports the same pysock as this process.
        self._send({"path": sys.path})
        self._replies = queue.Queue()
        threading.Thread(target=self._read, args=(self._proc, self._replies), daemon=True).start()
        first = self._reply()
        if "error" in first:
            raise RuntimeError("fault worker did not start:\n" + first["error"])

    @staticmethod
    def _read(proc, replies):
        for line in proc.stdout:
            replies.put(json.loads(line))
        replies.put({"error": "the fault worker exited (code %s)" % proc.wait()})

    def _send(self, message):
        self._proc.stdin.write(json.dumps(message) + "\n")
        self._proc.stdin.flush()

    def _reply(self):
        try:
            return self._replies.get(timeout=SCENARIO_LIMIT)
        except queue.Empty:
            self.stop()
            return {"error": "the scenario did not finish in %d s (hung?)" % SCENARIO_LIMIT}

    def run(self, scenario, *args):
        """Runs `scenario(pysock, faults, *args)` in the worker; returns its
        result as JSON gives it back (tuples become lists)."""
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        # The test's ID, set by the mutation driver's coverage run (else None).
        self._send({"module": scenario.__module__, "function": scenario.__name__, "args": args,
                    "test": os.environ.get("PYSOCK_COVERAGE_TEST")})
        reply = self._reply()
        if "error" in reply:
            pytest.fail("in the fault worker:\n" + reply["error"], pytrace=False)
        return reply["result"]

    def stop(self):
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc = None


def set_mode(sock, mode):
    """'blocking' (no timeout) or 'timeout' (a generous one)."""
    sock.settimeout(None if mode == "blocking" else 10.0)


def read_all(sock):
    """Everything `sock` receives until the peer's end."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def reading(sock):
    """Starts a thread reading `sock` to its end; join() gives the bytes."""
    got = []
    t = threading.Thread(target=lambda: got.append(read_all(sock)))
    t.start()

    def join():
        t.join(60)
        return got[0]
    return join


def digest(data):
    """[length, sha256]: what arrived, compact enough to compare."""
    return [len(data), hashlib.sha256(data).hexdigest()]


def stdlib_run(scenario, *args):
    """The same scenario through the stdlib, its result shaped as JSON gives it."""
    import socket

    return json.loads(to_json(scenario(socket, NoFaults(), *args)))


def to_json(value):
    """JSON text of a scenario's result; bytes travel as 'bytes:HEX'."""
    return json.dumps(value, default=lambda o: "bytes:" + o.hex() if isinstance(o, bytes) else repr(o))
