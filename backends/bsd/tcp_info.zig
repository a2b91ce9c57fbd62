//! socket.tcp_info() on the BSDs: a getsockopt at IPPROTO_TCP fills
//! macOS's struct tcp_connection_info (TCP_CONNECTION_INFO) or FreeBSD's
//! struct tcp_info (TCP_INFO). sys.h lists each struct's members; the
//! compiler lays them out (backends/shared/tcp_info_layout.h).
const builtin = @import("builtin");
const sys = @import("sys");
const posix = @import("posix");
const layout = posix.tcp_info.layout;

const darwin = builtin.target.os.tag.isDarwin();

const members = layout.membersFromLayout(sys);
comptime {
    layout.checkCoverage(if (darwin) "struct tcp_connection_info" else "struct tcp_info", members, sys.PYSOCK_TCPI_SIZE, sys.PYSOCK_TCPI_ALIGN);
}
pub const fields = layout.fields(members, sys.PYSOCK_TCPI_SIZE);

pub const spec: posix.tcp_info.Spec = .{
    .option = if (darwin) sys.TCP_CONNECTION_INFO else sys.TCP_INFO,
    .size = sys.PYSOCK_TCPI_SIZE,
    .fields = fields,
    .common = layout.common(fields, if (darwin) &darwin_common else &freebsd_common),
    .states = layout.states(sys, if (darwin) &darwin_states else &freebsd_states),
};

/// macOS reports its times in milliseconds, counts bytes sent rather than
/// acknowledged (tcpi_txbytes: no bytes_acked), and has one MSS.
const darwin_common = [_]layout.Common{
    .{ .name = "state", .member = "tcpi_state" },
    .{ .name = "rtt_us", .member = "tcpi_srtt", .scale = 1000 },
    .{ .name = "rttvar_us", .member = "tcpi_rttvar", .scale = 1000 },
    .{ .name = "retransmits", .member = "tcpi_txretransmitpackets" },
    .{ .name = "snd_cwnd", .member = "tcpi_snd_cwnd" },
    .{ .name = "snd_mss", .member = "tcpi_maxseg" },
    .{ .name = "bytes_received", .member = "tcpi_rxbytes" },
};

/// FreeBSD reports microseconds and bytes, and keeps no byte counters.
const freebsd_common = [_]layout.Common{
    .{ .name = "state", .member = "tcpi_state" },
    .{ .name = "rtt_us", .member = "tcpi_rtt" },
    .{ .name = "rttvar_us", .member = "tcpi_rttvar" },
    .{ .name = "retransmits", .member = "tcpi_snd_rexmitpack" },
    .{ .name = "snd_cwnd", .member = "tcpi_snd_cwnd" },
    .{ .name = "snd_mss", .member = "tcpi_snd_mss" },
    .{ .name = "rcv_mss", .member = "tcpi_rcv_mss" },
};

/// <sys/proc_info.h> spells CLOSE_WAIT with two underscores.
const darwin_states = [_]layout.State{
    .{ .name = "CLOSED", .decl = "TSI_S_CLOSED" },           .{ .name = "LISTEN", .decl = "TSI_S_LISTEN" },
    .{ .name = "SYN_SENT", .decl = "TSI_S_SYN_SENT" },       .{ .name = "SYN_RECEIVED", .decl = "TSI_S_SYN_RECEIVED" },
    .{ .name = "ESTABLISHED", .decl = "TSI_S_ESTABLISHED" }, .{ .name = "CLOSE_WAIT", .decl = "TSI_S__CLOSE_WAIT" },
    .{ .name = "FIN_WAIT_1", .decl = "TSI_S_FIN_WAIT_1" },   .{ .name = "CLOSING", .decl = "TSI_S_CLOSING" },
    .{ .name = "LAST_ACK", .decl = "TSI_S_LAST_ACK" },       .{ .name = "FIN_WAIT_2", .decl = "TSI_S_FIN_WAIT_2" },
    .{ .name = "TIME_WAIT", .decl = "TSI_S_TIME_WAIT" },
};

const freebsd_states = blk: {
    var list: [layout.rfc793_names.len]layout.State = undefined;
    for (layout.rfc793_names, &list) |name, *s| s.* = .{ .name = name, .decl = "TCPS_" ++ name };
    break :blk list;
};
