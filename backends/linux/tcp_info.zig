//! socket.tcp_info() on Linux: getsockopt(IPPROTO_TCP, TCP_INFO) fills the
//! kernel's struct tcp_info, whose layout comes from the UAPI header Zig
//! ships (tcp_info.h beside this file, translated as module `tcp_uapi`).
//! A kernel older than that header fills fewer bytes and says so; the
//! fields past its length are absent.
const sys = @import("sys");
const uapi = @import("tcp_uapi");
const posix = @import("posix");
const layout = posix.tcp_info.layout;

const members = layout.membersFromLayout(uapi);
comptime {
    layout.checkCoverage("struct tcp_info", members, uapi.PYSOCK_TCPI_SIZE, uapi.PYSOCK_TCPI_ALIGN);
}
pub const fields = layout.fields(members, uapi.PYSOCK_TCPI_SIZE);

pub const spec: posix.tcp_info.Spec = .{
    .option = sys.TCP_INFO,
    .size = uapi.PYSOCK_TCPI_SIZE,
    .fields = fields,
    .common = layout.common(fields, &.{
        .{ .name = "state", .member = "tcpi_state" },
        .{ .name = "rtt_us", .member = "tcpi_rtt" },
        .{ .name = "rttvar_us", .member = "tcpi_rttvar" },
        // Segments retransmitted over the connection's life (tcpi_retransmits
        // counts only the timeouts of the current episode).
        .{ .name = "retransmits", .member = "tcpi_total_retrans" },
        // The kernel counts its window in segments of snd_mss bytes; the
        // record, like the other platforms, in bytes.
        .{ .name = "snd_cwnd", .member = "tcpi_snd_cwnd", .times = "tcpi_snd_mss" },
        .{ .name = "snd_mss", .member = "tcpi_snd_mss" },
        .{ .name = "rcv_mss", .member = "tcpi_rcv_mss" },
        .{ .name = "bytes_acked", .member = "tcpi_bytes_acked" },
        .{ .name = "bytes_received", .member = "tcpi_bytes_received" },
    }),
    // The C library's <netinet/tcp.h> names the kernel's states.
    .states = layout.states(sys, &.{
        .{ .name = "ESTABLISHED", .decl = "TCP_ESTABLISHED" },
        .{ .name = "SYN_SENT", .decl = "TCP_SYN_SENT" },
        .{ .name = "SYN_RECEIVED", .decl = "TCP_SYN_RECV" },
        .{ .name = "FIN_WAIT_1", .decl = "TCP_FIN_WAIT1" },
        .{ .name = "FIN_WAIT_2", .decl = "TCP_FIN_WAIT2" },
        .{ .name = "TIME_WAIT", .decl = "TCP_TIME_WAIT" },
        .{ .name = "CLOSED", .decl = "TCP_CLOSE" },
        .{ .name = "CLOSE_WAIT", .decl = "TCP_CLOSE_WAIT" },
        .{ .name = "LAST_ACK", .decl = "TCP_LAST_ACK" },
        .{ .name = "LISTEN", .decl = "TCP_LISTEN" },
        .{ .name = "CLOSING", .decl = "TCP_CLOSING" },
    }),
};
