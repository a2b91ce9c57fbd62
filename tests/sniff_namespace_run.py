"""Run inside a private network namespace (loopback up) by test_sniff_namespace:
starts `python -m pysock sniff` with the given options, waits until it has opened
its capture, sends the named traffic with the stdlib socket module, and prints
what happened as JSON: sniff's exit status and lines, and the payloads sent.

usage: sniff_namespace_run.py TRAFFIC,TRAFFIC,... -- SNIFF OPTIONS..."""
import json
import socket
import struct
import subprocess
import sys

PORT, OTHER_PORT = 5007, 5008


def udp(host, port, payload):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as rx, socket.socket(family, socket.SOCK_DGRAM) as tx:
        rx.bind((host, port))
        tx.sendto(payload, (host, port))
        assert rx.recv(100) == payload


def tcp(port, payload):
    with socket.create_server(("127.0.0.1", port)) as server:
        with socket.create_connection(("127.0.0.1", port)) as client:
            conn, _ = server.accept()
            client.sendall(payload)
            assert conn.recv(100) == payload
            conn.close()


def icmp_echo(payload):
    checksum = 0
    header = struct.pack("!BBHHH", 8, 0, 0, 0x1234, 1) + payload
    for i in range(0, len(header), 2):
        checksum += int.from_bytes(header[i:i + 2].ljust(2, b"\0"), "big")
    checksum = ~((checksum & 0xFFFF) + (checksum >> 16)) & 0xFFFF
    with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP) as s:
        s.sendto(header[:2] + struct.pack("!H", checksum) + header[4:], ("127.0.0.1", 0))
        s.settimeout(5)
        while s.recv(200)[20] != 0:      # until the echo reply
            pass


TRAFFIC = {
    "udp4": lambda: udp("127.0.0.1", PORT, b"udp-to-5007"),
    "udp4-other": lambda: udp("127.0.0.1", OTHER_PORT, b"udp-to-5008"),
    "udp6": lambda: udp("::1", PORT, b"udp6-to-5007"),
    "tcp": lambda: tcp(PORT, b"tcp-to-5007"),
    "tcp-other": lambda: tcp(OTHER_PORT, b"tcp-to-5008"),
    "icmp": lambda: icmp_echo(b"icmp-echo"),
}


def main(argv):
    split = argv.index("--")
    traffic, options = argv[1].split(","), argv[split + 1:]
    sniff = subprocess.Popen([sys.executable, "-m", "pysock", "sniff", *options],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = sniff.stderr.readline()
    if ready.startswith("sniff: capturing"):
        for name in traffic:
            TRAFFIC[name]()
    try:
        out, err = sniff.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        sniff.kill()
        out, err = sniff.communicate()
    print(json.dumps({"status": sniff.returncode, "ready": ready, "lines": out.splitlines(),
                      "stderr": err}))


if __name__ == "__main__":
    main(sys.argv)
