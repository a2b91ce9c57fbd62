"""Every public name of the host's stdlib `socket` module exists in pysock,
`__all__` lists the same names, and the socket class has the same public
methods and attributes. Failures list every missing (or extra) name."""

import enum
import errno
import io
import socket as std

import pytest

import own_names


def _public(names):
    return {n for n in names if not n.startswith("_")}


def _report(what, names):
    return "%s (%d): %s" % (what, len(names), " ".join(sorted(names)))


@pytest.mark.pysock_only
def test_every_public_name_exists(pysock):
    missing = _public(dir(std)) - set(dir(pysock))
    assert not missing, _report("names of the stdlib's socket module missing from pysock", missing)


@pytest.mark.pysock_only
def test_no_public_name_beyond_the_stdlib(pysock):
    # pysock's own additions (README: "In place of socket", "pysock's own
    # extensions"), listed in own_names.py.
    extra = _public(dir(pysock)) - _public(dir(std)) - own_names.MODULE - own_names.CONSTANTS
    assert not extra, _report("public names of pysock the stdlib lacks", extra)


@pytest.mark.pysock_only
def test_dunder_all(pysock):
    missing = set(std.__all__) - set(pysock.__all__)
    extra = set(pysock.__all__) - set(std.__all__)
    assert not missing and not extra, "\n".join([
        _report("in the stdlib's __all__ only", missing),
        _report("in pysock's __all__ only", extra),
    ])
    assert len(pysock.__all__) == len(set(pysock.__all__)), "duplicates in __all__"
    for name in pysock.__all__:
        assert hasattr(pysock, name), name


@pytest.mark.pysock_only
def test_socket_class_members(pysock):
    std_members = _public(dir(std.socket))
    ours = _public(dir(pysock.socket))
    missing = std_members - ours
    extra = ours - std_members - own_names.SOCKET_METHODS
    assert not missing and not extra, "\n".join([
        _report("socket methods/attributes missing from pysock.socket", missing),
        _report("socket methods/attributes pysock.socket has beyond the stdlib", extra),
    ])


@pytest.mark.pysock_only
def test_socket_type_members(pysock):
    # SocketType is the C-level base in both.
    missing = _public(dir(std.SocketType)) - _public(dir(pysock.SocketType))
    # makefile, sendfile, accept, dup live in the Python subclass in both.
    assert not missing - _public(dir(pysock.socket)), _report("missing", missing)


@pytest.mark.pysock_only
def test_module_imports_are_the_modules(pysock):
    # The stdlib module leaks its imports as attributes; code uses them.
    differ = [name for name in ("array", "errno", "io", "os", "selectors", "sys")
              if getattr(pysock, name, None) is not getattr(std, name, None)]
    assert not differ, _report("module attributes that are not the stdlib's", differ)
    # array comes with send_fds/recv_fds (sendmsg/recvmsg), as in the stdlib.
    has_msg = hasattr(pysock.socket, "sendmsg") or hasattr(pysock.socket, "recvmsg")
    assert hasattr(pysock, "array") == has_msg
    assert pysock.IntEnum is enum.IntEnum
    assert pysock.IntFlag is enum.IntFlag


def test_errno_constants(mod):
    assert (mod.EAGAIN, mod.EBADF, mod.EWOULDBLOCK) == (errno.EAGAIN, errno.EBADF, errno.EWOULDBLOCK)


def test_socketio_class(mod):
    assert issubclass(mod.SocketIO, io.RawIOBase)
    assert "SocketIO" not in mod.__all__


def test_enums_not_exported_but_present(mod):
    for name in ("MsgFlag", "AddressInfo"):
        assert hasattr(mod, name)
        assert name not in mod.__all__
    for name in ("AddressFamily", "SocketKind"):
        assert name in mod.__all__


@pytest.mark.pysock_only
def test_capi_is_pysocks_own_capsule(pysock):
    # The stdlib's CAPI describes CPython's socket struct (for _ssl); pysock's
    # describes its own type, under its own capsule name so that nothing
    # asking for "_socket.CAPI" can take one for the other.
    assert type(pysock.CAPI).__name__ == type(std.CAPI).__name__ == "PyCapsule"
    assert repr(pysock.CAPI).startswith('<capsule object "pysock._core.CAPI"')
    assert repr(std.CAPI).startswith('<capsule object "_socket.CAPI"')
    assert "CAPI" in pysock.__all__


@pytest.mark.pysock_only
def test_capi_capsule_contents(pysock):
    ctypes = pytest.importorskip("ctypes")
    if not hasattr(ctypes, "pythonapi"):
        pytest.skip("ctypes.pythonapi not available")
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype = ctypes.c_void_p
    get.argtypes = [ctypes.py_object, ctypes.c_char_p]
    pointer = get(pysock.CAPI, b"pysock._core.CAPI")
    members = (ctypes.c_void_p * 3).from_address(pointer)
    assert list(members) == [id(pysock.SocketType), id(OSError), id(TimeoutError)]
    # Asking with the stdlib's name fails cleanly.
    with pytest.raises(ValueError):
        get(pysock.CAPI, b"_socket.CAPI")
    importer = ctypes.pythonapi.PyCapsule_Import
    importer.restype = ctypes.c_void_p
    importer.argtypes = [ctypes.c_char_p, ctypes.c_int]
    assert importer(b"pysock._core.CAPI", 0) == pointer
