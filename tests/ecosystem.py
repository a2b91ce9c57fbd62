"""Runs a scenario of the ecosystem tests in a fresh interpreter with pysock in
place of `socket` (not a test module).

The child puts pysock into sys.modules["socket"] before anything else is
imported, so every module the scenario imports (http.client, asyncio,
requests, redis, ...) binds pysock at its own `import socket`; then it calls
the scenario function `module.name()` and reports, through an audit hook on
`socket.__new__`, how many sockets were pysock's and how many were not. A
test passes only if the scenario returned, created at least one pysock
socket and no other: it cannot pass by falling back to the stdlib. (A TLS
socket of pysock hands `_ssl` a carrier, a `_socket.socket` on a duplicate
of its own handle, which `_ssl` needs to drive the connection: counted apart.)

A scenario that finds what it needs missing raises `Skip(reason)`; the test
then skips with that reason.
"""

import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP_EXIT = 77
REPORT_PREFIX = "pysock-ecosystem-sockets: "
TIMEOUT = 120  # seconds for a whole scenario, server start included

# The child: pysock first, then the scenario, then the socket counts.
BOOTSTRAP = f"""
import sys
if "socket" in sys.modules:
    sys.exit("the stdlib socket module was imported before pysock")
import pysock
sys.modules["socket"] = pysock
created = {{"pysock": 0, "tls carrier": 0, "other": 0}}
def count(event, args):
    if event == "socket.__new__":
        if isinstance(args[0], pysock._core.socket):
            created["pysock"] += 1
        elif type(args[0]).__name__ == "_Carrier" and type(args[0]).__module__ == "pysock._tls":
            created["tls carrier"] += 1  # the handle _ssl drives for a pysock socket
        else:
            created["other"] += 1
sys.addaudithook(count)
sys.path.insert(0, {HERE!r})
import importlib, json
module, name = sys.argv[1:3]
scenarios = importlib.import_module(module)
try:
    getattr(scenarios, name)()
except scenarios.Skip as skip:
    print(skip, flush=True)
    sys.exit({SKIP_EXIT})
if sys.modules["socket"] is not pysock:
    sys.exit("sys.modules['socket'] is no longer pysock")
print({REPORT_PREFIX!r} + json.dumps(created), flush=True)
"""


def run_scenario(pysock, module, name, **extra_env):
    """Runs scenario `name` of tests/`module`.py with `pysock` (the module this
    test run imports, so the child imports the same) in place of `socket`,
    with `extra_env` added to its environment; returns the socket counts."""
    env = dict(os.environ, **extra_env)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__))] + sys.path)
    done = subprocess.run([sys.executable, "-c", BOOTSTRAP, module, name], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=TIMEOUT)
    if done.returncode == SKIP_EXIT:
        pytest.skip(done.stdout.strip())
    report = [line for line in done.stdout.splitlines() if line.startswith(REPORT_PREFIX)]
    assert done.returncode == 0 and report, (
        f"scenario {module}.{name} failed (exit {done.returncode}):\n"
        f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    created = json.loads(report[-1][len(REPORT_PREFIX):])
    assert created["other"] == 0, f"sockets not made by pysock: {created}"
    assert created["pysock"] > 0, f"no pysock socket was created: {created}"
    return created
