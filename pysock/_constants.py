"""The backend's constant table as module attributes, and the IntEnums the
stdlib builds from them (AddressFamily, SocketKind, MsgFlag, AddressInfo),
built on first use."""
import _thread
import sys
from enum import IntEnum, IntFlag
from types import SimpleNamespace

try:
    import _socket
except ImportError:  # a CPython built without it: _core made its own exceptions
    _socket = None

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
del _table

# The enums replace the plain ints of their members by enum members, as the
# stdlib's do; building them is a quarter of what importing pysock costs,
# so it happens on first use (module __getattr__ here and in the package).
ENUM_PREFIXES = {"AF_": "AddressFamily", "SOCK_": "SocketKind", "MSG_": "MsgFlag", "AI_": "AddressInfo"}
ENUMS = tuple(ENUM_PREFIXES.values())


def is_enum_member(name):
    """Whether the constant `name` becomes a member of one of the enums."""
    return name.isupper() and name[:name.find("_") + 1] in ENUM_PREFIXES


_build_lock = _thread.allocate_lock()


def _build():
    """Builds the four enums once (a thread arriving meanwhile waits: every
    caller must get the same classes)."""
    with _build_lock:
        if "AddressFamily" in globals():
            return
        members = {prefix: {} for prefix in ENUM_PREFIXES}
        for name in names:
            if is_enum_member(name):
                members[name[:name.find("_") + 1]][name] = globals()[name]
        built = {}
        for prefix, enum_name in ENUM_PREFIXES.items():
            base = IntEnum if prefix in ("AF_", "SOCK_") else IntFlag
            # _convert_ as the stdlib calls it, over the members for prefix
            # only (its filter would otherwise run over every name once per
            # enum); it sets the members as this module's globals.
            enum = base._convert_(enum_name, __name__, lambda n, p=prefix: n.isupper() and n.startswith(p),
                                  source=SimpleNamespace(**members[prefix]))
            enum.__module__ = "pysock"
            built[enum_name] = enum
        globals().update(built)


def __getattr__(name):
    if name in ENUMS:
        _build()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
