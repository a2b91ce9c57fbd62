/* The macOS / FreeBSD C headers the backend translates into its `sys` module.
 * Every constant and struct layout the backend uses comes from here, for the
 * target being built, never from numbers typed by hand. */

#if defined(__APPLE__)
/* CPython defines this too: without it Darwin exposes the old RFC 2292
 * values of IPV6_PKTINFO, IPV6_HOPLIMIT, ... instead of the RFC 3542 ones. */
#define __APPLE_USE_RFC_3542 1
#endif

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <net/if.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>

/* socket.tcp_info() (backends/bsd/tcp_info.zig): the struct each system
 * answers with, every member in its header's order (the format of
 * backends/shared/tcp_info_layout.h), and the names of its TCP states. */
#if defined(__APPLE__)
#include <sys/proc_info.h> /* TSI_S_*: the TCP states, as libproc reports them */

#define PYSOCK_TCPI_STRUCT struct tcp_connection_info
#define PYSOCK_TCPI_MEMBERS(WHOLE, BITS, SKIP, SKIP_BITS) \
    WHOLE(tcpi_state) WHOLE(tcpi_snd_wscale) WHOLE(tcpi_rcv_wscale) SKIP(__pad1) \
    WHOLE(tcpi_options) WHOLE(tcpi_flags) WHOLE(tcpi_rto) WHOLE(tcpi_maxseg) \
    WHOLE(tcpi_snd_ssthresh) WHOLE(tcpi_snd_cwnd) WHOLE(tcpi_snd_wnd) WHOLE(tcpi_snd_sbbytes) \
    WHOLE(tcpi_rcv_wnd) WHOLE(tcpi_rttcur) WHOLE(tcpi_srtt) WHOLE(tcpi_rttvar) \
    BITS(tcpi_tfo_cookie_req, 1) BITS(tcpi_tfo_cookie_rcv, 1) BITS(tcpi_tfo_syn_loss, 1) \
    BITS(tcpi_tfo_syn_data_sent, 1) BITS(tcpi_tfo_syn_data_acked, 1) \
    BITS(tcpi_tfo_syn_data_rcv, 1) BITS(tcpi_tfo_cookie_req_rcv, 1) \
    BITS(tcpi_tfo_cookie_sent, 1) BITS(tcpi_tfo_cookie_invalid, 1) \
    BITS(tcpi_tfo_cookie_wrong, 1) BITS(tcpi_tfo_no_cookie_rcv, 1) \
    BITS(tcpi_tfo_heuristics_disable, 1) BITS(tcpi_tfo_send_blackhole, 1) \
    BITS(tcpi_tfo_recv_blackhole, 1) BITS(tcpi_tfo_onebyte_proxy, 1) SKIP_BITS(__pad2, 17) \
    WHOLE(tcpi_txpackets) WHOLE(tcpi_txbytes) WHOLE(tcpi_txretransmitbytes) \
    WHOLE(tcpi_rxpackets) WHOLE(tcpi_rxbytes) WHOLE(tcpi_rxoutoforderbytes) \
    WHOLE(tcpi_txretransmitpackets)
#else
#include <netinet/tcp_fsm.h> /* TCPS_*: the TCP states */

/* The __tcpi_* members are Linux's, which FreeBSD leaves unfilled. */
#define PYSOCK_TCPI_STRUCT struct tcp_info
#define PYSOCK_TCPI_MEMBERS(WHOLE, BITS, SKIP, SKIP_BITS) \
    WHOLE(tcpi_state) SKIP(__tcpi_ca_state) SKIP(__tcpi_retransmits) SKIP(__tcpi_probes) \
    SKIP(__tcpi_backoff) WHOLE(tcpi_options) BITS(tcpi_snd_wscale, 4) BITS(tcpi_rcv_wscale, 4) \
    WHOLE(tcpi_rto) SKIP(__tcpi_ato) WHOLE(tcpi_snd_mss) WHOLE(tcpi_rcv_mss) \
    SKIP(__tcpi_unacked) SKIP(__tcpi_sacked) SKIP(__tcpi_lost) SKIP(__tcpi_retrans) \
    SKIP(__tcpi_fackets) \
    SKIP(__tcpi_last_data_sent) SKIP(__tcpi_last_ack_sent) WHOLE(tcpi_last_data_recv) \
    SKIP(__tcpi_last_ack_recv) \
    SKIP(__tcpi_pmtu) SKIP(__tcpi_rcv_ssthresh) WHOLE(tcpi_rtt) WHOLE(tcpi_rttvar) \
    WHOLE(tcpi_snd_ssthresh) WHOLE(tcpi_snd_cwnd) SKIP(__tcpi_advmss) SKIP(__tcpi_reordering) \
    SKIP(__tcpi_rcv_rtt) WHOLE(tcpi_rcv_space) \
    WHOLE(tcpi_snd_wnd) WHOLE(tcpi_snd_bwnd) WHOLE(tcpi_snd_nxt) WHOLE(tcpi_rcv_nxt) \
    WHOLE(tcpi_toe_tid) WHOLE(tcpi_snd_rexmitpack) WHOLE(tcpi_rcv_ooopack) \
    WHOLE(tcpi_snd_zerowin) \
    WHOLE(tcpi_delivered_ce) WHOLE(tcpi_received_ce) SKIP(__tcpi_delivered_e1_bytes) \
    SKIP(__tcpi_delivered_e0_bytes) SKIP(__tcpi_delivered_ce_bytes) \
    SKIP(__tcpi_received_e1_bytes) SKIP(__tcpi_received_e0_bytes) \
    SKIP(__tcpi_received_ce_bytes) \
    WHOLE(tcpi_total_tlp) WHOLE(tcpi_total_tlp_bytes) \
    WHOLE(tcpi_snd_una) WHOLE(tcpi_snd_max) WHOLE(tcpi_rcv_numsacks) WHOLE(tcpi_rcv_adv) \
    WHOLE(tcpi_dupacks) WHOLE(tcpi_rttmin) SKIP(__tcpi_pad)
#endif
#include "../shared/tcp_info_layout.h"
