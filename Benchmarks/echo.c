/* Benchmarks/echo.c: the floor for system.health (issue 11's "C echo server on the same
 * machine"). One epoll thread per core over a Unix socket (each its own accept on the shared
 * listener, level-triggered), every connection's bytes written straight back: with a line
 * per request, each echoed line carries the request's id, which is all `billingd bench
 * --mix health` checks. No parsing, no allocation per request.
 *
 *   cc -O2 -pthread -o echo Benchmarks/echo.c && ./echo /tmp/x/echo.sock [threads]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int listener;

static void *loop(void *unused) {
    (void)unused;
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.fd = listener};
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev) < 0) { perror("epoll"); exit(1); }
    static __thread char buf[65536];
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int c = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
                if (c < 0) continue;
                struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN) continue;
                close(fd);
                continue;
            }
            for (ssize_t off = 0; off < r;) {   /* blocking socket: the whole echo goes out */
                ssize_t w = write(fd, buf + off, (size_t)(r - off));
                if (w <= 0) { close(fd); break; }
                off += w;
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: echo SOCKET [THREADS]\n"); return 2; }
    int threads = argc > 2 ? atoi(argv[2]) : (int)sysconf(_SC_NPROCESSORS_ONLN);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strncpy(addr.sun_path, argv[1], sizeof addr.sun_path - 1);
    unlink(argv[1]);
    listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 1024) < 0) {
        perror("listen");
        return 1;
    }
    pthread_t t;
    for (int i = 1; i < threads; i++) pthread_create(&t, NULL, loop, NULL);
    loop(NULL);
}
