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


def test_int_out_of_range_is_a_bytes_refusal_without_context(both):
    """An int past a C int is no int form: the stdlib's TypeError for a
    bytes-like value, the int's own overflow not chained to it."""
    res = []
    for m in both:
        with m.socket() as s:
            try:
                s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, 2 ** 40)
                res.append("set")
            except Exception as e:  # noqa: BLE001 - compared
                res.append((type(e).__name__, str(e), e.__context__ is None, e.__cause__ is None))
    assert res[0] == ("TypeError", "a bytes-like object is required, not 'int'", True, True)
    assert res[0] == res[1]
