"""Python-level name-service helpers (the stdlib's socket.py has them too)."""
from ._current import package


def getfqdn(name=""):
    """A fully qualified domain name for name (the local host when empty,
    '0.0.0.0' or '::'): the first of gethostbyaddr()'s host name and aliases
    that contains a dot, else its host name; name itself when the lookup
    fails."""
    # Through the package: replacing pysock.gethostbyaddr (a mock) changes
    # getfqdn too, as with the stdlib.
    pkg = package()
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
