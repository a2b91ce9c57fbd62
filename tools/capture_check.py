"""A real capture by `python -m pysock sniff`, for a machine where capturing is
allowed (the Windows job of the GitHub workflow runs as Administrator; on Linux
run it as root): UDP datagrams with a known payload are sent to this host's
address and to 192.0.2.1 (TEST-NET-1, where nothing answers) while sniff
captures with --proto udp --port; the printed line and the pcap file must show
the datagram. Exit status 0 when they do.

usage: python tools/capture_check.py [PORT]    (default 47001; pysock installed)"""
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading

PAYLOAD = b"pysock capture check"


def send_until(stop, port):
    targets = [(socket.gethostbyname(socket.gethostname()), port), ("192.0.2.1", port)]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        while not stop.wait(0.2):
            for target in targets:
                try:
                    s.sendto(PAYLOAD, target)
                except OSError:
                    pass        # no route to one of them: the other may do


def pcap_records(path):
    with open(path, "rb") as f:
        data = f.read()
    order = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    linktype = struct.unpack_from(order + "I", data, 20)[0]
    records, offset = [], 24
    while offset + 16 <= len(data):
        length = struct.unpack_from(order + "I", data, offset + 8)[0]
        records.append(data[offset + 16:offset + 16 + length])
        offset += 16 + length
    return linktype, records


def main(argv):
    port = int(argv[1]) if len(argv) > 1 else 47001
    pcap = os.path.join(tempfile.mkdtemp(), "check.pcap")
    stop = threading.Event()
    sender = threading.Thread(target=send_until, args=(stop, port))
    sender.start()
    try:
        sniff = subprocess.run([sys.executable, "-m", "pysock", "sniff", "--proto", "udp",
                                "--port", str(port), "--count", "1", "--timeout", "60",
                                "--pcap", pcap], capture_output=True, text=True, timeout=120)
    finally:
        stop.set()
        sender.join()
    print(sniff.stderr + sniff.stdout, end="")
    line_ok = re.search(rf"UDP [\d.]+:\d+ > [\d.]+:{port} len \d+ payload {len(PAYLOAD)}",
                        sniff.stdout)
    linktype, records = pcap_records(pcap) if os.path.exists(pcap) else (None, [])
    pcap_ok = len(records) == 1 and records[0].endswith(PAYLOAD) and linktype in (1, 101)
    print(f"exit status {sniff.returncode}, line {'ok' if line_ok else 'MISSING'}, "
          f"pcap link type {linktype}, {len(records)} record(s) {'ok' if pcap_ok else 'WRONG'}")
    return 0 if sniff.returncode == 0 and line_ok and pcap_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
