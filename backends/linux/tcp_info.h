/* struct tcp_info of the kernel's UAPI header <linux/tcp.h> (as Zig ships
 * it for the target), for socket.tcp_info() (backends/linux/tcp_info.zig).
 * glibc's and musl's <netinet/tcp.h>, which sys.h includes, declare an
 * older struct of the same name, and the two headers cannot share one
 * translation unit: build.zig translates this one on its own (module
 * `tcp_uapi`).
 *
 * translate-c leaves a struct with bitfields opaque, so the layout is
 * published as enum constants the compiler computes from the header:
 *   PYSOCK_TCPI_AT_<member>    the member's position in bits
 *   PYSOCK_TCPI_BITS_<member>  its width in bits
 *   PYSOCK_TCPI_SIZE           sizeof(struct tcp_info)
 * The list below names every member in the header's order; a bitfield
 * carries the width its declaration gives it. A compiler without
 * __builtin_bitoffsetof (clang, which tests/test_tcp_info_layout.py runs over
 * this file for every Linux target) checks the list instead: each width,
 * each member unsigned, each whole member really whole. */
#include <linux/tcp.h>

#define PYSOCK_TCPI_STRUCT struct tcp_info

/* WHOLE(member), BITS(member, width); the other two kinds (reserved
 * members the header itself marks unused) occur only on the BSDs. */
#define PYSOCK_TCPI_MEMBERS(WHOLE, BITS, SKIP, SKIP_BITS) \
    WHOLE(tcpi_state) WHOLE(tcpi_ca_state) WHOLE(tcpi_retransmits) WHOLE(tcpi_probes) \
    WHOLE(tcpi_backoff) WHOLE(tcpi_options) \
    BITS(tcpi_snd_wscale, 4) BITS(tcpi_rcv_wscale, 4) \
    BITS(tcpi_delivery_rate_app_limited, 1) BITS(tcpi_fastopen_client_fail, 2) \
    WHOLE(tcpi_rto) WHOLE(tcpi_ato) WHOLE(tcpi_snd_mss) WHOLE(tcpi_rcv_mss) \
    WHOLE(tcpi_unacked) WHOLE(tcpi_sacked) WHOLE(tcpi_lost) WHOLE(tcpi_retrans) \
    WHOLE(tcpi_fackets) \
    WHOLE(tcpi_last_data_sent) WHOLE(tcpi_last_ack_sent) WHOLE(tcpi_last_data_recv) \
    WHOLE(tcpi_last_ack_recv) \
    WHOLE(tcpi_pmtu) WHOLE(tcpi_rcv_ssthresh) WHOLE(tcpi_rtt) WHOLE(tcpi_rttvar) \
    WHOLE(tcpi_snd_ssthresh) WHOLE(tcpi_snd_cwnd) WHOLE(tcpi_advmss) WHOLE(tcpi_reordering) \
    WHOLE(tcpi_rcv_rtt) WHOLE(tcpi_rcv_space) \
    WHOLE(tcpi_total_retrans) \
    WHOLE(tcpi_pacing_rate) WHOLE(tcpi_max_pacing_rate) WHOLE(tcpi_bytes_acked) \
    WHOLE(tcpi_bytes_received) WHOLE(tcpi_segs_out) WHOLE(tcpi_segs_in) \
    WHOLE(tcpi_notsent_bytes) WHOLE(tcpi_min_rtt) WHOLE(tcpi_data_segs_in) \
    WHOLE(tcpi_data_segs_out) \
    WHOLE(tcpi_delivery_rate) \
    WHOLE(tcpi_busy_time) WHOLE(tcpi_rwnd_limited) WHOLE(tcpi_sndbuf_limited) \
    WHOLE(tcpi_delivered) WHOLE(tcpi_delivered_ce) \
    WHOLE(tcpi_bytes_sent) WHOLE(tcpi_bytes_retrans) WHOLE(tcpi_dsack_dups) \
    WHOLE(tcpi_reord_seen) \
    WHOLE(tcpi_rcv_ooopack) \
    WHOLE(tcpi_snd_wnd) WHOLE(tcpi_rcv_wnd) \
    WHOLE(tcpi_rehash) \
    WHOLE(tcpi_total_rto) WHOLE(tcpi_total_rto_recoveries) WHOLE(tcpi_total_rto_time) \
    WHOLE(tcpi_received_ce) \
    WHOLE(tcpi_delivered_e1_bytes) WHOLE(tcpi_delivered_e0_bytes) \
    WHOLE(tcpi_delivered_ce_bytes) WHOLE(tcpi_received_e1_bytes) \
    WHOLE(tcpi_received_e0_bytes) WHOLE(tcpi_received_ce_bytes) \
    BITS(tcpi_ecn_mode, 2) BITS(tcpi_accecn_opt_seen, 2) BITS(tcpi_accecn_fail_mode, 4) \
    BITS(tcpi_options2, 24)

#include "../shared/tcp_info_layout.h"
