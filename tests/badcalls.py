"""A battery of bad calls (helper, not a test module).

Each entry: (id, socket kind, function(m, s)). ``s`` is a fresh socket of that
kind made with module ``m``; kind None means no socket (module functions).
Run as a script (``python badcalls.py MODULE``) it runs every entry against
MODULE in a child process and prints one line per entry: a crash shows up as
a non-zero exit status instead of killing the test run.
"""

import array
import sys

HUGE = 1 << 70

BATTERY = [
    # wrong types
    ("bind-str", "tcp", lambda m, s: s.bind("x")),
    ("bind-None", "tcp", lambda m, s: s.bind(None)),
    ("bind-int", "tcp", lambda m, s: s.bind(80)),
    ("bind-host-int", "tcp", lambda m, s: s.bind((1, 80))),
    ("bind-port-str", "tcp", lambda m, s: s.bind(("127.0.0.1", "80"))),
    ("bind-port-float", "tcp", lambda m, s: s.bind(("127.0.0.1", 80.0))),
    ("bind-3-tuple", "tcp", lambda m, s: s.bind(("127.0.0.1", 0, 0))),
    ("bind-1-tuple", "tcp", lambda m, s: s.bind(("127.0.0.1",))),
    ("bind-host-nul", "tcp", lambda m, s: s.bind(("127.0.0.1\0", 0))),
    ("bind-no-args", "tcp", lambda m, s: s.bind()),
    ("connect-str", "tcp", lambda m, s: s.connect("127.0.0.1:80")),
    ("connect_ex-str", "tcp", lambda m, s: s.connect_ex("127.0.0.1:80")),
    ("send-str", "tcp", lambda m, s: s.send("str")),
    ("send-int", "tcp", lambda m, s: s.send(5)),
    ("send-None", "tcp", lambda m, s: s.send(None)),
    ("send-flags-str", "tcp", lambda m, s: s.send(b"x", "0")),
    ("sendall-str", "tcp", lambda m, s: s.sendall("str")),
    ("sendall-list", "tcp", lambda m, s: s.sendall([1, 2])),
    ("sendto-str", "udp", lambda m, s: s.sendto("x", ("127.0.0.1", 9))),
    ("sendto-addr-str", "udp", lambda m, s: s.sendto(b"x", "127.0.0.1")),
    ("sendto-flags-str", "udp", lambda m, s: s.sendto(b"x", "0", ("127.0.0.1", 9))),
    ("sendto-no-addr", "udp", lambda m, s: s.sendto(b"x")),
    ("recv-str", "tcp", lambda m, s: s.recv("1")),
    ("recv-float", "tcp", lambda m, s: s.recv(1.0)),
    ("recv-None", "tcp", lambda m, s: s.recv(None)),
    ("recv-negative", "tcp", lambda m, s: s.recv(-1)),
    ("recv-flags-str", "tcp", lambda m, s: s.recv(1, "0")),
    ("recv-no-args", "tcp", lambda m, s: s.recv()),
    ("recv_into-bytes", "tcp", lambda m, s: s.recv_into(b"abc")),
    ("recv_into-str", "tcp", lambda m, s: s.recv_into("abc")),
    ("recv_into-None", "tcp", lambda m, s: s.recv_into(None)),
    ("recv_into-too-many", "tcp", lambda m, s: s.recv_into(bytearray(2), 3)),
    ("recv_into-negative", "tcp", lambda m, s: s.recv_into(bytearray(2), -1)),
    ("recv_into-nbytes-str", "tcp", lambda m, s: s.recv_into(bytearray(2), "1")),
    ("recvfrom-str", "udp", lambda m, s: s.recvfrom("1")),
    ("recvfrom-negative", "udp", lambda m, s: s.recvfrom(-1)),
    ("recvfrom_into-bytes", "udp", lambda m, s: s.recvfrom_into(b"abc")),
    ("recvfrom_into-too-many", "udp", lambda m, s: s.recvfrom_into(bytearray(2), 3)),
    ("recvfrom_into-negative", "udp", lambda m, s: s.recvfrom_into(bytearray(2), -1)),
    ("setsockopt-float", "tcp", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, 1.5)),
    ("setsockopt-str", "tcp", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, "1")),
    ("setsockopt-level-str", "tcp", lambda m, s: s.setsockopt("1", m.SO_REUSEADDR, 1)),
    ("setsockopt-huge", "tcp", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, HUGE)),
    ("setsockopt-too-few", "tcp", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR)),
    ("getsockopt-buflen-neg", "tcp", lambda m, s: s.getsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, -1)),
    ("getsockopt-buflen-huge", "tcp", lambda m, s: s.getsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, HUGE)),
    ("getsockopt-str", "tcp", lambda m, s: s.getsockopt("x", 1)),
    ("settimeout-str", "tcp", lambda m, s: s.settimeout("x")),
    ("settimeout-negative", "tcp", lambda m, s: s.settimeout(-1)),
    ("settimeout-nan", "tcp", lambda m, s: s.settimeout(float("nan"))),
    ("setblocking-str", "tcp", lambda m, s: s.setblocking("x")),
    ("setblocking-None", "tcp", lambda m, s: s.setblocking(None)),
    ("listen-str", "tcp", lambda m, s: s.listen("1")),
    ("listen-huge", "tcp", lambda m, s: s.listen(HUGE)),
    ("shutdown-str", "tcp", lambda m, s: s.shutdown("x")),
    ("shutdown-bad-how", "tcp", lambda m, s: s.shutdown(17)),
    ("set_inheritable-str", "tcp", lambda m, s: s.set_inheritable("x")),
    # out-of-range ports and values
    ("bind-port-negative", "tcp", lambda m, s: s.bind(("127.0.0.1", -1))),
    ("bind-port-65536", "tcp", lambda m, s: s.bind(("127.0.0.1", 65536))),
    ("bind-port-huge", "tcp", lambda m, s: s.bind(("127.0.0.1", HUGE))),
    ("connect-port-negative", "tcp", lambda m, s: s.connect(("127.0.0.1", -1))),
    ("connect-port-65536", "tcp", lambda m, s: s.connect(("127.0.0.1", 65536))),
    ("connect_ex-port-65536", "tcp", lambda m, s: s.connect_ex(("127.0.0.1", 65536))),
    ("sendto-port-65536", "udp", lambda m, s: s.sendto(b"x", ("127.0.0.1", 65536))),
    ("sendto-port-negative", "udp", lambda m, s: s.sendto(b"x", 0, ("127.0.0.1", -1))),
    # AF_UNIX
    ("unix-bind-int", "unix", lambda m, s: s.bind(1)),
    ("unix-bind-tuple", "unix", lambda m, s: s.bind(("a", 1))),
    ("unix-too-long", "unix", lambda m, s: s.bind("/" + "x" * 300)),
    # constructor and module functions
    ("socket-family-str", None, lambda m, s: m.socket("x")),
    ("socket-type-str", None, lambda m, s: m.socket(m.AF_INET, "x")),
    ("socket-proto-str", None, lambda m, s: m.socket(m.AF_INET, m.SOCK_STREAM, "x")),
    ("socket-bad-family", None, lambda m, s: m.socket(12345)),
    ("socket-bad-type", None, lambda m, s: m.socket(m.AF_INET, 12345)),
    ("socket-family-huge", None, lambda m, s: m.socket(HUGE)),
    ("socket-fileno-str", None, lambda m, s: m.socket(fileno="x")),
    ("socket-fileno-float", None, lambda m, s: m.socket(fileno=1.5)),
    ("htons-negative", None, lambda m, s: m.htons(-1)),
    ("htons-str", None, lambda m, s: m.htons("1")),
    ("htonl-huge", None, lambda m, s: m.htonl(HUGE)),
    ("inet_aton-bytes", None, lambda m, s: m.inet_aton(b"1.2.3.4")),
    ("inet_ntoa-short", None, lambda m, s: m.inet_ntoa(b"\1")),
    ("inet_pton-bad-family", None, lambda m, s: m.inet_pton(12345, "1.2.3.4")),
    ("inet_ntop-short", None, lambda m, s: m.inet_ntop(m.AF_INET6, b"\1")),
    ("getaddrinfo-port-float", None, lambda m, s: m.getaddrinfo("127.0.0.1", 1.5)),
    ("getaddrinfo-host-int", None, lambda m, s: m.getaddrinfo(1, 80)),
    ("getaddrinfo-flags-str", None, lambda m, s: m.getaddrinfo("127.0.0.1", 80, flags="x")),
    ("setdefaulttimeout-str", None, lambda m, s: m.setdefaulttimeout("x")),
    ("setdefaulttimeout-negative", None, lambda m, s: m.setdefaulttimeout(-5)),
    ("create_connection-str", None, lambda m, s: m.create_connection("127.0.0.1")),
    ("create_connection-bad-timeout", None, lambda m, s: m.create_connection(("127.0.0.1", 9), timeout=-1)),
    ("socketpair-bad-family", None, lambda m, s: m.socketpair(12345)),
    ("socket-array-send", "tcp", lambda m, s: s.send(array.array("d", [1.0]))),
]


def make_socket(m, kind):
    if kind is None:
        return None
    if kind == "tcp":
        s = m.socket(m.AF_INET, m.SOCK_STREAM)
    elif kind == "udp":
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
    elif kind == "unix":
        if not hasattr(m, "AF_UNIX") or sys.platform == "win32":
            return "skip"
        s = m.socket(m.AF_UNIX, m.SOCK_STREAM)
    else:
        raise AssertionError(kind)
    s.settimeout(0.5)
    return s


def run_one(m, entry):
    """Outcome of one entry: ('ok', repr) or ('raise', class name, errno)."""
    _id, kind, fn = entry
    s = make_socket(m, kind)
    if s == "skip":
        return ("skip",)
    try:
        r = fn(m, s)
        if hasattr(r, "close"):
            r.close()
        return ("ok", type(r).__name__)
    except Exception as e:  # noqa: BLE001
        return ("raise", type(e).__name__, getattr(e, "errno", None))
    finally:
        if s is not None:
            s.close()


if __name__ == "__main__":
    import importlib

    mod = importlib.import_module(sys.argv[1])
    for entry in BATTERY:
        print(entry[0], run_one(mod, entry), flush=True)
    print("BATTERY-DONE", flush=True)
