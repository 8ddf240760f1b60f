/*
 * ntpload: a fast NTP load generator for Vigil's benchmark (our own code, C99 + Linux).
 * Keeps WINDOW mode-3 requests in flight over SOCKETS connected UDP sockets (several source
 * ports, like several clients), using sendmmsg/recvmmsg. Every reply is validated like the
 * oracle kit's load.py: mode 4, our version, origin == our transmit timestamp, stratum 1..15
 * (0 = KoD), LI != 3, receive/transmit non-zero. A request unanswered after TIMEOUT_MS is lost
 * and its slot is reused. Prints answered/s, loss %, and latency percentiles in microseconds.
 *
 * usage: ntpload HOST PORT SECONDS WINDOW [SOCKETS] [TIMEOUT_MS]
 * build: gcc -O2 -o ntpload ntpload.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXW 65536
#define BATCH 64
#define VN 4

struct slot { uint64_t xmt; uint64_t sent_ns; int active; int sock; };
static struct slot slots[MAXW];
static uint32_t *lat;            /* latencies in ns (capped), one per answered request */
static size_t nlat, caplat;

static uint64_t now_ns(void) {
    struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}
static uint64_t be64(const unsigned char *p) { uint64_t v = 0; for (int i = 0; i < 8; i++) v = (v << 8) | p[i]; return v; }
static void put64(unsigned char *p, uint64_t v) { for (int i = 7; i >= 0; i--) { p[i] = v & 0xff; v >>= 8; } }
static int cmp32(const void *a, const void *b) { uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: ntpload HOST PORT SECONDS WINDOW [SOCKETS] [TIMEOUT_MS]\n"); return 2; }
    const char *host = argv[1], *port = argv[2];
    double seconds = atof(argv[3]);
    int window = atoi(argv[4]);
    int nsock = argc > 5 ? atoi(argv[5]) : 4;
    int timeout_ms = argc > 6 ? atoi(argv[6]) : 1000;
    if (window < 1 || window > MAXW || nsock < 1 || nsock > 64) { fprintf(stderr, "bad window or sockets\n"); return 2; }
    struct addrinfo hints = {0}, *ai;
    hints.ai_socktype = SOCK_DGRAM;
    if (getaddrinfo(host, port, &hints, &ai) != 0) { fprintf(stderr, "cannot resolve %s\n", host); return 2; }
    int socks[64];
    for (int i = 0; i < nsock; i++) {
        socks[i] = socket(ai->ai_family, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        int sz = 8 << 20;
        setsockopt(socks[i], SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz);
        setsockopt(socks[i], SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof sz);
        if (connect(socks[i], ai->ai_addr, ai->ai_addrlen) != 0) { perror("connect"); return 2; }
    }
    caplat = 1 << 24; lat = malloc(caplat * sizeof *lat);
    uint64_t sent = 0, ok = 0, lost = 0, unmatched = 0, kod = 0, invalid = 0, unsync = 0, gen = 1;
    unsigned char out[MAXW][48];
    static unsigned char in[BATCH][256];
    struct mmsghdr rmsg[BATCH]; struct iovec riov[BATCH];
    for (int i = 0; i < BATCH; i++) {
        riov[i].iov_base = in[i]; riov[i].iov_len = sizeof in[i];
        memset(&rmsg[i], 0, sizeof rmsg[i]); rmsg[i].msg_hdr.msg_iov = &riov[i]; rmsg[i].msg_hdr.msg_iovlen = 1;
    }
    int *pending = malloc(window * sizeof(int)), npending = 0;
    for (int i = 0; i < window; i++) { pending[npending++] = i; slots[i].sock = i % nsock; }
    uint64_t start = now_ns(), end = start + (uint64_t)(seconds * 1e9), last_sweep = start;
    uint64_t tmo = (uint64_t)timeout_ms * 1000000ull;
    int sending = 1;
    struct pollfd pfd[64];
    for (int i = 0; i < nsock; i++) { pfd[i].fd = socks[i]; pfd[i].events = POLLIN; }
    for (;;) {
        uint64_t t = now_ns();
        if (sending && t >= end) sending = 0;
        int active = 0;
        if (!sending) { for (int i = 0; i < window; i++) active += slots[i].active; if (!active) break; if (t >= end + tmo) break; }
        /* send every pending slot, batched per socket */
        if (sending && npending) {
            for (int s = 0; s < nsock; s++) {
                struct mmsghdr smsg[BATCH]; struct iovec siov[BATCH]; int idx[BATCH]; int n = 0;
                for (int k = 0; k < npending; k++) {
                    int i = pending[k];
                    if (i < 0 || slots[i].sock != s) continue;
                    memset(out[i], 0, 48); out[i][0] = (VN << 3) | 3; out[i][2] = 6;
                    slots[i].xmt = (gen++ << 16) | (uint64_t)i;
                    put64(out[i] + 40, slots[i].xmt);
                    siov[n].iov_base = out[i]; siov[n].iov_len = 48;
                    memset(&smsg[n], 0, sizeof smsg[n]); smsg[n].msg_hdr.msg_iov = &siov[n]; smsg[n].msg_hdr.msg_iovlen = 1;
                    idx[n++] = i; pending[k] = -1;
                    if (n == BATCH || k == npending - 1) {
                        uint64_t ts = now_ns();
                        int m = sendmmsg(socks[s], smsg, n, 0);
                        if (m < 0) m = 0;
                        for (int j = 0; j < n; j++) {
                            /* a request the kernel refused still counts as sent, and as lost when unanswered */
                            slots[idx[j]].active = 1; slots[idx[j]].sent_ns = ts; sent++;
                        }
                        n = 0;
                    }
                }
            }
            npending = 0;
        }
        poll(pfd, nsock, 5);
        for (int s = 0; s < nsock; s++) {
            for (;;) {
                int m = recvmmsg(socks[s], rmsg, BATCH, MSG_DONTWAIT, NULL);
                if (m <= 0) break;
                uint64_t tr = now_ns();
                for (int j = 0; j < m; j++) {
                    unsigned char *p = in[j]; unsigned len = rmsg[j].msg_len;
                    if (len < 48) { invalid++; continue; }
                    uint64_t org = be64(p + 24);
                    int i = (int)(org & 0xffff);
                    if (i >= window || !slots[i].active || slots[i].xmt != org) { unmatched++; continue; }
                    slots[i].active = 0; pending[npending++] = i;
                    int li = p[0] >> 6, vn = (p[0] >> 3) & 7, mode = p[0] & 7, st = p[1];
                    if (mode != 4 || vn != VN) { invalid++; continue; }
                    if (st == 0) { kod++; continue; }
                    if (st > 15 || be64(p + 32) == 0 || be64(p + 40) == 0) { invalid++; continue; }
                    if (li == 3) { unsync++; continue; }
                    ok++;
                    uint64_t d = tr - slots[i].sent_ns;
                    if (nlat < caplat) lat[nlat++] = d > 0xffffffffull ? 0xffffffffu : (uint32_t)d;
                }
            }
        }
        t = now_ns();
        if (t - last_sweep > 10000000ull) {
            last_sweep = t;
            for (int i = 0; i < window; i++)
                if (slots[i].active && t - slots[i].sent_ns > tmo) { slots[i].active = 0; lost++; pending[npending++] = i; }
        }
    }
    for (int i = 0; i < window; i++) if (slots[i].active) lost++;
    qsort(lat, nlat, sizeof *lat, cmp32);
#define P(q) (nlat ? lat[(size_t)((q) / 100.0 * (nlat - 1))] / 1000.0 : -1)
    printf("target=%s:%s seconds=%.1f window=%d sockets=%d\n", host, port, seconds, window, nsock);
    printf("sent=%llu answered_valid=%llu lost=%llu unmatched_late=%llu kod=%llu unsync=%llu invalid=%llu\n",
           (unsigned long long)sent, (unsigned long long)ok, (unsigned long long)lost, (unsigned long long)unmatched,
           (unsigned long long)kod, (unsigned long long)unsync, (unsigned long long)invalid);
    printf("answered_per_s=%.0f loss_pct=%.3f\n", ok / seconds, sent ? 100.0 * lost / sent : 0.0);
    printf("latency_us p50=%.0f p90=%.0f p99=%.0f p99.9=%.0f max=%.0f\n", P(50), P(90), P(99), P(99.9), P(100));
    return 0;
}
