"""pysock.patch(): pysock in place of the stdlib socket module, process-wide."""
import sys

from . import _stdlib


def patch():
    """Puts pysock in place of the stdlib's `socket` module for the whole process.

    Afterwards `import socket` gives pysock, and every module imported
    before holds pysock where it held the stdlib's module object (`import
    socket`, `import socket as _socket`, ...). `ssl.SSLContext.wrap_socket()`
    gives pysock sockets pysock's TLS class either way. Names bound with
    `from socket import ...` before the call keep the stdlib's objects, and
    `_socket` stays (the `_ssl` extension imports its C API).

    All or nothing: if anything fails, every replacement made is undone and
    the error raised. Calling it again changes nothing.
    """
    package = sys.modules[__package__]
    stdlib = _stdlib.loaded()
    # The modules that may hold the stdlib module: none if it was never imported.
    modules = list(sys.modules.items()) if stdlib is not None else []
    # Every place to change, found before any is changed.
    places = [(sys.modules, key) for key, value in modules if value is stdlib]
    if sys.modules.get("socket") is not package and (sys.modules, "socket") not in places:
        places.append((sys.modules, "socket"))
    for name, module in modules:
        if module is stdlib or name == __package__ or name.startswith(__package__ + "."):
            continue
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        places.extend((namespace, key) for key, value in list(namespace.items()) if value is stdlib)
    done = []
    try:
        for namespace, key in places:
            done.append((namespace, key, namespace.get(key, _ABSENT)))
            namespace[key] = package
    except BaseException:
        for namespace, key, before in reversed(done):
            if before is _ABSENT:
                namespace.pop(key, None)
            else:
                namespace[key] = before
        raise


_ABSENT = object()
