"""The whole namespace of the stdlib module, private names included, and
`pysock._core` standing where `_socket` stands.

Other modules reach into `socket` for names outside `__all__` (http.client
and ssl import `_GLOBAL_DEFAULT_TIMEOUT`), socket.py itself re-exports
`_socket`, and CPython's test suite builds enums with `source=_socket`; so
every name of the host's modules must exist in pysock's with the same value.
"""
import enum
import socket as std
import types

import _socket
import pytest

pytestmark = pytest.mark.pysock_only

# Names every module has, with values of its own.
# Each module's own, or (__warningregistry__) state the warnings machinery
# adds once a warning was issued from the module's code: not its API.
_MODULE_DUNDERS = {"__builtins__", "__cached__", "__doc__", "__file__", "__loader__",
                   "__name__", "__package__", "__spec__", "__path__", "__warningregistry__"}


def _same_meaning(std_value, py_value, std_module, py_module):
    """None when py_value means what std_value means, else why not."""
    if std_value is std_module:
        return None if py_value is py_module else "not the module itself"
    if isinstance(std_value, types.ModuleType):
        if std_value is _socket:
            return None if py_value is py_module._core else "not pysock._core"
        return None if py_value is std_value else "not the same module"
    if isinstance(std_value, type) and issubclass(std_value, enum.Enum):
        members = lambda e: {m.name: m.value for m in e}  # noqa: E731
        return None if members(std_value) == members(py_value) else "other members"
    if isinstance(std_value, type) and issubclass(std_value, BaseException):
        if std_value in vars(_socket).values() or std_value.__module__ == "builtins":
            # Raised to callers: one class for both modules.
            return None if py_value is std_value else "not the stdlib's class"
        # Internal to the module (_GiveupOnSendfile): an equal class suffices.
        names = lambda cls: [c.__name__ for c in cls.__mro__]  # noqa: E731
        return None if names(std_value) == names(py_value) else "other bases"
    if type(std_value).__name__ == "PyCapsule":  # each names its own socket type
        return None if type(py_value) is type(std_value) else "not a capsule"
    if isinstance(std_value, type):
        missing = {n for n in dir(std_value) if not n.startswith("__")} - set(dir(py_value))
        return "lacks " + ", ".join(sorted(missing)) if missing else None
    if isinstance(std_value, enum.Enum):
        same = type(std_value).__name__ == type(py_value).__name__ and std_value.name == py_value.name
        return None if same and std_value == py_value else f"{py_value!r} for {std_value!r}"
    if callable(std_value):
        return None if callable(py_value) else "not callable"
    if type(std_value) is object:  # a sentinel: the very object
        return None if py_value is std_value else "another object"
    if std_value is getattr(std_module, "errorTab", None):
        # Windows: the same codes; the texts are the backend's own messages
        # (the stdlib's table is a fixed list in socket.py).
        return None if std_value.keys() == py_value.keys() else "other error codes"
    if isinstance(std_value, list):  # __all__: the same names, in any order
        std_value, py_value = set(std_value), set(py_value)
    if type(std_value) is not type(py_value) or std_value != py_value:
        return f"{py_value!r} for {std_value!r}"
    return None


def _differences(std_module, py_module):
    diffs = {}
    for name in sorted(set(dir(std_module)) - _MODULE_DUNDERS):
        if not hasattr(py_module, name):
            diffs[name] = "missing"
            continue
        why = _same_meaning(getattr(std_module, name), getattr(py_module, name), std_module, py_module)
        if why:
            diffs[name] = why
    return diffs


def test_every_name_of_the_stdlib_module(pysock):
    assert _differences(std, pysock) == {}


def test_default_timeout_is_the_stdlib_sentinel(pysock):
    assert pysock._GLOBAL_DEFAULT_TIMEOUT is std._GLOBAL_DEFAULT_TIMEOUT


def test_create_connection_takes_the_sentinel_as_no_timeout(pysock):
    # http.client passes socket._GLOBAL_DEFAULT_TIMEOUT through explicitly.
    pysock.setdefaulttimeout(7.5)
    with pysock.create_server(("127.0.0.1", 0)) as server:
        with pysock.create_connection(server.getsockname(), std._GLOBAL_DEFAULT_TIMEOUT) as client:
            assert client.gettimeout() == 7.5
        with pysock.create_connection(server.getsockname(), 3) as client:
            assert client.gettimeout() == 3


def test_core_has_every_name_of_socket_c_module(pysock):
    assert _differences(_socket, pysock._core) == {}


def test_core_constants_are_plain_ints_like_the_stdlib(pysock):
    for name in ("AF_INET", "SOCK_STREAM", "MSG_PEEK", "AI_PASSIVE", "SOL_SOCKET"):
        assert type(getattr(pysock._core, name)) is type(getattr(_socket, name)) is int
        assert getattr(pysock._core, name) == getattr(_socket, name)


def test_core_enum_conversion_with_core_as_source(pysock):
    # CPython's test suite checks the enums this way, with source=_socket.
    def families(source):
        converted = enum.IntEnum._convert_(
            "CheckedFamily", __name__, lambda name: name.isupper() and name.startswith("AF_"),
            source=source)
        return {m.name: m.value for m in converted}

    assert families(pysock._core) == families(_socket)


@pytest.mark.parametrize("module_name", ["std", "pysock"])
def test_socket_type_is_immutable(pysock, module_name):
    core = _socket if module_name == "std" else pysock._core
    with pytest.raises(TypeError) as info:
        core.socket.some_attribute = 1
    assert "immutable type" in str(info.value)
    with pytest.raises(TypeError):
        del core.socket.fileno


def test_core_type_aliases_and_capsule(pysock):
    core = pysock._core
    assert core.SocketType is core.socket is pysock.SocketType
    assert type(core.CAPI).__name__ == "PyCapsule"
    assert core.error is OSError and core.timeout is TimeoutError
    assert core.has_ipv6 == _socket.has_ipv6


def test_core_socket_can_be_used_directly(pysock):
    # As _socket.socket can: the C type without the Python layer.
    s = pysock._core.socket(pysock.AF_INET, pysock.SOCK_STREAM)
    try:
        assert s.family == _socket.AF_INET and type(s.family) is int
    finally:
        s.close()


# -- one set of exception classes -------------------------------------------------------------

@pytest.mark.parametrize("name", ["herror", "gaierror"])
def test_exception_classes_are_the_stdlib_s(pysock, name):
    assert getattr(pysock, name) is getattr(std, name) is getattr(pysock._core, name)


def test_stdlib_except_clause_catches_pysock_errors(pysock):
    with pytest.raises(std.gaierror):
        pysock.getaddrinfo("not an address", 80, flags=pysock.AI_NUMERICHOST)
    try:
        pysock.getaddrinfo("not an address", 80, flags=pysock.AI_NUMERICHOST)
    except std.gaierror as exc:
        caught = exc
    assert caught.errno == std.EAI_NONAME


def test_pysock_except_clause_catches_stdlib_errors(pysock):
    try:
        std.getaddrinfo("not an address", 80, flags=std.AI_NUMERICHOST)
    except pysock.gaierror as exc:
        caught = exc
    assert caught.errno == std.EAI_NONAME


# -- helpers look the socket class up at call time --------------------------------------------

@pytest.fixture
def subclass_installed(pysock, monkeypatch):
    class Recording(pysock.socket):
        __slots__ = ()

    monkeypatch.setattr(pysock, "socket", Recording)
    return Recording


def test_create_connection_and_accept_use_the_current_class(pysock, subclass_installed):
    with pysock.create_server(("127.0.0.1", 0)) as server:
        assert type(server) is subclass_installed
        with pysock.create_connection(server.getsockname(), timeout=5) as client:
            conn, _ = server.accept()
            with conn:
                assert type(client) is subclass_installed
                assert type(conn) is subclass_installed


def test_fromfd_and_socketpair_use_the_current_class(pysock, subclass_installed):
    a, b = pysock.socketpair()
    with a, b:
        assert type(a) is type(b) is subclass_installed
        with pysock.fromfd(a.fileno(), a.family, a.type) as c:
            assert type(c) is subclass_installed


def test_create_connection_uses_the_current_getaddrinfo(pysock, monkeypatch):
    calls = []
    real = pysock.getaddrinfo

    def recording(*args, **kwargs):
        calls.append(args[:2])
        return real(*args, **kwargs)

    monkeypatch.setattr(pysock, "getaddrinfo", recording)
    with pysock.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        pysock.create_connection(("127.0.0.1", port), timeout=5).close()
    assert calls == [("127.0.0.1", port)]


def test_either_sentinel_when_pysock_came_first(pysock):
    """pysock imported before the stdlib's socket has a sentinel of its own;
    the stdlib's, imported later (and passed on by http.client), still means
    "no timeout given" to pysock's helpers. In a fresh interpreter."""
    import os
    import subprocess
    import sys
    import tempfile
    child = """
import sys
import pysock
assert "socket" not in sys.modules, "pysock imported socket"
import socket
pysock.setdefaulttimeout(7.5)
with pysock.create_server(("127.0.0.1", 0)) as server:
    seen = []
    for sentinel in (socket._GLOBAL_DEFAULT_TIMEOUT, pysock._GLOBAL_DEFAULT_TIMEOUT):
        with pysock.create_connection(server.getsockname(), sentinel) as client:
            seen.append(client.gettimeout())
print(pysock._GLOBAL_DEFAULT_TIMEOUT is socket._GLOBAL_DEFAULT_TIMEOUT, *seen)
"""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.dirname(os.path.dirname(pysock.__file__)), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60,
                         env=env, cwd=tempfile.gettempdir())
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "7.5", "7.5"]
