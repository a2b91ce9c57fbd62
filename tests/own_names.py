"""pysock's own names beyond the stdlib's namespace (README, "pysock's own
extensions"): the namespace tests allow exactly these, and only these, as
extras (not a test module).

Each group says where the name lives; a name the running stdlib has too is
no extra and is held to the stdlib's value like any other.
"""

# Module attributes (never in __all__, unless the stdlib has the name).
MODULE = {
    "patch",                                   # pysock in place of socket
    "gro_segment_size",                        # batch datagrams: UDP_GRO's message
    "TcpInfo", "TcpState",                     # TCP information: the record, the states
}

# Constants of the backend's table that no stdlib has yet.
CONSTANTS = {"UDP_SEGMENT", "UDP_GRO"}         # batch datagrams: UDP offload (Linux)

# Methods of pysock.socket.
SOCKET_METHODS = {
    "recvmmsg", "recvmmsg_into", "sendmmsg",   # batch datagrams
    "tcp_info",                                # TCP information
}
