"""Out of memory at every allocation of a call, one at a time: the call
raises MemoryError (never a crash, never another exception, never a
result without its exception), and what it had taken is released: the
blocks Python allocated and the open descriptors are where they were after
sweeping again and again. The sweeps run in a child (tests/nomemory_run.py)
through CPython's own failing allocator hook (_testcapi.set_nomemory).

The binding's entry points are called directly where the package wraps
them in Python (accept, getaddrinfo, tcp_info): the wrappers' own code is
the stdlib's kind (socket.py's accept leaks the descriptor when the socket
object cannot be made, as the stdlib's does)."""

import pytest

from nomemoryutil import assert_released, needs_nomemory, sweep

pytestmark = pytest.mark.pysock_only

SCENARIOS = {
    "recvfrom": None, "recvfrom_into": None, "recvmsg": "recvmsg", "recvmsg_into": "recvmsg",
    "recvmsg_rights": "recvmsg", "recvmmsg": None, "recvmmsg_into": None, "accept": None,
    "sendmsg_ancillary": "sendmsg", "sendmmsg": None, "getaddrinfo": None, "gethostbyname_bytearray": None,
    "getaddrinfo_timeout": None, "getnameinfo": None, "inet_text": None, "socket_names": None,
    "if_nameindex": "if_nameindex", "tcp_info": "_tcp_info", "constants": None,
    "recvmsg_large": "recvmsg", "recvmsg_into_large": "recvmsg", "sendmsg_large": "sendmsg",
    "recvmmsg_large": None, "recvmmsg_into_large": None, "sendmmsg_large": "sendmsg",
}


@needs_nomemory
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_failed_allocation_raises_and_releases(pysock, scenario):
    needs = SCENARIOS[scenario]
    if needs and not (hasattr(pysock.socket, needs) or hasattr(pysock, needs)):
        pytest.skip(f"no {needs} on this platform")
    if scenario in ("recvmsg_rights", "sendmsg_ancillary", "sendmsg_large", "sendmmsg_large",
                    "recvmsg_large", "recvmsg_into_large") and not hasattr(pysock, "AF_UNIX"):
        pytest.skip("no AF_UNIX datagrams")
    report = sweep(scenario)
    assert_released(pysock, report)
    before, after = report["descriptors"]
    assert after == before, report


# The calls of nomemory_run.ERRORS: each fails with its own error when no
# allocation does.
ERRORS = ["recvmmsg_missing", "recvmmsg_keyword", "recvmmsg_twice", "sendmmsg_ancillary",
          "sendto_port", "sendto_shape", "settimeout_negative", "sendmsg_item", "recv_into_count",
          "recv_into_twice", "recv_into_keyword", "inet_pton_count"]


@needs_nomemory
@pytest.mark.parametrize("error", ERRORS)
def test_failed_allocation_in_an_error_raises_and_releases(pysock, error):
    if error == "sendmsg_item" and not hasattr(pysock.socket, "sendmsg"):
        pytest.skip("no sendmsg on this platform")
    report = sweep("errors", "pysock", error)
    assert_released(pysock, report)
