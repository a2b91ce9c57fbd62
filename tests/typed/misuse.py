"""Calls the stub must refuse (tests/test_typing.py expects mypy --strict
to report each line marked `# error`): proof that the check can fail."""
import pysock as socket

s = socket.socket()
s.send("text, not bytes")  # error
s.settimeout("5")  # error
port: str = s.getsockname()[1] + socket.AF_INET  # fine: an address is Any
n: str = s.recv_into(bytearray(4))  # error
family: socket.SocketKind = s.family  # error
socket.getaddrinfo("localhost", 80, type=1.5)  # error
