"""Makes `ssl.SSLContext.wrap_socket()` return pysock's TLS class for pysock sockets.

`wrap_socket` is the one door the stdlib and third-party clients use to put
TLS on a socket (http.client, urllib, smtplib, ftplib, imaplib, requests'
urllib3, ...). The stdlib's path cannot serve a pysock socket: `_ssl` refuses
any type but CPython's own. So pysock replaces `SSLContext.wrap_socket` with
a function that sends pysock sockets to `_tls.SSLSocket` and every other
socket to the stdlib's unchanged code; nothing changes for stdlib sockets,
and `sslsocket_class` keeps its meaning (a subclass of pysock's class set
there is used for pysock sockets).

It is installed when pysock is imported: at once if `ssl` is already
imported, else right after `ssl` is first imported (a one-shot import hook),
so it holds whether `ssl` came before or after pysock took socket's place.
"""
import functools
import sys

from . import _core


def install(ssl):
    """Routes `ssl.SSLContext.wrap_socket` for pysock sockets (idempotent)."""
    original = ssl.SSLContext.wrap_socket
    if hasattr(original, "_pysock_stdlib_wrap_socket"):
        return

    @functools.wraps(original)
    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True,
                    suppress_ragged_eofs=True, server_hostname=None, session=None):
        if not isinstance(sock, _core.socket):
            return original(self, sock, server_side, do_handshake_on_connect,
                            suppress_ragged_eofs, server_hostname, session)
        from . import _tls
        cls = self.sslsocket_class
        if not (isinstance(cls, type) and issubclass(cls, _tls.SSLSocket)):
            cls = _tls.SSLSocket
        return cls._create(sock=sock, server_side=server_side,
                           do_handshake_on_connect=do_handshake_on_connect,
                           suppress_ragged_eofs=suppress_ragged_eofs,
                           server_hostname=server_hostname, context=self, session=session)

    wrap_socket._pysock_stdlib_wrap_socket = original
    ssl.SSLContext.wrap_socket = wrap_socket


# The finder and loader protocols are duck-typed: no importlib.abc bases,
# whose import (importlib.resources, pathlib, tempfile, typing, ...) was
# more than half of what `import pysock` cost.
class _AfterImport:
    """Finds `ssl` as the other finders do, with a loader that installs once
    the module has run (and then retires this finder)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "ssl":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _InstallingLoader(spec.loader)
                return spec
        return None


class _InstallingLoader:
    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _remove_finder()
        install(module)

    def __getattr__(self, name):  # get_source, get_filename, ... for tracebacks
        return getattr(self._loader, name)


_finder = _AfterImport()


def _remove_finder():
    try:
        sys.meta_path.remove(_finder)
    except ValueError:
        pass


def install_when_imported():
    if "ssl" in sys.modules:
        install(sys.modules["ssl"])
    elif _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
