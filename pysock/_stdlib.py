"""The stdlib's socket module, for the objects pysock shares with it.

A program may hold objects of both modules at once: code imported before
pysock took `socket`'s place keeps the stdlib's. Where identity matters,
pysock therefore uses the stdlib's object instead of an equal one of its own:

- `_GLOBAL_DEFAULT_TIMEOUT`: http.client, ssl and others bind it as a default
  argument when they are imported and pass it to `create_connection`, which
  must recognise it as "no timeout given" whichever module they imported.
- The exception classes `herror` and `gaierror` come from `_socket` (the
  binding takes them there), so `except socket.gaierror` catches either.
"""
import sys


def _find():
    current = sys.modules.get("socket")
    if current is not None and getattr(current, "_stdlib_socket", None) is not None:
        # pysock already stands in the stdlib's place (after patch()).
        return current._stdlib_socket
    import socket
    return socket


module = _find()
GLOBAL_DEFAULT_TIMEOUT = module._GLOBAL_DEFAULT_TIMEOUT
