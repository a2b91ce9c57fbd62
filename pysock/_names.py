"""Python-level name-service helpers (the stdlib's socket.py has them too)."""
import sys


def _package():
    # Looked up at call time, through the package, so that code which
    # replaces pysock.gethostbyaddr or pysock.gethostname (mocks, tests)
    # changes getfqdn too, as it does with the stdlib.
    return sys.modules[__name__.rpartition(".")[0]]


def getfqdn(name=""):
    """A fully qualified domain name for name (the local host when empty,
    '0.0.0.0' or '::'): the first of gethostbyaddr()'s host name and aliases
    that contains a dot, else its host name; name itself when the lookup
    fails."""
    pkg = _package()
    name = name.strip()
    if not name or name in ("0.0.0.0", "::"):
        name = pkg.gethostname()
    try:
        hostname, aliases, _addresses = pkg.gethostbyaddr(name)
    except OSError:
        return name
    for candidate in (hostname, *aliases):
        if "." in candidate:
            return candidate
    return hostname
