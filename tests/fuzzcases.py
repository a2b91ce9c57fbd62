"""Differential fuzzing of the socket API (helper, not a test module).

One *case* is a fresh setup of sockets (a connected pair, a listener, a
closed or detached socket, ...) and one to three calls on it, every argument
drawn at random: ints of every size and sign, ``__index__`` objects, floats,
None, str with NULs and lone surrogates, bytes, read-only and non-contiguous
buffers. A case is built from its own seed, once per module, so that the
stdlib ``socket`` and ``pysock`` see equal arguments on equivalent sockets;
what each call gave (its result, normalized where results legitimately differ:
ports, descriptors, socket paths; or its exception type and errno) is
compared.

Nothing blocks: every socket is non-blocking or has a timeout of a
millisecond, and only loopback addresses, the setup's own ports and local
names are used (no name lookup leaves the machine). Everything a case opens is
closed before the next.

``tests/test_fuzz_differential.py`` runs a few thousand cases from a fixed
seed; ``tools/fuzz.py`` (``nox -s fuzz``) runs millions.
"""

import array
import functools
import ipaddress
import os
import random
import select
import socket as _std
import sys
import tempfile
import warnings

import batchutil

IS_WINDOWS = sys.platform == "win32"
HAS_UNIX = hasattr(_std, "AF_UNIX") and not IS_WINDOWS

# -- argument values ---------------------------------------------------------


class Index:
    """An int-like object: only __index__."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value

    def __repr__(self):
        return "Index(%r)" % self.value


class BadIndex:
    """An __index__ that raises: the error must come out as it is."""

    def __index__(self):
        raise ZeroDivisionError("BadIndex")

    def __repr__(self):
        return "BadIndex()"


class Truthy:
    """An object whose truth value raises (for bool-like arguments)."""

    def __bool__(self):
        raise ZeroDivisionError("Truthy")

    def __repr__(self):
        return "Truthy()"


EDGE_INTS = [
    0, 1, -1, 2, 7, 255, 256, 1023, 65535, 65536, -65536,
    2**15, 2**16, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1, 2**32,
    2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 2**70, -2**70, 9223372037,
]

TEXT = [
    "", "x", "\0", "a\0b", "\udc80", "a\udcffb", "\ud800", "é", "€", "\U0001f600",
    "127.0.0.1", "::1", "localhost", "0", "<broadcast>", "x" * 300, "lo", " ",
]


def random_int(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(EDGE_INTS)
    if r < 0.8:
        return rng.randint(-3, 300)
    return rng.randint(-2**40, 2**40)


def random_bytes(rng, limit=64):
    n = rng.choice([0, 1, 2, 3, 4, 8, 16, rng.randint(0, limit)])
    return bytes(rng.getrandbits(8) for _ in range(n))


def random_buffer(rng, limit=64):
    """A bytes-like object: bytes, bytearray, or a memoryview of one of several shapes."""
    data = random_bytes(rng, limit)
    kind = rng.randrange(8)
    if kind == 0:
        return data
    if kind == 1:
        return bytearray(data)
    if kind == 2:
        return memoryview(data)  # read-only
    if kind == 3:
        return memoryview(bytearray(data))
    if kind == 4:
        return memoryview(bytearray(data * 2 or b"ab"))[::2]  # not contiguous
    if kind == 5:
        return array.array("i", [rng.randint(-5, 5) for _ in range(rng.randrange(4))])
    if kind == 6:
        n = len(data) - len(data) % 2
        return memoryview(bytearray(data[:n])).cast("B", [2, n // 2]) if n else memoryview(b"")
    return memoryview(bytearray(data)).toreadonly()


# With MSG_TRUNC a read may report more than the buffer held: pysock gives
# zeros past what was received, where the stdlib's bytes end in whatever its
# allocation held; only the lengths of such results compare.
MSG_TRUNC = getattr(_std, "MSG_TRUNC", 0)
READS = {"recv", "recvfrom", "recvmsg", "recvmmsg", "recvmmsg_into"}
# Options whose value changes by itself (TCP_INFO's round-trip times and
# timestamps): only the lengths compare.
CHANGING_OPTIONS = {(_std.IPPROTO_TCP, getattr(_std, "TCP_INFO", -1))}


def writable_buffer(rng):
    """A buffer for *_into: mostly writable, sometimes not."""
    n = rng.choice([0, 1, 2, 5, 16, 100, 1024])
    kind = rng.randrange(7)
    if kind == 0:
        return bytearray(n)
    if kind == 1:
        return memoryview(bytearray(n))
    if kind == 2:
        return memoryview(bytearray(2 * n or 2))[::2]
    if kind == 3:
        return array.array("b", bytes(n))
    if kind == 4:
        return bytes(n)  # read-only
    if kind == 5:
        return memoryview(bytearray(n)).toreadonly()
    return wild(rng)


def wild(rng):
    """Any value at all, of any type."""
    kind = rng.randrange(14)
    if kind < 3:
        return random_int(rng)
    if kind == 3:
        return Index(random_int(rng))
    if kind == 4:
        return rng.choice([True, False])
    if kind == 5:
        return rng.choice([0.0, 1.0, -1.0, 1.5, 1e-9, 1e300, -1e300, float("nan"), float("inf"), float("-inf")])
    if kind == 6:
        return None
    if kind == 7:
        return rng.choice(TEXT)
    if kind == 8:
        return random_buffer(rng)
    if kind == 9:
        return rng.choice([BadIndex(), Truthy(), object(), [], [1], (), (1,), {}, 1j])
    if kind == 10:
        return tuple(wild_small(rng) for _ in range(rng.randrange(5)))
    if kind == 11:
        return [wild_small(rng) for _ in range(rng.randrange(3))]
    if kind == 12:
        return rng.choice(TEXT).encode("utf-8", "surrogatepass")
    return random_int(rng)


def wild_small(rng):
    """A leaf value (no nesting)."""
    kind = rng.randrange(6)
    if kind == 0:
        return random_int(rng)
    if kind == 1:
        return rng.choice(TEXT)
    if kind == 2:
        return random_bytes(rng)
    if kind == 3:
        return None
    if kind == 4:
        return Index(random_int(rng))
    return rng.choice([1.5, float("nan"), True])


def maybe(rng, good, p=0.7):
    """`good()` with probability p, else a wild value."""
    return good() if rng.random() < p else wild(rng)


# -- setups: equivalent fresh sockets for each module --------------------------

# Each setup is built the same way with either module. Names:
#   s: the socket the calls run on   p: its peer (if any)   L: a listener
KINDS = ["tcp", "tcp", "udp", "udp-connected", "tcp-fresh", "udp-fresh", "listener",
         "closed", "detached", "base", "pair"]
if HAS_UNIX:
    KINDS += ["unix-stream", "unix-dgram", "unix-fresh", "unix-bound"]


def _unused_port():
    """A loopback TCP port with nobody listening on it (just released)."""
    with _std.socket(_std.AF_INET, _std.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Setup:
    """The sockets of one case for one module, and what varies between modules."""

    def __init__(self, m, kind, rng, tmpdir):
        self.m = m
        self.kind = kind
        self.socks = []
        self.fds = []        # raw descriptors to close (detach, dup results)
        self.volatile = {}   # value -> placeholder: ports, descriptors, paths
        self.tmpdir = tmpdir
        # A port to address: a listener's or peer's where there is one, else
        # one nobody listens on, each module's run its own: with a port both
        # shared (it was 1), what the first run left there (a self-connection
        # in TIME_WAIT) made the second one's bind fail.
        self.port = _unused_port()
        self.path = os.path.join(tmpdir, "none")
        self.s = None
        self.p = None
        getattr(self, "_make_" + kind.replace("-", "_"))()
        self.timeout = rng.choice([0.0, 0.0, 0.001])
        for x in self.socks:
            try:
                x.settimeout(self.timeout)
            except OSError:
                pass
        if self.p is not None and rng.random() < 0.6:
            self._prime(random_bytes(rng, 2000) or b"x")
        self._note_volatile()

    def track(self, sock):
        self.socks.append(sock)
        return sock

    def _tcp_listener(self):
        L = self.track(self.m.socket(self.m.AF_INET, self.m.SOCK_STREAM))
        L.bind(("127.0.0.1", 0))
        L.listen(4)
        self.port = L.getsockname()[1]
        return L

    def _make_tcp(self):
        L = self._tcp_listener()
        self.s = self.track(self.m.create_connection(("127.0.0.1", self.port), timeout=2))
        self.p = self.track(L.accept()[0])

    def _make_tcp_fresh(self):
        self._tcp_listener()
        self.s = self.track(self.m.socket())

    def _make_listener(self):
        self.s = self._tcp_listener()

    def _make_udp(self):
        self.p = self.track(self.m.socket(self.m.AF_INET, self.m.SOCK_DGRAM))
        self.p.bind(("127.0.0.1", 0))
        self.port = self.p.getsockname()[1]
        self.s = self.track(self.m.socket(self.m.AF_INET, self.m.SOCK_DGRAM))
        self.s.bind(("127.0.0.1", 0))
        self.p.connect(self.s.getsockname())

    def _make_udp_connected(self):
        self._make_udp()
        self.s.connect(("127.0.0.1", self.port))

    def _make_udp_fresh(self):
        self.s = self.track(self.m.socket(self.m.AF_INET, self.m.SOCK_DGRAM))

    def _make_closed(self):
        self.s = self.track(self.m.socket())
        self.s.close()

    def _make_detached(self):
        self.s = self.track(self.m.socket())
        self.fds.append(self.s.detach())

    def _make_base(self):
        # The extension's own type (socket.SocketType), without the Python class.
        self._tcp_listener()
        self.s = self.track(self.m.SocketType())

    def _make_pair(self):
        self.s, self.p = (self.track(x) for x in self.m.socketpair())

    def _make_unix_stream(self):
        self.s, self.p = (self.track(x) for x in self.m.socketpair(self.m.AF_UNIX, self.m.SOCK_STREAM))

    def _make_unix_dgram(self):
        self.s, self.p = (self.track(x) for x in self.m.socketpair(self.m.AF_UNIX, self.m.SOCK_DGRAM))

    def _make_unix_fresh(self):
        self.s = self.track(self.m.socket(self.m.AF_UNIX, self.m.SOCK_STREAM))

    def _make_unix_bound(self):
        self.path = os.path.join(self.tmpdir, "b")
        self.s = self.track(self.m.socket(self.m.AF_UNIX, self.m.SOCK_DGRAM))
        self.s.bind(self.path)

    def _prime(self, data):
        """Data waiting on s, sent by its peer (waited for, so both modules see it)."""
        try:
            self.p.send(data)
        except OSError:
            return
        select.select([self.s], [], [], 2)

    def _note_volatile(self):
        for i, x in enumerate(self.socks):
            fd = x.fileno()
            if fd != -1:
                self.volatile[fd] = "<fd%d>" % i
            for name in ("getsockname", "getpeername"):
                try:
                    addr = getattr(x, name)()
                except OSError:
                    continue
                if isinstance(addr, tuple) and len(addr) >= 2:
                    self.volatile.setdefault(addr[1], "<port>")
        for i, fd in enumerate(self.fds):
            self.volatile[fd] = "<dfd%d>" % i
        self.volatile[self.path] = "<path>"

    def reset(self):
        """Before each call: the setup's timeout again (a call may have changed it)."""
        for x in self.socks:
            try:
                x.settimeout(self.timeout)
            except OSError:
                pass
        self.m.setdefaulttimeout(None)

    def close(self):
        self.m.setdefaulttimeout(None)
        for x in self.socks:
            try:
                x.close()
            except OSError:  # a call closed its descriptor under it (m.close(fd))
                pass
        for fd in self.fds:
            try:
                self.m.close(fd)
            except OSError:
                pass
        for name in os.listdir(self.tmpdir):
            os.unlink(os.path.join(self.tmpdir, name))


# -- arguments per call ----------------------------------------------------------

def host(rng):
    return rng.choice(["127.0.0.1", "127.0.0.1", "localhost", "", "0.0.0.0", "::1",
                       "<broadcast>", "\udc80", "localhost\0st", "é\udc80", b"127.0.0.1", bytearray(b"127.0.0.1"),
                       "127.0.0.1\udcff", "127.0.0.1\0"])


# Host names that need neither a name server nor any other machine: a case's
# outcome must not depend on the network. Any other name or address given
# where it could be looked up or reached becomes 127.0.0.1, unless it is
# refused before (a lone surrogate). A NUL counts as the end of the name, as
# getaddrinfo in the stdlib reads it.
NUMERIC_NAMES = {"127.0.0.1", "::1", "localhost", "", "0.0.0.0", "0", "<broadcast>"}
LOOKUP_NAMES = {"127.0.0.1", "::1", "localhost"}  # for the reverse and full lookups


def no_lookup(x, names=NUMERIC_NAMES):
    if isinstance(x, (bytes, bytearray)):
        text = bytes(x).decode("latin-1")
    elif isinstance(x, str):
        text = x
    else:
        return x
    if any(0xD800 <= ord(c) < 0xE000 for c in text):
        return x
    name = text.split("\0")[0]
    if name in names or (names is NUMERIC_NAMES and _local_address(name)):
        return x
    return "127.0.0.1"


def _local_address(text):
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified or text == "255.255.255.255"


def lookup_host(rng):
    return no_lookup(maybe(rng, lambda: host(rng), 0.9), LOOKUP_NAMES)


def inet_address(rng, st):
    def port():
        return rng.choice([0, st.port, st.port, 1, -1, 65536, 2**70, Index(st.port), "80", 1.5, None])
    r = rng.random()
    if r < 0.7:
        return (no_lookup(maybe(rng, lambda: host(rng), 0.9)), port())
    if r < 0.8:
        return ("::1", port(), random_int(rng), random_int(rng))
    x = wild(rng)
    return (no_lookup(x[0]),) + x[1:] if isinstance(x, tuple) and x else x


def unix_address(rng, st):
    return rng.choice([st.path, os.path.join(st.tmpdir, "n"), os.fsencode(os.path.join(st.tmpdir, "n")),
                       "", b"", "\0abstract-fuzz", b"\0", "/" + "x" * 200, os.path.join(st.tmpdir, "a\0b"),
                       os.path.join(st.tmpdir, "\udc80"), 5, None, ("x", 1)])


def address(rng, st):
    family = getattr(st.s, "family", None) if st.kind not in ("closed", "detached") else None
    if HAS_UNIX and family == _std.AF_UNIX and rng.random() < 0.85:
        return unix_address(rng, st)
    return inside(st, inet_address(rng, st))


def inside(st, x):
    """x, unless it is a path that leaves the setup's folder (a random byte
    string given to an AF_UNIX bind would make a file wherever it points)."""
    if isinstance(x, (str, bytes, bytearray)):
        text = os.fsdecode(bytes(x)) if not isinstance(x, str) else x
        if "/" in text or "\\" in text:
            return os.path.join(st.tmpdir, "p")
    return x


def flags(rng):
    m = _std
    choices = [0, 0, 0, m.MSG_PEEK, m.MSG_OOB, getattr(m, "MSG_DONTWAIT", 0), -1, 2**31, 2**32, 1.0, "0", None,
               Index(0), random_int(rng)]
    return rng.choice(choices + [MSG_TRUNC, MSG_TRUNC | getattr(m, "MSG_PEEK", 0)])


def size(rng):
    return rng.choice([0, 1, 2, 10, 1024, 70000, -1, -2**31, 2**31, 2**63, 2**64, 1.0, "1", None,
                       Index(5), Index(-1), BadIndex(), True])


def option(rng):
    """(level, optname) mostly from the constants; sometimes anything."""
    m = _std
    opts = [(m.SOL_SOCKET, n) for n in ("SO_REUSEADDR", "SO_KEEPALIVE", "SO_BROADCAST", "SO_SNDBUF", "SO_RCVBUF",
                                          "SO_TYPE", "SO_ERROR", "SO_OOBINLINE", "SO_DONTROUTE", "SO_REUSEPORT",
                                          "SO_PRIORITY", "SO_PASSCRED", "SO_ACCEPTCONN", "SO_DOMAIN",
                                          "SO_PROTOCOL", "SO_RCVLOWAT", "SO_MARK")]
    opts += [(m.IPPROTO_TCP, n) for n in ("TCP_NODELAY", "TCP_MAXSEG", "TCP_KEEPIDLE", "TCP_CORK", "TCP_INFO")]
    opts += [(m.IPPROTO_IP, n) for n in ("IP_TTL", "IP_TOS", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_HDRINCL")]
    opts = [(lvl, getattr(m, n)) for lvl, n in opts if hasattr(m, n)]
    r = rng.random()
    if r < 0.8:
        return rng.choice(opts)
    if r < 0.9:
        return (random_int(rng), random_int(rng))
    return (wild(rng), wild(rng))


def option_value(rng):
    r = rng.random()
    if r < 0.4:
        return rng.choice([0, 1, 2, 4096, -1, 2**31, 2**32, 2**64, Index(1), Index(2**40)])
    if r < 0.7:
        return random_buffer(rng, 16)
    return wild(rng)


def ancillary(rng):
    """sendmsg's ancdata: mostly well-formed lists of (level, type, data)."""
    m = _std
    if rng.random() < 0.3:
        return wild(rng)
    items = []
    for _ in range(rng.randrange(3)):
        level = rng.choice([m.SOL_SOCKET, 0, -1, 2**31, None, Index(m.SOL_SOCKET)])
        kind = rng.choice([getattr(m, "SCM_RIGHTS", 1), getattr(m, "SCM_CREDENTIALS", 2), 0, "x", 2**40])
        data = rng.choice([b"", b"\0" * 4, b"\xff" * 3, random_buffer(rng, 16), 5, None])
        item = (level, kind, data) if rng.random() < 0.9 else tuple(wild_small(rng) for _ in range(rng.randrange(5)))
        items.append(item)
    return items


def buffers(rng):
    """sendmsg's buffers: an iterable of bytes-like objects."""
    if rng.random() < 0.2:
        return wild(rng)
    return [random_buffer(rng) if rng.random() < 0.9 else wild(rng) for _ in range(rng.randrange(4))]


def into_buffers(rng):
    if rng.random() < 0.2:
        return wild(rng)
    return [writable_buffer(rng) for _ in range(rng.randrange(4))]


def fd_value(rng, st, owned=True):
    """A descriptor argument: one of the setup's, or any value (never one outside the setup
    that is valid: closing or duplicating a stranger's descriptor is not fuzzing). With
    owned=False, only the setup's raw descriptors: closing one a socket object owns
    lets the next descriptor made take its number, and the stdlib leaks one where pysock
    does not (fromfd's duplicate when the socket cannot be made)."""
    own = [x.fileno() for x in st.socks if x.fileno() != -1] if owned else list(st.fds)
    r = rng.random()
    if r < 0.5 and own:
        return rng.choice(own)
    return rng.choice([-1, -2, 2**31, -2**31 - 1, 2**63, 2**64, 1.5, None, "3", Index(-1), BadIndex()])


def not_a_descriptor(x):
    """x, unless it could name a descriptor this process has open outside the
    setup (wrapping, then closing, a stranger's descriptor is not fuzzing)."""
    try:
        n = x.__index__()
    except Exception:  # noqa: BLE001
        return x
    return 2**31 - 1 if 0 <= n < 2**20 else x


def family(rng):
    m = _std
    fams = [m.AF_INET, m.AF_INET6, getattr(m, "AF_UNIX", 1)]
    return rng.choice(fams + [0, -1, 12345, 2**31, 2**40, None, "2", Index(m.AF_INET), 1.0])


def sock_type(rng):
    m = _std
    kinds = [m.SOCK_STREAM, m.SOCK_DGRAM, m.SOCK_RAW, getattr(m, "SOCK_SEQPACKET", 5)]
    return rng.choice(kinds + [0, -1, 99, 2**31, None, Index(m.SOCK_STREAM),
                               m.SOCK_STREAM | getattr(m, "SOCK_NONBLOCK", 0)])


def proto(rng):
    return rng.choice([0, 0, 6, 17, -1, 255, 2**31, None, Index(0), "0"])


def socket_args(rng, st):
    a = []
    for gen in (family, sock_type, proto):
        if rng.random() < 0.6:
            a.append(gen(rng))
        else:
            break
    kw = {}
    if rng.random() < 0.3:
        kw["fileno"] = fd_value(rng, st) if rng.random() < 0.7 else not_a_descriptor(wild(rng))
        if IS_WINDOWS:
            # Wine cannot describe an existing SOCKET (the stdlib's family,
            # type and protocol for it are guesses there): no wrapping.
            kw["fileno"] = not_a_descriptor(kw["fileno"])
        elif type(kw["fileno"]) is int and kw["fileno"] in [x.fileno() for x in st.socks]:
            # Wrapping one of the setup's descriptors: the wrapper owns a duplicate.
            try:
                kw["fileno"] = st.m.dup(kw["fileno"])
                st.fds.append(kw["fileno"])
            except OSError:  # an earlier call closed it
                kw["fileno"] = -1
    return a, kw


def timeout_value(rng):
    return rng.choice([None, 0, 0.0, 0.001, 1, 1e-10, -1, -0.5, float("nan"), float("inf"), 2**63, 1e300,
                       9223372037, "1", Index(1), True, 1j])


def sequence(rng, gen, lo=0, hi=3):
    return tuple(gen() for _ in range(rng.randint(lo, hi)))


# Each entry: name -> function(rng, st) returning (args, kwargs). Methods are
# called on st.s; names starting with "m." are module functions.
def _m(*a, **kw):
    return list(a), kw


METHODS = {
    "accept": lambda r, st: _m(*sequence(r, lambda: wild(r), 0, 1)),
    "bind": lambda r, st: _m(address(r, st)),
    "close": lambda r, st: _m(),
    "connect": lambda r, st: _m(address(r, st)),
    "connect_ex": lambda r, st: _m(address(r, st)),
    "detach": lambda r, st: _m(),
    "dup": lambda r, st: _m(),
    "fileno": lambda r, st: _m(),
    "get_inheritable": lambda r, st: _m(),
    "set_inheritable": lambda r, st: _m(r.choice([True, False, 0, 1, -1, 2, 2**31, 2**64, None, "x", 1.5,
                                                  Index(1), Truthy()])),
    "getblocking": lambda r, st: _m(),
    "setblocking": lambda r, st: _m(r.choice([True, False, 0, 1, -1, 9223372037, 2**63, 2**64, -2**64,
                                              None, "x", "", 1.5, Index(0), Truthy(), []])),
    "gettimeout": lambda r, st: _m(),
    "settimeout": lambda r, st: _m(timeout_value(r)),
    "getpeername": lambda r, st: _m(),
    "getsockname": lambda r, st: _m(),
    "getsockopt": lambda r, st: _m(*option(r), *sequence(r, lambda: r.choice([0, 1, 4, 8, 104, 1024, 1025, -1,
                                                                                2**31, 1.0, None, Index(4)]), 0, 1)),
    "setsockopt": lambda r, st: _m(*option(r), option_value(r), *sequence(r, lambda: maybe(r, lambda: r.choice([0, 4, 8, -1])), 0, 1)),
    "listen": lambda r, st: _m(*sequence(r, lambda: maybe(r, lambda: r.choice([0, 1, 5, -1, 2**31, Index(3)])), 0, 1)),
    "recv": lambda r, st: _m(maybe(r, lambda: size(r), 0.9), *sequence(r, lambda: flags(r), 0, 1)),
    "recvfrom": lambda r, st: _m(maybe(r, lambda: size(r), 0.9), *sequence(r, lambda: flags(r), 0, 1)),
    "recv_into": lambda r, st: into_args(r),
    "recvfrom_into": lambda r, st: into_args(r),
    "send": lambda r, st: _m(maybe(r, lambda: random_buffer(r, 3000), 0.9), *sequence(r, lambda: flags(r), 0, 1)),
    "sendall": lambda r, st: _m(maybe(r, lambda: random_buffer(r, 3000), 0.9), *sequence(r, lambda: flags(r), 0, 1)),
    "sendto": lambda r, st: _m(maybe(r, lambda: random_buffer(r, 100), 0.9),
                               *sequence(r, lambda: flags(r), 0, 1), address(r, st)),
    "shutdown": lambda r, st: _m(r.choice([0, 1, 2, 3, -1, 2**31, None, "0", Index(1), 1.0])),
    "makefile": lambda r, st: _m(*sequence(r, lambda: r.choice(["r", "w", "rb", "wb", "rw", "x", "", None, 1]), 0, 1),
                                 **({"buffering": r.choice([None, 0, 1, -1, 8])} if r.random() < 0.5 else {})),
    "__repr__": lambda r, st: _m(),
    "family": None, "type": None, "proto": None, "timeout": None,  # attributes
}

if hasattr(_std.socket, "sendmsg"):
    METHODS.update({
        "sendmsg": lambda r, st: _m(buffers(r), *sequence(r, lambda: ancillary(r), 0, 1),
                                    *sequence(r, lambda: flags(r), 0, 1)),
        "recvmsg": lambda r, st: _m(*[maybe(r, lambda: size(r), 0.9), maybe(r, lambda: size(r), 0.9), flags(r)][:r.randint(0, 3)]),
        "recvmsg_into": lambda r, st: _m(into_buffers(r), *[maybe(r, lambda: size(r), 0.9), flags(r)][:r.randint(0, 2)]),
    })


# pysock's own batch receives, on every platform; the stdlib's side runs
# their equivalent, a loop of recvmsg with pysock's checks (batchutil).
# (sendmmsg is left out: it checks every message before sending any, which a
# loop of the stdlib's sendmsg cannot mirror without sending.)
BATCH_SIZES = [0, 1, 2, 10, 1024, 70000, -1, 2**63, 1.0, "1", None, Index(5), Index(-1), BadIndex(), True]


def batch_count(r):
    if r.random() < 0.7:
        return r.choice([1, 1, 2, 3, 64, 1024, 5000, 2**62])
    return r.choice([0, -1, 2**63, 1.5, None, "1", Index(2), BadIndex(), True])


def batch_size(r, ancillary=False):
    if r.random() < 0.7:
        return r.choice([0, 64, 256] if ancillary else [0, 1, 2, 10, 1024, 2048, 70000])
    return r.choice(BATCH_SIZES + ([2**31] if ancillary else []))


def batch_buffers(r):
    """recvmmsg_into's buffers: mostly a list of lists of writable buffers."""
    if r.random() < 0.15:
        return wild(r)
    entries = []
    for _ in range(r.randrange(5)):
        if r.random() < 0.8:
            entries.append([bytearray(r.choice([0, 1, 5, 100, 2048])) for _ in range(r.randint(1, 3))])
        else:
            entries.append(into_buffers(r))
    return entries


METHODS.update({
    "recvmmsg": lambda r, st: _m(*[batch_count(r), batch_size(r), batch_size(r, True), flags(r)][:r.choice([1, 2, 2, 2, 3, 4])]),
    "recvmmsg_into": lambda r, st: _m(batch_buffers(r), *[batch_size(r, True), flags(r)][:r.randint(0, 2)]),
})
EMULATED = {"recvmmsg": batchutil.emulated_recvmmsg, "recvmmsg_into": batchutil.emulated_recvmmsg_into}


def into_args(r):
    a = [writable_buffer(r)]
    kw = {}
    if r.random() < 0.6:
        n = maybe(r, lambda: r.choice([0, 1, 2, 5, 16, 100, 1024, 2000, -1, 2**63]), 0.9)
        if r.random() < 0.5:
            a.append(n)
        else:
            kw["nbytes"] = n
    if r.random() < 0.3:
        f = flags(r)
        if "nbytes" in kw or r.random() < 0.5:
            kw["flags"] = f
        else:
            a.append(f)
    return a, kw


def addr_arg(rng):
    return rng.choice([("127.0.0.1", 80), ("::1", 80, 0, 0), ("127.0.0.1", -1), ("127.0.0.1", 2**16),
                       ("\udc80", 80), ("h\0st", 1), ("127.0.0.1",), "127.0.0.1", None,
                       ("127.0.0.1", 80, 0), ("::1", 80, 2**32, 0), ("::1", 80, 0, -1), (b"127.0.0.1", 80),
                       ("localhost", "80"), ("127.0.0.1", Index(7)), ("1.2.3.4.5", 1), ("\udc80", 1)])


FUNCTIONS = {
    "socket": socket_args,
    "SocketType": socket_args,
    "socketpair": lambda r, st: _m(*sequence(r, lambda: r.choice([family(r), sock_type(r), proto(r)]), 0, 3)),
    "fromfd": lambda r, st: _m(fd_value(r, st), family(r), sock_type(r), *sequence(r, lambda: proto(r), 0, 1)),
    "create_connection": lambda r, st: _m(inet_address(r, st), r.choice([0.001, 0.5, None, -1, "x", 0])),
    "create_server": lambda r, st: _m(r.choice([("127.0.0.1", 0), ("", 0), ("::1", 0), ("\udc80", 0), None, 5]),
                                      **({"family": family(r)} if r.random() < 0.3 else {}),
                                      **({"backlog": r.choice([None, 0, -1, 2**31, "1"])} if r.random() < 0.3 else {})),
    "getaddrinfo": lambda r, st: _m(no_lookup(maybe(r, lambda: host(r), 0.9), LOOKUP_NAMES | {"", "0.0.0.0", "0"}),
                                    r.choice([None, 0, 80, "80", "http", b"80", -1, 65536, 2**70, 1.5, "x\0",
                                              "\udc80", Index(80)]),
                                    *sequence(r, lambda: r.choice([0, _std.AF_INET, _std.AF_INET6, -1, 2**31,
                                                                   _std.SOCK_STREAM, "0", None, Index(2)]), 0, 4)),
    "getnameinfo": lambda r, st: _m(maybe(r, lambda: addr_arg(r), 0.9),
                                    r.choice([0, getattr(_std, "NI_NUMERICHOST", 1), getattr(_std, "NI_NUMERICSERV", 2),
                                              getattr(_std, "NI_NUMERICHOST", 1) | getattr(_std, "NI_NUMERICSERV", 2),
                                              -1, 2**31, None, "0"])),
    "gethostbyname": lambda r, st: _m(no_lookup(maybe(r, lambda: host(r), 0.9))),
    "gethostbyname_ex": lambda r, st: _m(lookup_host(r)),
    "gethostbyaddr": lambda r, st: _m(r.choice(["127.0.0.1", "::1", "\udc80", "h\0st", b"127.0.0.1", 5, None,
                                                "localhost"])),
    "gethostname": lambda r, st: _m(*sequence(r, lambda: wild(r), 0, 1)),
    "getservbyname": lambda r, st: _m(maybe(r, lambda: r.choice(["http", "ssh", "nosuch", "", "\udc80", "a\0b"])),
                                      *sequence(r, lambda: maybe(r, lambda: r.choice(["tcp", "udp", "x", "\udc80", "a\0"])), 0, 1)),
    "getservbyport": lambda r, st: _m(maybe(r, lambda: r.choice([80, 22, 0, 65535, 65536, -1, 2**31, Index(80)])),
                                      *sequence(r, lambda: maybe(r, lambda: r.choice(["tcp", "udp", "x", "\udc80"])), 0, 1)),
    "getprotobyname": lambda r, st: _m(maybe(r, lambda: r.choice(["tcp", "udp", "icmp", "nosuch", "", "\udc80", "a\0"]))),
    "getdefaulttimeout": lambda r, st: _m(),
    "setdefaulttimeout": lambda r, st: _m(timeout_value(r)),
    "htons": lambda r, st: _m(wild(r)), "ntohs": lambda r, st: _m(wild(r)),
    "htonl": lambda r, st: _m(wild(r)), "ntohl": lambda r, st: _m(wild(r)),
    "inet_aton": lambda r, st: _m(maybe(r, lambda: r.choice(["1.2.3.4", "1", "1.2", "0x7f.1", "255.255.255.255",
                                                              "256.0.0.0", "1.2.3.4 ", " 1.2.3.4", "", "\udc80",
                                                              "1.2.3.4\0", "01.02.03.04", "4294967295", "4294967296"]))),
    "inet_ntoa": lambda r, st: _m(maybe(r, lambda: random_buffer(r, 6))),
    "inet_pton": lambda r, st: _m(maybe(r, lambda: r.choice([_std.AF_INET, _std.AF_INET6])),
                                  maybe(r, lambda: r.choice(["1.2.3.4", "::1", "::", "1::2::3", "::ffff:1.2.3.4",
                                                             "1.2.3", "fe80::1%lo", "", "\udc80", "1.2.3.4\0",
                                                             "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "01.2.3.4"]))),
    "inet_ntop": lambda r, st: _m(maybe(r, lambda: r.choice([_std.AF_INET, _std.AF_INET6])),
                                  maybe(r, lambda: random_buffer(r, 20))),
    "close": lambda r, st: _m(fd_value(r, st, owned=False)),
    "dup": lambda r, st: _m(fd_value(r, st)),
    "getfqdn": lambda r, st: _m(r.choice(["127.0.0.1", "localhost", "::1", "\udc80x", "a\0b"])),
    "has_dualstack_ipv6": lambda r, st: _m(),
}

if hasattr(_std, "if_nametoindex"):
    FUNCTIONS.update({
        "if_nametoindex": lambda r, st: _m(maybe(r, lambda: r.choice(["lo", "nosuch0", "", "\udc80", "l\0o", b"lo",
                                                                       "x" * 40]))),
        "if_indextoname": lambda r, st: _m(maybe(r, lambda: r.choice([1, 0, -1, 2**31, 2**32, 999999, Index(1)]))),
        "if_nameindex": lambda r, st: _m(*sequence(r, lambda: wild(r), 0, 1)),
    })
if hasattr(_std, "CMSG_LEN"):
    FUNCTIONS.update({
        "CMSG_LEN": lambda r, st: _m(maybe(r, lambda: r.choice([0, 1, 4, 100, -1, 2**31, 2**63, 2**64, Index(4)]))),
        "CMSG_SPACE": lambda r, st: _m(maybe(r, lambda: r.choice([0, 1, 4, 100, -1, 2**31, 2**63, 2**64, Index(4)]))),
    })
if hasattr(_std, "send_fds"):
    FUNCTIONS.update({
        "send_fds": lambda r, st: _m(st.s, buffers(r), r.choice([[], [0], [-1], [2**31], ["x"], None, 5]),
                                     *sequence(r, lambda: flags(r), 0, 1)),
        "recv_fds": lambda r, st: _m(st.s, maybe(r, lambda: size(r), 0.9), maybe(r, lambda: r.choice([0, 1, 4, -1])),
                                     *sequence(r, lambda: flags(r), 0, 1)),
    })

TARGETS = sorted(METHODS) + sorted("m." + name for name in FUNCTIONS)


# -- running and comparing ---------------------------------------------------------

def _is_address_tuple(x):
    return (isinstance(x, tuple) and len(x) in (2, 4) and isinstance(x[0], str)
            and isinstance(x[1], int) and not isinstance(x[1], bool))


class Normalizer:
    """Results made comparable across modules; opened objects closed."""

    def __init__(self, st):
        self.st = st

    def __call__(self, x, top=""):
        st = self.st
        if isinstance(x, (_std.socket, st.m.socket)) or type(x).__name__ == "socket":
            try:
                x.close()
            except Exception:  # noqa: BLE001
                pass
            return ("socket", x.family, x.type, x.proto)
        if hasattr(x, "readable") and hasattr(x, "close"):  # makefile
            mode = getattr(x, "mode", None)
            x.close()
            return ("file", type(x).__name__, mode)
        if isinstance(x, bool) or x is None or isinstance(x, float):
            return x
        if isinstance(x, int):
            if top in ("fileno", "detach", "dup", "m.dup"):
                if x != -1 and top in ("detach", "dup", "m.dup"):
                    st.fds.append(x)
                return "<fd>" if x != -1 else -1
            return x  # ports appear in address tuples, normalized below
        if top == "m.recv_fds" and isinstance(x, tuple) and len(x) == 4:
            for fd in x[1]:
                st.fds.append(fd)
            return (x[0], len(x[1]), x[2], self(x[3]))
        if isinstance(x, tuple) and top == "m.socketpair":
            return tuple(self(y) for y in x)
        if _is_address_tuple(x):
            port = x[1]
            return (x[0], "<port>" if port > 1023 else port) + tuple(x[2:])
        if isinstance(x, (tuple, list)):
            return type(x)(self(y, "" if top != "m.getaddrinfo" else top) for y in x)
        if isinstance(x, str):
            if x.startswith("<") and x.endswith(">") and top == "__repr__":
                return "<repr>"
            return st.volatile.get(x, x)
        if isinstance(x, (bytes, bytearray)) and len(x) == 6 and x[:1] == b"\0" and top in ("getsockname", ""):
            return "<autobind>"
        if isinstance(x, dict):
            return {k: self(v) for k, v in x.items()}
        return x


def _exception(e):
    return ("raise", type(e).__name__, getattr(e, "errno", None))


def _state(st):
    """What a call may have changed about the socket it ran on."""
    s = st.s
    try:
        blocking = s.getblocking()
    except OSError as e:
        blocking = _exception(e)
    return (s.fileno() == -1, s.gettimeout(), blocking)


def make_args(seed, target, st):
    rng = random.Random(seed)
    if target.startswith("m."):
        gen = FUNCTIONS[target[2:]]
    else:
        gen = METHODS[target]
    if gen is None:
        return None, {}
    return gen(rng, st)


def run_call(st, target, args, kwargs):
    """One call; its normalized outcome."""
    norm = Normalizer(st)
    fn = None
    try:
        if target.startswith("m."):
            fn = getattr(st.m, target[2:])
        elif args is None:
            return ("ok", norm(getattr(st.s, target), target))
        elif target in EMULATED and not hasattr(st.s, target):
            fn = functools.partial(EMULATED[target], st.s)
        else:
            fn = getattr(st.s, target)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = fn(*args, **kwargs)
        if target in READS and MSG_TRUNC and any(_has_bits(a, MSG_TRUNC) for a in args[1:]):
            r = [_lengths(m) for m in r] if isinstance(r, list) else _lengths(r)
        if target == "getsockopt" and tuple(args[:2]) in CHANGING_OPTIONS:
            r = _lengths(r)
        out = ("ok", norm(r, target))
    except Exception as e:  # noqa: BLE001
        out = _exception(e)
        if IS_WINDOWS and target == "m.if_indextoname" and out[1] == "OSError":
            # Windows' if_indextoname sets no errno: the stdlib reports
            # whatever the C runtime's errno held from an earlier call.
            out = out[:2] + (None,)
    snapshot = [norm(a) if isinstance(a, (bytearray, memoryview, array.array)) else None for a in args or ()]
    return out + (tuple(map(_buffer_bytes, snapshot)),)


def _has_bits(x, bits):
    try:
        return x.__index__() >= 0 and x.__index__() & bits != 0
    except Exception:  # noqa: BLE001
        return False


def _lengths(x):
    """x with every bytes object replaced by its length."""
    if isinstance(x, bytes):
        return ("bytes of length", len(x))
    if isinstance(x, tuple):
        return tuple(_lengths(y) for y in x)
    return x


def _buffer_bytes(b):
    if b is None:
        return None
    try:
        return bytes(b)
    except Exception:  # noqa: BLE001
        return "<unreadable>"


def show(x):
    """repr, with memoryviews spelled out (their repr is only an address) and
    long byte strings cut short (the replay line gives the exact case)."""
    if isinstance(x, (bytes, bytearray)) and len(x) > 24:
        return "%s(%r...<%d bytes>)" % (type(x).__name__, bytes(x[:16]), len(x))
    if isinstance(x, memoryview):
        try:
            data = x.tobytes()
        except Exception:  # noqa: BLE001  (a released view)
            data = None
        return "<memoryview %s readonly=%s contiguous=%s shape=%s>" % (show(data), x.readonly, x.contiguous, x.shape)
    if isinstance(x, (list, tuple)):
        inner = ", ".join(show(y) for y in x)
        return "[%s]" % inner if isinstance(x, list) else "(%s%s)" % (inner, "," if len(x) == 1 else "")
    return repr(x)


def describe(target, args, kwargs):
    if args is None:
        return "s." + target
    parts = [show(a) for a in args] + ["%s=%s" % (k, show(v)) for k, v in kwargs.items()]
    head = "m." + target[2:] if target.startswith("m.") else "s." + target
    return "%s(%s)" % (head, ", ".join(parts))


def plan(case_seed):
    """The setup kind and the calls (target, argument seed) of one case."""
    rng = random.Random(case_seed)
    kind = rng.choice(KINDS)
    calls = [(rng.choice(TARGETS), rng.getrandbits(32)) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    return kind, rng.getrandbits(32), calls


def open_descriptors():
    """The descriptors this process has open, where the OS lists them (Linux)."""
    try:
        listed = os.listdir("/proc/self/fd")
    except OSError:
        return None
    found = set()
    for name in listed:
        try:
            os.fstat(int(name))  # the listing's own descriptor is closed by now
        except OSError:
            continue
        found.add(int(name))
    return found


def close_leaked(before):
    """Closes what a case left open (the stdlib leaks a descriptor when fromfd
    fails); returns how many there were."""
    after = open_descriptors()
    if before is None or after is None:
        return 0
    for fd in after - before:
        os.close(fd)
    return len(after - before)


def run_case(m, case_seed, tmpdir):
    """Every call of one case through module m: (setup kind, [(description,
    outcome, state, nul_path)], descriptors left open)."""
    fds_before = open_descriptors()
    kind, setup_seed, calls = plan(case_seed)
    here = os.getcwd()
    os.chdir(tmpdir)  # relative AF_UNIX paths land in the case's folder
    st = Setup(m, kind, random.Random(setup_seed), tmpdir)
    results = []
    try:
        for target, seed in calls:
            st.reset()
            args, kwargs = make_args(seed, target, st)
            text = describe(target, args, kwargs)
            outcome = run_call(st, target, args, kwargs)
            results.append((text, outcome, _state(st), _nul_in_unix_path(args)))
    finally:
        st.close()
        os.chdir(here)
    return kind, results, close_leaked(fds_before)


def _nul_in_unix_path(args):
    """Whether an argument is an AF_UNIX filesystem path with a NUL inside."""
    for a in args or ():
        if isinstance(a, str):
            a = a.encode("utf-8", "surrogatepass")
        try:
            a = memoryview(a).tobytes()
        except Exception:  # noqa: BLE001
            continue
        if a[:1] != b"\0" and b"\0" in a:
            return True
    return False


def deliberate(nul_path, pysock_outcome, text="", stdlib_outcome=()):
    """The documented deliberate differences (README): a NUL inside an
    AF_UNIX filesystem path is ValueError in pysock, where the kernel would
    silently cut the path short; and on Windows a datagram longer than its
    buffer is a message with MSG_TRUNC in pysock's recvmmsg/recvmmsg_into,
    as on the other platforms, where the stdlib's recvfrom (which their
    equivalent calls there) raises WSAEMSGSIZE."""
    if nul_path and pysock_outcome[:2] == ("raise", "ValueError"):
        return True
    return (IS_WINDOWS and text.startswith("s.recvmmsg") and pysock_outcome[:1] == ("ok",)
            and stdlib_outcome[:3] == ("raise", "OSError", 10040))


def case_seed(seed, i):
    return (seed * 1_000_003 + i) & 0xFFFFFFFFFFFF


def compare_case(modules, seed, i, tmpdir):
    """None if both modules agree on case i of `seed`, else a report (str)."""
    cs = case_seed(seed, i)
    (kind, std_calls, std_leaks), (_, py_calls, py_leaks) = [run_case(m, cs, tmpdir) for m in modules]
    lines = ["case %d of seed %d (setup %s):" % (i, seed, kind)]
    differs = py_leaks > std_leaks
    if differs:
        lines.append("  !! pysock left %d descriptors open, the stdlib %d" % (py_leaks, std_leaks))
    for (text, a, sa, _), (_, b, sb, nul_path) in zip(std_calls, py_calls):
        if deliberate(nul_path, b, text, a):
            break  # the calls after it start from different states
        mark = "  " if (a, sa) == (b, sb) else "!!"
        differs = differs or mark == "!!"
        lines.append("  %s %s" % (mark, text))
        if mark == "!!":
            lines.append("       stdlib: %s %s" % (show(a), show(sa)))
            lines.append("       pysock: %s %s" % (show(b), show(sb)))
    return "\n".join(lines) if differs else None


def new_tmpdir():
    # Short, so that AF_UNIX paths below it fit sun_path.
    return tempfile.mkdtemp(prefix="fz", dir=None if IS_WINDOWS else "/tmp")
