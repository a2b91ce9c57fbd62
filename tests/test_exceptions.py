"""error / herror / gaierror / timeout: the stdlib's classes and aliases."""

import socket as std

import pytest


def test_error_is_oserror(mod):
    assert mod.error is OSError


def test_timeout_is_timeouterror(mod):
    assert mod.timeout is TimeoutError


@pytest.mark.parametrize("name", ["herror", "gaierror"])
def test_herror_gaierror_are_oserror_subclasses(mod, name):
    cls = getattr(mod, name)
    assert isinstance(cls, type)
    assert issubclass(cls, OSError)
    assert cls is not OSError
    assert cls.__name__ == name


@pytest.mark.parametrize("name", ["herror", "gaierror"])
def test_exception_construction(mod, name):
    cls = getattr(mod, name)
    e = cls(1, "message")
    assert e.args == (1, "message")
    assert e.errno == 1 and e.strerror == "message"
    assert str(e) == "[Errno 1] message"


@pytest.mark.parametrize("name", ["herror", "gaierror"])
def test_exception_classes_differential(both, name):
    s_cls, p_cls = (getattr(m, name) for m in both)
    s_mro = [c.__name__ for c in s_cls.__mro__]
    p_mro = [c.__name__ for c in p_cls.__mro__]
    assert s_mro == p_mro


def test_gaierror_raised_for_bad_numeric_lookup(mod):
    # AI_NUMERICHOST makes this a local failure: no resolver traffic.
    with pytest.raises(mod.gaierror) as ei:
        mod.getaddrinfo("not an address", 80, flags=mod.AI_NUMERICHOST)
    assert isinstance(ei.value, OSError)
    assert ei.value.errno == std.EAI_NONAME


def test_gaierror_differential(both):
    res = []
    for m in both:
        try:
            m.getaddrinfo("not an address", 80, flags=m.AI_NUMERICHOST)
        except OSError as e:
            res.append((type(e).__name__, e.errno, e.strerror, str(e)))
    assert len(res) == 2 and res[0] == res[1]
