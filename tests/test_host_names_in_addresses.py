"""A host name in an address tuple (bind, connect, sendto, gethostbyname) is
looked up as the stdlib looks it up: its first answer is used, however many
the name has (one per socket type here), and a name the family cannot
resolve fails with the stdlib's gaierror."""
import pytest

from sockutil import outcome

# Answered by the hosts file of any machine the tests run on.
NAME = "localhost"


def first_address(m, family):
    """The first address getaddrinfo gives for NAME in `family`, or None."""
    try:
        return m.getaddrinfo(NAME, None, family)[0][4][0]
    except OSError:
        return None


@pytest.mark.parametrize("family_name", ["AF_INET", "AF_INET6"])
def test_bind_connect_sendto_by_name(both, family_name):
    res = []
    for m in both:
        family = getattr(m, family_name)
        expected = first_address(m, family)
        with m.socket(family, m.SOCK_DGRAM) as r, m.socket(family, m.SOCK_DGRAM) as s:
            bound = outcome(r.bind, (NAME, 0))
            port = r.getsockname()[1] if bound[0] == "ok" else 9
            sent = outcome(s.sendto, b"by name", (NAME, port))
            connected = outcome(s.connect, (NAME, port))
            got = r.recv(100) if bound[0] == "ok" and sent[0] == "ok" else None
            host = r.getsockname()[0] if bound[0] == "ok" else None
        res.append((bound, sent, connected, got, host == expected if host else expected))
    assert res[0] == res[1]


def test_gethostbyname_of_a_name(both):
    res = [outcome(m.gethostbyname, NAME) for m in both]
    assert res[0][0] == "ok"
    assert res[0] == res[1]


def test_stream_connect_by_name(both):
    res = []
    for m in both:
        with m.create_server(("127.0.0.1", 0)) as listener, m.socket() as c:
            c.settimeout(10)
            c.connect((NAME, listener.getsockname()[1]))
            conn, _ = listener.accept()
            with conn:
                res.append((c.getpeername()[0], conn.getpeername()[0]))
    assert res[0] == res[1]
