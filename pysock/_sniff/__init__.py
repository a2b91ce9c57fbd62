"""The packet sniffer behind `python -m pysock sniff`, built on pysock's public
API only: decode (headers), filter (--proto/--host/--port), bpf (the same filter
as a kernel program), pcap (the file writer), capture (opening the socket the
platform offers) and cli (the command)."""
