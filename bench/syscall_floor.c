/* The floors under the benchmark table: each workload of bench/ that has a
 * natural C equivalent, as the same loop in C (system calls and libc only).
 * Its time is what the operating system alone costs on this machine.
 *
 *     python -m ziglang cc -O2 -o floor bench/syscall_floor.c -lpthread
 *     ./floor MODE N      prints the microseconds per operation of N operations
 *
 * MODE: pingpong-pair pingpong-tcp bulk-tcp udp udp-echo connect getaddrinfo
 *       udp-batch udp-batch-send udp-batch-recv
 *       inet_pton inet_ntop inet_aton inet_ntoa htonl htons
 * Every loop checks its data like the Python workload does, and exits 1 if
 * a check fails. */
#define _GNU_SOURCE /* sendmmsg, recvmmsg, MSG_WAITFORONE */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OP 65536
#define PERIOD 251

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int listener(struct sockaddr_in *addr, int type) {
    socklen_t len = sizeof *addr;
    int s = socket(AF_INET, type, 0);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)addr, sizeof *addr) ||
        (type == SOCK_STREAM && listen(s, 128)) || getsockname(s, (struct sockaddr *)addr, &len))
        fail("listen");
    return s;
}

static void tcp_pair(int out[2], int nodelay) {
    struct sockaddr_in addr;
    int one = 1, l = listener(&addr, SOCK_STREAM);
    out[0] = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(out[0], (struct sockaddr *)&addr, sizeof addr)) fail("connect");
    out[1] = accept(l, NULL, NULL);
    close(l);
    for (int i = 0; nodelay && i < 2; i++) setsockopt(out[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void pingpong(int a, int b, long n) {
    char msg[64], buf[64];
    for (int i = 0; i < 64; i++) msg[i] = (char)i;
    for (long i = 0; i < n; i++) {
        if (send(a, msg, 64, 0) != 64 || recv(b, buf, 64, 0) != 64 || memcmp(buf, msg, 64) ||
            send(b, msg, 64, 0) != 64 || recv(a, buf, 64, 0) != 64 || memcmp(buf, msg, 64))
            fail("ping-pong");
    }
}

struct sender { int sock; long total; };

static void *send_pattern(void *arg) {
    struct sender *s = arg;
    static char block[PERIOD * 1024];
    for (int i = 0; i < (int)sizeof block; i++) block[i] = (char)(i % PERIOD);
    for (long sent = 0; sent < s->total;) {
        long want = s->total - sent < (long)sizeof block ? s->total - sent : (long)sizeof block;
        ssize_t k = send(s->sock, block, want, 0);
        if (k <= 0) fail("send");
        sent += k; /* whole periods until the last block: the stream stays periodic */
        if (k % PERIOD && sent < s->total) { fprintf(stderr, "partial send\n"); exit(1); }
    }
    shutdown(s->sock, SHUT_WR);
    return NULL;
}

static double bulk(long n) {
    int pair[2];
    static unsigned char buf[4 * OP];
    tcp_pair(pair, 0);
    struct sender s = {pair[0], n * OP};
    pthread_t t;
    double t0 = now();
    pthread_create(&t, NULL, send_pattern, &s);
    long got = 0;
    for (ssize_t k; (k = recv(pair[1], buf, sizeof buf, 0)) > 0; got += k)
        if (buf[0] != got % PERIOD || buf[k - 1] != (got + k - 1) % PERIOD) fail("bulk data");
    double t1 = now();
    pthread_join(t, NULL);
    if (got != n * OP) fail("bulk byte count");
    return t1 - t0;
}

static void udp(long n) {
    struct sockaddr_in aa, ba, from;
    int a = listener(&aa, SOCK_DGRAM), b = listener(&ba, SOCK_DGRAM);
    char msg[64], buf[2048];
    for (int i = 0; i < 64; i++) msg[i] = (char)(64 + i);
    for (long i = 0; i < n; i++) {
        socklen_t len = sizeof from;
        if (sendto(a, msg, 64, 0, (struct sockaddr *)&ba, sizeof ba) != 64 ||
            recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len) != 64 || memcmp(buf, msg, 64) ||
            from.sin_port != aa.sin_port)
            fail("udp");
    }
}

static double udp_echo(long n) {
    struct sockaddr_in aa, ba, from;
    int a = listener(&aa, SOCK_DGRAM), b = listener(&ba, SOCK_DGRAM);
    char msg[64], buf[2048];
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            socklen_t len = sizeof from;
            ssize_t k = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
            if (k == 4 && !memcmp(buf, "stop", 4)) _exit(0);
            sendto(b, buf, k, 0, (struct sockaddr *)&from, len);
        }
    }
    for (int i = 0; i < 64; i++) msg[i] = (char)(64 + i);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        socklen_t len = sizeof from;
        if (sendto(a, msg, 64, 0, (struct sockaddr *)&ba, sizeof ba) != 64 ||
            recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &len) != 64 || memcmp(buf, msg, 64))
            fail("udp echo");
    }
    double t1 = now();
    sendto(a, "stop", 4, 0, (struct sockaddr *)&ba, sizeof ba);
    waitpid(child, NULL, 0);
    return t1 - t0;
}

/* bench/batch.py's loop: n datagrams of 64 bytes (a sequence number, then
 * a fixed body) in batches of 64, one sendmmsg and one recvmmsg per batch;
 * `timed` says which halves count (1 send, 2 receive, 3 both). */
#define BATCH 64
static double udp_batch(long n, int timed) {
    struct sockaddr_in aa, ba, from[BATCH];
    int a = listener(&aa, SOCK_DGRAM), b = listener(&ba, SOCK_DGRAM);
    static char out[BATCH][64], in[BATCH][2048];
    struct iovec out_iov[BATCH], in_iov[BATCH];
    struct mmsghdr sent[BATCH], got[BATCH];
    double seconds = 0;
    for (long done = 0; done < n; done += BATCH) {
        int count = n - done < BATCH ? (int)(n - done) : BATCH;
        for (int i = 0; i < count; i++) {
            unsigned seq = htonl((unsigned)(done + i));
            memcpy(out[i], &seq, 4);
            for (int k = 4; k < 64; k++) out[i][k] = (char)k;
            out_iov[i] = (struct iovec){out[i], 64};
            in_iov[i] = (struct iovec){in[i], sizeof in[i]};
            memset(&sent[i], 0, sizeof sent[i]);
            memset(&got[i], 0, sizeof got[i]);
            sent[i].msg_hdr = (struct msghdr){.msg_name = &ba, .msg_namelen = sizeof ba, .msg_iov = &out_iov[i], .msg_iovlen = 1};
            got[i].msg_hdr = (struct msghdr){.msg_name = &from[i], .msg_namelen = sizeof from[i], .msg_iov = &in_iov[i], .msg_iovlen = 1};
        }
        double t0 = now();
        if (sendmmsg(a, sent, count, 0) != count) fail("sendmmsg");
        double t1 = now();
        if (recvmmsg(b, got, count, MSG_WAITFORONE, NULL) != count) fail("recvmmsg");
        double t2 = now();
        seconds += (timed & 1 ? t1 - t0 : 0) + (timed & 2 ? t2 - t1 : 0);
        for (int i = 0; i < count; i++)
            if (got[i].msg_len != 64 || memcmp(in[i], out[i], 64) || from[i].sin_port != aa.sin_port) fail("udp batch");
    }
    close(a);
    close(b);
    return seconds;
}

static void connections(long n) {
    struct sockaddr_in addr;
    int l = listener(&addr, SOCK_STREAM);
    for (long i = 0; i < n; i++) {
        char byte = (char)i, got = 0;
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (c < 0 || connect(c, (struct sockaddr *)&addr, sizeof addr)) fail("connect");
        int s = accept(l, NULL, NULL);
        if (s < 0 || send(c, &byte, 1, 0) != 1 || recv(s, &got, 1, 0) != 1 || got != byte) fail("accept");
        close(s);
        close(c);
    }
    close(l);
}

static void resolve(long n) {
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
    for (long i = 0; i < n; i++) {
        if (getaddrinfo("127.0.0.1", "80", &hints, &res) || res->ai_addrlen != sizeof(struct sockaddr_in))
            fail("getaddrinfo");
        freeaddrinfo(res);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s MODE N\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    long n = atol(argv[2]);
    volatile unsigned sink = 0;
    unsigned char packed[16];
    char text[64];
    double t0 = now(), seconds = -1;
    if (!strcmp(mode, "pingpong-pair")) {
        int pair[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair)) fail("socketpair");
        t0 = now();
        pingpong(pair[0], pair[1], n);
    } else if (!strcmp(mode, "pingpong-tcp")) {
        int pair[2];
        tcp_pair(pair, 1);
        t0 = now();
        pingpong(pair[0], pair[1], n);
    } else if (!strcmp(mode, "bulk-tcp")) {
        seconds = bulk(n);
    } else if (!strcmp(mode, "udp")) {
        udp(n);
    } else if (!strcmp(mode, "udp-echo")) {
        seconds = udp_echo(n);
    } else if (!strcmp(mode, "udp-batch")) {
        seconds = udp_batch(n, 3);
    } else if (!strcmp(mode, "udp-batch-send")) {
        seconds = udp_batch(n, 1);
    } else if (!strcmp(mode, "udp-batch-recv")) {
        seconds = udp_batch(n, 2);
    } else if (!strcmp(mode, "connect")) {
        connections(n);
    } else if (!strcmp(mode, "getaddrinfo")) {
        resolve(n);
    } else if (!strcmp(mode, "inet_pton")) {
        for (long i = 0; i < n; i++)
            if (inet_pton(AF_INET6, "2001:db8::1", packed) != 1 || packed[1] != 0x01) fail("inet_pton");
    } else if (!strcmp(mode, "inet_ntop")) {
        inet_pton(AF_INET6, "2001:db8::1", packed);
        for (long i = 0; i < n; i++)
            if (!inet_ntop(AF_INET6, packed, text, sizeof text) || strcmp(text, "2001:db8::1")) fail("inet_ntop");
    } else if (!strcmp(mode, "inet_aton")) {
        struct in_addr a;
        for (long i = 0; i < n; i++)
            if (!inet_aton("127.0.0.1", &a) || a.s_addr != htonl(0x7f000001)) fail("inet_aton");
    } else if (!strcmp(mode, "inet_ntoa")) {
        struct in_addr a = {htonl(0x7f000001)};
        for (long i = 0; i < n; i++)
            if (strcmp(inet_ntoa(a), "127.0.0.1")) fail("inet_ntoa");
    } else if (!strcmp(mode, "htonl")) {
        for (long i = 0; i < n; i++) sink += htonl(0x7f000001u + (unsigned)(i & sink));
    } else if (!strcmp(mode, "htons")) {
        for (long i = 0; i < n; i++) sink += htons((unsigned short)(80 + (i & sink)));
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    if (seconds < 0) seconds = now() - t0;
    printf("%.6f\n", seconds * 1e6 / n);
    return 0;
}
