"""Completes `pysock._core` into the stand-in for `_socket`.

The binding provides the socket type, CAPI, the exception classes and the
functions that reach the OS; the names `_socket` also has that need no OS
call are added here, so that code written against `_socket` (socket.py's
`from _socket import *`, CPython's test suite, enum conversion with
`source=_socket`) finds them on `_core`: every constant (enum members as plain ints), the
`error`/`timeout` aliases and `has_ipv6` (the byte-order functions are the
binding's own).
"""
from enum import Enum

from . import _core, _constants, _loader

for _name in _constants.names:
    _value = getattr(_constants, _name)
    # The package's enum members as the plain ints `_socket` has; other
    # constants (Windows' text BDADDR_ANY, ...) as they are.
    setattr(_core, _name, int(_value) if isinstance(_value, Enum) else _value)
_core.error = OSError
_core.timeout = TimeoutError
_core.has_ipv6 = _loader.has_ipv6
