"""The functions pysock writes in Python (module functions, socket and
SSLSocket methods) take the stdlib's parameters: the same kinds, the same
names (but for the first parameter of a method) and equal defaults, also
where the stdlib ignores the argument (send_fds passes neither flags nor
address on). pysock may add keyword-only parameters with a default after
the stdlib's (getaddrinfo's timeout)."""
import inspect
import socket as std

import pytest


def _function(owner, name):
    x = inspect.getattr_static(owner, name, None)
    if isinstance(x, (classmethod, staticmethod)):
        x = x.__func__
    return x if inspect.isfunction(x) else None


def _shape(fn, method):
    params = list(inspect.signature(fn).parameters.values())
    return [(None if method and i == 0 else p.name, p.kind, p.default) for i, p in enumerate(params)]


def _compare(ours_owner, std_owner, names, method):
    compared = []
    for name in names:
        theirs, ours = _function(std_owner, name), _function(ours_owner, name)
        if theirs is None or ours is None:
            continue
        want, got = _shape(theirs, method), _shape(ours, method)
        extra = got[len(want):]
        assert got[:len(want)] == want, name
        assert all(kind == inspect.Parameter.KEYWORD_ONLY and default is not inspect.Parameter.empty
                   for _, kind, default in extra), name
        compared.append(name)
    return compared


def _public(owner, also=()):
    return sorted(n for n in dir(owner) if not n.startswith("_") or n in also)


@pytest.mark.pysock_only
def test_module_functions(pysock):
    compared = _compare(pysock, std, _public(std), method=False)
    assert "create_connection" in compared


@pytest.mark.pysock_only
def test_socket_methods(pysock):
    also = ("_sendfile_use_send", "_sendfile_use_sendfile", "_check_sendfile_params")
    compared = _compare(pysock.socket, std.socket, _public(std.socket, also), method=True)
    assert "sendfile" in compared and "makefile" in compared


@pytest.mark.pysock_only
def test_sslsocket_methods(pysock):
    ssl = pytest.importorskip("ssl")
    from pysock import _tls
    also = ("_create", "_sendfile_use_send", "_sendfile_use_sendfile")
    compared = _compare(_tls.SSLSocket, ssl.SSLSocket, _public(ssl.SSLSocket, also), method=True)
    assert "_create" in compared and "sendto" in compared


@pytest.mark.parametrize("name", ["send_fds", "recv_fds"])
def test_fd_helpers_signature(mod, name):
    if not hasattr(std, name):
        pytest.skip(f"the stdlib has no {name} here")
    assert str(inspect.signature(getattr(mod, name))) == str(inspect.signature(getattr(std, name)))


@pytest.mark.pysock_only
def test_wrap_socket_hook_signature(pysock):
    # The hook pysock puts in SSLContext.wrap_socket's place takes the
    # stdlib's parameters itself (functools.wraps would show the stdlib's).
    ssl = pytest.importorskip("ssl")
    hook = ssl.SSLContext.wrap_socket
    if not hasattr(hook, "_pysock_stdlib_wrap_socket"):
        pytest.skip("pysock's wrap_socket hook is not installed")
    assert (str(inspect.signature(hook, follow_wrapped=False))
            == str(inspect.signature(hook._pysock_stdlib_wrap_socket)))
