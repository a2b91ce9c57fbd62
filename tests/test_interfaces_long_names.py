"""Interface names of the longest length Linux allows (IFNAMSIZ 16: fifteen
bytes and a NUL), on a veth pair the test makes inside a private network
namespace (`unshare -n`, so the machine is left as it was): if_nameindex,
if_indextoname and if_nametoindex give what the stdlib gives, no byte cut.
Every missing piece (unshare, ip, veth) skips with the exact reason."""
import sys
import textwrap

import pytest

from netnsutil import run_in_private_network

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")

LONGEST = "abcdefghijklmno"  # 15 bytes
SCRIPT = textwrap.dedent(r'''
    import json, subprocess, sys
    import socket as std
    import pysock

    longest = sys.argv[1]
    r = subprocess.run(["ip", "link", "add", longest, "type", "veth", "peer", "name", "p" + longest[1:]],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(json.dumps({"skip": "ip link add ... type veth: " + (r.stderr or r.stdout).strip()}))
        sys.exit(0)
    subprocess.run(["ip", "link", "set", longest, "up"], check=True)
    report = {}
    for m in (std, pysock):
        pairs = sorted(m.if_nameindex())
        # AF_PACKET cuts a longer name to the fifteen bytes an ifreq holds.
        with m.socket(m.AF_PACKET, m.SOCK_DGRAM, 0) as p:
            try:
                p.bind((longest + "xyz", 0))
                bound = p.getsockname()[0]
            except OSError as e:
                bound = ["raise", e.errno]
        report[m.__name__] = {
            "pairs": pairs,
            "to_name": [m.if_indextoname(i) for i, _ in pairs],
            "to_index": [m.if_nametoindex(n) for _, n in pairs],
            "packet_bound": bound,
        }
    print(json.dumps(report))
''')


def test_longest_interface_names_like_stdlib(pysock):
    report = run_in_private_network(SCRIPT, LONGEST)
    assert report["pysock"] == report["socket"]
    names = [n for _, n in report["socket"]["pairs"]]
    assert LONGEST in names and "p" + LONGEST[1:] in names
    assert report["socket"]["packet_bound"] == LONGEST


MANY_SCRIPT = textwrap.dedent(r'''
    import json, subprocess, sys
    import socket as std
    import pysock

    pairs = int(sys.argv[1])
    # The first entry of the list too (loopback, index 1) has the longest name.
    subprocess.run(["ip", "link", "set", "dev", "lo", "name", "lo" + "l" * 13], check=True)
    for i in range(pairs):
        name = "%02d" % i + "n" * 13
        r = subprocess.run(["ip", "link", "add", name, "type", "veth", "peer", "name", "%02d" % i + "p" * 13],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(json.dumps({"skip": "ip link add ... type veth: " + (r.stderr or r.stdout).strip()}))
            sys.exit(0)
    # Many rounds, with other allocations between them: a list block sized
    # too small for its names would overrun the heap and be caught by the
    # C library's checks, or show in the names.
    report = {}
    for m in (std, pysock):
        rounds = [sorted(m.if_nameindex()) for _ in range(50)]
        report[m.__name__] = rounds[0] if all(r == rounds[0] for r in rounds) else rounds
    print(json.dumps(report))
''')


def test_many_longest_names_like_stdlib(pysock):
    """Forty-one interfaces with fifteen-byte names (loopback renamed, and
    twenty veth pairs): the whole list comes back as the stdlib's, round
    after round."""
    report = run_in_private_network(MANY_SCRIPT, "20")
    assert report["pysock"] == report["socket"]
    assert len(report["socket"]) == 41
    assert report["socket"][0] == [1, "lo" + "l" * 13]


CAN_SCRIPT = textwrap.dedent(r'''
    import errno, json, subprocess, sys
    sys.path.insert(0, sys.argv[2])
    import pysock
    from vtableutil import addr_encode, encode_named

    longest = sys.argv[1]
    # Loopback itself takes the fifteen-byte name: no module needed.
    subprocess.run(["ip", "link", "set", "dev", "lo", "name", longest], check=True)
    encode = addr_encode()
    report = {"index": pysock.if_nametoindex(longest)}
    for name in (longest, longest + "x", longest + "xyz"):
        rc, answer = encode_named(encode, pysock.AF_CAN, pysock.CAN_RAW, name.encode())
        if rc == 0:
            # struct sockaddr_can: family (2 bytes), padding, then can_ifindex.
            report[name] = ["ifindex", int.from_bytes(answer[4:8], sys.byteorder, signed=True)]
        else:
            report[name] = ["error", answer.kind, errno.errorcode.get(answer.code, answer.code)]
    print(json.dumps(report))
''')


def test_can_names_past_fifteen_bytes_are_unknown_devices(pysock):
    """The backend's own check, which the binding's "AF_CAN interface name
    too long" (the stdlib's refusal of a name of 16 bytes or more) keeps
    from being reached in use, so called through the vtable: a name one
    byte past the longest is an unknown device, even though its first
    fifteen bytes name an interface (AF_PACKET cuts there, AF_CAN does not).
    The machine's kernel need not have CAN: only the interface is looked up."""
    import os

    if not hasattr(pysock, "AF_CAN"):
        pytest.skip("no AF_CAN in this build")
    tests = os.path.dirname(os.path.abspath(__file__))
    report = run_in_private_network(CAN_SCRIPT, LONGEST, tests)
    assert report[LONGEST] == ["ifindex", report["index"]], report
    assert report[LONGEST + "x"] == ["error", 1, "ENODEV"], report
    assert report[LONGEST + "xyz"] == ["error", 1, "ENODEV"], report
