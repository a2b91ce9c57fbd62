"""The reference's IPv4 echo server, written for pysock: serves one client.

usage: python examples/echo_server.py [PORT]    (default 50007)"""
import sys

import pysock as socket

HOST = ''                                # Symbolic name meaning all available interfaces
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50007
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind((HOST, PORT))
    s.listen(1)
    print('Listening on', s.getsockname(), flush=True)
    conn, addr = s.accept()
    with conn:
        print('Connected by', addr, flush=True)
        while True:
            data = conn.recv(1024)
            if not data: break
            conn.sendall(data)
