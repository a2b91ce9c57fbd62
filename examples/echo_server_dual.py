"""The reference's dual-stack echo server, written for pysock: listens on the
first address family getaddrinfo offers (IPv6 first on most systems).

usage: python examples/echo_server_dual.py [PORT] [HOST]    (default 50007, all interfaces)"""
import sys

import pysock as socket

HOST = sys.argv[2] if len(sys.argv) > 2 else None   # None: all available interfaces
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50007
s = None
for res in socket.getaddrinfo(HOST, PORT, socket.AF_UNSPEC,
                              socket.SOCK_STREAM, 0, socket.AI_PASSIVE):
    af, socktype, proto, canonname, sa = res
    try:
        s = socket.socket(af, socktype, proto)
    except OSError as msg:
        s = None
        continue
    try:
        s.bind(sa)
        s.listen(1)
    except OSError as msg:
        s.close()
        s = None
        continue
    break
if s is None:
    print('could not open socket')
    sys.exit(1)
print('Listening on', s.getsockname(), flush=True)
conn, addr = s.accept()
with conn:
    print('Connected by', addr, flush=True)
    while True:
        data = conn.recv(1024)
        if not data: break
        conn.send(data)
s.close()
