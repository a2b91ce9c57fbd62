"""recv_into and recvfrom_into take (buffer, nbytes=0, flags=0) by position
or by keyword, and refuse what Python's argument parser refuses, with its
words and in its order: the count (keywords included), a missing buffer,
each argument's conversion, an argument given by name and position, an
unknown keyword, then the checks of nbytes. The sockets are non-blocking:
a call that should have been refused fails fast instead of waiting.
Refusals that format their message free it (tracemalloc, as in
test_error_leaks.py)."""
import gc
import tracemalloc

import re

import pytest

B = bytearray

CASES = [
    ((), {}),
    ((), dict(foo=1)),
    ((), dict(nbytes=1, foo=2)),
    ((), dict(nbytes="x")),
    ((b"ro",), dict(foo=1)),
    ((), dict(buffer=b"ro", nbytes=1)),
    ((B(4), "x"), dict(foo=1)),
    ((B(4),), dict(flags="x", foo=1)),
    ((B(4),), dict(nbytes="x", flags=2 ** 40)),
    ((B(4),), dict(nbytes=-1, flags="x")),
    ((B(4), 9), dict(foo=1)),
    ((B(4), -1), dict(foo=1)),
    ((B(4),), dict(buffer=B(4))),
    ((b"ro",), dict(buffer=B(4))),
    ((B(4),), dict(nbytes=1, buffer=B(4))),
    ((B(4),), dict(buffer=B(4), foo=1)),
    ((B(4),), dict(foo=1, buffer=B(4))),
    ((B(4), 2), dict(nbytes=1)),
    ((B(4), 2, 0), dict(flags=0)),
    ((B(4), 1, 2, 3), {}),
    ((), dict(buffer=B(4), nbytes=1, flags=0, foo=1)),
    ((B(4),), dict(nbytes=1, flags=0, foo=1)),
    ((B(4),), {"\udcff": 1}),
    ((B(4), -1), {"\udcff": 1}),
    ((B(4),), {"\udcff": 1, "nbytes": 2 ** 70}),
    ((B(4),), dict(nbytes=5)),
    ((B(4), 5), {}),
    ((B(4),), dict(nbytes=-1)),
    ((B(4),), dict(flags=0, nbytes=0)),
    ((), dict(buffer=B(4))),
]


def _describe(call, pos, kw):
    try:
        return ("ok", call(*pos, **kw))
    except Exception as e:  # noqa: BLE001 - the exception is the result
        text = str(e)
        # CPython 3.13 words an unknown keyword otherwise ("'foo' is an invalid
        # keyword argument for f()") than 3.11/3.12 ("f() got an unexpected
        # keyword argument 'foo'"): compared by the keyword it names.
        unknown = re.search(r"unexpected keyword argument '(.*)'$|^'(.*)' is an invalid keyword argument", text)
        if unknown:
            text = f"unknown keyword {unknown.group(1) or unknown.group(2)!r}"
        return (type(e).__name__, text)


@pytest.mark.parametrize("pos,kw", CASES, ids=[str(i) for i in range(len(CASES))])
@pytest.mark.parametrize("method", ["recv_into", "recvfrom_into"])
def test_arguments_like_stdlib(both, method, pos, kw):
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            s.setblocking(False)
            res.append(_describe(getattr(s, method), pos, kw))
    assert res[0] == res[1]


@pytest.mark.parametrize("method", ["recv_into", "recvfrom_into"])
@pytest.mark.parametrize("how", ["positional", "keywords", "mixed", "buffer-only", "no-flags"])
def test_keyword_forms_read_like_stdlib(both, method, how):
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as a, m.socket(m.AF_INET, m.SOCK_DGRAM) as b:
            b.bind(("127.0.0.1", 0))
            b.settimeout(5)
            a.sendto(b"abcdef", b.getsockname())
            a.sendto(b"ghijkl", b.getsockname())
            buf = bytearray(8)
            call = getattr(b, method)
            forms = {
                "positional": lambda: call(buf, 3, m.MSG_PEEK),
                "keywords": lambda: call(flags=m.MSG_PEEK, nbytes=3, buffer=buf),
                "mixed": lambda: call(buf, flags=m.MSG_PEEK),
                "buffer-only": lambda: call(buf),
                "no-flags": lambda: call(buf, 3),
            }
            # Windows fails a read shorter than its datagram (WSAEMSGSIZE) after
            # filling the buffer; Linux truncates. Either way both modules agree.
            try:
                r = forms[how]()
                outcome = r if method == "recv_into" else r[0]
            except OSError as e:
                outcome = (type(e).__name__, e.errno)
            res.append((outcome, bytes(buf), b.recv(10)))
    assert res[0] == res[1]


@pytest.mark.parametrize("pos,kw", [
    ((-1,), {}), ((5,), {}), (("x",), {}), ((0, "x"), {}), ((), dict(foo=1)), ((), dict(buffer=None)),
    ((1, 2), dict(flags=0)), ((), dict(nbytes=2 ** 70)),
], ids=["negative", "too-big", "nbytes-str", "flags-str", "unknown", "twice", "too-many", "nbytes-huge"])
@pytest.mark.parametrize("method", ["recv_into", "recvfrom_into"])
def test_refusal_releases_the_buffer_like_stdlib(both, method, pos, kw):
    """A refused call gives the buffer back: the bytearray can be resized."""
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            s.setblocking(False)
            buf = bytearray(4)
            first = _describe(getattr(s, method), (buf,) + pos, kw)
            res.append((first, _describe(buf.extend, (b"more",), {}), bytes(buf)))
    assert res[0][0][0] != "ok"
    assert res[0] == res[1]


REFUSALS = {
    "unknown keyword": ("recv_into", (B(4),), dict(foo=1)),
    "name and position": ("recv_into", (B(4),), dict(buffer=B(4))),
    "too many": ("recv_into", (B(4), 1, 2), dict(flags=0)),
    "too many keywords": ("recv_into", (), dict(buffer=B(4), nbytes=1, flags=0, foo=1)),
    # The argument counts of the positional-only methods (one shared helper).
    "send count": ("send", (), {}),
    "sendall count": ("sendall", (b"x", 0, 1), {}),
    "sendall no arguments": ("sendall", (), {}),
    "recv count": ("recv", (), {}),
}

ROUNDS = 3000
# A leak of one small object (>= 32 bytes) per call shows up as ~100 KB.
SLACK = 48 * 1024


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refusals_leak_nothing(both, name):
    method, pos, kw = REFUSALS[name]
    growth = {}
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            s.setblocking(False)
            for _ in range(200):  # warm-up: caches, free lists, interned names
                _describe(getattr(s, method), pos, kw)
            gc.collect()
            tracemalloc.start()
            try:
                start = tracemalloc.get_traced_memory()[0]
                for _ in range(ROUNDS):
                    _describe(getattr(s, method), pos, kw)
                gc.collect()
                growth[m.__name__] = tracemalloc.get_traced_memory()[0] - start
            finally:
                tracemalloc.stop()
    assert growth["socket"] < SLACK, (name, growth)
    assert growth["pysock"] < SLACK, (name, growth)


@pytest.mark.parametrize("method", ["recv_into", "recvfrom_into"])
def test_stream_read_without_flags_like_stdlib(both, method):
    """Left out, flags are 0 (not MSG_OOB, which a stream without urgent data refuses)."""
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.settimeout(5)
            a.sendall(b"abc")
            buf = bytearray(8)
            r = getattr(b, method)(buf)
            res.append((r if method == "recv_into" else r[0], bytes(buf)))
    assert res[0] == (3, b"abc\0\0\0\0\0")
    assert res[0] == res[1]
