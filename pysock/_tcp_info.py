"""socket.tcp_info(), pysock's own extension: the OS's TCP information of a
connection as a read-only record, the same class on every platform.

The record (`TcpInfo`) is a frozen dataclass made at import from the
backend's tables: first the fields every platform shares, under one name
each (`COMMON`; None where the OS reports no such value), then every field
of the platform's own struct under the header's name (Linux `tcpi_*` of
struct tcp_info, macOS `tcpi_*` of struct tcp_connection_info, FreeBSD
`tcpi_*` of struct tcp_info, Windows the `TCP_INFO_v1` members); a field
past the length the OS filled in (an older kernel's shorter struct) is None.
Nothing here knows which platform it is on: the names, units and state
names all come from the backend (backends/abi/README.md, "TCP information").
"""
import dataclasses
from enum import IntEnum

from . import _core

# The shared fields, in the record's order (backends/shared/tcp_info.zig has
# the same names): the TCP state, the smoothed round-trip time and its
# variance in microseconds, segments retransmitted, the congestion window in
# bytes, the send and receive MSS, bytes acknowledged by the peer and bytes
# received from it.
COMMON = ("state", "rtt_us", "rttvar_us", "retransmits", "snd_cwnd",
          "snd_mss", "rcv_mss", "bytes_acked", "bytes_received")

_LAYOUT, _COMMON_SPECS, _STATES = _core._tcp_info_layout()
_FIELDS = tuple(name for name, *_descriptor in _LAYOUT)
_SPEC_OF = {name: (field, scale, times) for name, field, scale, times in _COMMON_SPECS}

# The TCP states by their RFC 793 names (ESTABLISHED, LISTEN, SYN_RECEIVED,
# FIN_WAIT_1, CLOSED, ...), valued as the platform values them.
TcpState = IntEnum("TcpState", _STATES)
TcpState.__module__ = "pysock"


def _state_name(self):
    """The state's name (TcpState), or None for a value without one."""
    state = self.state
    return state.name if isinstance(state, TcpState) else None


# Not slots=True: on 3.11 a frozen dataclass rebuilt with slots raises
# TypeError instead of FrozenInstanceError for an attribute it lacks.
TcpInfo = dataclasses.make_dataclass(
    "TcpInfo",
    [(name, "int | None") for name in COMMON + _FIELDS],
    namespace={"state_name": property(_state_name)},
    frozen=True,
)
TcpInfo.__module__ = "pysock"
TcpInfo.__doc__ = """The TCP information of a connection (socket.tcp_info()).

The shared fields first (%s), then the platform's own (%d here). A field
the OS does not report is None; `state` is a TcpState member where the
platform names the value, else the plain int; `state_name` gives the name.""" % (
    ", ".join(COMMON), len(_FIELDS))


def _shared(values, name):
    spec = _SPEC_OF.get(name)
    if spec is None:
        return None
    field, scale, times = spec
    value = values[field]
    if value is None:
        return None
    if times >= 0:
        factor = values[times]
        if factor is None:
            return None
        value *= factor
    return value * scale


def record(values):
    """The TcpInfo of the values the binding decoded (socket._tcp_info())."""
    shared = [_shared(values, name) for name in COMMON]
    state = shared[0]
    if state is not None:
        shared[0] = TcpState._value2member_map_.get(state, state)
    return TcpInfo(*shared, *values)
