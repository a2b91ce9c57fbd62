/* The Windows backend's view of the platform, translated to the Zig module
 * `sys` at build time (build.zig: addTranslateC). Every constant, struct and
 * function the backend uses comes from these mingw-w64 headers. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h> /* MSG_TRUNC, MSG_CTRUNC, MSG_BCAST, MSG_MCAST */
#include <mstcpip.h> /* SIO_*, RCVALL_* */
#include <iphlpapi.h> /* GetIfTable2Ex, ConvertInterfaceLuidToNameW, if_nametoindex */
#include <ws2bth.h>   /* BTHPROTO_RFCOMM */
#include <hvsocket.h> /* HV_PROTOCOL_RAW, HVSOCKET_* */
#include <stddef.h>
#include <errno.h>  /* EAFNOSUPPORT, which CPython raises for a foreign host entry */
#include <io.h>     /* _get_osfhandle, _setmode: the types of the UCRT's calls transmit.zig looks up */
#include <fcntl.h>  /* _O_BINARY */
#include <stdlib.h> /* _invalid_parameter_handler */

/* translate-c cannot express sockaddr_in6 (its scope-id union holds a
 * bitfield struct) and leaves it opaque. Its layout is published here as
 * numbers the compiler computed from the real header, so the backend reads
 * and writes the fields at offsets that cannot drift from the C definition. */
enum pysock_sockaddr_in6_layout {
    PYSOCK_SIN6_SIZE = sizeof(struct sockaddr_in6),
    PYSOCK_SIN6_FAMILY = offsetof(struct sockaddr_in6, sin6_family),
    PYSOCK_SIN6_PORT = offsetof(struct sockaddr_in6, sin6_port),
    PYSOCK_SIN6_FLOWINFO = offsetof(struct sockaddr_in6, sin6_flowinfo),
    PYSOCK_SIN6_ADDR = offsetof(struct sockaddr_in6, sin6_addr),
    PYSOCK_SIN6_SCOPE_ID = offsetof(struct sockaddr_in6, sin6_scope_id),
};

/* MIB_IF_ROW2 and NET_LUID hold bitfields too, so translate-c leaves them
 * opaque; if_nameindex reads the interface table through these offsets. */
enum pysock_mib_if_layout {
    PYSOCK_IF_TABLE2_COUNT = offsetof(MIB_IF_TABLE2, NumEntries),
    PYSOCK_IF_TABLE2_ROWS = offsetof(MIB_IF_TABLE2, Table),
    PYSOCK_IF_ROW2_SIZE = sizeof(MIB_IF_ROW2),
    PYSOCK_IF_ROW2_LUID = offsetof(MIB_IF_ROW2, InterfaceLuid),
    PYSOCK_IF_ROW2_INDEX = offsetof(MIB_IF_ROW2, InterfaceIndex),
};

/* FIONBIO is built with sizeof() in a macro translate-c cannot evaluate; its
 * value as ioctlsocket's `long cmd` argument is published here instead. */
enum pysock_ioctl_codes {
    PYSOCK_FIONBIO = (long)FIONBIO,
};

/* WSAID_TRANSMITFILE is a braced initializer translate-c cannot turn into a
 * value; as a constant of the header's own GUID type it can. */
static const GUID PYSOCK_WSAID_TRANSMITFILE = WSAID_TRANSMITFILE;
