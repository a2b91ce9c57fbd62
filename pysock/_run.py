"""`python -m pysock run script.py args...` / `python -m pysock run -m module args...`

Runs a program with pysock in place of the stdlib socket module (patch()
first), as `python script.py args...` / `python -m module args...` would:
the same sys.argv, sys.path[0], `__main__` module, exit status, and the same
message and status when the script or module cannot be found.
"""
import os
import pkgutil
import runpy
import sys
import types

from . import _patch

USAGE = "usage: python -m pysock run [-m module | script] [arg] ..."


def run(args):
    """Runs the program args names ([script, arg...] or ["-m", module, arg...])."""
    if not isinstance(args, (list, tuple)) or not all(isinstance(a, str) for a in args):
        raise TypeError(f"run() takes a list of str arguments, not {args!r}")
    if not args:
        print(USAGE, file=sys.stderr)
        return 2
    if args[0] == "-m":
        if len(args) < 2:
            print("Argument expected for the -m option", file=sys.stderr)
            print(USAGE, file=sys.stderr)
            return 2
        return _run_module(args[1], list(args[2:]))
    return _run_script(args[0], list(args[1:]))


def _run_module(name, rest):
    _patch.patch()
    sys.argv[:] = [name, *rest]  # runpy puts the module's path in sys.argv[0]
    # A fresh __main__ module, not this one: runpy runs the module in the
    # globals of sys.modules["__main__"], as `python -m` does.
    sys.modules["__main__"] = types.ModuleType("__main__")
    runpy._run_module_as_main(name, alter_argv=True)
    return 0


def _run_script(path, rest):
    try:
        # A directory is runpy's to judge (its __main__.py, or Python's own
        # "can't find '__main__' module"); opening one fails differently on
        # Windows (PermissionError) than elsewhere (IsADirectoryError).
        if not os.path.isdir(path):
            with open(path, "rb"):
                pass
    except OSError as exc:
        print(f"{_program()}: can't open file {os.path.abspath(path)!r}: "
              f"[Errno {exc.errno}] {exc.strerror}", file=sys.stderr)
        return 2
    importer = pkgutil.get_importer(os.path.abspath(path))
    if importer is not None and importer.find_spec("__main__") is None:
        # A folder or zip file without __main__.py: Python's one line, not
        # runpy's traceback.
        print(f"{_program()}: can't find '__main__' module in {os.path.abspath(path)!r}", file=sys.stderr)
        return 1
    _patch.patch()
    sys.argv[:] = [path, *rest]
    if _current_folder_first():
        # As for `python script.py`: the script's folder first on the path,
        # in place of the current one that `python -m pysock` put there. A
        # folder or zip file with __main__.py is itself the first entry,
        # which runpy puts there: the current folder only goes.
        if importer is None:
            sys.path[0] = os.path.dirname(os.path.abspath(path))
        else:
            del sys.path[0]
    runpy.run_path(os.path.abspath(path), run_name="__main__")
    return 0


def _program():
    """The interpreter's name as Python's own messages give it."""
    return sys.orig_argv[0] if sys.orig_argv else sys.executable


def _current_folder_first():
    """Whether `python -m pysock` put the current folder first on sys.path
    (not under -P / PYTHONSAFEPATH, nor with an embeddable Python's ._pth
    file, where Python adds no folder for a script either)."""
    return bool(sys.path) and not sys.flags.safe_path and sys.path[0] == os.getcwd()
