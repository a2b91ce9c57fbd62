"""asyncio over the module's sockets: 64-byte ping-pong with loop.sock_sendall
/ loop.sock_recv on a non-blocking socketpair, and the same with streams
(asyncio.open_connection(sock=...)) on both ends. One operation is one round
trip; every message received is compared with the one sent."""
import asyncio

from _bench import Workload, crc, expect

MESSAGE = bytes(range(128, 192))


async def _sock_loop(a, b, n):
    loop = asyncio.get_running_loop()
    send, recv, msg, bad = loop.sock_sendall, loop.sock_recv, MESSAGE, 0
    t0 = loop.time()
    for _ in range(n):
        await send(a, msg)
        if await recv(b, 64) != msg:
            bad += 1
        await send(b, msg)
        if await recv(a, 64) != msg:
            bad += 1
    return loop.time() - t0, bad


async def _stream_loop(a, b, n):
    loop = asyncio.get_running_loop()
    ra, wa = await asyncio.open_connection(sock=a)
    rb, wb = await asyncio.open_connection(sock=b)
    msg, bad = MESSAGE, 0
    t0 = loop.time()
    for _ in range(n):
        wa.write(msg)
        await wa.drain()
        if await rb.readexactly(64) != msg:
            bad += 1
        wb.write(msg)
        await wb.drain()
        if await ra.readexactly(64) != msg:
            bad += 1
    seconds = loop.time() - t0
    for w in (wa, wb):
        w.close()
        await w.wait_closed()
    return seconds, bad


def _run(body):
    def run(mod, n):
        a, b = mod.socketpair()
        with a, b:
            a.setblocking(False)
            b.setblocking(False)
            seconds, bad = asyncio.run(body(a, b, n))
        expect(bad == 0, f"{bad} messages arrived changed")
        return seconds, (2 * n * len(MESSAGE), crc(MESSAGE))
    return run


WORKLOADS = [
    Workload("asyncio sock_sendall/sock_recv 64 B", _run(_sock_loop), n=30_000),
    Workload("asyncio streams 64 B", _run(_stream_loop), n=20_000),
]
