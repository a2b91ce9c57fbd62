/* The Linux C headers the backend translates into its `sys` module.
 * Every constant and struct layout the backend uses comes from here, for the
 * target being built (glibc or musl), never from numbers typed by hand. */

/* CPython builds its socket module with _GNU_SOURCE; without it glibc hides
 * accept4, EAI_ADDRFAMILY/NODATA/SYSTEM/OVERFLOW and some MSG_* flags. */
#define _GNU_SOURCE 1

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

/* Kernel headers for the SO_* / SOL_* / SCM_* names the stdlib exposes for
 * VSOCK, CAN and J1939 sockets. */
#include <linux/vm_sockets.h>
#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/can/j1939.h>

/* The Linux-only families: their constants and sockaddr layouts. glibc's
 * netpacket/packet.h (not linux/if_packet.h, which clashes with it) gives
 * sockaddr_ll and PACKET_*; net/ethernet.h gives ETHERTYPE_* and pulls in
 * linux/if_ether.h (ETH_P_*). */
#include <netpacket/packet.h>
#include <net/ethernet.h>
#include <linux/netlink.h>
#include <linux/tipc.h>
#include <linux/if_alg.h>
#include <linux/qrtr.h>
#include <linux/can/bcm.h>
#include <linux/can/isotp.h>

/* UDP segmentation offload: UDP_SEGMENT, UDP_GRO (pysock's own constants). */
#include <linux/udp.h>

/* translate-c cannot translate some macros of these headers (-1U becomes a
 * negated unsigned, _IO() a call). Clang evaluates enum initialisers itself,
 * so these restate the header's own macros as enum constants that the
 * backend's constant table reads instead (backends/linux/constant_names.zig). */
enum {
    PYSOCK_VMADDR_CID_ANY = VMADDR_CID_ANY,
    PYSOCK_VMADDR_PORT_ANY = VMADDR_PORT_ANY,
    PYSOCK_VM_SOCKETS_INVALID_VERSION = VM_SOCKETS_INVALID_VERSION,
    PYSOCK_IOCTL_VM_SOCKETS_GET_LOCAL_CID = IOCTL_VM_SOCKETS_GET_LOCAL_CID,
};
