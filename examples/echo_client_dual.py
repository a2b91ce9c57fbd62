"""The reference's dual-stack echo client, written for pysock: tries every
address the name resolves to and talks to the first that answers.

usage: python examples/echo_client_dual.py [PORT] [HOST]    (default 50007 on localhost)"""
import sys

import pysock as socket

HOST = sys.argv[2] if len(sys.argv) > 2 else 'localhost'   # The remote host
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50007     # The same port as used by the server
s = None
for res in socket.getaddrinfo(HOST, PORT, socket.AF_UNSPEC, socket.SOCK_STREAM):
    af, socktype, proto, canonname, sa = res
    try:
        s = socket.socket(af, socktype, proto)
    except OSError as msg:
        s = None
        continue
    try:
        s.connect(sa)
    except OSError as msg:
        s.close()
        s = None
        continue
    break
if s is None:
    print('could not open socket')
    sys.exit(1)
with s:
    s.sendall(b'Hello, world')
    data = s.recv(1024)
print('Received', repr(data))
