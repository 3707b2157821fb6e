/*
 * miprig's zero-footprint shim for real micropython unix binaries (LD_PRELOAD).
 *
 * The binary runs unmodified and bare (`micropython -m mip install …`): nothing of the harness is
 * on its Python heap or stack. This library replaces a handful of libc entry points instead:
 *
 * - getaddrinfo: every host name answers with a private address 127.77.x.y (one per name, kept in
 *   this library's static memory). With MIPRIG_RESOLVE=1 the loopback server is asked first
 *   (`MIPRIG-RESOLVE <host>`), so a world's DNS faults decide per look-up; a host that does not
 *   resolve gives EAI_NONAME, which the unix port prints as `[addrinfo error -2]`.
 * - connect: a connection to 127.77.x.y:PORT goes to the loopback server (127.0.0.1:MIPRIG_PORT),
 *   which first reads `MIPRIG-CONNECT <host> <port>\r\n` and then serves TLS or plain HTTP as the
 *   world says that host and port speak. Any other internet address is refused (ENETUNREACH):
 *   nothing leaves the machine. TCP_NODELAY is set on the redirected socket (the installers write
 *   requests in many small pieces; segmentation is invisible to them, delayed ACKs are not).
 * - path functions (open, stat, mkdir, rename, unlink, rmdir, opendir, chdir, getcwd, statvfs, …):
 *   device paths are mapped into the run root (MIPRIG_ROOT): `/lib/x.py` is
 *   `<root>/lib/x.py`, a `..` that climbs above `/` stays at `/` as on a board, and is reported
 *   (fd MIPRIG_FD: `escape <path as given>`) when it is a write. getcwd answers in device terms.
 *   Only /dev/null, /dev/urandom and /dev/random are passed through (TLS libraries read entropy).
 *
 * Environment: MIPRIG_ROOT (required; without it every call passes straight to libc),
 * MIPRIG_PORT, MIPRIG_RESOLVE, MIPRIG_FD. On load the library writes `ready <pid>` to MIPRIG_FD,
 * so the harness knows it took effect (a static binary ignores LD_PRELOAD) and which processes
 * the step started, in every generation.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <arpa/inet.h>
#include <unistd.h>

#define MAX_HOSTS 1024
#define MAX_HOST_LEN 255
#define FAKE_NET 0x7f4d0000u /* 127.77.0.0/16 */

static char root[4096];
static size_t root_len;
static int active;
static int server_port;
static int ask_resolve;
static int report_fd = -1;
static char hosts[MAX_HOSTS][MAX_HOST_LEN + 1];
static int n_hosts;

#define REAL(name) static __typeof__(&name) real_##name; if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

static void report(const char *kind, const char *text) {
    if (report_fd < 0) return;
    char line[8192];
    int n = snprintf(line, sizeof line, "%s %s\n", kind, text);
    if (n <= 0) return;
    if ((size_t)n >= sizeof line) n = sizeof line - 1, line[n - 1] = '\n';
    ssize_t ignored = write(report_fd, line, (size_t)n);
    (void)ignored;
}

__attribute__((constructor)) static void shim_init(void) {
    const char *r = getenv("MIPRIG_ROOT");
    if (r == NULL || r[0] != '/' || strlen(r) >= sizeof root) return;
    strcpy(root, r);
    root_len = strlen(root);
    while (root_len > 1 && root[root_len - 1] == '/') root[--root_len] = '\0';
    const char *p = getenv("MIPRIG_PORT");
    server_port = p ? atoi(p) : 0;
    const char *q = getenv("MIPRIG_RESOLVE");
    ask_resolve = q != NULL && q[0] == '1';
    const char *f = getenv("MIPRIG_FD");
    report_fd = f ? atoi(f) : -1;
    active = 1;
    /* Every process of the run that loads the shim says so (LD_PRELOAD and fd 3 are inherited):
       the harness kills them all when the step ends, detached (setsid) descendants included. */
    char pid[32];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    report("ready", pid);
}

/* ---------------------------------------------------------------- paths */

static int passthrough(const char *p) {
    return strcmp(p, "/dev/null") == 0 || strcmp(p, "/dev/urandom") == 0 || strcmp(p, "/dev/random") == 0;
}

/* The binary's cwd in device terms (it is always inside the root: chdir is mapped too). */
static int device_cwd(char *out, size_t size) {
    REAL(getcwd);
    char host[4096];
    if (real_getcwd(host, sizeof host) == NULL) return -1;
    if (strncmp(host, root, root_len) != 0 || (host[root_len] != '\0' && host[root_len] != '/')) return -1;
    const char *rest = host[root_len] ? host + root_len : "/";
    if (strlen(rest) >= size) return -1;
    strcpy(out, rest);
    return 0;
}

/*
 * Map a path the binary names to a host path in `out`. Returns `p` itself when it needs no
 * mapping (a relative path without `..`: the cwd is inside the root), `out` otherwise, or NULL
 * (errno set) when it cannot be mapped. `*climbed` is set when a `..` went above `/`.
 */
static const char *map_path(const char *p, char *out, size_t size, int *climbed) {
    *climbed = 0;
    if (!active || p == NULL) return p;
    if (p[0] != '/') {
        int dotdot = 0;
        for (const char *s = p; (s = strstr(s, "..")) != NULL; s += 2) {
            if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/')) { dotdot = 1; break; }
        }
        if (!dotdot) return p;
    } else if (passthrough(p)) {
        return p;
    }
    char dev[8192];
    if (p[0] == '/') {
        if (strlen(p) >= sizeof dev) { errno = ENAMETOOLONG; return NULL; }
        strcpy(dev, p);
    } else {
        char cwd[4096];
        if (device_cwd(cwd, sizeof cwd) != 0) { errno = EACCES; return NULL; }
        if (snprintf(dev, sizeof dev, "%s/%s", cwd, p) >= (int)sizeof dev) { errno = ENAMETOOLONG; return NULL; }
    }
    /* Normalise in place: components, `.` dropped, `..` pops (clamped at `/`). */
    char norm[8192];
    size_t len = 0;
    const char *s = dev;
    while (*s) {
        while (*s == '/') s++;
        if (!*s) break;
        const char *e = s;
        while (*e && *e != '/') e++;
        size_t n = (size_t)(e - s);
        if (n == 1 && s[0] == '.') {
            /* nothing */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (len == 0) *climbed = 1;
            while (len > 0 && norm[len - 1] != '/') len--;
            if (len > 0) len--; /* the slash */
        } else {
            if (len + 1 + n >= sizeof norm) { errno = ENAMETOOLONG; return NULL; }
            norm[len++] = '/';
            memcpy(norm + len, s, n);
            len += n;
        }
        s = e;
    }
    norm[len] = '\0';
    if (snprintf(out, size, "%s%s", root, len ? norm : "") >= (int)size) { errno = ENAMETOOLONG; return NULL; }
    return out;
}

/* Map for a write: a climb above `/` is reported (the write still lands, clamped, as on a board). */
static const char *map_write(const char *p, char *out, size_t size) {
    int climbed;
    const char *m = map_path(p, out, size, &climbed);
    if (climbed) report("escape", p);
    if (m != NULL && m == p && p[0] == '/' && passthrough(p) && strcmp(p, "/dev/null") != 0) {
        /* Entropy devices are read-only for the binary. */
        report("escape", p);
        errno = EACCES;
        return NULL;
    }
    return m;
}

static const char *map_read(const char *p, char *out, size_t size) {
    int climbed;
    return map_path(p, out, size, &climbed);
}

static int is_write(int flags) {
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) != 0;
}

#define PATHBUF char buf[8192]

int open(const char *path, int flags, ...) {
    REAL(open);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    PATHBUF;
    const char *m = is_write(flags) ? map_write(path, buf, sizeof buf) : map_read(path, buf, sizeof buf);
    if (m == NULL) return -1;
    return real_open(m, flags, mode);
}

int open64(const char *path, int flags, ...) {
    REAL(open64);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    PATHBUF;
    const char *m = is_write(flags) ? map_write(path, buf, sizeof buf) : map_read(path, buf, sizeof buf);
    if (m == NULL) return -1;
    return real_open64(m, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...) {
    REAL(openat);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    PATHBUF;
    const char *m = path;
    if (dirfd == AT_FDCWD || (path[0] == '/')) {
        m = is_write(flags) ? map_write(path, buf, sizeof buf) : map_read(path, buf, sizeof buf);
        if (m == NULL) return -1;
    }
    return real_openat(dirfd, m, flags, mode);
}

FILE *fopen(const char *path, const char *mode) {
    REAL(fopen);
    PATHBUF;
    int w = mode && (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+'));
    const char *m = w ? map_write(path, buf, sizeof buf) : map_read(path, buf, sizeof buf);
    if (m == NULL) return NULL;
    return real_fopen(m, mode);
}

FILE *fopen64(const char *path, const char *mode) {
    REAL(fopen64);
    PATHBUF;
    int w = mode && (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+'));
    const char *m = w ? map_write(path, buf, sizeof buf) : map_read(path, buf, sizeof buf);
    if (m == NULL) return NULL;
    return real_fopen64(m, mode);
}

#define READ_WRAP(ret, name, params, args)                     \
    ret name params {                                          \
        REAL(name);                                            \
        PATHBUF;                                               \
        const char *m = map_read(path, buf, sizeof buf);       \
        if (m == NULL) return -1;                              \
        return real_##name args;                               \
    }

#define WRITE_WRAP(ret, name, params, args)                    \
    ret name params {                                          \
        REAL(name);                                            \
        PATHBUF;                                               \
        const char *m = map_write(path, buf, sizeof buf);      \
        if (m == NULL) return -1;                              \
        return real_##name args;                               \
    }

READ_WRAP(int, stat, (const char *path, struct stat *st), (m, st))
READ_WRAP(int, lstat, (const char *path, struct stat *st), (m, st))
READ_WRAP(int, stat64, (const char *path, struct stat64 *st), (m, st))
READ_WRAP(int, lstat64, (const char *path, struct stat64 *st), (m, st))
READ_WRAP(int, access, (const char *path, int how), (m, how))
READ_WRAP(int, statvfs, (const char *path, struct statvfs *st), (m, st))
READ_WRAP(int, statvfs64, (const char *path, struct statvfs64 *st), (m, st))
READ_WRAP(int, chdir, (const char *path), (m))
READ_WRAP(ssize_t, readlink, (const char *restrict path, char *restrict out, size_t n), (m, out, n))
WRITE_WRAP(int, rmdir, (const char *path), (m))
WRITE_WRAP(int, unlink, (const char *path), (m))
WRITE_WRAP(int, remove, (const char *path), (m))
WRITE_WRAP(int, truncate, (const char *path, off_t n), (m, n))
WRITE_WRAP(int, chmod, (const char *path, mode_t mode), (m, mode))

/* mkdir of a directory that exists writes nothing: no escape, as on the virtual device. */
int mkdir(const char *path, mode_t mode) {
    REAL(mkdir);
    PATHBUF;
    int climbed;
    const char *m = map_path(path, buf, sizeof buf, &climbed);
    if (m == NULL) return -1;
    int r = real_mkdir(m, mode);
    if (climbed && !(r != 0 && errno == EEXIST)) {
        int saved = errno;
        report("escape", path);
        errno = saved;
    }
    return r;
}

/* Binaries built against glibc < 2.33 call these instead of stat/lstat. */
int __xstat(int ver, const char *path, struct stat *st) {
    REAL(__xstat);
    PATHBUF;
    const char *m = map_read(path, buf, sizeof buf);
    if (m == NULL) return -1;
    return real___xstat(ver, m, st);
}

int __xstat64(int ver, const char *path, struct stat64 *st) {
    REAL(__xstat64);
    PATHBUF;
    const char *m = map_read(path, buf, sizeof buf);
    if (m == NULL) return -1;
    return real___xstat64(ver, m, st);
}

int __lxstat(int ver, const char *path, struct stat *st) {
    REAL(__lxstat);
    PATHBUF;
    const char *m = map_read(path, buf, sizeof buf);
    if (m == NULL) return -1;
    return real___lxstat(ver, m, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags) {
    REAL(fstatat);
    PATHBUF;
    const char *m = path;
    if (dirfd == AT_FDCWD || (path[0] == '/')) {
        m = map_read(path, buf, sizeof buf);
        if (m == NULL) return -1;
    }
    return real_fstatat(dirfd, m, st, flags);
}

int rename(const char *from, const char *to) {
    REAL(rename);
    char a[8192], b[8192];
    const char *ma = map_write(from, a, sizeof a);
    if (ma == NULL) return -1;
    const char *mb = map_write(to, b, sizeof b);
    if (mb == NULL) return -1;
    return real_rename(ma, mb);
}

DIR *opendir(const char *path) {
    REAL(opendir);
    PATHBUF;
    const char *m = map_read(path, buf, sizeof buf);
    if (m == NULL) return NULL;
    return real_opendir(m);
}

char *getcwd(char *out, size_t size) {
    REAL(getcwd);
    if (!active) return real_getcwd(out, size);
    char dev[4096];
    if (device_cwd(dev, sizeof dev) != 0) return real_getcwd(out, size);
    if (out == NULL) return strdup(dev);
    if (strlen(dev) + 1 > size) { errno = ERANGE; return NULL; }
    strcpy(out, dev);
    return out;
}

/* ---------------------------------------------------------------- network */

static int host_index(const char *host) {
    for (int i = 0; i < n_hosts; i++) if (strcmp(hosts[i], host) == 0) return i;
    if (n_hosts == MAX_HOSTS || strlen(host) > MAX_HOST_LEN) return -1;
    strcpy(hosts[n_hosts], host);
    return n_hosts++;
}

static int loopback_socket(void) {
    REAL(connect);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)server_port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (real_connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    return fd;
}

static int send_all(int fd, const char *text, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, text, n, MSG_NOSIGNAL);
        if (w < 0) { if (errno == EINTR) continue; return -1; }
        text += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Ask the loopback server whether `host` resolves: 1 yes, 0 no (a DNS fault), 1 when unsure. */
static int resolves(const char *host) {
    int fd = loopback_socket();
    if (fd < 0) return 1;
    char q[MAX_HOST_LEN + 32];
    int n = snprintf(q, sizeof q, "MIPRIG-RESOLVE %s\r\n\r\n", host);
    char answer = '1';
    if (send_all(fd, q, (size_t)n) == 0) {
        ssize_t r;
        do r = recv(fd, &answer, 1, 0); while (r < 0 && errno == EINTR);
        if (r != 1) answer = '1';
    }
    close(fd);
    return answer != '0';
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
    REAL(getaddrinfo);
    if (!active || node == NULL) return real_getaddrinfo(node, service, hints, res);
    if (hints && hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET) return EAI_ADDRFAMILY;
    if (ask_resolve && !resolves(node)) return EAI_NONAME;
    int idx = host_index(node);
    if (idx < 0) return EAI_MEMORY;
    int port = 0;
    if (service != NULL) {
        char *end;
        long v = strtol(service, &end, 10);
        if (*end != '\0' || v < 0 || v > 65535) return EAI_SERVICE;
        port = (int)v;
    }
    /* As glibc answers for a name with one IPv4 address: one entry per socket type asked for. */
    static const int types[3][2] = { { SOCK_STREAM, IPPROTO_TCP }, { SOCK_DGRAM, IPPROTO_UDP }, { SOCK_RAW, 0 } };
    int want = hints ? hints->ai_socktype : 0;
    struct addrinfo *head = NULL, **tail = &head;
    for (int i = 0; i < 3; i++) {
        if (want != 0 && want != types[i][0]) continue;
        /* One block per entry, as glibc's freeaddrinfo expects (it frees ai and ai_canonname). */
        struct { struct addrinfo ai; struct sockaddr_in sin; } *e = calloc(1, sizeof *e);
        if (e == NULL) { freeaddrinfo(head); return EAI_MEMORY; }
        e->sin.sin_family = AF_INET;
        e->sin.sin_port = htons((uint16_t)port);
        e->sin.sin_addr.s_addr = htonl(FAKE_NET | (uint32_t)idx);
        e->ai.ai_family = AF_INET;
        e->ai.ai_socktype = types[i][0];
        e->ai.ai_protocol = types[i][1];
        e->ai.ai_addrlen = sizeof e->sin;
        e->ai.ai_addr = (struct sockaddr *)&e->sin;
        *tail = &e->ai;
        tail = &e->ai.ai_next;
    }
    if (head == NULL) return EAI_SOCKTYPE;
    *res = head;
    return 0;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    REAL(connect);
    if (!active || addr == NULL) return real_connect(fd, addr, len);
    if (addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
        uint32_t ip = ntohl(in->sin_addr.s_addr);
        if ((ip & 0xffff0000u) == FAKE_NET && (int)(ip & 0xffffu) < n_hosts) {
            const char *host = hosts[ip & 0xffffu];
            int flags = fcntl(fd, F_GETFL);
            if (flags >= 0 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)server_port) };
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            int r = real_connect(fd, (const struct sockaddr *)&a, sizeof a);
            int saved = errno;
            if (r == 0) {
                int one = 1;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                char preface[MAX_HOST_LEN + 40];
                int n = snprintf(preface, sizeof preface, "MIPRIG-CONNECT %s %d\r\n", host, ntohs(in->sin_port));
                if (send_all(fd, preface, (size_t)n) != 0) { r = -1; saved = errno; }
            }
            if (flags >= 0 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags);
            errno = saved;
            return r;
        }
        if (ip == INADDR_LOOPBACK && ntohs(in->sin_port) == server_port) return real_connect(fd, addr, len);
    }
    if (addr->sa_family == AF_INET || addr->sa_family == AF_INET6) {
        char where[INET6_ADDRSTRLEN + 16] = "?";
        if (addr->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)addr)->sin_addr, where, sizeof where);
        else inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr, where, sizeof where);
        report("network", where);
        errno = ENETUNREACH;
        return -1;
    }
    return real_connect(fd, addr, len);
}
