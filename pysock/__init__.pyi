# Type stubs of pysock's public API: the stdlib socket module's, plus
# pysock's own extensions. The constants section at the end is generated
# (tools/stub_constants.py); the suite checks this file with stubtest
# against the installed package and with mypy --strict on typed examples.
import sys
from _typeshed import ReadableBuffer, Unused, WriteableBuffer
from dataclasses import dataclass
from collections.abc import Iterable
from enum import IntEnum, IntFlag
from io import BufferedReader, BufferedRWPair, BufferedWriter, RawIOBase, TextIOWrapper
from typing import Any, BinaryIO, Literal, SupportsIndex, overload
from typing_extensions import Self, TypeAlias, disjoint_base

__version__: str

# An address as a socket method takes it: a tuple for AF_INET/AF_INET6 and
# the other tuple families, a str or bytes path for AF_UNIX.
_Address: TypeAlias = tuple[Any, ...] | str | ReadableBuffer
# An address as a method returns it (its shape depends on the family).
_RetAddress: TypeAlias = Any
# (level, type, data) items of ancillary data.
_CMSG: TypeAlias = tuple[int, int, bytes]
_CMSGArg: TypeAlias = tuple[int, int, ReadableBuffer]
_IPAddress: TypeAlias = tuple[str, int] | tuple[str, int, int, int] | tuple[int, bytes]

error = OSError
timeout = TimeoutError

class herror(OSError): ...
class gaierror(OSError): ...

has_ipv6: bool
CAPI: object
_GLOBAL_DEFAULT_TIMEOUT: object

@disjoint_base
class SocketType:
    """The socket type of pysock._core (the stdlib's _socket.socket)."""
    def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: SupportsIndex | None = None) -> None: ...
    @property
    def family(self) -> int: ...
    @property
    def type(self) -> int: ...
    @property
    def proto(self) -> int: ...
    @property
    def timeout(self) -> float | None: ...
    def bind(self, address: _Address, /) -> None: ...
    def close(self) -> None: ...
    def connect(self, address: _Address, /) -> None: ...
    def connect_ex(self, address: _Address, /) -> int: ...
    def detach(self) -> int: ...
    def fileno(self) -> int: ...
    def getpeername(self) -> _RetAddress: ...
    def getsockname(self) -> _RetAddress: ...
    @overload
    def getsockopt(self, level: int, optname: int, /) -> int: ...
    @overload
    def getsockopt(self, level: int, optname: int, buflen: int, /) -> bytes: ...
    def getblocking(self) -> bool: ...
    def gettimeout(self) -> float | None: ...
    def listen(self, backlog: int = ..., /) -> None: ...
    def recv(self, bufsize: int, flags: int = ..., /) -> bytes: ...
    def recvfrom(self, bufsize: int, flags: int = ..., /) -> tuple[bytes, _RetAddress]: ...
    def recv_into(self, buffer: WriteableBuffer, nbytes: int = ..., flags: int = ..., /) -> int: ...
    def recvfrom_into(self, buffer: WriteableBuffer, nbytes: int = ..., flags: int = ..., /) -> tuple[int, _RetAddress]: ...
    def send(self, data: ReadableBuffer, flags: int = ..., /) -> int: ...
    def sendall(self, data: ReadableBuffer, flags: int = ..., /) -> None: ...
    @overload
    def sendto(self, data: ReadableBuffer, address: _Address, /) -> int: ...
    @overload
    def sendto(self, data: ReadableBuffer, flags: int, address: _Address, /) -> int: ...
    def setblocking(self, flag: bool, /) -> None: ...
    def settimeout(self, value: float | None, /) -> None: ...
    @overload
    def setsockopt(self, level: int, optname: int, value: int | ReadableBuffer, /) -> None: ...
    @overload
    def setsockopt(self, level: int, optname: int, value: None, optlen: int, /) -> None: ...
    def shutdown(self, how: int, /) -> None: ...
    if sys.platform != "win32":
        def recvmsg(self, bufsize: int, ancbufsize: int = ..., flags: int = ..., /) -> tuple[bytes, list[_CMSG], int, _RetAddress]: ...
        def recvmsg_into(
            self, buffers: Iterable[WriteableBuffer], ancbufsize: int = ..., flags: int = ..., /
        ) -> tuple[int, list[_CMSG], int, _RetAddress]: ...
        def sendmsg(
            self, buffers: Iterable[ReadableBuffer], ancdata: Iterable[_CMSGArg] = ..., flags: int = ...,
            address: _Address | None = ..., /
        ) -> int: ...
    # Batch datagrams: each message as recvmsg/recvmsg_into return one.
    def recvmmsg(
        self, count: int, bufsize: int, ancbufsize: int = 0, flags: int = 0
    ) -> list[tuple[bytes, list[_CMSG], int, _RetAddress]]: ...
    def recvmmsg_into(
        self, buffers: Iterable[Iterable[WriteableBuffer]], ancbufsize: int = 0, flags: int = 0
    ) -> list[tuple[int, list[_CMSG], int, _RetAddress]]: ...
    def sendmmsg(
        self,
        messages: Iterable[
            tuple[Iterable[ReadableBuffer]]
            | tuple[Iterable[ReadableBuffer], Iterable[_CMSGArg]]
            | tuple[Iterable[ReadableBuffer], Iterable[_CMSGArg], _Address | None]
        ],
        flags: int = 0,
    ) -> int: ...
    if sys.platform == "linux":
        def sendmsg_afalg(
            self, msg: Iterable[ReadableBuffer] = ..., *, op: int, iv: Any = ..., assoclen: int = ..., flags: int = ...
        ) -> int: ...
    if sys.platform == "win32":
        def ioctl(self, control: int, option: int | tuple[int, int, int] | bool, /) -> None: ...
        def share(self, process_id: int, /) -> bytes: ...

class TcpState(IntEnum):
    """TCP states by their RFC 793 names, valued as the platform values them."""
    CLOSED = ...
    LISTEN = ...
    SYN_SENT = ...
    SYN_RECEIVED = ...
    ESTABLISHED = ...
    CLOSE_WAIT = ...
    FIN_WAIT_1 = ...
    CLOSING = ...
    LAST_ACK = ...
    FIN_WAIT_2 = ...
    TIME_WAIT = ...

@dataclass(frozen=True)
class TcpInfo:
    """socket.tcp_info()'s record: the shared fields, then the platform's own
    (Linux/FreeBSD tcpi_*, macOS tcpi_* of tcp_connection_info, Windows the
    TCP_INFO_v1 names), each None where the OS does not report it."""
    state: TcpState | int | None
    rtt_us: int | None
    rttvar_us: int | None
    retransmits: int | None
    snd_cwnd: int | None
    snd_mss: int | None
    rcv_mss: int | None
    bytes_acked: int | None
    bytes_received: int | None
    @property
    def state_name(self) -> str | None: ...
    # The platform's own fields, by their header names.
    def __getattr__(self, name: str) -> int | None: ...

class socket(SocketType):
    """The socket class: the stdlib's socket.socket."""
    def __init__(
        self, family: AddressFamily | int = -1, type: SocketKind | int = -1, proto: int = -1,
        fileno: SupportsIndex | None = None,
    ) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *args: Unused) -> None: ...
    @property
    def family(self) -> AddressFamily: ...
    @property
    def type(self) -> SocketKind: ...
    def dup(self) -> Self: ...
    def accept(self) -> tuple[socket, _RetAddress]: ...
    def get_inheritable(self) -> bool: ...
    def set_inheritable(self, inheritable: bool) -> None: ...
    def sendfile(self, file: BinaryIO, offset: int = 0, count: int | None = None) -> int: ...
    def tcp_info(self) -> TcpInfo: ...
    @overload
    def makefile(
        self, mode: Literal["b", "rb", "br", "wb", "bw", "rwb", "rbw", "wrb", "wbr", "brw", "bwr"],
        buffering: Literal[0], *, encoding: str | None = None, errors: str | None = None,
        newline: str | None = None,
    ) -> SocketIO: ...
    @overload
    def makefile(
        self, mode: Literal["rwb", "rbw", "wrb", "wbr", "brw", "bwr"], buffering: Literal[-1, 1] | None = None,
        *, encoding: str | None = None, errors: str | None = None, newline: str | None = None,
    ) -> BufferedRWPair: ...
    @overload
    def makefile(
        self, mode: Literal["rb", "br"], buffering: Literal[-1, 1] | None = None, *,
        encoding: str | None = None, errors: str | None = None, newline: str | None = None,
    ) -> BufferedReader: ...
    @overload
    def makefile(
        self, mode: Literal["wb", "bw"], buffering: Literal[-1, 1] | None = None, *,
        encoding: str | None = None, errors: str | None = None, newline: str | None = None,
    ) -> BufferedWriter: ...
    @overload
    def makefile(
        self, mode: Literal["b", "rb", "br", "wb", "bw", "rwb", "rbw", "wrb", "wbr", "brw", "bwr"],
        buffering: int, *, encoding: str | None = None, errors: str | None = None,
        newline: str | None = None,
    ) -> BufferedRWPair | BufferedReader | BufferedWriter | SocketIO: ...
    @overload
    def makefile(
        self, mode: Literal["r", "w", "rw", "wr", ""] = "r", buffering: int | None = None, *,
        encoding: str | None = None,
        errors: str | None = None, newline: str | None = None,
    ) -> TextIOWrapper: ...

class SocketIO(RawIOBase):
    def __init__(self, sock: socket, mode: Literal["r", "w", "rw", "rb", "wb", "rwb"]) -> None: ...
    def readinto(self, b: WriteableBuffer) -> int | None: ...
    def write(self, b: ReadableBuffer) -> int | None: ...
    @property
    def name(self) -> int: ...
    @property
    def mode(self) -> Literal["rb", "wb", "rwb"]: ...

def fromfd(fd: SupportsIndex, family: AddressFamily | int, type: SocketKind | int, proto: int = 0) -> socket: ...
def socketpair(
    family: AddressFamily | int | None = None, type: SocketKind | int = ..., proto: int = 0
) -> tuple[socket, socket]: ...
def create_connection(
    address: tuple[str | None, int], timeout: float | None = ..., source_address: _Address | None = None,
    *, all_errors: bool = False,
) -> socket: ...
def create_server(
    address: _Address, *, family: int = ..., backlog: int | None = None, reuse_port: bool = False,
    dualstack_ipv6: bool = False,
) -> socket: ...
def has_dualstack_ipv6() -> bool: ...
def getaddrinfo(
    host: bytes | str | None, port: bytes | str | int | None, family: int = 0, type: int = 0, proto: int = 0,
    flags: int = 0, *, timeout: float | None = None,
) -> list[tuple[AddressFamily, SocketKind, int, str, _IPAddress]]: ...
def getfqdn(name: str = "") -> str: ...
def patch() -> None: ...

if sys.platform != "win32":
    def send_fds(
        sock: socket, buffers: Iterable[ReadableBuffer], fds: Iterable[int], flags: Unused = 0,
        address: Unused = None,
    ) -> int: ...
    def recv_fds(sock: socket, bufsize: int, maxfds: int, flags: int = 0) -> tuple[bytes, list[int], int, _RetAddress]: ...
    def CMSG_LEN(length: int, /) -> int: ...
    def CMSG_SPACE(length: int, /) -> int: ...
    def sethostname(name: str, /) -> None: ...

if sys.platform == "linux":
    def gro_segment_size(ancdata: Iterable[_CMSG]) -> int | None: ...

if sys.platform == "win32":
    def fromshare(info: bytes) -> socket: ...
    errorTab: dict[int, str]

def close(fd: SupportsIndex, /) -> None: ...
def dup(fd: SupportsIndex, /) -> int: ...
def getdefaulttimeout() -> float | None: ...
def setdefaulttimeout(timeout: float | None, /) -> None: ...
def gethostname() -> str: ...
def gethostbyname(hostname: str, /) -> str: ...
def gethostbyname_ex(hostname: str, /) -> tuple[str, list[str], list[str]]: ...
def gethostbyaddr(ip_address: str, /) -> tuple[str, list[str], list[str]]: ...
def getnameinfo(sockaddr: _IPAddress, flags: int, /) -> tuple[str, str]: ...
def getprotobyname(protocolname: str, /) -> int: ...
def getservbyname(servicename: str, protocolname: str = ..., /) -> int: ...
def getservbyport(port: int, protocolname: str = ..., /) -> str: ...
def if_nameindex() -> list[tuple[int, str]]: ...
def if_nametoindex(oname: str, /) -> int: ...
def if_indextoname(index: int, /) -> str: ...
def htonl(x: int, /) -> int: ...
def htons(x: int, /) -> int: ...
def ntohl(x: int, /) -> int: ...
def ntohs(x: int, /) -> int: ...
def inet_aton(ip_addr: str, /) -> bytes: ...
def inet_ntoa(packed_ip: ReadableBuffer, /) -> str: ...
def inet_pton(address_family: int, ip_string: str, /) -> bytes: ...
def inet_ntop(address_family: int, packed_ip: ReadableBuffer, /) -> str: ...

# -- constants: generated by tools/stub_constants.py, do not edit --
class AddressFamily(IntEnum):
    if sys.platform == "linux":
        AF_ALG = ...
        AF_APPLETALK = ...
        AF_ASH = ...
        AF_ATMPVC = ...
        AF_ATMSVC = ...
        AF_AX25 = ...
        AF_BRIDGE = ...
        AF_CAN = ...
        AF_ECONET = ...
        AF_INET = ...
        AF_INET6 = ...
        AF_IPX = ...
        AF_IRDA = ...
        AF_KEY = ...
        AF_LLC = ...
        AF_NETBEUI = ...
        AF_NETLINK = ...
        AF_NETROM = ...
        AF_PACKET = ...
        AF_PPPOX = ...
        AF_QIPCRTR = ...
        AF_RDS = ...
        AF_ROSE = ...
        AF_ROUTE = ...
        AF_SECURITY = ...
        AF_SNA = ...
        AF_TIPC = ...
        AF_UNIX = ...
        AF_UNSPEC = ...
        AF_VSOCK = ...
        AF_WANPIPE = ...
        AF_X25 = ...
    elif sys.platform == "win32":
        AF_APPLETALK = ...
        AF_BLUETOOTH = ...
        AF_HYPERV = ...
        AF_INET = ...
        AF_INET6 = ...
        AF_IPX = ...
        AF_IRDA = ...
        AF_LINK = ...
        AF_SNA = ...
        AF_UNSPEC = ...
    else:
        AF_ALG = ...
        AF_APPLETALK = ...
        AF_ASH = ...
        AF_ATMPVC = ...
        AF_ATMSVC = ...
        AF_AX25 = ...
        AF_BRIDGE = ...
        AF_CAN = ...
        AF_ECONET = ...
        AF_INET = ...
        AF_INET6 = ...
        AF_IPX = ...
        AF_IRDA = ...
        AF_KEY = ...
        AF_LINK = ...
        AF_LLC = ...
        AF_NETBEUI = ...
        AF_NETLINK = ...
        AF_NETROM = ...
        AF_PACKET = ...
        AF_PPPOX = ...
        AF_QIPCRTR = ...
        AF_RDS = ...
        AF_ROSE = ...
        AF_ROUTE = ...
        AF_SECURITY = ...
        AF_SNA = ...
        AF_SYSTEM = ...
        AF_TIPC = ...
        AF_UNIX = ...
        AF_UNSPEC = ...
        AF_VSOCK = ...
        AF_WANPIPE = ...
        AF_X25 = ...

class SocketKind(IntEnum):
    if sys.platform == "linux":
        SOCK_CLOEXEC = ...
        SOCK_DGRAM = ...
        SOCK_NONBLOCK = ...
        SOCK_RAW = ...
        SOCK_RDM = ...
        SOCK_SEQPACKET = ...
        SOCK_STREAM = ...
    elif sys.platform == "win32":
        SOCK_DGRAM = ...
        SOCK_RAW = ...
        SOCK_RDM = ...
        SOCK_SEQPACKET = ...
        SOCK_STREAM = ...
    else:
        SOCK_CLOEXEC = ...
        SOCK_DGRAM = ...
        SOCK_NONBLOCK = ...
        SOCK_RAW = ...
        SOCK_RDM = ...
        SOCK_SEQPACKET = ...
        SOCK_STREAM = ...

class MsgFlag(IntFlag):
    if sys.platform == "linux":
        MSG_CMSG_CLOEXEC = ...
        MSG_CONFIRM = ...
        MSG_CTRUNC = ...
        MSG_DONTROUTE = ...
        MSG_DONTWAIT = ...
        MSG_EOR = ...
        MSG_ERRQUEUE = ...
        MSG_FASTOPEN = ...
        MSG_MORE = ...
        MSG_NOSIGNAL = ...
        MSG_OOB = ...
        MSG_PEEK = ...
        MSG_TRUNC = ...
        MSG_WAITALL = ...
    elif sys.platform == "win32":
        MSG_BCAST = ...
        MSG_CTRUNC = ...
        MSG_DONTROUTE = ...
        MSG_ERRQUEUE = ...
        MSG_MCAST = ...
        MSG_OOB = ...
        MSG_PEEK = ...
        MSG_TRUNC = ...
        MSG_WAITALL = ...
    else:
        MSG_BCAST = ...
        MSG_BTAG = ...
        MSG_CMSG_CLOEXEC = ...
        MSG_CONFIRM = ...
        MSG_CTRUNC = ...
        MSG_DONTROUTE = ...
        MSG_DONTWAIT = ...
        MSG_EOF = ...
        MSG_EOR = ...
        MSG_ERRQUEUE = ...
        MSG_ETAG = ...
        MSG_FASTOPEN = ...
        MSG_MCAST = ...
        MSG_MORE = ...
        MSG_NOSIGNAL = ...
        MSG_NOTIFICATION = ...
        MSG_OOB = ...
        MSG_PEEK = ...
        MSG_TRUNC = ...
        MSG_WAITALL = ...

class AddressInfo(IntFlag):
    if sys.platform == "linux":
        AI_ADDRCONFIG = ...
        AI_ALL = ...
        AI_CANONNAME = ...
        AI_NUMERICHOST = ...
        AI_NUMERICSERV = ...
        AI_PASSIVE = ...
        AI_V4MAPPED = ...
    elif sys.platform == "win32":
        AI_ADDRCONFIG = ...
        AI_ALL = ...
        AI_CANONNAME = ...
        AI_NUMERICHOST = ...
        AI_NUMERICSERV = ...
        AI_PASSIVE = ...
        AI_V4MAPPED = ...
    else:
        AI_ADDRCONFIG = ...
        AI_ALL = ...
        AI_CANONNAME = ...
        AI_DEFAULT = ...
        AI_MASK = ...
        AI_NUMERICHOST = ...
        AI_NUMERICSERV = ...
        AI_PASSIVE = ...
        AI_V4MAPPED = ...
        AI_V4MAPPED_CFG = ...

if sys.platform == "linux":
    AF_ALG: AddressFamily
    AF_APPLETALK: AddressFamily
    AF_ASH: AddressFamily
    AF_ATMPVC: AddressFamily
    AF_ATMSVC: AddressFamily
    AF_AX25: AddressFamily
    AF_BRIDGE: AddressFamily
    AF_CAN: AddressFamily
    AF_DECnet: int
    AF_ECONET: AddressFamily
    AF_INET: AddressFamily
    AF_INET6: AddressFamily
    AF_IPX: AddressFamily
    AF_IRDA: AddressFamily
    AF_KEY: AddressFamily
    AF_LLC: AddressFamily
    AF_NETBEUI: AddressFamily
    AF_NETLINK: AddressFamily
    AF_NETROM: AddressFamily
    AF_PACKET: AddressFamily
    AF_PPPOX: AddressFamily
    AF_QIPCRTR: AddressFamily
    AF_RDS: AddressFamily
    AF_ROSE: AddressFamily
    AF_ROUTE: AddressFamily
    AF_SECURITY: AddressFamily
    AF_SNA: AddressFamily
    AF_TIPC: AddressFamily
    AF_UNIX: AddressFamily
    AF_UNSPEC: AddressFamily
    AF_VSOCK: AddressFamily
    AF_WANPIPE: AddressFamily
    AF_X25: AddressFamily
    AI_ADDRCONFIG: AddressInfo
    AI_ALL: AddressInfo
    AI_CANONNAME: AddressInfo
    AI_NUMERICHOST: AddressInfo
    AI_NUMERICSERV: AddressInfo
    AI_PASSIVE: AddressInfo
    AI_V4MAPPED: AddressInfo
    ALG_OP_DECRYPT: int
    ALG_OP_ENCRYPT: int
    ALG_OP_SIGN: int
    ALG_OP_VERIFY: int
    ALG_SET_AEAD_ASSOCLEN: int
    ALG_SET_AEAD_AUTHSIZE: int
    ALG_SET_IV: int
    ALG_SET_KEY: int
    ALG_SET_OP: int
    ALG_SET_PUBKEY: int
    CAN_BCM: int
    CAN_BCM_CAN_FD_FRAME: int
    CAN_BCM_RX_ANNOUNCE_RESUME: int
    CAN_BCM_RX_CHANGED: int
    CAN_BCM_RX_CHECK_DLC: int
    CAN_BCM_RX_DELETE: int
    CAN_BCM_RX_FILTER_ID: int
    CAN_BCM_RX_NO_AUTOTIMER: int
    CAN_BCM_RX_READ: int
    CAN_BCM_RX_RTR_FRAME: int
    CAN_BCM_RX_SETUP: int
    CAN_BCM_RX_STATUS: int
    CAN_BCM_RX_TIMEOUT: int
    CAN_BCM_SETTIMER: int
    CAN_BCM_STARTTIMER: int
    CAN_BCM_TX_ANNOUNCE: int
    CAN_BCM_TX_COUNTEVT: int
    CAN_BCM_TX_CP_CAN_ID: int
    CAN_BCM_TX_DELETE: int
    CAN_BCM_TX_EXPIRED: int
    CAN_BCM_TX_READ: int
    CAN_BCM_TX_RESET_MULTI_IDX: int
    CAN_BCM_TX_SEND: int
    CAN_BCM_TX_SETUP: int
    CAN_BCM_TX_STATUS: int
    CAN_EFF_FLAG: int
    CAN_EFF_MASK: int
    CAN_ERR_FLAG: int
    CAN_ERR_MASK: int
    CAN_ISOTP: int
    CAN_J1939: int
    CAN_RAW: int
    CAN_RAW_FD_FRAMES: int
    CAN_RAW_FILTER: int
    CAN_RAW_JOIN_FILTERS: int
    CAN_RAW_LOOPBACK: int
    CAN_RAW_RECV_OWN_MSGS: int
    CAN_RTR_FLAG: int
    CAN_SFF_MASK: int
    EAI_ADDRFAMILY: int
    EAI_AGAIN: int
    EAI_BADFLAGS: int
    EAI_FAIL: int
    EAI_FAMILY: int
    EAI_MEMORY: int
    EAI_NODATA: int
    EAI_NONAME: int
    EAI_OVERFLOW: int
    EAI_SERVICE: int
    EAI_SOCKTYPE: int
    EAI_SYSTEM: int
    INADDR_ALLHOSTS_GROUP: int
    INADDR_ANY: int
    INADDR_BROADCAST: int
    INADDR_LOOPBACK: int
    INADDR_MAX_LOCAL_GROUP: int
    INADDR_NONE: int
    INADDR_UNSPEC_GROUP: int
    IOCTL_VM_SOCKETS_GET_LOCAL_CID: int
    IPPORT_RESERVED: int
    IPPORT_USERRESERVED: int
    IPPROTO_AH: int
    IPPROTO_DSTOPTS: int
    IPPROTO_EGP: int
    IPPROTO_ESP: int
    IPPROTO_FRAGMENT: int
    IPPROTO_GRE: int
    IPPROTO_HOPOPTS: int
    IPPROTO_ICMP: int
    IPPROTO_ICMPV6: int
    IPPROTO_IDP: int
    IPPROTO_IGMP: int
    IPPROTO_IP: int
    IPPROTO_IPIP: int
    IPPROTO_IPV6: int
    IPPROTO_MPTCP: int
    IPPROTO_NONE: int
    IPPROTO_PIM: int
    IPPROTO_PUP: int
    IPPROTO_RAW: int
    IPPROTO_ROUTING: int
    IPPROTO_RSVP: int
    IPPROTO_SCTP: int
    IPPROTO_TCP: int
    IPPROTO_TP: int
    IPPROTO_UDP: int
    IPPROTO_UDPLITE: int
    IPV6_CHECKSUM: int
    IPV6_DONTFRAG: int
    IPV6_DSTOPTS: int
    IPV6_HOPLIMIT: int
    IPV6_HOPOPTS: int
    IPV6_JOIN_GROUP: int
    IPV6_LEAVE_GROUP: int
    IPV6_MULTICAST_HOPS: int
    IPV6_MULTICAST_IF: int
    IPV6_MULTICAST_LOOP: int
    IPV6_NEXTHOP: int
    IPV6_PATHMTU: int
    IPV6_PKTINFO: int
    IPV6_RECVDSTOPTS: int
    IPV6_RECVHOPLIMIT: int
    IPV6_RECVHOPOPTS: int
    IPV6_RECVPATHMTU: int
    IPV6_RECVPKTINFO: int
    IPV6_RECVRTHDR: int
    IPV6_RECVTCLASS: int
    IPV6_RTHDR: int
    IPV6_RTHDRDSTOPTS: int
    IPV6_RTHDR_TYPE_0: int
    IPV6_TCLASS: int
    IPV6_UNICAST_HOPS: int
    IPV6_V6ONLY: int
    IP_ADD_MEMBERSHIP: int
    IP_BIND_ADDRESS_NO_PORT: int
    IP_DEFAULT_MULTICAST_LOOP: int
    IP_DEFAULT_MULTICAST_TTL: int
    IP_DROP_MEMBERSHIP: int
    IP_HDRINCL: int
    IP_MAX_MEMBERSHIPS: int
    IP_MULTICAST_IF: int
    IP_MULTICAST_LOOP: int
    IP_MULTICAST_TTL: int
    IP_OPTIONS: int
    IP_RECVOPTS: int
    IP_RECVRETOPTS: int
    IP_RECVTOS: int
    IP_RETOPTS: int
    IP_TOS: int
    IP_TRANSPARENT: int
    IP_TTL: int
    J1939_EE_INFO_NONE: int
    J1939_EE_INFO_TX_ABORT: int
    J1939_FILTER_MAX: int
    J1939_IDLE_ADDR: int
    J1939_MAX_UNICAST_ADDR: int
    J1939_NLA_BYTES_ACKED: int
    J1939_NLA_PAD: int
    J1939_NO_ADDR: int
    J1939_NO_NAME: int
    J1939_NO_PGN: int
    J1939_PGN_ADDRESS_CLAIMED: int
    J1939_PGN_ADDRESS_COMMANDED: int
    J1939_PGN_MAX: int
    J1939_PGN_PDU1_MAX: int
    J1939_PGN_REQUEST: int
    MSG_CMSG_CLOEXEC: MsgFlag
    MSG_CONFIRM: MsgFlag
    MSG_CTRUNC: MsgFlag
    MSG_DONTROUTE: MsgFlag
    MSG_DONTWAIT: MsgFlag
    MSG_EOR: MsgFlag
    MSG_ERRQUEUE: MsgFlag
    MSG_FASTOPEN: MsgFlag
    MSG_MORE: MsgFlag
    MSG_NOSIGNAL: MsgFlag
    MSG_OOB: MsgFlag
    MSG_PEEK: MsgFlag
    MSG_TRUNC: MsgFlag
    MSG_WAITALL: MsgFlag
    NETLINK_CRYPTO: int
    NETLINK_DNRTMSG: int
    NETLINK_FIREWALL: int
    NETLINK_IP6_FW: int
    NETLINK_NFLOG: int
    NETLINK_ROUTE: int
    NETLINK_USERSOCK: int
    NETLINK_XFRM: int
    NI_DGRAM: int
    NI_MAXHOST: int
    NI_MAXSERV: int
    NI_NAMEREQD: int
    NI_NOFQDN: int
    NI_NUMERICHOST: int
    NI_NUMERICSERV: int
    PACKET_BROADCAST: int
    PACKET_FASTROUTE: int
    PACKET_HOST: int
    PACKET_LOOPBACK: int
    PACKET_MULTICAST: int
    PACKET_OTHERHOST: int
    PACKET_OUTGOING: int
    PF_CAN: int
    PF_PACKET: int
    PF_RDS: int
    SCM_CREDENTIALS: int
    SCM_J1939_DEST_ADDR: int
    SCM_J1939_DEST_NAME: int
    SCM_J1939_ERRQUEUE: int
    SCM_J1939_PRIO: int
    SCM_RIGHTS: int
    SHUT_RD: int
    SHUT_RDWR: int
    SHUT_WR: int
    SOCK_CLOEXEC: SocketKind
    SOCK_DGRAM: SocketKind
    SOCK_NONBLOCK: SocketKind
    SOCK_RAW: SocketKind
    SOCK_RDM: SocketKind
    SOCK_SEQPACKET: SocketKind
    SOCK_STREAM: SocketKind
    SOL_ALG: int
    SOL_CAN_BASE: int
    SOL_CAN_RAW: int
    SOL_IP: int
    SOL_RDS: int
    SOL_SOCKET: int
    SOL_TCP: int
    SOL_TIPC: int
    SOL_UDP: int
    SOMAXCONN: int
    SO_ACCEPTCONN: int
    SO_BINDTODEVICE: int
    SO_BROADCAST: int
    SO_DEBUG: int
    SO_DOMAIN: int
    SO_DONTROUTE: int
    SO_ERROR: int
    SO_INCOMING_CPU: int
    SO_J1939_ERRQUEUE: int
    SO_J1939_FILTER: int
    SO_J1939_PROMISC: int
    SO_J1939_SEND_PRIO: int
    SO_KEEPALIVE: int
    SO_LINGER: int
    SO_MARK: int
    SO_OOBINLINE: int
    SO_PASSCRED: int
    SO_PASSSEC: int
    SO_PEERCRED: int
    SO_PEERSEC: int
    SO_PRIORITY: int
    SO_PROTOCOL: int
    SO_RCVBUF: int
    SO_RCVLOWAT: int
    SO_RCVTIMEO: int
    SO_REUSEADDR: int
    SO_REUSEPORT: int
    SO_SNDBUF: int
    SO_SNDLOWAT: int
    SO_SNDTIMEO: int
    SO_TYPE: int
    SO_VM_SOCKETS_BUFFER_MAX_SIZE: int
    SO_VM_SOCKETS_BUFFER_MIN_SIZE: int
    SO_VM_SOCKETS_BUFFER_SIZE: int
    TCP_CONGESTION: int
    TCP_CORK: int
    TCP_DEFER_ACCEPT: int
    TCP_FASTOPEN: int
    TCP_INFO: int
    TCP_KEEPCNT: int
    TCP_KEEPIDLE: int
    TCP_KEEPINTVL: int
    TCP_LINGER2: int
    TCP_MAXSEG: int
    TCP_NODELAY: int
    TCP_NOTSENT_LOWAT: int
    TCP_QUICKACK: int
    TCP_SYNCNT: int
    TCP_USER_TIMEOUT: int
    TCP_WINDOW_CLAMP: int
    TIPC_ADDR_ID: int
    TIPC_ADDR_NAME: int
    TIPC_ADDR_NAMESEQ: int
    TIPC_CFG_SRV: int
    TIPC_CLUSTER_SCOPE: int
    TIPC_CONN_TIMEOUT: int
    TIPC_CRITICAL_IMPORTANCE: int
    TIPC_DEST_DROPPABLE: int
    TIPC_HIGH_IMPORTANCE: int
    TIPC_IMPORTANCE: int
    TIPC_LOW_IMPORTANCE: int
    TIPC_MEDIUM_IMPORTANCE: int
    TIPC_NODE_SCOPE: int
    TIPC_PUBLISHED: int
    TIPC_SRC_DROPPABLE: int
    TIPC_SUBSCR_TIMEOUT: int
    TIPC_SUB_CANCEL: int
    TIPC_SUB_PORTS: int
    TIPC_SUB_SERVICE: int
    TIPC_TOP_SRV: int
    TIPC_WAIT_FOREVER: int
    TIPC_WITHDRAWN: int
    TIPC_ZONE_SCOPE: int
    UDPLITE_RECV_CSCOV: int
    UDPLITE_SEND_CSCOV: int
    UDP_GRO: int
    UDP_SEGMENT: int
    VMADDR_CID_ANY: int
    VMADDR_CID_HOST: int
    VMADDR_PORT_ANY: int
    VM_SOCKETS_INVALID_VERSION: int
    if sys.version_info >= (3, 12):
        ETHERTYPE_ARP: int
        ETHERTYPE_IP: int
        ETHERTYPE_IPV6: int
        ETHERTYPE_VLAN: int
        ETH_P_ALL: int
        IP_ADD_SOURCE_MEMBERSHIP: int
        IP_BLOCK_SOURCE: int
        IP_DROP_SOURCE_MEMBERSHIP: int
        IP_PKTINFO: int
        IP_UNBLOCK_SOURCE: int
        TCP_CC_INFO: int
        TCP_FASTOPEN_CONNECT: int
        TCP_FASTOPEN_KEY: int
        TCP_FASTOPEN_NO_COOKIE: int
        TCP_INQ: int
        TCP_MD5SIG: int
        TCP_MD5SIG_EXT: int
        TCP_QUEUE_SEQ: int
        TCP_REPAIR: int
        TCP_REPAIR_OPTIONS: int
        TCP_REPAIR_QUEUE: int
        TCP_REPAIR_WINDOW: int
        TCP_SAVED_SYN: int
        TCP_SAVE_SYN: int
        TCP_THIN_DUPACK: int
        TCP_THIN_LINEAR_TIMEOUTS: int
        TCP_TIMESTAMP: int
        TCP_TX_DELAY: int
        TCP_ULP: int
        TCP_ZEROCOPY_RECEIVE: int
    if sys.version_info >= (3, 13):
        NI_IDN: int
        SO_BINDTOIFINDEX: int
elif sys.platform == "win32":
    AF_APPLETALK: AddressFamily
    AF_BLUETOOTH: AddressFamily
    AF_DECnet: int
    AF_HYPERV: AddressFamily
    AF_INET: AddressFamily
    AF_INET6: AddressFamily
    AF_IPX: AddressFamily
    AF_IRDA: AddressFamily
    AF_LINK: AddressFamily
    AF_SNA: AddressFamily
    AF_UNSPEC: AddressFamily
    AI_ADDRCONFIG: AddressInfo
    AI_ALL: AddressInfo
    AI_CANONNAME: AddressInfo
    AI_NUMERICHOST: AddressInfo
    AI_NUMERICSERV: AddressInfo
    AI_PASSIVE: AddressInfo
    AI_V4MAPPED: AddressInfo
    BTPROTO_RFCOMM: int
    EAI_AGAIN: int
    EAI_BADFLAGS: int
    EAI_FAIL: int
    EAI_FAMILY: int
    EAI_MEMORY: int
    EAI_NODATA: int
    EAI_SERVICE: int
    EAI_SOCKTYPE: int
    HVSOCKET_ADDRESS_FLAG_PASSTHRU: int
    HVSOCKET_CONNECTED_SUSPEND: int
    HVSOCKET_CONNECT_TIMEOUT: int
    HVSOCKET_CONNECT_TIMEOUT_MAX: int
    HV_PROTOCOL_RAW: int
    INADDR_ALLHOSTS_GROUP: int
    INADDR_ANY: int
    INADDR_BROADCAST: int
    INADDR_LOOPBACK: int
    INADDR_MAX_LOCAL_GROUP: int
    INADDR_NONE: int
    INADDR_UNSPEC_GROUP: int
    IPPORT_RESERVED: int
    IPPORT_USERRESERVED: int
    IPPROTO_AH: int
    IPPROTO_CBT: int
    IPPROTO_DSTOPTS: int
    IPPROTO_EGP: int
    IPPROTO_ESP: int
    IPPROTO_FRAGMENT: int
    IPPROTO_GGP: int
    IPPROTO_HOPOPTS: int
    IPPROTO_ICLFXBM: int
    IPPROTO_ICMP: int
    IPPROTO_ICMPV6: int
    IPPROTO_IDP: int
    IPPROTO_IGMP: int
    IPPROTO_IGP: int
    IPPROTO_IP: int
    IPPROTO_IPV4: int
    IPPROTO_IPV6: int
    IPPROTO_L2TP: int
    IPPROTO_MAX: int
    IPPROTO_ND: int
    IPPROTO_NONE: int
    IPPROTO_PGM: int
    IPPROTO_PIM: int
    IPPROTO_PUP: int
    IPPROTO_RAW: int
    IPPROTO_RDP: int
    IPPROTO_ROUTING: int
    IPPROTO_SCTP: int
    IPPROTO_ST: int
    IPV6_CHECKSUM: int
    IPV6_DONTFRAG: int
    IPV6_HOPLIMIT: int
    IPV6_HOPOPTS: int
    IPV6_JOIN_GROUP: int
    IPV6_LEAVE_GROUP: int
    IPV6_MULTICAST_HOPS: int
    IPV6_MULTICAST_IF: int
    IPV6_MULTICAST_LOOP: int
    IPV6_PKTINFO: int
    IPV6_RECVRTHDR: int
    IPV6_RECVTCLASS: int
    IPV6_RTHDR: int
    IPV6_TCLASS: int
    IPV6_UNICAST_HOPS: int
    IPV6_V6ONLY: int
    IP_ADD_MEMBERSHIP: int
    IP_DROP_MEMBERSHIP: int
    IP_HDRINCL: int
    IP_MULTICAST_IF: int
    IP_MULTICAST_LOOP: int
    IP_MULTICAST_TTL: int
    IP_OPTIONS: int
    IP_RECVDSTADDR: int
    IP_RECVTOS: int
    IP_TOS: int
    IP_TTL: int
    MSG_BCAST: MsgFlag
    MSG_CTRUNC: MsgFlag
    MSG_DONTROUTE: MsgFlag
    MSG_ERRQUEUE: MsgFlag
    MSG_MCAST: MsgFlag
    MSG_OOB: MsgFlag
    MSG_PEEK: MsgFlag
    MSG_TRUNC: MsgFlag
    MSG_WAITALL: MsgFlag
    NI_DGRAM: int
    NI_MAXHOST: int
    NI_MAXSERV: int
    NI_NAMEREQD: int
    NI_NOFQDN: int
    NI_NUMERICHOST: int
    NI_NUMERICSERV: int
    RCVALL_MAX: int
    RCVALL_OFF: int
    RCVALL_ON: int
    RCVALL_SOCKETLEVELONLY: int
    SHUT_RD: int
    SHUT_RDWR: int
    SHUT_WR: int
    SIO_KEEPALIVE_VALS: int
    SIO_LOOPBACK_FAST_PATH: int
    SIO_RCVALL: int
    SOCK_DGRAM: SocketKind
    SOCK_RAW: SocketKind
    SOCK_RDM: SocketKind
    SOCK_SEQPACKET: SocketKind
    SOCK_STREAM: SocketKind
    SOL_IP: int
    SOL_SOCKET: int
    SOL_TCP: int
    SOL_UDP: int
    SOMAXCONN: int
    SO_ACCEPTCONN: int
    SO_BROADCAST: int
    SO_DEBUG: int
    SO_DONTROUTE: int
    SO_ERROR: int
    SO_EXCLUSIVEADDRUSE: int
    SO_KEEPALIVE: int
    SO_LINGER: int
    SO_OOBINLINE: int
    SO_RCVBUF: int
    SO_RCVLOWAT: int
    SO_RCVTIMEO: int
    SO_REUSEADDR: int
    SO_SNDBUF: int
    SO_SNDLOWAT: int
    SO_SNDTIMEO: int
    SO_TYPE: int
    SO_USELOOPBACK: int
    TCP_FASTOPEN: int
    TCP_KEEPCNT: int
    TCP_KEEPIDLE: int
    TCP_KEEPINTVL: int
    TCP_MAXSEG: int
    TCP_NODELAY: int
    if sys.version_info >= (3, 12):
        IP_ADD_SOURCE_MEMBERSHIP: int
        IP_BLOCK_SOURCE: int
        IP_DROP_SOURCE_MEMBERSHIP: int
        IP_PKTINFO: int
        IP_UNBLOCK_SOURCE: int
else:
    AF_ALG: AddressFamily
    AF_APPLETALK: AddressFamily
    AF_ASH: AddressFamily
    AF_ATMPVC: AddressFamily
    AF_ATMSVC: AddressFamily
    AF_AX25: AddressFamily
    AF_BRIDGE: AddressFamily
    AF_CAN: AddressFamily
    AF_DECnet: int
    AF_ECONET: AddressFamily
    AF_INET: AddressFamily
    AF_INET6: AddressFamily
    AF_IPX: AddressFamily
    AF_IRDA: AddressFamily
    AF_KEY: AddressFamily
    AF_LINK: AddressFamily
    AF_LLC: AddressFamily
    AF_NETBEUI: AddressFamily
    AF_NETLINK: AddressFamily
    AF_NETROM: AddressFamily
    AF_PACKET: AddressFamily
    AF_PPPOX: AddressFamily
    AF_QIPCRTR: AddressFamily
    AF_RDS: AddressFamily
    AF_ROSE: AddressFamily
    AF_ROUTE: AddressFamily
    AF_SECURITY: AddressFamily
    AF_SNA: AddressFamily
    AF_SYSTEM: AddressFamily
    AF_TIPC: AddressFamily
    AF_UNIX: AddressFamily
    AF_UNSPEC: AddressFamily
    AF_VSOCK: AddressFamily
    AF_WANPIPE: AddressFamily
    AF_X25: AddressFamily
    AI_ADDRCONFIG: AddressInfo
    AI_ALL: AddressInfo
    AI_CANONNAME: AddressInfo
    AI_DEFAULT: AddressInfo
    AI_MASK: AddressInfo
    AI_NUMERICHOST: AddressInfo
    AI_NUMERICSERV: AddressInfo
    AI_PASSIVE: AddressInfo
    AI_V4MAPPED: AddressInfo
    AI_V4MAPPED_CFG: AddressInfo
    EAI_ADDRFAMILY: int
    EAI_AGAIN: int
    EAI_BADFLAGS: int
    EAI_BADHINTS: int
    EAI_FAIL: int
    EAI_FAMILY: int
    EAI_MAX: int
    EAI_MEMORY: int
    EAI_NODATA: int
    EAI_NONAME: int
    EAI_OVERFLOW: int
    EAI_PROTOCOL: int
    EAI_SERVICE: int
    EAI_SOCKTYPE: int
    EAI_SYSTEM: int
    INADDR_ALLHOSTS_GROUP: int
    INADDR_ANY: int
    INADDR_BROADCAST: int
    INADDR_LOOPBACK: int
    INADDR_MAX_LOCAL_GROUP: int
    INADDR_NONE: int
    INADDR_UNSPEC_GROUP: int
    IPPORT_RESERVED: int
    IPPORT_USERRESERVED: int
    IPPROTO_AH: int
    IPPROTO_BIP: int
    IPPROTO_DSTOPTS: int
    IPPROTO_EGP: int
    IPPROTO_EON: int
    IPPROTO_ESP: int
    IPPROTO_FRAGMENT: int
    IPPROTO_GGP: int
    IPPROTO_GRE: int
    IPPROTO_HELLO: int
    IPPROTO_HOPOPTS: int
    IPPROTO_ICMP: int
    IPPROTO_ICMPV6: int
    IPPROTO_IDP: int
    IPPROTO_IGMP: int
    IPPROTO_IP: int
    IPPROTO_IPCOMP: int
    IPPROTO_IPIP: int
    IPPROTO_IPV4: int
    IPPROTO_IPV6: int
    IPPROTO_MAX: int
    IPPROTO_MOBILE: int
    IPPROTO_MPTCP: int
    IPPROTO_ND: int
    IPPROTO_NONE: int
    IPPROTO_PIM: int
    IPPROTO_PUP: int
    IPPROTO_RAW: int
    IPPROTO_ROUTING: int
    IPPROTO_RSVP: int
    IPPROTO_SCTP: int
    IPPROTO_TCP: int
    IPPROTO_TP: int
    IPPROTO_UDP: int
    IPPROTO_UDPLITE: int
    IPPROTO_VRRP: int
    IPPROTO_XTP: int
    IPV6_CHECKSUM: int
    IPV6_DONTFRAG: int
    IPV6_DSTOPTS: int
    IPV6_HOPLIMIT: int
    IPV6_HOPOPTS: int
    IPV6_JOIN_GROUP: int
    IPV6_LEAVE_GROUP: int
    IPV6_MULTICAST_HOPS: int
    IPV6_MULTICAST_IF: int
    IPV6_MULTICAST_LOOP: int
    IPV6_NEXTHOP: int
    IPV6_PATHMTU: int
    IPV6_PKTINFO: int
    IPV6_RECVDSTOPTS: int
    IPV6_RECVHOPLIMIT: int
    IPV6_RECVHOPOPTS: int
    IPV6_RECVPATHMTU: int
    IPV6_RECVPKTINFO: int
    IPV6_RECVRTHDR: int
    IPV6_RECVTCLASS: int
    IPV6_RTHDR: int
    IPV6_RTHDRDSTOPTS: int
    IPV6_RTHDR_TYPE_0: int
    IPV6_TCLASS: int
    IPV6_UNICAST_HOPS: int
    IPV6_USE_MIN_MTU: int
    IPV6_V6ONLY: int
    IP_ADD_MEMBERSHIP: int
    IP_BIND_ADDRESS_NO_PORT: int
    IP_DEFAULT_MULTICAST_LOOP: int
    IP_DEFAULT_MULTICAST_TTL: int
    IP_DROP_MEMBERSHIP: int
    IP_HDRINCL: int
    IP_MAX_MEMBERSHIPS: int
    IP_MULTICAST_IF: int
    IP_MULTICAST_LOOP: int
    IP_MULTICAST_TTL: int
    IP_OPTIONS: int
    IP_RECVDSTADDR: int
    IP_RECVOPTS: int
    IP_RECVRETOPTS: int
    IP_RECVTOS: int
    IP_RETOPTS: int
    IP_TOS: int
    IP_TRANSPARENT: int
    IP_TTL: int
    MSG_BCAST: MsgFlag
    MSG_BTAG: MsgFlag
    MSG_CMSG_CLOEXEC: MsgFlag
    MSG_CONFIRM: MsgFlag
    MSG_CTRUNC: MsgFlag
    MSG_DONTROUTE: MsgFlag
    MSG_DONTWAIT: MsgFlag
    MSG_EOF: MsgFlag
    MSG_EOR: MsgFlag
    MSG_ERRQUEUE: MsgFlag
    MSG_ETAG: MsgFlag
    MSG_FASTOPEN: MsgFlag
    MSG_MCAST: MsgFlag
    MSG_MORE: MsgFlag
    MSG_NOSIGNAL: MsgFlag
    MSG_NOTIFICATION: MsgFlag
    MSG_OOB: MsgFlag
    MSG_PEEK: MsgFlag
    MSG_TRUNC: MsgFlag
    MSG_WAITALL: MsgFlag
    NI_DGRAM: int
    NI_MAXHOST: int
    NI_MAXSERV: int
    NI_NAMEREQD: int
    NI_NOFQDN: int
    NI_NUMERICHOST: int
    NI_NUMERICSERV: int
    SCM_CREDENTIALS: int
    SCM_CREDS: int
    SCM_CREDS2: int
    SCM_J1939_DEST_ADDR: int
    SCM_J1939_DEST_NAME: int
    SCM_J1939_ERRQUEUE: int
    SCM_J1939_PRIO: int
    SCM_RIGHTS: int
    SHUT_RD: int
    SHUT_RDWR: int
    SHUT_WR: int
    SOCK_CLOEXEC: SocketKind
    SOCK_DGRAM: SocketKind
    SOCK_NONBLOCK: SocketKind
    SOCK_RAW: SocketKind
    SOCK_RDM: SocketKind
    SOCK_SEQPACKET: SocketKind
    SOCK_STREAM: SocketKind
    SOL_ALG: int
    SOL_CAN_BASE: int
    SOL_CAN_RAW: int
    SOL_IP: int
    SOL_RDS: int
    SOL_SOCKET: int
    SOL_TCP: int
    SOL_TIPC: int
    SOL_UDP: int
    SOMAXCONN: int
    SO_ACCEPTCONN: int
    SO_BINDTODEVICE: int
    SO_BROADCAST: int
    SO_DEBUG: int
    SO_DOMAIN: int
    SO_DONTROUTE: int
    SO_ERROR: int
    SO_INCOMING_CPU: int
    SO_J1939_ERRQUEUE: int
    SO_J1939_FILTER: int
    SO_J1939_PROMISC: int
    SO_J1939_SEND_PRIO: int
    SO_KEEPALIVE: int
    SO_LINGER: int
    SO_MARK: int
    SO_OOBINLINE: int
    SO_PASSCRED: int
    SO_PASSSEC: int
    SO_PEERCRED: int
    SO_PEERSEC: int
    SO_PRIORITY: int
    SO_PROTOCOL: int
    SO_RCVBUF: int
    SO_RCVLOWAT: int
    SO_RCVTIMEO: int
    SO_REUSEADDR: int
    SO_REUSEPORT: int
    SO_SNDBUF: int
    SO_SNDLOWAT: int
    SO_SNDTIMEO: int
    SO_TYPE: int
    SO_USELOOPBACK: int
    SO_VM_SOCKETS_BUFFER_MAX_SIZE: int
    SO_VM_SOCKETS_BUFFER_MIN_SIZE: int
    SO_VM_SOCKETS_BUFFER_SIZE: int
    TCP_CONGESTION: int
    TCP_CONNECTION_INFO: int
    TCP_CORK: int
    TCP_DEFER_ACCEPT: int
    TCP_FASTOPEN: int
    TCP_INFO: int
    TCP_KEEPALIVE: int
    TCP_KEEPCNT: int
    TCP_KEEPIDLE: int
    TCP_KEEPINTVL: int
    TCP_LINGER2: int
    TCP_MAXSEG: int
    TCP_NODELAY: int
    TCP_NOTSENT_LOWAT: int
    TCP_QUICKACK: int
    TCP_SYNCNT: int
    TCP_USER_TIMEOUT: int
    TCP_WINDOW_CLAMP: int
# -- end of the generated constants --
