"""pysock.TcpState on Linux names every state of the kernel's
include/net/tcp_states.h (the values tcpi_state takes), each by its RFC 793
name: none left out, none added. The stdlib has no such enum; the values
are the kernel's stable ones."""
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux kernel's TCP states"),
]

LINUX_STATES = {
    "ESTABLISHED": 1, "SYN_SENT": 2, "SYN_RECEIVED": 3, "FIN_WAIT_1": 4, "FIN_WAIT_2": 5,
    "TIME_WAIT": 6, "CLOSED": 7, "CLOSE_WAIT": 8, "LAST_ACK": 9, "LISTEN": 10, "CLOSING": 11,
}


def test_tcp_state_names_every_linux_state(pysock):
    if not hasattr(pysock, "TcpState"):
        pytest.skip("no TCP information here")
    assert {m.name: m.value for m in pysock.TcpState} == LINUX_STATES
    layout, common, states = pysock._core._tcp_info_layout()
    assert states == LINUX_STATES
