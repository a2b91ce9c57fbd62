"""pysock on a CPython without the `_socket` extension (a child that makes
its import fail): the package still imports, and `_core` makes gaierror and
herror of its own, shaped as the stdlib's (named socket.gaierror /
socket.herror, derived from OSError), raised by the lookups as usual."""
import json
import os
import socket as std
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import json, sys
sys.modules["_socket"] = None  # import _socket now fails with ImportError
import pysock

def shape(cls):
    return [f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__]

try:
    pysock.getaddrinfo("no-such-host.invalid", 80)
    raised = None
except pysock.gaierror as e:
    raised = [type(e).__name__, isinstance(e.errno, int)]
a, b = pysock.socketpair()
a.send(b"x")
print(json.dumps({"gaierror": shape(pysock.gaierror), "herror": shape(pysock.herror),
                  "raised": raised, "pair": b.recv(1).decode(), "socket_module": "_socket" in sys.modules
                  and sys.modules["_socket"] is not None}))
"""


def test_imports_and_raises_its_own_exceptions(pysock):
    root = os.path.dirname(os.path.dirname(os.path.abspath(pysock.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + [p for p in sys.path if p]))
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.splitlines()[-1])

    def shape(cls):
        return [f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__]

    assert report == {"gaierror": shape(std.gaierror), "herror": shape(std.herror),
                      "raised": ["gaierror", True], "pair": "x", "socket_module": False}
