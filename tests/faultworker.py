"""The worker process of faultutil.Worker (not a test module).

Started with PYSOCK_BACKEND naming the fault backend. Reads JSON lines from
stdin: first {"path": sys.path of the parent}, then {"module", "function",
"args", "test"}; runs `module.function(pysock, faults, *args)` in the main
thread (signal handlers need it) and answers each line with {"result": ...}
or {"error": traceback}.
"""
import importlib
import json
import sys
import traceback


def main():
    out = sys.stdout
    # Scenarios print nothing; anything they do print must not break the protocol.
    sys.stdout = sys.stderr
    first = json.loads(sys.stdin.readline())
    sys.path[:] = first["path"]
    try:
        import pysock
        from faultutil import Faults, library_path, to_json

        faults = Faults(library_path(pysock))
        reply = {"result": None}
    except BaseException:
        reply = {"error": traceback.format_exc()}
    out.write(json.dumps(reply) + "\n")
    out.flush()
    if "error" in reply:
        return
    for line in sys.stdin:
        request = json.loads(line)
        serving(request.get("test"))
        try:
            scenario = getattr(importlib.import_module(request["module"]), request["function"])
            text = to_json({"result": scenario(pysock, faults, *request["args"])})
        except BaseException:
            text = json.dumps({"error": traceback.format_exc()})
        finally:
            faults.set("")
        out.write(text + "\n")
        out.flush()


def serving(test):
    """Under the mutation driver's coverage build (tools/mutation/reach.py,
    whose sitecustomize loads coverage_probe in every child), what this one
    process reaches is recorded scenario by scenario, under the test that
    sent each, not all under the test that started the worker."""
    probe = sys.modules.get("coverage_probe")
    if probe is not None:
        probe.serve_test(test)


if __name__ == "__main__":
    main()
