"""The reference's IPv4 echo client, written for pysock.

usage: python examples/echo_client.py [PORT] [HOST]    (default 50007 on 127.0.0.1)"""
import sys

import pysock as socket

HOST = sys.argv[2] if len(sys.argv) > 2 else '127.0.0.1'   # The remote host
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50007     # The same port as used by the server
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    s.sendall(b'Hello, world')
    data = s.recv(1024)
print('Received', repr(data))
