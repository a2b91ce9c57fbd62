"""A failed allocation before the OS call stops the call: the OS is asked
only once every allocation made before its call succeeded. Swept as
test_nomemory.py sweeps (the N-th allocation of the call made to fail, for
every N), with the call run over the fault backend, which counts each time
the call reaches the vtable entry that asks the OS (a zero-millisecond
`delay`, which changes nothing else). The allocations happen in one order,
so the failure points that reach the OS must be exactly the last ones (the
allocations made after the call: its result). A point before them that
reaches it is a failure the call went on from: a MemoryError raised after
a system call made with what could not be set up."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

import faultutil
from nomemoryutil import HERE, needs_nomemory

pytestmark = [pytest.mark.pysock_only, needs_nomemory]

# scenario of nomemory_run.py -> the vtable entry of its OS call
SCENARIOS = {
    "recvfrom": "recvfrom", "recvmsg": "recvmsg", "recvmsg_into": "recvmsg",
    "recvmsg_large": "recvmsg", "recvmsg_into_large": "recvmsg", "sendmsg_large": "sendmsg",
    "recvmmsg": "recvmmsg", "recvmmsg_into": "recvmmsg", "recvmmsg_large": "recvmmsg",
    "recvmmsg_into_large": "recvmmsg", "sendmmsg": "sendmmsg", "sendmmsg_large": "sendmmsg",
    "sendmsg_ancillary": "sendmsg", "getaddrinfo": "getaddrinfo", "getnameinfo": "getnameinfo",
    "gethostbyname_bytearray": "getaddrinfo",
    "accept": "accept",
}

CHILD = textwrap.dedent(r'''
    import json, sys
    here, scenario, entry = sys.argv[1:4]
    sys.path.insert(0, here)
    sys.argv = ["nomemory_run.py", scenario, "pysock"]
    import faultutil
    import nomemory_run as run

    faults = faultutil.Faults(faultutil.library_path(run.m))
    prepare, call = getattr(run, "scenario_" + scenario)()
    prepare()
    call()
    points, through = [], 0
    for n in range(run.MAX_POINTS):
        prepare()
        faults.set(entry + "=delay:0")
        error = run.failing_at(n, call)
        reached = faults.injected() > 0
        faults.set("")
        points.append([reached, error is None])
        through = through + 1 if error is None else 0
        if through == 3:
            break
    print(json.dumps(points))
''')


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_os_call_after_a_failed_allocation(pysock, scenario):
    needs = SCENARIOS[scenario]
    if not (hasattr(pysock.socket, needs) or hasattr(pysock, needs)):
        pytest.skip(f"no {needs} on this platform")
    if ("rights" in scenario or "ancillary" in scenario or scenario.endswith("msg_large")
            or scenario == "sendmmsg_large") and not hasattr(pysock, "AF_UNIX"):
        pytest.skip("no AF_UNIX datagrams")
    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib):
        pytest.skip("no fault backend beside this pysock")
    env = dict(os.environ, PYSOCK_BACKEND=lib, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYSOCK_FAULTS", None)
    out = subprocess.run([sys.executable, "-c", CHILD, HERE, scenario, SCENARIOS[scenario]],
                         capture_output=True, text=True, timeout=300, cwd=HERE, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    points = json.loads(out.stdout.splitlines()[-1])
    reached = [r for r, _ in points]
    first = reached.index(True)
    # Before the first point that reaches the OS, none does; from it on, all.
    assert reached[first:] == [True] * (len(reached) - first), points
    # And the call went through at the last points, each having reached the OS.
    assert points[-1] == [True, True], points
