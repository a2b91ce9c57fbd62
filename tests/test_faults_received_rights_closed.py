"""When a receive has taken a message but its result cannot be built (here
the sender's address fails to decode: the fault backend plants a TIPC
address of a type the stdlib refuses, `addr_decode=address:tipc_type4`),
the descriptors the message carried (SCM_RIGHTS) are closed, so none leak,
and nothing else is: the data of other control items (an IP_TTL, the uid
and gid of SCM_CREDENTIALS: ints that look like descriptor numbers) is never
taken for descriptors."""
import array
import os
import struct
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SCM_RIGHTS, IP_RECVTTL and AF_TIPC numbers: Linux"),
]

PLANT = "addr_decode=address:tipc_type4*1"
IP_RECVTTL = 12  # linux/in.h (no name in the socket module)


def _receive(m, sock, method):
    calls = {
        "recvmsg": lambda: sock.recvmsg(16, 256),
        "recvmsg_into": lambda: sock.recvmsg_into([bytearray(16)], 256),
        "recvmmsg": lambda: sock.recvmmsg(1, 16, 256),
    }
    try:
        calls[method]()
        return "no error"
    except ValueError as e:
        return str(e)


def scenario_rights(m, faults, method):
    """Two descriptors sent to a named AF_UNIX datagram socket; the receive fails."""
    a, b = m.socket(m.AF_UNIX, m.SOCK_DGRAM), m.socket(m.AF_UNIX, m.SOCK_DGRAM)
    with a, b:
        a.bind(b"\0pysock-rights-closed-a-%d" % os.getpid())
        b.bind(b"\0pysock-rights-closed-b-%d" % os.getpid())
        r, w = os.pipe()
        try:
            a.sendmsg([b"rights"], [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [r, w]))], 0, b.getsockname())
            before = len(os.listdir("/proc/self/fd"))
            faults.set(PLANT)
            got = _receive(m, b, method)
            after = len(os.listdir("/proc/self/fd"))
        finally:
            os.close(r)
            os.close(w)
        return [got, after - before, faults.injected()]


def _send_number(m, kind, number):
    """A datagram whose control item holds `number` where a descriptor
    could be: an IP_TTL (IPPROTO_IP) or SCM_CREDENTIALS' uid and gid (at
    SOL_SOCKET, the level of SCM_RIGHTS). Returns the receiving socket."""
    if kind == "ttl":
        rx, tx = m.socket(m.AF_INET, m.SOCK_DGRAM), m.socket(m.AF_INET, m.SOCK_DGRAM)
        with tx:
            rx.bind(("127.0.0.1", 0))
            rx.setsockopt(m.IPPROTO_IP, IP_RECVTTL, 1)
            tx.setsockopt(m.IPPROTO_IP, m.IP_TTL, number)
            tx.sendto(b"ttl", rx.getsockname())
        return rx
    rx, tx = m.socket(m.AF_UNIX, m.SOCK_DGRAM), m.socket(m.AF_UNIX, m.SOCK_DGRAM)
    with tx:
        rx.bind(b"\0pysock-credentials-rx-%d" % os.getpid())
        tx.bind(b"\0pysock-credentials-tx-%d" % os.getpid())
        rx.setsockopt(m.SOL_SOCKET, m.SO_PASSCRED, 1)
        credentials = struct.pack("iII", os.getpid(), number, number)
        tx.sendmsg([b"creds"], [(m.SOL_SOCKET, m.SCM_CREDENTIALS, credentials)], 0, rx.getsockname())
    return rx


def scenario_numbers(m, faults, method, kind):
    """Descriptor `number` is open; a message whose control item holds that
    number arrives, and the receive fails."""
    number = 200
    keep = os.open(os.devnull, os.O_RDONLY)
    os.dup2(keep, number)
    try:
        with _send_number(m, kind, number) as rx:
            faults.set(PLANT)
            got = _receive(m, rx, method)
        try:
            os.fstat(number)
            still_open = True
        except OSError:
            still_open = False
        return [got, still_open, faults.injected()]
    finally:
        os.close(keep)
        try:
            os.close(number)
        except OSError:
            pass


METHODS = ["recvmsg", "recvmsg_into", "recvmmsg"]


@pytest.mark.parametrize("method", METHODS)
def test_rights_of_a_failed_receive_are_closed(fault_worker, method):
    got, grown, injected = fault_worker.run(scenario_rights, method)
    assert (got, grown, injected) == ("Invalid address type", 0, 1)


@pytest.mark.parametrize("kind", ["ttl", "credentials"])
@pytest.mark.parametrize("method", METHODS)
def test_other_items_are_not_taken_for_descriptors(fault_worker, method, kind):
    got, still_open, injected = fault_worker.run(scenario_numbers, method, kind)
    assert (got, still_open, injected) == ("Invalid address type", True, 1)
