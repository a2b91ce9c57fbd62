"""Completes `pysock._core` into the stand-in for `_socket`.

The binding provides the socket type, CAPI, the exception classes and the
functions that reach the OS; the names `_socket` also has that need no OS
call are added here, so that code written against `_socket` (socket.py's
`from _socket import *`, CPython's test suite, enum conversion with
`source=_socket`) finds them on `_core`: every constant (enum members as plain ints), the
`error`/`timeout` aliases and `has_ipv6` (the byte-order functions are the
binding's own).
"""
from . import _core, _constants, _loader

# Plain ints (and Windows' text BDADDR_ANY, ...) as `_socket` has them: the
# package's enums are not built yet when this runs.
for _name in _constants.names:
    setattr(_core, _name, getattr(_constants, _name))
_core.error = OSError
_core.timeout = TimeoutError
_core.has_ipv6 = _loader.has_ipv6
