"""The backend's constant table as module attributes, and the IntEnums the
stdlib builds from them (AddressFamily, SocketKind, MsgFlag, AddressInfo)."""
import sys
from enum import IntEnum, IntFlag
from types import SimpleNamespace

import _socket

from . import _core

# Constants the stdlib gained in later versions: the backend's table holds
# every name its headers define; an older Python's socket module lacks these,
# so pysock does too on that Python.
_ADDED_IN = {
    (3, 12): frozenset("""
        ETHERTYPE_ARP ETHERTYPE_IP ETHERTYPE_IPV6 ETHERTYPE_VLAN ETH_P_ALL
        IP_ADD_SOURCE_MEMBERSHIP IP_BLOCK_SOURCE IP_DROP_SOURCE_MEMBERSHIP IP_PKTINFO
        IP_UNBLOCK_SOURCE TCP_CC_INFO TCP_FASTOPEN_CONNECT TCP_FASTOPEN_KEY
        TCP_FASTOPEN_NO_COOKIE TCP_INQ TCP_MD5SIG TCP_MD5SIG_EXT TCP_QUEUE_SEQ TCP_REPAIR
        TCP_REPAIR_OPTIONS TCP_REPAIR_QUEUE TCP_REPAIR_WINDOW TCP_SAVED_SYN TCP_SAVE_SYN
        TCP_THIN_DUPACK TCP_THIN_LINEAR_TIMEOUTS TCP_TIMESTAMP TCP_TX_DELAY TCP_ULP
        TCP_ZEROCOPY_RECEIVE""".split()),
    (3, 13): frozenset("NI_IDN SO_BINDTOIFINDEX".split()),
}
_too_new = frozenset().union(*(group for version, group in _ADDED_IN.items()
                               if sys.version_info < version))

# pysock's own constants, which no stdlib of ours has yet (UDP segmentation
# offload, for batch datagrams: README, "pysock's own extensions"). They are
# module attributes wherever the backend's headers define them, but kept out
# of __all__ (so `from pysock import *` gives what the stdlib's gives) unless
# the running stdlib has the name too.
_OWN = frozenset({"UDP_SEGMENT", "UDP_GRO"})

_table = _core.constants()
for _name in _too_new:
    _table.pop(_name, None)
globals().update(_table)
names = list(_table)
# (The stdlib's constants are _socket's; the binding has imported it already.)
exported = [name for name in names if name not in _OWN or hasattr(_socket, name)]

# The members of each enum, split from the table in one pass: _convert_
# would otherwise run its filter over every name of the module once per
# enum, about half of what building the enums costs at import.
_ENUM_PREFIXES = ("AF_", "SOCK_", "MSG_", "AI_")
_members = {prefix: {} for prefix in _ENUM_PREFIXES}
for _name, _value in _table.items():
    _group = _members.get(_name[:_name.find("_") + 1])
    if _group is not None and _name.isupper():
        _group[_name] = _value
del _table


def _convert(base, name, prefix):
    """base._convert_ as the stdlib calls it, over the members for prefix only."""
    return base._convert_(name, __name__, lambda n: n.isupper() and n.startswith(prefix),
                          source=SimpleNamespace(**_members.pop(prefix)))


# Replace the plain ints by enum members, as the stdlib does.
AddressFamily = _convert(IntEnum, "AddressFamily", "AF_")
SocketKind = _convert(IntEnum, "SocketKind", "SOCK_")
MsgFlag = _convert(IntFlag, "MsgFlag", "MSG_")
AddressInfo = _convert(IntFlag, "AddressInfo", "AI_")

for _enum in (AddressFamily, SocketKind, MsgFlag, AddressInfo):
    _enum.__module__ = "pysock"


def to_enum(value, enum_class):
    """The enum member for value, or value itself when the enum lacks it."""
    # A dict lookup finds every named member; calling the class (which does
    # the same lookup after a few Python-level steps) is left for the flags'
    # combinations and for values the enum lacks.
    member = enum_class._value2member_map_.get(value)
    if member is not None:
        return member
    try:
        return enum_class(value)
    except ValueError:
        return value
