"""send_fds and recv_fds: the stdlib's signatures, defaults included (the
defaults are part of the API even where the stdlib ignores the argument:
send_fds passes neither flags nor address on)."""
import inspect
import socket as std

import pytest


@pytest.mark.parametrize("name", ["send_fds", "recv_fds"])
def test_fd_helpers_signature(mod, name):
    if not hasattr(std, name):
        pytest.skip(f"the stdlib has no {name} here")
    assert str(inspect.signature(getattr(mod, name))) == str(inspect.signature(getattr(std, name)))
