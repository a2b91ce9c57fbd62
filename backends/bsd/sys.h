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
