/* pysock backend ABI, for C consumers.
 *
 * The same contract as vtable.zig beside this file, field for field and in
 * the same order; tests/test_abi_header.py checks that the two agree (sizes
 * and offsets on every target we build). README.md beside it says who owns
 * what, which calls may block and how errors are reported.
 *
 * A backend is a shared library exporting one function,
 *     const pysock_vtable *pysock_backend_vtable(void);
 * which returns a pointer to a static table. Check abi_version and
 * struct_size before calling anything in it.
 */
#ifndef PYSOCK_BACKEND_H
#define PYSOCK_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change. Fields appended at the end of the
 * vtable are compatible: check struct_size before using them. */
#define PYSOCK_ABI_VERSION 1
#define PYSOCK_ENTRY_SYMBOL "pysock_backend_vtable"

/* A file descriptor (POSIX) or a SOCKET (Windows), widened to 64 bits. */
typedef int64_t pysock_handle;
#define PYSOCK_INVALID_HANDLE ((pysock_handle)-1)

/* How a failure should be raised (enum(u32) in vtable.zig). */
typedef uint32_t pysock_error_kind;
#define PYSOCK_ERROR_NONE    0u /* no error */
#define PYSOCK_ERROR_OS      1u /* code is an errno value: OSError */
#define PYSOCK_ERROR_WINSOCK 2u /* code is a WSA error: OSError with winerror */
#define PYSOCK_ERROR_GAI     3u /* code is an EAI_* value: gaierror */
#define PYSOCK_ERROR_HERROR  4u /* code is an h_errno value: herror */
#define PYSOCK_ERROR_ADDRESS 5u /* message says what was wrong: OSError(message) */

/* Bits of pysock_error.flags. */
#define PYSOCK_ERROR_WOULD_BLOCK 1u /* EAGAIN / EWOULDBLOCK / WSAEWOULDBLOCK */
#define PYSOCK_ERROR_INTERRUPTED 2u /* EINTR: retry (PEP 475) */
#define PYSOCK_ERROR_IN_PROGRESS 4u /* a non-blocking connect has started */

typedef struct pysock_error {
    pysock_error_kind kind;
    uint32_t flags;
    int32_t code;
    int32_t _reserved;
    const char *message; /* static text for PYSOCK_ERROR_ADDRESS, else NULL */
} pysock_error;

/* Capability bits: a clear bit means the Python API omits that feature. */
#define PYSOCK_CAP_IPV6          (UINT64_C(1) << 0)
#define PYSOCK_CAP_UNIX          (UINT64_C(1) << 1)
#define PYSOCK_CAP_SOCKETPAIR    (UINT64_C(1) << 2) /* native socketpair() */
#define PYSOCK_CAP_UNIX_ABSTRACT (UINT64_C(1) << 3) /* Linux abstract namespace */
#define PYSOCK_CAP_WINERROR      (UINT64_C(1) << 4) /* errors carry a Windows code */
#define PYSOCK_CAP_HANDLE_INHERITANCE (UINT64_C(1) << 5) /* set_inheritable takes a truth value */
#define PYSOCK_CAP_TIMEVAL_WAIT  (UINT64_C(1) << 6) /* wait's timeout is a timeval: seconds fit a C long */
#define PYSOCK_CAP_REUSEADDR_SHARES_PORT (UINT64_C(1) << 7) /* SO_REUSEADDR lets two sockets share a port */
#define PYSOCK_CAP_BATCH_NATIVE  (UINT64_C(1) << 8) /* recvmmsg/sendmmsg are one system call, not a loop */

/* Room for any native sockaddr a backend produces. */
#define PYSOCK_MAX_NATIVE_ADDR 128

/* The most messages one recvmmsg / sendmmsg call is given (Linux's UIO_MAXIOV). */
#define PYSOCK_MAX_BATCH 1024

/* A socket address in a platform-neutral shape.
 *   AF_INET / AF_INET6: nums = {port, flowinfo, scope_id}; data = the 4 or
 *     16 address bytes in network order.
 *   AF_UNIX: data = the path bytes (a leading NUL is the Linux abstract
 *     namespace); an unnamed socket has data_len 0.
 *   Any other family (decode only): data = the raw bytes after the family. */
typedef struct pysock_address {
    int32_t family;
    uint32_t data_len;
    uint64_t nums[8];
    uint32_t name_len;
    int32_t proto; /* the socket's protocol, for families whose format depends on it */
    uint8_t name[128]; /* a second byte string some families need */
    uint8_t data[512];
} pysock_address;

/* One buffer of a scatter/gather call. */
typedef struct pysock_buffer {
    uint8_t *ptr;
    size_t len;
} pysock_buffer;

/* One ancillary data item (control message) in neutral form. */
typedef struct pysock_ancillary {
    int32_t level;
    int32_t type;
    const uint8_t *data;
    size_t len;
    uint32_t truncated; /* set by cmsg_next when the buffer cut the item short */
    uint32_t _reserved;
} pysock_ancillary;

/* The arguments and results of sendmsg/recvmsg. */
typedef struct pysock_message {
    const pysock_buffer *buffers;
    size_t buffer_count;
    void *addr;          /* native sockaddr (destination, or sender out) */
    uint32_t addr_len;
    int32_t msg_flags;   /* recvmsg: the flags the OS reported */
    uint8_t *control;    /* native control messages */
    size_t control_len;
} pysock_message;

/* One network interface of if_nameindex. */
typedef struct pysock_interface {
    uint32_t index;
    uint32_t _reserved;
    const char *name;
} pysock_interface;

/* A host database entry; the backend owns it until host_free. */
typedef struct pysock_host_entry {
    const char *name;
    const char *const *aliases;   /* NULL-terminated */
    int32_t family;
    uint32_t addr_len;            /* 4 or 16 */
    const uint8_t *const *addrs;  /* NULL-terminated, network order */
    void *owner;
} pysock_host_entry;

/* One entry of the constant table; name and value are static. */
typedef struct pysock_constant {
    const char *name;
    int64_t value;
} pysock_constant;

/* A text-valued constant (BDADDR_ANY, HV_GUID_*); static. */
typedef struct pysock_string_constant {
    const char *name;
    const char *value;
} pysock_string_constant;

/* One getaddrinfo result, borrowed from the list the backend returned. */
typedef struct pysock_addrinfo_entry {
    int32_t family;
    int32_t socktype;
    int32_t protocol;
    int32_t flags;
    const char *canonname;
    const void *addr;
    uint32_t addrlen;
    uint32_t _reserved;
} pysock_addrinfo_entry;

/* One field of the platform's TCP information struct (tcp_info): bits
 * [shift, shift + width) of the size-byte integer at byte offset, native
 * byte order. Decoded only when offset + size lies within the bytes the OS
 * filled in. Static, like the table that holds it. */
typedef struct pysock_tcp_info_field {
    const char *name;  /* the member's name in the platform's header */
    uint32_t offset;
    uint8_t size;      /* 1, 2, 4 or 8 */
    uint8_t shift;
    uint8_t width;
    uint8_t is_signed; /* 1: the member is signed (sign-extend it) */
} pysock_tcp_info_field;

/* A field every platform's record has under one name (rtt_us, ...):
 * value = fields[field] * scale (* fields[times] when times >= 0); absent
 * when a field it is made from is absent. */
typedef struct pysock_tcp_info_common {
    const char *name;
    uint32_t field;
    uint32_t scale;
    int32_t times;
    uint32_t _reserved;
} pysock_tcp_info_common;

/* Room for any platform's TCP information struct. */
#define PYSOCK_MAX_TCP_INFO 512

/* Conventions: int functions return 0 on success and -1 on failure with
 * *err filled in; byte-moving functions return the count or -1. A
 * (buf, *len) pair is in/out: capacity in, bytes written out. Every pointer
 * is borrowed for the duration of the call only, except where noted. */
typedef struct pysock_vtable {
    uint32_t abi_version;
    uint32_t struct_size;
    uint64_t capabilities;
    const char *platform; /* "linux", "bsd" or "windows" */
    const pysock_constant *constants;
    size_t constant_count;

    /* -- process-wide -- */
    int (*init)(pysock_error *err);
    void (*strerror)(pysock_error_kind kind, int32_t code, char *buf, size_t len);

    /* -- lifetime -- */
    int (*socket)(int32_t family, int32_t type, int32_t proto, pysock_handle *out, pysock_error *err);
    /* NULL where the OS has no socketpair. */
    int (*socketpair)(int32_t family, int32_t type, int32_t proto, pysock_handle out[2], pysock_error *err);
    int (*close)(pysock_handle h, pysock_error *err);
    int (*dup)(pysock_handle h, pysock_handle *out, pysock_error *err);
    int (*info)(pysock_handle h, int32_t *family, int32_t *type, int32_t *proto, pysock_error *err);
    int (*set_nonblocking)(pysock_handle h, int on, pysock_error *err);
    int (*get_inheritable)(pysock_handle h, int *out, pysock_error *err);
    int (*set_inheritable)(pysock_handle h, int on, pysock_error *err);

    /* -- connection set-up (connect and accept may block) -- */
    int (*bind)(pysock_handle h, const void *addr, uint32_t len, pysock_error *err);
    int (*listen)(pysock_handle h, int32_t backlog, pysock_error *err);
    int (*accept)(pysock_handle h, pysock_handle *out, void *addr, uint32_t *len, pysock_error *err);
    int (*connect)(pysock_handle h, const void *addr, uint32_t len, pysock_error *err);
    int (*connect_result)(pysock_handle h, pysock_error *err);
    int (*shutdown)(pysock_handle h, int32_t how, pysock_error *err);
    int (*getsockname)(pysock_handle h, void *addr, uint32_t *len, pysock_error *err);
    int (*getpeername)(pysock_handle h, void *addr, uint32_t *len, pysock_error *err);

    /* -- data (all may block) -- */
    ptrdiff_t (*send)(pysock_handle h, const uint8_t *buf, size_t len, int32_t flags, pysock_error *err);
    ptrdiff_t (*sendto)(pysock_handle h, const uint8_t *buf, size_t len, int32_t flags,
                        const void *addr, uint32_t addrlen, pysock_error *err);
    ptrdiff_t (*recv)(pysock_handle h, uint8_t *buf, size_t len, int32_t flags, pysock_error *err);
    ptrdiff_t (*recvfrom)(pysock_handle h, uint8_t *buf, size_t len, int32_t flags,
                          void *addr, uint32_t *addrlen, pysock_error *err);
    /* 1 ready, 0 timed out, -1 error; timeout_ms < 0 waits forever. */
    int (*wait)(pysock_handle h, int for_write, int32_t timeout_ms, pysock_error *err);

    /* -- options -- */
    int (*setsockopt)(pysock_handle h, int32_t level, int32_t name, const void *val, uint32_t len, pysock_error *err);
    int (*getsockopt)(pysock_handle h, int32_t level, int32_t name, void *val, uint32_t *len, pysock_error *err);

    /* -- addresses -- */
    int (*addr_encode)(const pysock_address *in, void *native, uint32_t *len, pysock_error *err);
    void (*addr_decode)(const void *native, uint32_t len, pysock_address *out);
    /* 1 ok, 0 not an address of that family, -1 error. */
    int (*inet_pton)(int32_t family, const char *src, uint8_t dst[16], pysock_error *err);
    int (*inet_ntop)(int32_t family, const uint8_t src[16], char *buf, size_t len, pysock_error *err);
    /* 1 ok, 0 invalid. */
    int (*inet_aton)(const char *src, uint8_t dst[4]);

    /* -- name service (may block) -- */
    int (*gethostname)(char *buf, size_t len, pysock_error *err);
    /* On success *list is owned by the caller until freeaddrinfo(*list). */
    int (*getaddrinfo)(const char *host, const char *service, int32_t family, int32_t socktype,
                       int32_t proto, int32_t flags, void **list, pysock_error *err);
    void *(*addrinfo_next)(void *item, pysock_addrinfo_entry *out);
    void (*freeaddrinfo)(void *list);

    /* -- time -- */
    int64_t (*monotonic_ns)(void); /* never blocks */

    /* Entries below may be NULL: the Python API then omits that feature. */

    /* -- messages with ancillary data -- */
    ptrdiff_t (*sendmsg)(pysock_handle h, const pysock_message *msg, int32_t flags, pysock_error *err);
    ptrdiff_t (*recvmsg)(pysock_handle h, pysock_message *msg, int32_t flags, pysock_error *err);
    /* CMSG_LEN (space 0) or CMSG_SPACE (space 1); -1 on overflow. */
    int (*cmsg_size)(size_t data_len, int space, size_t *out);
    /* buf NULL: only computes *len. */
    int (*cmsg_build)(const pysock_ancillary *items, size_t count, uint8_t *buf, size_t *len, pysock_error *err);
    /* 1 next item in *out, 0 at the end, -1 malformed item (the walk ends);
     * *cursor starts at 0. */
    int (*cmsg_next)(const uint8_t *control, size_t len, size_t *cursor, pysock_ancillary *out);

    /* -- more name service (may block) -- */
    int (*getnameinfo)(const void *addr, uint32_t addrlen, int32_t flags, char *host, size_t hostlen,
                       char *serv, size_t servlen, pysock_error *err);
    int (*host_by_name)(const char *name, pysock_host_entry *out, pysock_error *err);
    int (*host_by_addr)(const void *addr, uint32_t addrlen, pysock_host_entry *out, pysock_error *err);
    void (*host_free)(pysock_host_entry *entry);
    /* 1 found, 0 not found, -1 error; proto may be NULL. */
    int (*serv_by_name)(const char *name, const char *proto, int32_t *port, pysock_error *err);
    int (*serv_by_port)(int32_t port, const char *proto, char *buf, size_t len, pysock_error *err);
    int (*proto_by_name)(const char *name, int32_t *out, pysock_error *err);
    int (*sethostname)(const char *name, size_t len, pysock_error *err);

    /* -- interfaces -- */
    int (*if_nameindex)(pysock_interface **list, size_t *count, pysock_error *err);
    void (*if_free)(pysock_interface *list, size_t count);
    int (*if_nametoindex)(const char *name, uint32_t *out, pysock_error *err);
    int (*if_indextoname)(uint32_t index, char *buf, size_t len, pysock_error *err);

    /* -- Windows socket control and sharing -- */
    /* WSAIoctl with input only; args = the SIO_* code's values. */
    int (*ioctl)(pysock_handle h, uint32_t control, const uint32_t *args, size_t count, pysock_error *err);
    /* WSADuplicateSocket bytes for process pid; *len capacity in, used out. */
    int (*share)(pysock_handle h, uint32_t pid, uint8_t *buf, size_t *len, pysock_error *err);
    /* A new socket from share bytes; a wrong len: kind address, code = the len wanted. */
    int (*fromshare)(const uint8_t *data, size_t len, pysock_handle *out, int32_t *family,
                     int32_t *type, int32_t *proto, pysock_error *err);

    /* -- more constants -- */
    const pysock_string_constant *string_constants; /* may be empty */
    size_t string_constant_count;
    const int32_t *socket_error_codes; /* Windows: the codes of errorTab; may be empty */
    size_t socket_error_code_count;

    /* -- TCP information -- */
    /* The platform's raw struct into buf (zeroed first); *len capacity in
     * (PYSOCK_MAX_TCP_INFO), bytes the OS filled out. Never blocks. */
    int (*tcp_info)(pysock_handle h, uint8_t *buf, size_t *len, pysock_error *err);
    const pysock_tcp_info_field *tcp_info_fields; /* static, the struct's order */
    size_t tcp_info_field_count;
    const pysock_tcp_info_common *tcp_info_common; /* static */
    size_t tcp_info_common_count;
    const pysock_constant *tcp_states; /* RFC 793 names, the header's values */
    size_t tcp_state_count;
    /* -- batch datagrams -- */
    /* Up to count (1..PYSOCK_MAX_BATCH) messages, each filled as recvmsg
     * fills one, lengths[i] its byte count; blocks for the first message
     * only. Returns the messages received (>= 1) or -1 if the first failed. */
    ptrdiff_t (*recvmmsg)(pysock_handle h, pysock_message *msgs, size_t *lengths, size_t count,
                          int32_t flags, pysock_error *err);
    /* Sends msgs[0..count], each as sendmsg; lengths[i] the bytes sent.
     * Returns the messages sent (>= 1, a partial batch included) or -1 if
     * the first failed. */
    ptrdiff_t (*sendmmsg)(pysock_handle h, const pysock_message *msgs, size_t *lengths, size_t count,
                          int32_t flags, pysock_error *err);
    /* -- kernel file copy (TransmitFile) -- */
    /* Sends bytes [offset, offset + count) of the file behind C runtime
     * descriptor fd over blocking stream socket h. 1: done, *sent bytes
     * (fewer at the end of the file or past the OS's limit per call, 0 past
     * the end); 0: this file or socket cannot be sent this way, nothing sent;
     * -1: failed (*err), part of the range may have gone out. May block. */
    int (*transmit_file)(pysock_handle h, int32_t fd, uint64_t offset, uint64_t count,
                         uint64_t *sent, pysock_error *err);
    /* -- resolver with a timeout -- */
    /* Starts a lookup (arguments as getaddrinfo) and returns at once; *request
     * is the caller's until it passes it to getaddrinfo_end, exactly once. */
    int (*getaddrinfo_start)(const char *host, const char *service, int32_t family, int32_t socktype,
                             int32_t proto, int32_t flags, void **request, pysock_error *err);
    /* 1 finished, 0 not yet, -1 error (EINTR: interrupted); timeout_ms < 0 waits
     * without limit. May block. */
    int (*getaddrinfo_wait)(void *request, int32_t timeout_ms, pysock_error *err);
    /* list non-NULL after wait gave 1: the outcome as getaddrinfo's (0 and *list,
     * or -1 and *err); list NULL: abandons the lookup (cancelled or freed by the
     * backend when it ends) and returns 0. Never blocks. */
    int (*getaddrinfo_end)(void *request, void **list, pysock_error *err);
} pysock_vtable;

typedef const pysock_vtable *(*pysock_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* PYSOCK_BACKEND_H */
