"""setsockopt's three forms, and how the stdlib reports a call matching none
of them: as the (level, option, buffer) form's error."""
import socket

import pytest

import pysock

CALLS = [
    (1, 2, 1, 4),
    (1, 2, None, None),
    ("x", 2, None, 4),
    (1, "x", None, 4),
    (1, 2, 3, 4, 5),
    (1, 2),
    (),
    ("x", 2, 1),
    (1, 2, "x"),
    (1, 2, 2**40),
]


def outcome(mod, call):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
        try:
            s.setsockopt(*call)
        except Exception as exc:  # the outcome is what is compared
            return type(exc).__name__, str(exc)
        return "no error", None


@pytest.mark.parametrize("call", CALLS, ids=repr)
def test_bad_forms_fail_like_the_stdlib(call):
    assert outcome(pysock, call) == outcome(socket, call)


def test_none_form_passes_optlen():
    for mod in (socket, pysock):
        with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
            # A NULL value: the kernel refuses it for an int option (EFAULT or
            # EINVAL); both modules must reach the kernel and agree.
            try:
                s.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, None, 4)
                result = None
            except OSError as exc:
                result = exc.errno
        if mod is socket:
            expected = result
    assert result == expected
