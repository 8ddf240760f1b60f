/*
 * Vigil's native NTP fast path (JNI), used by dev.vigil.ntp.server.NativeNtp.
 *
 * One call of serve() reads a batch of datagrams with recvmmsg (kernel receive timestamps from
 * SO_TIMESTAMPNS), rewrites every plain 48-byte client (mode 3, or NTPv1 mode 0) or symmetric
 * active (mode 1) request of version 1-4 into its reply in place, exactly as the Java
 * NtpResponder does, and sends those replies with one sendmmsg. Every other datagram is left in
 * its slot, flagged, for the Java responder, which handles it and answers through sendSlot().
 *
 * The per-thread state is one direct ByteBuffer (native byte order): a 64-byte header with what
 * the server states about its time (written by Java, see NativeNtp), then SLOTS slots of
 * SLOT_HEADER + SLOT_DATA bytes.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 64
#define SLOT_HEADER 64
#define SLOT_DATA 2048
#define SLOT_SIZE (SLOT_HEADER + SLOT_DATA)
#define STATE_HEADER 64

/* state header, offsets in bytes */
#define P_LEAP 0
#define P_STRATUM 4
#define P_PRECISION 8
#define P_ROOT_DELAY 12
#define P_REFID 16
#define P_REF_NANOS 24
#define P_REF_RAW 32
#define P_ROOT_DISP 40
#define P_OFFSET 48
#define P_MAX_LENGTH 56

/* slot header */
#define S_LEN 0
#define S_SLOW 4
#define S_ADDRLEN 8
#define S_ADDR 16 /* 28 bytes: sockaddr_in6 or sockaddr_in */
#define S_RX_NANOS 48

#define NANOS 1000000000LL
#define UNIX_TO_NTP 2208988800LL
#define PHI 15e-6
#define MAXDISP 16.0

static inline int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* NtpTimestamp.fromEpochNanos */
static inline uint64_t ntp_from_nanos(int64_t t) {
    int64_t secs = floor_div(t, NANOS);
    int64_t nanos = t - secs * NANOS;
    uint64_t ntp_secs = (uint64_t) (secs + UNIX_TO_NTP) & 0xFFFFFFFFULL;
    uint64_t frac = (uint64_t) (((nanos << 32) + NANOS / 2) / NANOS);
    if (frac > 0xFFFFFFFFULL) {
        frac = 0xFFFFFFFFULL;
    }
    return (ntp_secs << 32) | frac;
}

/* NtpTimestamp.toShort */
static inline uint32_t ntp_short(double seconds) {
    if (!(seconds > 0)) {
        return 0;
    }
    double v = seconds * 65536.0;
    return v >= 4294967295.0 ? 0xFFFFFFFFU : (uint32_t) (int64_t) ceil(v);
}

static inline void put32(unsigned char *p, uint32_t v) {
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static inline void put64(unsigned char *p, uint64_t v) {
    put32(p, (uint32_t) (v >> 32));
    put32(p + 4, (uint32_t) v);
}

static inline int64_t now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t) ts.tv_sec * NANOS + ts.tv_nsec;
}

#define I32(base, off) (*(int32_t *) ((base) + (off)))
#define I64(base, off) (*(int64_t *) ((base) + (off)))
#define F64(base, off) (*(double *) ((base) + (off)))

JNIEXPORT jint JNICALL Java_dev_vigil_ntp_server_NativeNtp_open0(JNIEnv *env, jclass cls, jbyteArray addr,
                                                                  jint port, jint buffer) {
    (void) cls;
    int family = AF_INET6;
    struct sockaddr_storage ss;
    socklen_t sl;
    memset(&ss, 0, sizeof ss);
    jsize n = addr == NULL ? 0 : (*env)->GetArrayLength(env, addr);
    if (n == 4) {
        struct sockaddr_in *a = (struct sockaddr_in *) &ss;
        family = AF_INET;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t) port);
        (*env)->GetByteArrayRegion(env, addr, 0, 4, (jbyte *) &a->sin_addr);
        sl = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t) port);
        if (n == 16) {
            (*env)->GetByteArrayRegion(env, addr, 0, 16, (jbyte *) &a->sin6_addr);
        } else {
            a->sin6_addr = in6addr_any;
        }
        sl = sizeof *a;
    }
    int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    int one = 1, zero = 0;
    struct timeval tv = { 0, 250000 }; /* serve() returns at least this often, to see a stop */
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0
            || setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) < 0
            || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0
            || (family == AF_INET6 && n != 16 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero) < 0)) {
        int e = errno;
        close(fd);
        return -e;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    if (bind(fd, (struct sockaddr *) &ss, sl) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    return fd;
}

JNIEXPORT jint JNICALL Java_dev_vigil_ntp_server_NativeNtp_localPort0(JNIEnv *env, jclass cls, jint fd) {
    (void) env; (void) cls;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *) &ss, &sl) < 0) {
        return -errno;
    }
    return ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *) &ss)->sin_port)
                                   : ntohs(((struct sockaddr_in6 *) &ss)->sin6_port);
}

JNIEXPORT void JNICALL Java_dev_vigil_ntp_server_NativeNtp_shutdown0(JNIEnv *env, jclass cls, jint fd) {
    (void) env; (void) cls;
    shutdown(fd, SHUT_RDWR); /* wakes a thread blocked in recvmmsg on Linux */
}

JNIEXPORT void JNICALL Java_dev_vigil_ntp_server_NativeNtp_close0(JNIEnv *env, jclass cls, jint fd) {
    (void) env; (void) cls;
    close(fd);
}

/*
 * One batch. Returns received | replied << 16, or -errno on a socket error; 0 on timeout.
 * Slots with S_SLOW = 1 are for Java.
 */
JNIEXPORT jlong JNICALL Java_dev_vigil_ntp_server_NativeNtp_serve0(JNIEnv *env, jclass cls, jint fd, jobject state) {
    (void) cls;
    unsigned char *st = (*env)->GetDirectBufferAddress(env, state);
    unsigned char *slots = st + STATE_HEADER;
    struct mmsghdr rx[SLOTS], tx[SLOTS];
    struct iovec iov[SLOTS], txiov[SLOTS];
    union { struct cmsghdr align; char buf[CMSG_SPACE(sizeof(struct timespec))]; } ctl[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
        unsigned char *s = slots + (size_t) i * SLOT_SIZE;
        iov[i].iov_base = s + SLOT_HEADER;
        iov[i].iov_len = SLOT_DATA;
        memset(&rx[i].msg_hdr, 0, sizeof rx[i].msg_hdr);
        rx[i].msg_hdr.msg_name = s + S_ADDR;
        rx[i].msg_hdr.msg_namelen = sizeof(struct sockaddr_in6);
        rx[i].msg_hdr.msg_iov = &iov[i];
        rx[i].msg_hdr.msg_iovlen = 1;
        rx[i].msg_hdr.msg_control = ctl[i].buf;
        rx[i].msg_hdr.msg_controllen = sizeof ctl[i].buf;
    }
    int n = recvmmsg(fd, rx, SLOTS, MSG_WAITFORONE, NULL);
    if (n <= 0) {
        int e = errno;
        return n == 0 || e == EAGAIN || e == EWOULDBLOCK || e == EINTR ? 0 : -e;
    }
    int64_t fallback = 0;
    int leap = I32(st, P_LEAP), stratum = I32(st, P_STRATUM), precision = I32(st, P_PRECISION);
    uint32_t root_delay = (uint32_t) I32(st, P_ROOT_DELAY), refid = (uint32_t) I32(st, P_REFID);
    int64_t ref_nanos = I64(st, P_REF_NANOS), offset = I64(st, P_OFFSET);
    uint64_t ref_raw = (uint64_t) I64(st, P_REF_RAW);
    double root_disp = F64(st, P_ROOT_DISP);
    int max_length = I32(st, P_MAX_LENGTH);
    int replies = 0;
    for (int i = 0; i < n; i++) {
        unsigned char *s = slots + (size_t) i * SLOT_SIZE;
        unsigned char *b = s + SLOT_HEADER;
        int len = (int) rx[i].msg_len;
        int64_t rx_nanos = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&rx[i].msg_hdr); c != NULL; c = CMSG_NXTHDR(&rx[i].msg_hdr, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                struct timespec ts;
                memcpy(&ts, CMSG_DATA(c), sizeof ts);
                rx_nanos = (int64_t) ts.tv_sec * NANOS + ts.tv_nsec;
            }
        }
        if (rx_nanos == 0) {
            if (fallback == 0) {
                fallback = now_nanos();
            }
            rx_nanos = fallback;
        }
        I32(s, S_LEN) = (rx[i].msg_hdr.msg_flags & MSG_TRUNC) ? SLOT_DATA + 1 : len;
        I32(s, S_ADDRLEN) = (int32_t) rx[i].msg_hdr.msg_namelen;
        I64(s, S_RX_NANOS) = rx_nanos;
        int vn = (b[0] >> 3) & 7, mode = b[0] & 7, reply_mode;
        if (vn == 1 && mode == 0) {
            mode = 3; /* RFC 1059: NTPv1 had no mode field */
        }
        if (len != 48 || max_length < 48 || (rx[i].msg_hdr.msg_flags & MSG_TRUNC) || vn < 1 || vn > 4
                || (mode != 3 && mode != 1)) {
            I32(s, S_SLOW) = 1;
            continue;
        }
        I32(s, S_SLOW) = 0;
        reply_mode = mode == 3 ? 4 : 2;
        int64_t t = rx_nanos + offset;
        double d = root_disp;
        if (ref_nanos != 0 && t > ref_nanos) {
            d += PHI * (double) (t - ref_nanos) * 1e-9;
        }
        b[0] = (unsigned char) ((leap << 6) | (vn << 3) | reply_mode);
        b[1] = (unsigned char) stratum;
        /* b[2]: the client's poll, echoed */
        b[3] = (unsigned char) precision;
        put32(b + 4, root_delay);
        put32(b + 8, ntp_short(d < MAXDISP ? d : MAXDISP));
        put32(b + 12, refid);
        put64(b + 16, ref_raw);
        memcpy(b + 24, b + 40, 8); /* origin = the request's transmit, untouched */
        put64(b + 32, ntp_from_nanos(t));
        txiov[replies].iov_base = b;
        txiov[replies].iov_len = 48;
        memset(&tx[replies].msg_hdr, 0, sizeof tx[replies].msg_hdr);
        tx[replies].msg_hdr.msg_name = s + S_ADDR;
        tx[replies].msg_hdr.msg_namelen = rx[i].msg_hdr.msg_namelen;
        tx[replies].msg_hdr.msg_iov = &txiov[replies];
        tx[replies].msg_hdr.msg_iovlen = 1;
        replies++;
    }
    if (replies > 0) {
        int64_t now = now_nanos() + offset;
        for (int i = 0; i < replies; i++) {
            unsigned char *b = txiov[i].iov_base;
            int64_t rxs = I64(b - SLOT_HEADER, S_RX_NANOS) + offset;
            put64(b + 40, ntp_from_nanos(now > rxs ? now : rxs));
        }
        int sent = 0;
        while (sent < replies) {
            int k = sendmmsg(fd, tx + sent, (unsigned) (replies - sent), 0);
            if (k <= 0) {
                if (k < 0 && errno == EINTR) {
                    continue;
                }
                sent++; /* skip the datagram the kernel refused (as a lost UDP reply) and go on */
                continue;
            }
            sent += k;
        }
    }
    return (jlong) n | ((jlong) replies << 16);
}

/* Sends the first len bytes of a slot's data back to the slot's sender (a reply built by Java). */
JNIEXPORT jint JNICALL Java_dev_vigil_ntp_server_NativeNtp_sendSlot0(JNIEnv *env, jclass cls, jint fd, jobject state,
                                                                      jint slot, jint len) {
    (void) cls;
    unsigned char *s = (unsigned char *) (*env)->GetDirectBufferAddress(env, state) + STATE_HEADER
            + (size_t) slot * SLOT_SIZE;
    ssize_t r = sendto(fd, s + SLOT_HEADER, (size_t) len, 0, (struct sockaddr *) (s + S_ADDR),
                       (socklen_t) I32(s, S_ADDRLEN));
    return r < 0 ? -errno : (jint) r;
}
