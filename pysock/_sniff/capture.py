"""Opening a capture: the method is chosen by what the platform offers.

- AF_PACKET present: a packet socket (SOCK_RAW, every protocol) receives whole
  Ethernet frames; the filter runs in the kernel as a classic BPF program.
- SIO_RCVALL present: the raw IP socket of the reference's Windows example
  (SOCK_RAW + IPPROTO_IP bound to an interface address, IP_HDRINCL, SIO_RCVALL
  on) receives IP packets; the filter runs here, on the decoded packet.
- neither: raw sockets cannot capture on this system (macOS, the BSDs) and
  `open_capture` says so and what to use instead."""
import time

import pysock

from . import bpf, decode, pcap

# Linux values the stdlib does not name (ETH_P_ALL only from Python 3.12):
# <linux/if_ether.h>, <asm-generic/socket.h>, <linux/if_arp.h>.
ETH_P_ALL = getattr(pysock, "ETH_P_ALL", 0x0003)
SO_ATTACH_FILTER = getattr(pysock, "SO_ATTACH_FILTER", 26)
ARPHRD_ETHER = 1
ARPHRD_LOOPBACK = 772
RECEIVE_SIZE = 262144


class CaptureRefused(Exception):
    """The system will not let us capture; the message says why and what to do."""


def capture_method():
    """The capture class this platform offers, by feature, not by OS name."""
    if hasattr(pysock, "AF_PACKET"):
        return PacketCapture
    if hasattr(pysock, "SIO_RCVALL"):
        return RcvallCapture
    raise CaptureRefused(
        "raw sockets cannot capture packets on this system (it has neither AF_PACKET "
        "nor SIO_RCVALL); use tcpdump or Wireshark, which capture through BPF devices")


def open_capture(interface, flt):
    method = capture_method()
    try:
        return method(interface, flt)
    except PermissionError as exc:
        raise CaptureRefused(f"capturing needs {method.privilege}: {exc}") from None
    except OSError as exc:
        raise CaptureRefused(f"this system refused to open {method.description}: {exc}") from None


def list_interfaces():
    return capture_method().interfaces()


class Capture:
    """A capture socket: `receive` waits for the next packet `keep` accepts."""

    def receive(self, timeout):
        """The next packet's (timestamp, bytes), or None when `timeout` seconds run out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self.sock.settimeout(None if deadline is None
                                 else max(deadline - time.monotonic(), 0.001))
            try:
                data, address = self.sock.recvfrom(RECEIVE_SIZE)
            except TimeoutError:
                return None
            if self.keep(data, address):
                return time.time(), data

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PacketCapture(Capture):
    description = "an AF_PACKET capture socket"
    privilege = "CAP_NET_RAW (run as root)"
    linktype = pcap.LINKTYPE_ETHERNET
    decode = staticmethod(decode.decode_ethernet)

    @staticmethod
    def interfaces():
        return [name for _, name in pysock.if_nameindex()]

    def __init__(self, interface, flt):
        if interface is not None and interface not in self.interfaces():
            raise CaptureRefused(f"no interface named {interface!r} (the AF_PACKET capture "
                                 f"takes a name: {', '.join(self.interfaces())})")
        # Bound to one interface, the socket is opened for no protocol so that it
        # receives nothing before the filter is attached and it is bound.
        self.where = interface or "all interfaces"
        protocol = 0 if interface is not None else pysock.htons(ETH_P_ALL)
        self.sock = pysock.socket(pysock.AF_PACKET, pysock.SOCK_RAW, protocol)
        try:
            if flt:
                fprog, keep = bpf.sock_fprog(bpf.compile_filter(flt))
                self.sock.setsockopt(pysock.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
                del keep
            if interface is not None:
                self.sock.bind((interface, ETH_P_ALL))
            else:
                self._drain()        # what arrived before the filter was in place
        except BaseException:
            self.sock.close()
            raise

    def _drain(self):
        self.sock.setblocking(False)
        try:
            while True:
                self.sock.recv(RECEIVE_SIZE)
        except BlockingIOError:
            pass
        self.sock.setblocking(True)

    def keep(self, data, address):
        _, _, pkttype, hatype, _ = address
        # Loopback shows every packet twice, leaving and arriving: keep the arrival.
        if hatype == ARPHRD_LOOPBACK and pkttype == pysock.PACKET_OUTGOING:
            return False
        return hatype in (ARPHRD_ETHER, ARPHRD_LOOPBACK)    # the Ethernet framing we decode


class RcvallCapture(Capture):
    description = "a raw IP socket with SIO_RCVALL (SOCK_RAW + IPPROTO_IP)"
    privilege = "Administrator rights (run from an elevated prompt)"
    linktype = pcap.LINKTYPE_RAW
    decode = staticmethod(decode.decode_ip)

    @staticmethod
    def interfaces():
        infos = pysock.getaddrinfo(pysock.gethostname(), None, pysock.AF_INET)
        return list(dict.fromkeys(info[4][0] for info in infos))

    def __init__(self, interface, flt):
        self.flt = flt
        self.promiscuous = False
        host = interface or pysock.gethostbyname(pysock.gethostname())
        try:
            host = pysock.gethostbyname(host)     # a name of this host, or its address
        except OSError as exc:
            raise CaptureRefused(f"cannot find the address of {host!r}: {exc}") from None
        self.where = host
        # The reference's sequence, call for call.
        self.sock = pysock.socket(pysock.AF_INET, pysock.SOCK_RAW, pysock.IPPROTO_IP)
        try:
            self.sock.bind((host, 0))
            self.sock.setsockopt(pysock.IPPROTO_IP, pysock.IP_HDRINCL, 1)
            self.sock.ioctl(pysock.SIO_RCVALL, pysock.RCVALL_ON)
            self.promiscuous = True
        except BaseException:
            self.close()
            raise

    def keep(self, data, address):
        return not self.flt or self.flt.matches(decode.decode_ip(data))

    def close(self):
        """Turns promiscuous mode off again whatever happened, then closes."""
        try:
            if self.promiscuous:
                self.promiscuous = False
                self.sock.ioctl(pysock.SIO_RCVALL, pysock.RCVALL_OFF)
        finally:
            self.sock.close()
