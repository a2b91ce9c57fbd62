"""`python -m pysock sniff`: capture packets, print one line per packet, and
optionally write them to a pcap file. Exit status 0 when the capture ran, 1
when the system refused it (the message says why), 2 for bad options."""
import argparse
import sys
import time

from . import capture, decode, filter as filtering, pcap


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m pysock sniff",
        description="Capture packets with pysock's raw sockets (AF_PACKET, or SIO_RCVALL).")
    parser.add_argument("--interface", "-i", help="interface name (AF_PACKET) or address "
                        "(SIO_RCVALL); default: all interfaces / this host's address")
    parser.add_argument("--list-interfaces", action="store_true",
                        help="print the interfaces a capture can use and exit")
    parser.add_argument("--count", "-c", type=int, help="stop after this many packets")
    parser.add_argument("--timeout", type=float, help="stop after this many seconds")
    parser.add_argument("--proto", choices=sorted(filtering.PROTOCOLS),
                        help="only this protocol (icmp includes ICMPv6)")
    parser.add_argument("--host", help="only packets from or to this address")
    parser.add_argument("--port", type=int, help="only TCP/UDP packets from or to this port")
    parser.add_argument("--pcap", metavar="FILE", help="also write the packets to a pcap file")
    parser.add_argument("--hex", action="store_true", help="dump each packet's payload bytes")
    options = parser.parse_args(argv)
    try:
        options.filter = filtering.Filter.from_options(options.proto, options.host, options.port)
    except ValueError as exc:
        parser.error(str(exc))
    return options


def main(argv):
    options = parse(argv)
    try:
        if options.list_interfaces:
            print("\n".join(capture.list_interfaces()))
            return 0
        source = capture.open_capture(options.interface, options.filter)
    except capture.CaptureRefused as exc:
        print(f"sniff: {exc}", file=sys.stderr)
        return 1
    # Said once the capture is open, so that a caller knows when to send traffic.
    print(f"sniff: capturing on {source.where} with {source.description}",
          file=sys.stderr, flush=True)
    seen = 0
    out = open(options.pcap, "wb") if options.pcap else None
    try:
        with source:
            writer = pcap.PcapWriter(out, source.linktype) if out else None
            seen = run(source, options, writer)
    except KeyboardInterrupt:
        pass
    except OSError as exc:           # the capture broke off (an interface went away, ...)
        print(f"sniff: the capture stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        if out:
            out.close()
    print(f"{seen} packets captured", file=sys.stderr)
    return 0


def run(source, options, writer):
    """Receive until --count packets, --timeout seconds or Ctrl-C; returns the packet count."""
    deadline = None if options.timeout is None else time.monotonic() + options.timeout
    seen = 0
    try:
        while options.count is None or seen < options.count:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                break
            received = source.receive(remaining)
            if received is None:
                break
            timestamp, data = received
            seen += 1
            print(decode.format_packet(source.decode(data), timestamp, options.hex), flush=True)
            if writer:
                writer.write(timestamp, data)
    except KeyboardInterrupt:        # Ctrl-C ends the capture as --count does
        pass
    return seen
