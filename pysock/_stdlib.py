"""The stdlib's socket module, for the objects pysock shares with it.

A program may hold objects of both modules at once: code imported before
pysock took `socket`'s place keeps the stdlib's. Where identity matters,
pysock therefore recognises the stdlib's object beside its own:

- `_GLOBAL_DEFAULT_TIMEOUT`: http.client, ssl and others bind it as a default
  argument when they are imported and pass it to `create_connection`, which
  must recognise it as "no timeout given" whichever module they imported.
  When the stdlib module is already loaded as pysock is imported, pysock
  takes its sentinel as its own; a stdlib module loaded later makes a new
  one, which `is_default_timeout` recognises too.
- The exception classes `herror` and `gaierror` come from `_socket` (the
  binding takes them there), so `except socket.gaierror` catches either.

Importing pysock does not import the stdlib module (that would cost a
tenth of pysock's import time): `module()` loads it on first need.
"""
import sys

_module = None


def _stdlib_in_sys_modules():
    current = sys.modules.get("socket")
    if current is not None and current.__name__ == "socket":
        return current
    return None


def loaded():
    """The stdlib module if it has been imported, else None; imports nothing.
    Once seen, it is remembered (patch() takes its place in sys.modules)."""
    global _module
    if _module is None:
        _module = _stdlib_in_sys_modules()
    return _module


def module():
    """The stdlib module, imported now if it is not yet."""
    global _module
    if _module is None:
        _module = _stdlib_in_sys_modules() or _import_beside(sys.modules.get("socket"))
    return _module


def _import_beside(current):
    if current is None:
        import socket
        return socket
    # pysock already stands in `socket`'s place and the stdlib module was
    # never loaded: load it without displacing pysock.
    del sys.modules["socket"]
    try:
        import socket
        return socket
    finally:
        sys.modules["socket"] = current


def _initial_default_timeout():
    current = sys.modules.get("socket")
    # pysock being re-imported after patch() keeps the sentinel in use.
    return getattr(current, "_GLOBAL_DEFAULT_TIMEOUT", None) or object()


GLOBAL_DEFAULT_TIMEOUT = _initial_default_timeout()


def is_default_timeout(timeout):
    """Whether `timeout` is pysock's or the stdlib's "no timeout given"."""
    if timeout is GLOBAL_DEFAULT_TIMEOUT:
        return True
    stdlib = loaded()
    return stdlib is not None and timeout is getattr(stdlib, "_GLOBAL_DEFAULT_TIMEOUT", None)
