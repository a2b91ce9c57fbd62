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
/* ALG_* control message types for sendmsg_afalg and AF_ALG sockets. */
#include <linux/if_alg.h>
