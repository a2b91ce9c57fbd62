"""A writer of classic libpcap files (the format tcpdump -w writes and every
pcap reader takes): a 24-byte file header, then per packet a 16-byte record
header and the captured bytes. Written in the machine's byte order; readers
tell it from the magic number."""
import struct

MAGIC = 0xA1B2C3D4          # microsecond timestamps
VERSION = (2, 4)
LINKTYPE_ETHERNET = 1       # frames with their Ethernet header (the AF_PACKET capture)
LINKTYPE_RAW = 101          # bare IPv4/IPv6 packets (the SIO_RCVALL capture)
SNAPLEN = 262144
FILE_HEADER = struct.Struct("=IHHiIII")
RECORD_HEADER = struct.Struct("=IIII")


class PcapWriter:
    def __init__(self, file, linktype):
        self.file = file
        file.write(FILE_HEADER.pack(MAGIC, *VERSION, 0, 0, SNAPLEN, linktype))

    def write(self, timestamp, data):
        seconds, micros = divmod(round(timestamp * 1_000_000), 1_000_000)
        kept = data[:SNAPLEN]
        self.file.write(RECORD_HEADER.pack(seconds, micros, len(kept), len(data)))
        self.file.write(kept)
        self.file.flush()    # a capture stopped by Ctrl-C or a kill leaves a readable file
