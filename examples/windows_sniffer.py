"""The reference's very simple Windows sniffer, written for pysock: receives one
packet with SIO_RCVALL on (needs Administrator rights) and turns it off again.
`python -m pysock sniff` is the full tool.

usage: python examples/windows_sniffer.py"""
import sys

import pysock as socket

if not hasattr(socket, "SIO_RCVALL"):
    sys.exit("this example needs SIO_RCVALL (Windows); elsewhere use: python -m pysock sniff")

# the public network interface
HOST = socket.gethostbyname(socket.gethostname())

# create a raw socket and bind it to the public interface
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IP)
s.bind((HOST, 0))

# Include IP headers
s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)

# receive all packets
s.ioctl(socket.SIO_RCVALL, socket.RCVALL_ON)
try:
    # receive a packet
    print(s.recvfrom(65565))
finally:
    # disabled promiscuous mode (also when the receive fails or Ctrl-C stops it)
    s.ioctl(socket.SIO_RCVALL, socket.RCVALL_OFF)
