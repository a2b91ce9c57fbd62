"""Scenarios of widely used third-party clients, run by
tests/test_ecosystem_thirdparty.py in a child with pysock in place of
`socket` (see tests/ecosystem.py), against servers the test started on
loopback: CPython's `http.server` and `redis-server` as separate processes,
and aiohttp's own server inside the child (over pysock as well)."""

import importlib
import os
import sys

import pysock

from ecosystem_stdlib import BODY, TIMEOUT, Skip, assert_pysock


def need(name):
    """Imports a client library, or skips the scenario if it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise Skip(f"{name} is not installed (nox -s test-linux installs it)") from None


def server_address():
    host, port = os.environ["PYSOCK_ECOSYSTEM_SERVER"].rsplit(":", 1)
    return host, int(port)


def requests_get():
    """requests (over urllib3) fetches 1 MiB from an `http.server` process,
    several times over one kept-alive session."""
    requests = need("requests")
    import urllib3.util.connection
    assert urllib3.util.connection.socket is pysock
    host, port = server_address()
    with requests.Session() as session:
        for _ in range(3):
            response = session.get(f"http://{host}:{port}/body.bin", stream=True,
                                   timeout=TIMEOUT)
            # urllib3's response reads http.client's, whose fp is the
            # socket's makefile("rb"): a buffered SocketIO over the socket.
            assert_pysock(response.raw._fp.fp.raw._sock)
            assert response.status_code == 200 and response.content == BODY
        assert session.get(f"http://{host}:{port}/missing", timeout=TIMEOUT).status_code == 404


def aiohttp_client_and_server():
    """aiohttp's client against an `http.server` process (GET 1 MiB) and
    against aiohttp's own server in this process (POST 1 MiB echoed)."""
    aiohttp = need("aiohttp")
    from aiohttp import web
    import asyncio

    async def echo(request):
        return web.Response(body=(await request.read())[::-1])

    async def main():
        app = web.Application(client_max_size=2 * len(BODY))
        app.router.add_post("/echo", echo)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        for sock in site._server.sockets:
            assert_pysock(sock._sock)
        port = site._server.sockets[0].getsockname()[1]
        host, file_port = server_address()
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(f"http://{host}:{file_port}/body.bin") as response:
                    assert_pysock(response.connection.transport.get_extra_info("socket")._sock)
                    assert response.status == 200 and await response.read() == BODY
                async with session.post(f"http://127.0.0.1:{port}/echo", data=BODY) as response:
                    assert response.status == 200 and await response.read() == BODY[::-1]
        finally:
            await runner.cleanup()

    asyncio.run(main())


def redis_commands():
    """redis-py against a `redis-server` process, over TCP and a Unix socket:
    a 1 MiB value, a pipeline, counters."""
    redis = need("redis")
    assert redis.connection.socket is pysock
    host, port = server_address()
    clients = [redis.Redis(host=host, port=port, socket_timeout=TIMEOUT)]
    if sys.platform != "win32":
        clients.append(redis.Redis(unix_socket_path=os.environ["PYSOCK_ECOSYSTEM_UNIX"],
                                   socket_timeout=TIMEOUT))
    for client in clients:
        with client:
            assert client.ping()
            connection = client.connection_pool.get_connection()
            assert_pysock(connection._sock)
            client.connection_pool.release(connection)
            client.set("body", BODY)
            assert client.get("body") == BODY
            with client.pipeline() as pipe:
                pipe.delete("n").incr("n").incrby("n", 41).get("n")
                assert pipe.execute()[-1] == b"42"
