"""The reference's SO_REUSEADDR note as a program: a server accepts one
connection and closes it first (leaving its side in TIME_WAIT), then a new
server binds the same port at once. Without SO_REUSEADDR that bind fails with
"Address already in use"; with it, it succeeds.

usage: python examples/reuseaddr_restart.py [PORT]    (default 50007)"""
import sys

import pysock as socket

HOST = '127.0.0.1'
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50007


def serve_once(reuse):
    """Accept one connection and close the server side first: TIME_WAIT stays here."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if reuse:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, PORT))
    s.listen(1)
    client = socket.create_connection((HOST, PORT))
    conn, _ = s.accept()
    conn.close()           # the active close: this end goes to TIME_WAIT
    client.recv(1)         # sees the FIN
    client.close()
    s.close()


def try_bind(reuse):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if reuse:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((HOST, PORT))
        return 'bound'
    except OSError as exc:
        return f'OSError: {exc}'
    finally:
        s.close()


serve_once(reuse=True)
print('restart without SO_REUSEADDR:', try_bind(reuse=False))
serve_once(reuse=True)
print('restart with SO_REUSEADDR:   ', try_bind(reuse=True))
