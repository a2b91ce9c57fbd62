/* The layout of a platform's TCP information struct, from the compiler.
 *
 * Included by a header that defines
 *   PYSOCK_TCPI_STRUCT   the struct type (struct tcp_info, ...)
 *   PYSOCK_TCPI_MEMBERS(WHOLE, BITS, SKIP, SKIP_BITS)
 *                        every member of it, in the header's order:
 *                        WHOLE(member), BITS(member, width) for a bitfield,
 *                        SKIP / SKIP_BITS for members the header itself
 *                        marks unused (__tcpi_*, __pad*), which count for
 *                        the coverage check but are not decoded.
 *
 * Translated by translate-c (which has __builtin_bitoffsetof), it becomes
 * enum constants backends/shared/tcp_info.zig reads:
 *   PYSOCK_TCPI_AT_<member>        position in bits from the struct's start
 *   PYSOCK_TCPI_BITS_<member>      width in bits
 *   PYSOCK_TCPI_SKIP_<member>      1 for an unused member
 *   PYSOCK_TCPI_SIZE, PYSOCK_TCPI_ALIGN
 * Compiled by clang (tests/test_tcp_info_layout.py, for every target), it
 * checks what the enum cannot: that each BITS width is the declared one,
 * each WHOLE member is not a bitfield (translate-c gives a bitfield's sizeof
 * as its type's; clang refuses it) and every decoded member is unsigned. */

#if __has_builtin(__builtin_bitoffsetof)

#define PYSOCK_TCPI_AT(m) PYSOCK_TCPI_AT_##m = __builtin_bitoffsetof(PYSOCK_TCPI_STRUCT, m),
#define PYSOCK_TCPI_WHOLE(m) PYSOCK_TCPI_AT(m) PYSOCK_TCPI_BITS_##m = 8 * sizeof(((PYSOCK_TCPI_STRUCT *)0)->m),
#define PYSOCK_TCPI_PART(m, w) PYSOCK_TCPI_AT(m) PYSOCK_TCPI_BITS_##m = (w),
#define PYSOCK_TCPI_SKIP_WHOLE(m) PYSOCK_TCPI_WHOLE(m) PYSOCK_TCPI_SKIP_##m = 1,
#define PYSOCK_TCPI_SKIP_PART(m, w) PYSOCK_TCPI_PART(m, w) PYSOCK_TCPI_SKIP_##m = 1,

enum pysock_tcp_info_layout {
    PYSOCK_TCPI_SIZE = sizeof(PYSOCK_TCPI_STRUCT),
    PYSOCK_TCPI_ALIGN = _Alignof(PYSOCK_TCPI_STRUCT),
    PYSOCK_TCPI_MEMBERS(PYSOCK_TCPI_WHOLE, PYSOCK_TCPI_PART, PYSOCK_TCPI_SKIP_WHOLE, PYSOCK_TCPI_SKIP_PART)
};

#else

/* All ones stored into the member and read back: the member's maximum. */
#define PYSOCK_TCPI_MAX(m) (((PYSOCK_TCPI_STRUCT){ .m = ~0ull }).m)
/* sizeof refuses a bitfield, so a member listed WHOLE must be whole; all
 * ones read back must fill all its bits. */
#define PYSOCK_TCPI_CHECK_WHOLE(m) \
    _Static_assert(PYSOCK_TCPI_MAX(m) == ~0ull >> (64 - 8 * sizeof(((PYSOCK_TCPI_STRUCT *)0)->m)), \
                   #m " is a whole unsigned member");
#define PYSOCK_TCPI_CHECK_PART(m, w) \
    _Static_assert(PYSOCK_TCPI_MAX(m) == (1ull << (w)) - 1, #m " is an unsigned bitfield " #w " bits wide");
#define PYSOCK_TCPI_CHECK_SKIP(m)
#define PYSOCK_TCPI_CHECK_SKIP_PART(m, w) \
    _Static_assert(PYSOCK_TCPI_MAX(m) == (1ull << (w)) - 1, #m " is a bitfield " #w " bits wide");

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wbitfield-constant-conversion"
#pragma clang diagnostic ignored "-Wconstant-conversion"
#pragma clang diagnostic ignored "-Wgnu-folding-constant"
PYSOCK_TCPI_MEMBERS(PYSOCK_TCPI_CHECK_WHOLE, PYSOCK_TCPI_CHECK_PART, PYSOCK_TCPI_CHECK_SKIP, PYSOCK_TCPI_CHECK_SKIP_PART)
#pragma clang diagnostic pop

#endif
