"""socket(family, type, proto, fileno=fd) checks that fd is an open socket
even when nothing has to be detected from it, as the stdlib does on POSIX."""
import errno
import os

import pytest

from sockutil import IS_WINDOWS

pytestmark = pytest.mark.skipif(IS_WINDOWS, reason="the Windows stdlib does not check a handle whose family, type and proto are given")


def test_closed_descriptor_is_refused(mod):
    r, w = os.pipe()
    os.close(r)
    os.close(w)
    with pytest.raises(OSError) as info:
        mod.socket(mod.AF_INET, mod.SOCK_STREAM, 0, fileno=r)
    assert info.value.errno == errno.EBADF


def test_descriptor_of_a_pipe_is_refused(mod):
    r, w = os.pipe()
    try:
        with pytest.raises(OSError) as info:
            mod.socket(mod.AF_INET, mod.SOCK_STREAM, 0, fileno=r)
        assert info.value.errno == errno.ENOTSOCK
    finally:
        os.close(r)
        os.close(w)


def test_unbound_socket_is_accepted(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as original:
        wrapped = mod.socket(mod.AF_INET, mod.SOCK_DGRAM, 0, fileno=os.dup(original.fileno()))
        with wrapped:
            assert wrapped.type == mod.SOCK_DGRAM
