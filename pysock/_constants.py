"""The backend's constant table as module attributes, and the IntEnums the
stdlib builds from them (AddressFamily, SocketKind, MsgFlag, AddressInfo)."""
from enum import IntEnum, IntFlag

from . import _core

names = []
for _name, _value in _core.constants():
    globals()[_name] = _value
    names.append(_name)

# Replace the plain ints by enum members, as the stdlib does.
AddressFamily = IntEnum._convert_(
    "AddressFamily", __name__, lambda name: name.isupper() and name.startswith("AF_"))
SocketKind = IntEnum._convert_(
    "SocketKind", __name__, lambda name: name.isupper() and name.startswith("SOCK_"))
MsgFlag = IntFlag._convert_(
    "MsgFlag", __name__, lambda name: name.isupper() and name.startswith("MSG_"))
AddressInfo = IntFlag._convert_(
    "AddressInfo", __name__, lambda name: name.isupper() and name.startswith("AI_"))

for _enum in (AddressFamily, SocketKind, MsgFlag, AddressInfo):
    _enum.__module__ = "pysock"


def to_enum(value, enum_class):
    """The enum member for value, or value itself when the enum lacks it."""
    try:
        return enum_class(value)
    except ValueError:
        return value
