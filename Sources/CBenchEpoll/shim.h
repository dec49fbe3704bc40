// epoll for the load generator (BillingBench): Glibc's Swift module does not include it.
#include <sys/epoll.h>
