"""Shared fixtures for the pysock test suite.

Most tests take the fixture ``mod``, parametrized over the stdlib ``socket``
module and ``pysock``, so the suite validates itself against the stdlib: a test
that fails for ``[socket]`` is a wrong test, one that fails only for
``[pysock]`` is a pysock bug.

If ``pysock`` cannot be imported the ``[pysock]`` parameter FAILS (it does not
skip), unless the environment variable ``PYSOCK_TESTS_STDLIB_ONLY=1`` is set.
"""

import importlib
import os
import socket as _stdlib_socket
import sys

import pytest

STDLIB_ONLY = os.environ.get("PYSOCK_TESTS_STDLIB_ONLY") == "1"
# Self-check of the suite itself: "pysock" is the stdlib socket module, so that
# the differential tests run (stdlib against stdlib) before pysock exists.
# Tests marked `pysock_only` (they check pysock-specific facts) then skip.
SELFCHECK = os.environ.get("PYSOCK_TESTS_SELFCHECK") == "1"

# Test the *installed* pysock, never the bare source tree: `python -m pytest`
# run from the repository root puts the root on sys.path, where `pysock/` is
# the unbuilt source (no `_core`). Set PYSOCK_TESTS_INPLACE=1 to keep it (for
# an in-place build).
# A staged copy with the built `_core` beside the sources (as the Wine run
# uses) is kept.
_REPO_ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))


def _has_built_core(root):
    try:
        names = os.listdir(os.path.join(root, "pysock"))
    except OSError:
        return False
    return any(n.startswith("_core") and n.endswith((".so", ".pyd")) for n in names)


if os.environ.get("PYSOCK_TESTS_INPLACE") != "1" and not _has_built_core(_REPO_ROOT):
    sys.path[:] = [
        p for p in sys.path
        if os.path.realpath(p or os.getcwd()) != _REPO_ROOT
    ]

_pysock_cache = {}


def load_pysock():
    """Import pysock, or fail/skip the calling test as the policy says."""
    if SELFCHECK:
        return _stdlib_socket
    if "mod" not in _pysock_cache:
        try:
            m = importlib.import_module("pysock")
            if getattr(m, "__file__", None) is None:
                raise ImportError(
                    "'pysock' resolves to a namespace package (%s), not the "
                    "built package" % list(getattr(m, "__path__", []))
                )
            _pysock_cache["mod"] = m
        except Exception as exc:  # ImportError, or anything the import raised
            _pysock_cache["mod"] = None
            _pysock_cache["exc"] = exc
    if _pysock_cache["mod"] is None:
        exc = _pysock_cache["exc"]
        msg = f"pysock cannot be imported: {type(exc).__name__}: {exc}"
        if STDLIB_ONLY:
            pytest.skip(msg + " (PYSOCK_TESTS_STDLIB_ONLY=1)")
        pytest.fail(msg, pytrace=False)
    return _pysock_cache["mod"]


def load_module(name):
    if name == "socket":
        return _stdlib_socket
    return load_pysock()


@pytest.fixture(params=["socket", "pysock"])
def mod(request):
    """The module under test: the stdlib ``socket`` or ``pysock``."""
    return load_module(request.param)


@pytest.fixture
def stdsock():
    """The stdlib socket module (the oracle of differential tests)."""
    return _stdlib_socket


@pytest.fixture
def pysock():
    """The pysock module (fails, or skips in stdlib-only mode, if absent)."""
    return load_pysock()


@pytest.fixture
def both(pysock):
    """(stdlib socket, pysock), for differential tests."""
    return (_stdlib_socket, pysock)


@pytest.fixture(autouse=True)
def _restore_default_timeout():
    """Never let one test's setdefaulttimeout leak into another."""
    before = _stdlib_socket.getdefaulttimeout()
    mod = _pysock_cache.get("mod")
    pbefore = mod.getdefaulttimeout() if mod is not None else None
    yield
    _stdlib_socket.setdefaulttimeout(before)
    mod = _pysock_cache.get("mod")
    if mod is not None:
        mod.setdefaulttimeout(pbefore)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pysock_only: checks a pysock-specific fact (skipped in PYSOCK_TESTS_SELFCHECK mode)"
    )


def pytest_collection_modifyitems(config, items):
    if not SELFCHECK:
        return
    skip = pytest.mark.skip(reason="PYSOCK_TESTS_SELFCHECK=1: pysock-specific check")
    for item in items:
        if item.get_closest_marker("pysock_only"):
            item.add_marker(skip)


def pytest_report_header(config):
    if SELFCHECK:
        return "pysock: PYSOCK_TESTS_SELFCHECK=1 (the 'pysock' side is the stdlib socket module)"
    if STDLIB_ONLY:
        return "pysock: PYSOCK_TESTS_STDLIB_ONLY=1 (pysock params skip if it cannot be imported)"
    try:
        m = importlib.import_module("pysock")
        return f"pysock: {getattr(m, '__file__', None)}"
    except Exception as exc:
        return f"pysock: NOT importable ({type(exc).__name__}: {exc})"


@pytest.fixture(scope="session")
def fault_worker():
    """A process whose pysock runs on the fault backend (tests/faultutil.py)."""
    import faultutil

    worker = faultutil.Worker(load_pysock())
    yield worker
    worker.stop()


@pytest.fixture
def socks():
    """A collector: ``socks.add(s)``; everything added is closed at teardown."""
    import sockutil

    c = sockutil.Sockets()
    yield c
    c.close_all()
