"""pysock._core when it cannot start: a backend library that does not load,
or lacks the entry symbol, is an ImportError saying which (and the refusal
frees its message, however often it is asked); an extension init that
fails (here: a `_socket` without the stdlib's exception classes) releases
the module it had made; `_unavailable()` out of memory raises MemoryError
and frees its list. Each scenario runs in a child process of its own:
pysock loads one backend per process, and a failed init must not touch
the test process. These are pysock's own behaviours: the stdlib has no
backend to refuse."""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import _testcapi

    HAS_NOMEMORY = hasattr(_testcapi, "set_nomemory")
except ImportError:
    HAS_NOMEMORY = False


def child(code, **env_extra):
    """Runs `code` in a child Python that imports the pysock under test; its last line of output, as JSON."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYSOCK_BACKEND", None)
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=HERE, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


IMPORT = """
import json
try:
    import pysock
    print(json.dumps(["ok", pysock.__file__]))
except BaseException as e:
    print(json.dumps([type(e).__name__, str(e)]))
"""


def core_path(pysock):
    return pysock._core.__file__


@pytest.mark.parametrize("what", ["not-a-library", "no-entry-symbol"])
def test_backend_that_does_not_load_is_import_error(pysock, what):
    path = os.path.abspath(__file__) if what == "not-a-library" else core_path(pysock)
    kind, message = child(IMPORT, PYSOCK_BACKEND=path)
    assert kind == "ImportError"
    assert message.startswith("pysock: cannot load backend library %s (or it lacks pysock_backend_vtable)" % path)


LOAD_LEAK = """
import errno, gc, json, tracemalloc
import pysock
core = pysock._core
path = %r

def refuse():
    try:
        core._load(path, errno.EWOULDBLOCK, errno.EBADF, errno.ENOTSOCK)
    except ImportError as e:
        return type(e).__name__
    return "no error"

seen = {refuse() for _ in range(200)}  # warm-up
gc.collect()
tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
for _ in range(3000):
    seen.add(refuse())
gc.collect()
growth = tracemalloc.get_traced_memory()[0] - start
tracemalloc.stop()
print(json.dumps([sorted(seen), growth]))
"""


def test_refused_backend_leaks_nothing():
    # A leak of the message (about 150 bytes) per refusal shows as ~450 KB.
    seen, growth = child(LOAD_LEAK % os.path.abspath(__file__))
    assert seen == ["ImportError"]
    assert growth < 48 * 1024, growth


FAILED_INIT = """
import gc, json, sys, types
import socket  # the stdlib's module, made with the real _socket
sys.modules["_socket"] = types.ModuleType("_socket")  # no herror, no gaierror
try:
    import pysock
    outcome = ["ok"]
except BaseException as e:
    outcome = [type(e).__name__, str(e)]
    del e
gc.collect()
left = [m for m in gc.get_objects() if type(m) is types.ModuleType and m.__dict__.get("__name__") == "pysock._core"]
print(json.dumps([outcome, len(left)]))
"""


def test_failed_init_releases_the_module():
    outcome, left = child(FAILED_INIT)
    assert outcome[0] == "AttributeError" and "herror" in outcome[1], outcome
    assert left == 0


UNAVAILABLE_NOMEMORY = """
import gc, json, sys
import pysock
from nomemory_run import failing_at  # (tests/ is the child's folder)
call = pysock._core._unavailable
call()

def sweep(outcomes):
    through = 0
    for n in range(400):
        error = failing_at(n, call)
        if error is None:
            through += 1
            if through == 3:
                return n - 2
            continue
        through = 0
        name = type(error).__name__
        outcomes[name] = outcomes.get(name, 0) + 1
    return 400

outcomes = {}
points = sweep(outcomes)
gc.collect()
blocks = sys.getallocatedblocks()
for _ in range(10):
    sweep(outcomes)
gc.collect()
print(json.dumps([call(), points, outcomes, sys.getallocatedblocks() - blocks]))
"""


@pytest.mark.skipif(not HAS_NOMEMORY, reason="needs _testcapi.set_nomemory (CPython's test module)")
def test_unavailable_out_of_memory_raises_and_releases():
    names, points, outcomes, growth = child(UNAVAILABLE_NOMEMORY)
    if not names:
        pytest.skip("the backend has every optional function: _unavailable() builds an empty list")
    assert points > 1
    assert list(outcomes) == ["MemoryError"], outcomes
    # A list kept per failure grows by a block or two per sweep (10 after the first).
    assert growth < 8, growth


WRONG_TABLE = """
import ctypes, importlib.util, json, os, sys
# The fault backend hands out a writable copy of its table: made wrong here,
# before pysock loads the same library (the same handle, the same table).
folder = importlib.util.find_spec("pysock").submodule_search_locations[0]
name = {"win32": "pysock_backend_faults.dll", "darwin": "pysock_backend_faults.dylib"}.get(
    sys.platform, "pysock_backend_faults.so")
path = os.path.join(folder, name)
if not os.path.exists(path):
    print(json.dumps(["skip", path]))
    sys.exit(0)
lib = ctypes.CDLL(path)
lib.pysock_backend_vtable.restype = ctypes.c_void_p
table = lib.pysock_backend_vtable()
field = {"version": 0, "size": 4}[%r]
ctypes.c_uint32.from_address(table + field).value = %d
os.environ["PYSOCK_BACKEND"] = path
try:
    import pysock
    print(json.dumps(["ok", path]))
except ImportError as e:
    print(json.dumps([path, str(e)]))
"""


@pytest.mark.parametrize("field, value, words", [
    ("version", 9999, "has ABI version 9999, this binding needs version"),
    ("size", 8, "has a vtable of 8 bytes, this binding needs"),
], ids=["abi-version", "vtable-size"])
def test_backend_of_another_abi_is_import_error(pysock, field, value, words):
    """A backend whose table has another ABI version, or is shorter than the
    binding's, is refused with an ImportError naming the library and both numbers."""
    path, message = child(WRONG_TABLE % (field, value))
    if path == "skip":
        pytest.skip(f"no fault backend at {message}")
    assert message.startswith(f"pysock: backend {path} {words} "), message


NOT_LOADED = """
import importlib.machinery, importlib.util, json, sys
path = sys.argv[1]
# The extension alone, under a name of its own: the package, which loads the
# backend first thing, never runs.
loader = importlib.machinery.ExtensionFileLoader("_core", path)
spec = importlib.util.spec_from_file_location("_core", path, loader=loader)
core = importlib.util.module_from_spec(spec)
spec.loader.exec_module(core)
seen = []
for name in ("constants", "_error_table"):
    try:
        getattr(core, name)()
        seen.append([name, "returned"])
    except BaseException as e:
        seen.append([name, type(e).__name__, str(e)])
print(json.dumps(seen))
"""


def test_entry_points_before_a_backend_is_loaded_raise(pysock):
    code = NOT_LOADED.replace("sys.argv[1]", repr(core_path(pysock)))
    seen = child(code)
    assert seen == [[name, "ImportError", "pysock._core: no backend loaded"]
                    for name in ("constants", "_error_table")], seen
