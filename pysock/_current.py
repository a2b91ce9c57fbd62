"""The package's own names, looked up at call time.

The stdlib's helpers (create_connection, fromfd, socketpair, accept,
getfqdn, ...) find `socket`, `getaddrinfo`, `gethostbyaddr` as module globals
when they run, so a subclass or a test double assigned to `socket.socket`
is honoured. pysock's helpers live in submodules; they go through this to
reach the package's current value of each name.
"""
import sys

_PACKAGE = __name__.rpartition(".")[0]


def package():
    """The pysock package module, as it is now."""
    return sys.modules[_PACKAGE]
