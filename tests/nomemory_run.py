"""The child of test_nomemory.py (not a test module): runs one scenario with
every allocation of its call made to fail in turn, and prints what it saw.

    python nomemory_run.py SCENARIO [MODULE [ERROR]]   (ERROR: a name of ERRORS, for SCENARIO errors)

For each N from 0 up, the scenario's call runs with the N-th memory
allocation after its start failing (CPython's _testcapi.set_nomemory, the
hook CPython's own tests use), until a call goes through with no failure
left to inject. That sweep runs ROUNDS times; the blocks Python has
allocated (sys.getallocatedblocks) and the open descriptors are counted
after the first sweep (caches, lazy imports) and after the last. Prints one
JSON line: the outcomes seen, the number of failure points, the growth.

In a child of its own: an injected failure must hit nothing but the call
(pytest-xdist's threads allocate too).
"""
import array
import functools
import gc
import json
import os
import sys

import importlib

import _testcapi

# The module under test: pysock, or the stdlib's socket for comparison.
m = importlib.import_module(sys.argv[2] if len(sys.argv) > 2 else "pysock")


ROUNDS = 11
# More failure points than any one call has; the sweep stops at the first
# N the call no longer reaches.
MAX_POINTS = 400


def open_descriptors():
    for folder in ("/proc/self/fd", "/dev/fd"):
        if os.path.isdir(folder):
            return len(os.listdir(folder))
    return 0


def udp_pair():
    a, b = m.socket(m.AF_INET, m.SOCK_DGRAM), m.socket(m.AF_INET, m.SOCK_DGRAM)
    b.bind(("127.0.0.1", 0))
    a.bind(("127.0.0.1", 0))
    b.settimeout(10)
    return a, b


# Each scenario: a function returning (prepare, call); prepare() runs before
# each attempt with allocations working (it sends what the call receives).

def scenario_recvfrom():
    a, b = udp_pair()
    return (lambda: a.sendto(b"x" * 100, b.getsockname())), (lambda: b.recvfrom(200))


def scenario_recvfrom_into():
    a, b = udp_pair()
    buf = bytearray(200)
    return (lambda: a.sendto(b"x" * 100, b.getsockname())), (lambda: b.recvfrom_into(buf))


def scenario_recvmsg():
    a, b = udp_pair()
    return (lambda: a.sendto(b"x" * 100, b.getsockname())), (lambda: b.recvmsg(200))


def scenario_recvmsg_into():
    a, b = udp_pair()
    bufs = [bytearray(50), bytearray(150)]
    return (lambda: a.sendto(b"x" * 100, b.getsockname())), (lambda: b.recvmsg_into(bufs))


def scenario_recvmsg_rights():
    # Received descriptors are closed when the result cannot be built; those
    # of a result that was built are closed by prepare (the call itself
    # allocates nothing past recvmsg: a store into a list slot).
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    rights = [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [a.fileno(), b.fileno()]))]
    space = m.CMSG_SPACE(2 * array.array("i").itemsize)
    box = [None]

    def prepare():
        if box[0] is not None:
            for _, _, data in box[0][1]:
                for fd in array.array("i", data[:len(data) - len(data) % 4]):
                    os.close(fd)
            box[0] = None
        a.sendmsg([b"x"], rights)

    def call():
        box[0] = b.recvmsg(16, space)

    return prepare, call


def _queued(a, b, count):
    """prepare for a batch read: the socket emptied, then `count` datagrams queued."""
    def prepare():
        b.setblocking(False)
        try:
            while True:
                b.recv(1000)
        except BlockingIOError:
            pass
        b.settimeout(10)
        for _ in range(count):
            a.sendto(b"x" * 100, b.getsockname())
    return prepare


def scenario_recvmmsg():
    a, b = udp_pair()
    box = [None]

    def call():
        box[0] = b.recvmmsg(3, 200)

    return _queued(a, b, 3), call


def scenario_recvmmsg_into():
    a, b = udp_pair()
    bufs = [[bytearray(200)] for _ in range(3)]
    box = [None]

    def call():
        box[0] = b.recvmmsg_into(bufs)

    return _queued(a, b, 3), call


def scenario_accept():
    # The binding's own accept (the class's accept() wraps the descriptor in
    # Python, where a failure leaks it in the stdlib too).
    lst = m.socket(m.AF_INET, m.SOCK_STREAM)
    lst.bind(("127.0.0.1", 0))
    lst.listen(8)
    lst.settimeout(10)
    clients, box = [], [None]

    def prepare():
        if box[0] is not None:
            os.close(box[0][0]) if os.name != "nt" else m.socket(fileno=box[0][0]).close()
            box[0] = None
        while clients:
            clients.pop().close()
        clients.append(m.create_connection(lst.getsockname(), timeout=10))

    def call():
        box[0] = lst._accept()

    return prepare, call


def scenario_sendmsg_ancillary():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    b.setblocking(False)
    rights = [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [a.fileno()]))]
    space = m.CMSG_SPACE(array.array("i").itemsize)

    def prepare():
        try:
            while True:
                _, ancdata, _, _ = b.recvmsg(16, space)
                for _, _, data in ancdata:
                    os.close(array.array("i", data[:4])[0])
        except BlockingIOError:
            pass

    return prepare, (lambda: a.sendmsg([b"x", bytearray(b"y")], rights))


def scenario_sendmmsg():
    a, b = udp_pair()
    b.setblocking(False)
    to = b.getsockname()

    def prepare():
        try:
            while True:
                b.recv(100)
        except BlockingIOError:
            pass

    return prepare, (lambda: a.sendmmsg([([b"x", bytearray(b"y")], [], to), ([b"z"], [], to)]))


def scenario_getaddrinfo():
    # _core's (the package's wrapper makes enums of the numbers).
    core = sys.modules[m.__name__ + "._core"] if m.__name__ == "pysock" else sys.modules["_socket"]
    kind = int(m.SOCK_STREAM)
    return (lambda: None), (lambda: core.getaddrinfo("127.0.0.1", 80, 0, kind, 0, 0))


def scenario_getaddrinfo_timeout():
    core = sys.modules["pysock._core"]
    kind = int(m.SOCK_STREAM)
    return (lambda: None), (lambda: core.getaddrinfo("127.0.0.1", "80", 0, kind, 0, 0, 10))


def scenario_gethostbyname_bytearray():
    # A bytearray host is copied to bytes first: an allocation of its own.
    # A name, not a number: the lookup asks the resolver.
    host = bytearray(b"localhost")
    return (lambda: None), (lambda: m.gethostbyname(host))


def scenario_getnameinfo():
    flags = m.NI_NUMERICHOST | m.NI_NUMERICSERV
    return (lambda: None), (lambda: m.getnameinfo(("127.0.0.1", 80), flags))


def scenario_inet_text():
    af6 = m.AF_INET6

    def call():
        m.inet_ntop(af6, m.inet_pton(af6, "::1"))
        m.inet_ntoa(m.inet_aton("127.0.0.1"))

    return (lambda: None), call


def scenario_socket_names():
    a, b = udp_pair()
    level, kind, rcvbuf = m.SOL_SOCKET, m.SO_TYPE, m.SO_RCVBUF

    def call():
        a.getsockname()
        a.getsockopt(level, kind)
        a.getsockopt(level, rcvbuf, 4)

    return (lambda: None), call


def scenario_if_nameindex():
    return (lambda: None), (lambda: m.if_nameindex())


def scenario_tcp_info():
    lst = m.socket(m.AF_INET, m.SOCK_STREAM)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    c = m.create_connection(lst.getsockname(), timeout=10)
    return (lambda: None), (lambda: c._tcp_info())  # the record is made in Python


def scenario_constants():
    core = sys.modules["pysock._core"]

    def call():
        core._tcp_info_layout()
        core.CMSG_SPACE(4)
        core.CMSG_LEN(4)

    return (lambda: None), call


# The same calls past the sizes the binding keeps on the stack (8 or 16
# buffers, messages or items; 8 KB of data; 512 bytes of control data):
# their scratch space comes from the heap, which fails too.

def _drained_then(b, send):
    """prepare for a read that may fail before it reads: the datagrams left
    over are dropped first (else they fill the queue, and send blocks)."""
    def prepare():
        b.setblocking(False)
        try:
            while True:
                b.recv(65536)
        except BlockingIOError:
            pass
        b.settimeout(10)
        send()
    return prepare


def scenario_recvmsg_large():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    box = [None]

    def call():
        box[0] = b.recvmsg(9000, 1024)

    return _drained_then(b, lambda: a.send(b"x" * 9000)), call


def scenario_recvmsg_into_large():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    bufs = [bytearray(10) for _ in range(12)]
    return _drained_then(b, lambda: a.send(b"x" * 100)), (lambda: b.recvmsg_into(bufs, 1024))


def scenario_sendmsg_large():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    b.setblocking(False)
    item = array.array("i", [a.fileno()] * 50)  # 200 bytes of descriptors (250 in all: Linux takes 253)
    rights = [(m.SOL_SOCKET, m.SCM_RIGHTS, item)] * 5
    space = m.CMSG_SPACE(5 * item.itemsize * len(item)) + 5 * 64

    def prepare():
        try:
            while True:
                _, ancdata, _, _ = b.recvmsg(1000, space)
                for _, _, data in ancdata:
                    for fd in array.array("i", data[:len(data) - len(data) % 4]):
                        os.close(fd)
        except BlockingIOError:
            pass

    return prepare, (lambda: a.sendmsg([b"x"] * 12, rights))


def scenario_recvmmsg_large():
    a, b = udp_pair()
    box = [None]

    def call():
        box[0] = b.recvmmsg(20, 600, 600)

    return _queued(a, b, 20), call


def scenario_recvmmsg_into_large():
    a, b = udp_pair()
    bufs = [[bytearray(50), bytearray(550)] for _ in range(20)]
    box = [None]

    def call():
        box[0] = b.recvmmsg_into(bufs, 600)

    return _queued(a, b, 20), call


def scenario_sendmmsg_large():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    b.setblocking(False)
    rights = [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [a.fileno()]))]
    space = m.CMSG_SPACE(array.array("i").itemsize)

    def prepare():
        try:
            while True:
                _, ancdata, _, _ = b.recvmsg(100, space)
                for _, _, data in ancdata:
                    os.close(array.array("i", data[:4])[0])
        except BlockingIOError:
            pass

    return prepare, (lambda: a.sendmmsg([([b"x"] * 3, rights)] * 20))


# Calls that fail with their own error (a TypeError whose message is
# formatted, an OverflowError, ...): with an allocation failing on the way
# they raise MemoryError, never a call that goes on without its argument.
# The calls are partial objects, with no Python frame of their own: on 3.11
# an exception leaving a Python frame whose traceback entry cannot be
# allocated comes out as SystemError (CPython's own, with the stdlib too).

P = functools.partial

ERRORS = {
    "recvmmsg_missing": lambda a, b, to: (TypeError, P(b.recvmmsg)),
    "recvmmsg_keyword": lambda a, b, to: (TypeError, P(b.recvmmsg, 1, 2, x=1)),
    "recvmmsg_twice": lambda a, b, to: (TypeError, P(b.recvmmsg, 1, count=1)),
    "sendmmsg_ancillary": lambda a, b, to: (TypeError, P(a.sendmmsg, [([b"x"], [(1, 2, 3)], to)])),
    "sendto_port": lambda a, b, to: (OverflowError, P(a.sendto, b"x", ("127.0.0.1", 70000))),
    "sendto_shape": lambda a, b, to: (TypeError, P(a.sendto, b"x", ("127.0.0.1",))),
    "sendmsg_item": lambda a, b, to: (TypeError, P(a.sendmsg, [b"x"], [(1, 2)], to)),
    "settimeout_negative": lambda a, b, to: (ValueError, P(a.settimeout, -1)),
    "recv_into_count": lambda a, b, to: (TypeError, P(b.recv_into, bytearray(4), 1, 0, 4)),
    "inet_pton_count": lambda a, b, to: (TypeError, P(m.inet_pton, m.AF_INET)),
    "recv_into_keyword": lambda a, b, to: (TypeError, P(b.recv_into, bytearray(4), x=1)),
    "recv_into_twice": lambda a, b, to: (TypeError, P(b.recv_into, bytearray(4), 1, nbytes=1)),
}


def scenario_errors():
    """One call of ERRORS (its name in argv[3])."""
    a, b = udp_pair()
    expected, call = ERRORS[sys.argv[3]](a, b, b.getsockname())
    call.expected = expected
    return (lambda: None), call


def failing_at(n, call):
    """call() with the n-th allocation after its start failing: the exception
    it raised, or None. (As little Python as can be between the hook's two
    calls: what runs there is swept too.)"""
    _testcapi.set_nomemory(n, n + 1)
    try:
        call()
    except BaseException as e:
        return e
    finally:
        _testcapi.remove_mem_hooks()
    return None


def sweep(prepare, call, outcomes):
    """One pass over the failure points; returns how many the call had. A
    call may get over a failed allocation (a cache that does without), so
    the pass ends after a few calls in a row that went through."""
    through = 0
    for n in range(MAX_POINTS):
        prepare()
        error = failing_at(n, call)
        if error is None or isinstance(error, getattr(call, "expected", ())):
            through += 1
            if through == 3:
                return n - 2
            continue
        through = 0
        outcome = "MemoryError" if type(error) is MemoryError else f"{type(error).__name__}: {error}"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return MAX_POINTS


def main():
    prepare, call = globals()["scenario_" + sys.argv[1]]()
    # Once through without failures: what the package builds on first use
    # (its enums, looked up by a module __getattr__) is built, not swept.
    prepare()
    try:
        call()
    except getattr(call, "expected", ()):
        pass
    outcomes = {}
    points = sweep(prepare, call, outcomes)
    gc.collect()
    blocks, descriptors = sys.getallocatedblocks(), open_descriptors()
    for _ in range(ROUNDS - 1):
        sweep(prepare, call, outcomes)
    gc.collect()
    print(json.dumps({
        "module": os.path.abspath(m.__file__),
        "points": points,
        "outcomes": outcomes,
        "block_growth": sys.getallocatedblocks() - blocks,
        "descriptors": [descriptors, open_descriptors()],
    }))


if __name__ == "__main__":
    main()
