/* The same 64-byte ping-pong as pingpong.py, in C: four system calls per
 * round trip and nothing else. Its time is the floor under any Python
 * binding on this machine; `nox -s bench` prints it beside the ratios.
 *
 *     python -m ziglang cc -O2 -o floor bench/syscall_floor.c && ./floor [iterations]
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double round_trip_us(int a, int b, int n) {
    char msg[64], buf[64];
    struct timespec t0, t1;
    memset(msg, 'x', sizeof msg);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n; i++) {
        if (send(a, msg, 64, 0) != 64 || recv(b, buf, 64, 0) != 64 ||
            send(b, msg, 64, 0) != 64 || recv(a, buf, 64, 0) != 64) {
            perror("ping-pong");
            exit(1);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n / 1e3;
}

static void tcp_pair(int out[2]) {
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    int one = 1, listener = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 1) ||
        getsockname(listener, (struct sockaddr *)&addr, &len)) {
        perror("listen");
        exit(1);
    }
    out[0] = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(out[0], (struct sockaddr *)&addr, sizeof addr)) {
        perror("connect");
        exit(1);
    }
    out[1] = accept(listener, NULL, NULL);
    close(listener);
    for (int i = 0; i < 2; i++) setsockopt(out[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200000, pair[2], tcp[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair)) {
        perror("socketpair");
        return 1;
    }
    tcp_pair(tcp);
    double best_pair = 1e9, best_tcp = 1e9;
    for (int r = 0; r < 5; r++) {
        double p = round_trip_us(pair[0], pair[1], n), t = round_trip_us(tcp[0], tcp[1], n);
        if (p < best_pair) best_pair = p;
        if (t < best_tcp) best_tcp = t;
    }
    printf("system-call floor (C, best of 5): socketpair %.3f us, tcp-loopback %.3f us per round trip\n",
           best_pair, best_tcp);
    return 0;
}
