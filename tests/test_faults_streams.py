"""The Python-level layers under injected faults behave as the stdlib's do:
makefile readers and writers, sendfile (the os.sendfile path and the send
path), create_connection and accept (EINTR included: PEP 475). Where the fault is one the stdlib
would hide too (short transfers, EINTR, EAGAIN under a timeout, spurious
wake-ups), the result must equal the stdlib's without faults; where it is a
failure, the stdlib's exception for that failure."""
import errno
import io
import os
import random
import tempfile

import pytest

from faultutil import digest, reading, set_mode, stdlib_run
from sockutil import closed_port, outcome

pytestmark = pytest.mark.pysock_only

# Small: with `short` every byte is a system call (about 1 ms each under Wine).
TEXT = b"".join(b"line %d of the stream\n" % i for i in range(50))
PAYLOAD = random.Random(8).randbytes(30000)


# -- makefile ------------------------------------------------------------------------

def scenario_makefile_read(mod, faults, mode, spec, how):
    a, b = mod.socketpair()
    with a, b:
        set_mode(b, mode)
        a.sendall(TEXT)
        a.shutdown(mod.SHUT_WR)
        faults.set(spec.format(b=b.fileno()))
        if how == "text-lines":
            with b.makefile("r", encoding="ascii", newline="") as f:
                data = "".join(f.readlines()).encode()
        elif how == "lines":
            with b.makefile("rb") as f:
                data = b"".join(iter(f.readline, b""))
        else:
            with b.makefile("rb", buffering=0) as f:
                data = f.readall()
        return [digest(data), faults.injected() != 0]


READ_SPECS = [
    ("blocking", "recv@{b}=short"),
    ("blocking", "recv@{b}=eintr/2,recv@{b}=short"),
    ("timeout", "recv@{b}=short,wait@{b}=eintr/3"),
    ("timeout", "recv@{b}=eagain/2,recv@{b}=short,wait@{b}=ready/2"),
]


@pytest.mark.parametrize("how", ["lines", "text-lines", "raw"])
@pytest.mark.parametrize("mode,spec", READ_SPECS)
def test_makefile_reader(fault_worker, mode, spec, how):
    faulted = fault_worker.run(scenario_makefile_read, mode, spec, how)
    assert faulted[0] == stdlib_run(scenario_makefile_read, mode, spec, how)[0]
    assert faulted[1] is True


def scenario_makefile_write(mod, faults, mode, spec, text):
    a, b = mod.socketpair()
    with a, b:
        set_mode(a, mode)
        b.settimeout(30)
        join = reading(b)
        faults.set(spec.format(a=a.fileno()))
        with a.makefile("w" if text else "wb", **({"encoding": "ascii", "newline": ""} if text else {})) as f:
            for line in TEXT.splitlines(keepends=True):
                f.write(line.decode() if text else line)
        injected = faults.injected()
        faults.set("")
        a.shutdown(mod.SHUT_WR)
        return [digest(join()), injected != 0]


WRITE_SPECS = [
    ("blocking", "send@{a}=short"),
    ("blocking", "send@{a}=eintr/2,send@{a}=short"),
    ("timeout", "send@{a}=eagain/2,send@{a}=short"),
    ("timeout", "send@{a}=short,wait@{a}=ready/2"),
]


@pytest.mark.parametrize("text", [False, True])
@pytest.mark.parametrize("mode,spec", WRITE_SPECS)
def test_makefile_writer(fault_worker, mode, spec, text):
    faulted = fault_worker.run(scenario_makefile_write, mode, spec, text)
    assert faulted[0] == stdlib_run(scenario_makefile_write, mode, spec, text)[0]
    assert faulted[1] is True


def scenario_nonblocking_reader(mod, faults):
    # pysock: data waits in the socket, but every read would block; the
    # stdlib: nothing has arrived. Both streams must say "no data now".
    a, b = mod.socketpair()
    with a, b:
        b.setblocking(False)
        if faults.injected() is not None:
            a.sendall(b"held back")
        faults.set("recv@{b}=eagain".format(b=b.fileno()))
        with b.makefile("rb", buffering=0) as raw, b.makefile("rb") as buffered:
            return [list(outcome(raw.read, 10)), list(outcome(buffered.read, 10)), list(outcome(buffered.readline))]


def test_makefile_nonblocking_reader(fault_worker):
    assert fault_worker.run(scenario_nonblocking_reader) == stdlib_run(scenario_nonblocking_reader)


def scenario_reader_reset(mod, faults):
    a, b = mod.socketpair()
    with a, b:
        a.sendall(b"partial line")
        faults.set("recv@{b}=econnreset/2".format(b=b.fileno()))
        with b.makefile("rb") as f:
            return list(outcome(f.readline))


def test_makefile_reader_reset(fault_worker):
    assert fault_worker.run(scenario_reader_reset)[:3] == ["raise", "ConnectionResetError", errno.ECONNRESET]


# -- sendfile ---------------------------------------------------------------------------

def scenario_sendfile(mod, faults, mode, spec, source):
    a, b = mod.socketpair()
    with a, b, tempfile.TemporaryFile() as disk:
        set_mode(a, mode)
        b.settimeout(30)
        disk.write(PAYLOAD)
        disk.seek(0)
        # A BytesIO has no descriptor: sendfile takes the send() path.
        f = io.BytesIO(PAYLOAD) if source == "bytesio" else disk
        join = reading(b)
        faults.set(spec.format(a=a.fileno()))
        result = outcome(a.sendfile, f, 100)
        injected = faults.injected()
        faults.set("")
        position = f.tell()
        a.shutdown(mod.SHUT_WR)
        received = join()
        return [list(result), position, digest(received), injected]


SENDFILE_SPECS = [
    ("blocking", "send@{a}=short/2"),
    ("blocking", "send@{a}=eintr/2,send@{a}=short/3"),
    ("timeout", "send@{a}=eagain/2,send@{a}=short/3"),
    ("timeout", "wait@{a}=ready/2,send@{a}=short/2"),
]


@pytest.mark.parametrize("mode,spec", SENDFILE_SPECS)
def test_sendfile_send_path(fault_worker, mode, spec):
    faulted = fault_worker.run(scenario_sendfile, mode, spec, "bytesio")
    expected = stdlib_run(scenario_sendfile, mode, spec, "bytesio")
    assert faulted[:3] == expected[:3]
    assert faulted[3] > 0


@pytest.mark.skipif(not hasattr(os, "sendfile"), reason="no os.sendfile: sendfile() always takes the send() path")
@pytest.mark.parametrize("mode", ["blocking", "timeout"])
def test_sendfile_fast_path_does_not_send(fault_worker, mode):
    # Every send() would fail: the os.sendfile path must not need one.
    spec = "send@{a}=econnreset"
    faulted = fault_worker.run(scenario_sendfile, mode, spec, "file")
    assert faulted[:3] == stdlib_run(scenario_sendfile, mode, spec, "file")[:3]


def scenario_sendfile_fails_midway(mod, faults, mode):
    # The third send() is reset: the file position says what was sent.
    result, position, received, _ = scenario_sendfile(mod, faults, mode, "send@{a}=econnreset*1/3", "bytesio")
    return [result[:2], position - 100, received[0]]


@pytest.mark.parametrize("mode", ["blocking", "timeout"])
def test_sendfile_send_path_failure_leaves_the_position(fault_worker, mode):
    result, sent, received = fault_worker.run(scenario_sendfile_fails_midway, mode)
    assert result == ["raise", "ConnectionResetError"]
    assert 0 < sent == received < len(PAYLOAD) - 100


# -- create_connection ---------------------------------------------------------------------

def describe(result):
    """An outcome, with an ExceptionGroup opened up into its members."""
    if result[0] == "raise" and result[1] == "ExceptionGroup":
        return ["group", [[type(e).__name__, e.errno] for e in result[4].exceptions]]
    return list(result[:3])


def group_outcome(fn, *args, **kwargs):
    try:
        return ("ok", fn(*args, **kwargs).close())
    except ExceptionGroup as e:
        return ("raise", "ExceptionGroup", None, None, e)
    except OSError as e:
        return ("raise", type(e).__name__, e.errno)


def scenario_create_connection_refused(mod, faults, all_errors):
    port = closed_port()
    faults.set("connect=econnrefused")
    result = group_outcome(mod.create_connection, ("localhost", port), timeout=10, all_errors=all_errors)
    return [describe(result), faults.injected() != 0]


@pytest.mark.parametrize("all_errors", [False, True])
def test_create_connection_every_address_fails(fault_worker, all_errors):
    faulted = fault_worker.run(scenario_create_connection_refused, all_errors)
    expected = stdlib_run(scenario_create_connection_refused, all_errors)
    assert faulted[0] == expected[0]
    assert faulted[1] is True


def scenario_create_connection_interrupted(mod, faults, timeout):
    with mod.socket() as lst:
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        faults.set("connect=eintr*1")
        with mod.create_connection(lst.getsockname(), timeout=timeout) as c:
            injected = faults.injected()
            conn, _ = lst.accept()
            with conn:
                c.sendall(b"through")
                return [conn.recv(10), injected]


@pytest.mark.parametrize("timeout", [None, 10.0])
def test_create_connection_interrupted(fault_worker, timeout):
    faulted = fault_worker.run(scenario_create_connection_interrupted, timeout)
    assert faulted[0] == stdlib_run(scenario_create_connection_interrupted, timeout)[0]
    assert faulted[1] == 1


def scenario_create_connection_no_name(mod, faults):
    faults.set("getaddrinfo=eai_noname")
    return [list(outcome(mod.create_connection, ("localhost", 80))), mod.EAI_NONAME]


def test_create_connection_name_fails(fault_worker):
    (kind, name, code, _), eai_noname = fault_worker.run(scenario_create_connection_no_name)
    assert [kind, name, code] == ["raise", "gaierror", eai_noname]


# -- accept ------------------------------------------------------------------------------------

def scenario_accept(mod, faults, mode, spec):
    with mod.socket() as lst:
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        set_mode(lst, mode)
        with mod.create_connection(lst.getsockname(), timeout=10) as client:
            faults.set(spec.format(l=lst.fileno()))
            result = outcome(lst.accept)
            injected = faults.injected()
            faults.set("")
            if result[0] == "ok":
                conn, addr = result[1]
                with conn:
                    return [addr == client.getsockname(), conn.getpeername() == client.getsockname(), injected]
            # The taken connection was closed: its client reads the end.
            client_sees = client.recv(10)
            with mod.create_connection(lst.getsockname(), timeout=10) as second:
                conn, addr = lst.accept()
                conn.close()
                return [list(result), client_sees, addr == second.getsockname(), injected]


@pytest.mark.parametrize("mode,spec", [
    ("timeout", "wait@{l}=ready*3,accept@{l}=eagain*2"),
    ("timeout", "accept@{l}=eintr*2"),
    ("timeout", "accept@{l}=eintr*2,wait@{l}=eintr*2"),
    ("blocking", "accept@{l}=eintr*2"),
])
def test_accept_hides_transient_faults(fault_worker, mode, spec):
    faulted = fault_worker.run(scenario_accept, mode, spec)
    assert faulted[:-1] == stdlib_run(scenario_accept, mode, spec)[:-1] == [True, True]
    assert faulted[-1] >= 2


@pytest.mark.parametrize("mode", ["blocking", "timeout"])
def test_accept_fails_after_taking_the_connection(fault_worker, mode):
    result, client_sees, second_ok, injected = fault_worker.run(scenario_accept, mode, "accept@{l}=taken")
    assert result[:3] == ["raise", "ConnectionAbortedError", errno.ECONNABORTED]
    assert client_sees == "bytes:" and second_ok and injected == 1


def scenario_sendfile_one_byte_then_fails(mod, faults, mode):
    # The first send() moves one byte of a whole block read from the file, the
    # second is reset: the position must say 1, not where the read ended.
    result, position, received, _ = scenario_sendfile(
        mod, faults, mode, "send@{a}=econnreset*1/2,send@{a}=short*1", "bytesio")
    return [result[:2], position - 100, received[0]]


# Under a timeout only: on a blocking socket the binding sends the rest of a
# short write itself, and a failure there reports the byte already sent.
@pytest.mark.parametrize("mode", ["timeout"])
def test_sendfile_send_path_position_after_one_byte(fault_worker, mode):
    result, sent, received = fault_worker.run(scenario_sendfile_one_byte_then_fails, mode)
    assert result == ["raise", "ConnectionResetError"]
    assert sent == received == 1
