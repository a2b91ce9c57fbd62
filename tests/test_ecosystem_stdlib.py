"""The stdlib's own clients and servers over pysock: each scenario of
tests/ecosystem_stdlib.py runs in a fresh interpreter with pysock in place of
`socket` (tests/ecosystem.py), and must create pysock sockets and no other."""

import pytest

from ecosystem import run_scenario

SCENARIOS = [
    "http_client_1mib",
    "https_client_1mib",
    "wsgiref_app",
    "xmlrpc_roundtrip",
    "smtp_send",
    "ftp_transfer",
    "socketserver_echo",
    "logging_handlers",
    "asyncio_streams",
    "asyncio_datagrams",
    "multiprocessing_connections",
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_stdlib_module_over_pysock(pysock, scenario):
    run_scenario(pysock, "ecosystem_stdlib", scenario)
