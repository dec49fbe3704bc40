// Test-only power-loss simulation for SQLite; see include/CPowerLossVFS.h.
#include "CPowerLossVFS.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/// One unsynced change: to undo it, write `old` back at `offset` and cut the file to `old_size`.
typedef struct Entry {
    int path;               // index into `paths`
    sqlite3_int64 offset;
    int length;             // bytes written (or cut away by a truncate)
    unsigned char *old;     // the bytes that were there before (old_length of them)
    int old_length;
    sqlite3_int64 old_size; // the file's size before the change
} Entry;

typedef struct PLFile {
    sqlite3_file base;
    sqlite3_file *real;     // the wrapped unix file, allocated right after this struct
    int path;               // index into `paths`, or -1 for untracked files
} PLFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs vfs;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static Entry *entries;
static size_t entry_count, entry_capacity;
static char *paths[64];
static int path_count;
static long long writes, crash_at;
static unsigned long long rng;

static void say(const char *text) { (void)!write(2, text, strlen(text)); }

static int path_index(const char *name) {
    for (int i = 0; i < path_count; i++) {
        if (strcmp(paths[i], name) == 0) return i;
    }
    if (path_count == 64) return -1;
    paths[path_count] = strdup(name);
    return path_count++;
}

static unsigned long long next_random(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return rng;
}

static void undo(const Entry *e, int torn) {
    int fd = open(paths[e->path], O_RDWR | O_CLOEXEC);
    if (fd < 0) return;
    // A torn write keeps its first half: only the second half goes back to the old bytes.
    sqlite3_int64 from = torn ? e->length / 2 : 0;
    if (from < e->old_length) {
        (void)!pwrite(fd, e->old + from, (size_t)(e->old_length - from), e->offset + from);
    }
    sqlite3_int64 size = e->old_size;
    if (torn && e->offset + from > size) size = e->offset + from;
    if (e->length > 0 && e->offset + e->length > e->old_size) (void)!ftruncate(fd, size);
    close(fd);
}

/// The power loss: called with `mutex` held, so no other thread writes or syncs meanwhile.
static void crash(void) {
    size_t keep = 0;
    if (rng != 0 && entry_count > 0) keep = (size_t)(next_random() % (entry_count + 1));
    for (size_t i = entry_count; i > keep; i--) undo(&entries[i - 1], 0);
    if (keep > 0 && keep < entry_count && (next_random() & 1)) {
        // Tear the last kept write: its second half did not reach the disk.
        undo(&entries[keep - 1], 1);
    }
    char line[160];
    snprintf(line, sizeof line, "power-loss: crash at write %lld, %zu unsynced writes, %zu undone\n",
             writes, entry_count, entry_count - keep);
    say(line);
    _exit(86);
}

static void remember(int path, sqlite3_int64 offset, int length, sqlite3_file *real, sqlite3_int64 size) {
    if (entry_count == entry_capacity) {
        entry_capacity = entry_capacity ? entry_capacity * 2 : 1024;
        entries = realloc(entries, entry_capacity * sizeof(Entry));
        if (!entries) { say("power-loss: out of memory\n"); _exit(87); }
    }
    Entry *e = &entries[entry_count++];
    e->path = path;
    e->offset = offset;
    e->length = length;
    e->old_size = size;
    e->old_length = offset < size ? (int)((size - offset) < length ? (size - offset) : length) : 0;
    e->old = e->old_length ? malloc((size_t)e->old_length) : NULL;
    if (e->old_length) real->pMethods->xRead(real, e->old, e->old_length, offset);
}

static int pl_close(sqlite3_file *f) {
    PLFile *p = (PLFile *)f;
    return p->real->pMethods->xClose(p->real);
}

static int pl_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off) {
    PLFile *p = (PLFile *)f;
    return p->real->pMethods->xRead(p->real, buf, amt, off);
}

static int pl_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off) {
    PLFile *p = (PLFile *)f;
    if (p->path < 0) return p->real->pMethods->xWrite(p->real, buf, amt, off);
    pthread_mutex_lock(&mutex);
    if (++writes == crash_at) crash();
    sqlite3_int64 size = 0;
    p->real->pMethods->xFileSize(p->real, &size);
    remember(p->path, off, amt, p->real, size);
    int rc = p->real->pMethods->xWrite(p->real, buf, amt, off);
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int pl_truncate(sqlite3_file *f, sqlite3_int64 size) {
    PLFile *p = (PLFile *)f;
    if (p->path < 0) return p->real->pMethods->xTruncate(p->real, size);
    pthread_mutex_lock(&mutex);
    sqlite3_int64 current = 0;
    p->real->pMethods->xFileSize(p->real, &current);
    if (size < current) {
        remember(p->path, size, (int)(current - size), p->real, current);
        entries[entry_count - 1].length = 0;  // undoing a cut only writes the old bytes back
    }
    int rc = p->real->pMethods->xTruncate(p->real, size);
    pthread_mutex_unlock(&mutex);
    return rc;
}

/// Everything recorded for this file before the sync started is durable once it returns;
/// writes made while it ran stay unsynced (they may or may not have been covered).
static int pl_sync(sqlite3_file *f, int flags) {
    PLFile *p = (PLFile *)f;
    if (p->path < 0) return p->real->pMethods->xSync(p->real, flags);
    pthread_mutex_lock(&mutex);
    size_t before = entry_count;
    pthread_mutex_unlock(&mutex);
    // A slow disk: this test's disk syncs in ~0.1 ms, which leaves a broken gate little time
    // to leak an unsynced state; 2 ms widens the window between a COMMIT and its sync.
    usleep(2000);
    int rc = p->real->pMethods->xSync(p->real, flags);
    if (rc != SQLITE_OK) return rc;
    pthread_mutex_lock(&mutex);
    size_t kept = 0;
    for (size_t i = 0; i < entry_count; i++) {
        if (i < before && entries[i].path == p->path) {
            free(entries[i].old);
        } else {
            entries[kept++] = entries[i];
        }
    }
    entry_count = kept;
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int pl_file_size(sqlite3_file *f, sqlite3_int64 *size) { PLFile *p = (PLFile *)f; return p->real->pMethods->xFileSize(p->real, size); }
static int pl_lock(sqlite3_file *f, int level) { PLFile *p = (PLFile *)f; return p->real->pMethods->xLock(p->real, level); }
static int pl_unlock(sqlite3_file *f, int level) { PLFile *p = (PLFile *)f; return p->real->pMethods->xUnlock(p->real, level); }
static int pl_check_reserved(sqlite3_file *f, int *out) { PLFile *p = (PLFile *)f; return p->real->pMethods->xCheckReservedLock(p->real, out); }
static int pl_file_control(sqlite3_file *f, int op, void *arg) { PLFile *p = (PLFile *)f; return p->real->pMethods->xFileControl(p->real, op, arg); }
static int pl_sector_size(sqlite3_file *f) { PLFile *p = (PLFile *)f; return p->real->pMethods->xSectorSize(p->real); }
static int pl_device(sqlite3_file *f) { PLFile *p = (PLFile *)f; return p->real->pMethods->xDeviceCharacteristics(p->real); }
static int pl_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out) {
    PLFile *p = (PLFile *)f;
    return p->real->pMethods->xShmMap(p->real, region, size, extend, out);
}
static int pl_shm_lock(sqlite3_file *f, int offset, int n, int flags) { PLFile *p = (PLFile *)f; return p->real->pMethods->xShmLock(p->real, offset, n, flags); }
static void pl_shm_barrier(sqlite3_file *f) { PLFile *p = (PLFile *)f; p->real->pMethods->xShmBarrier(p->real); }
static int pl_shm_unmap(sqlite3_file *f, int delete_flag) { PLFile *p = (PLFile *)f; return p->real->pMethods->xShmUnmap(p->real, delete_flag); }
/// No memory-mapped I/O: every page goes through xRead/xWrite, where the undo log sees it.
static int pl_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **out) { (void)f; (void)off; (void)amt; *out = NULL; return SQLITE_OK; }
static int pl_unfetch(sqlite3_file *f, sqlite3_int64 off, void *page) { (void)f; (void)off; (void)page; return SQLITE_OK; }

static const sqlite3_io_methods methods = {
    3, pl_close, pl_read, pl_write, pl_truncate, pl_sync, pl_file_size, pl_lock, pl_unlock,
    pl_check_reserved, pl_file_control, pl_sector_size, pl_device,
    pl_shm_map, pl_shm_lock, pl_shm_barrier, pl_shm_unmap, pl_fetch, pl_unfetch,
};

static int pl_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out_flags) {
    (void)v;
    PLFile *p = (PLFile *)f;
    p->real = (sqlite3_file *)(p + 1);
    int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        p->base.pMethods = NULL;
        return rc;
    }
    p->path = -1;
    if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL))) {
        pthread_mutex_lock(&mutex);
        p->path = path_index(name);
        pthread_mutex_unlock(&mutex);
    }
    p->base.pMethods = &methods;
    return SQLITE_OK;
}

static int pl_delete(sqlite3_vfs *v, const char *name, int sync_dir) {
    (void)v;
    pthread_mutex_lock(&mutex);
    size_t kept = 0;
    for (size_t i = 0; i < entry_count; i++) {
        if (strcmp(paths[entries[i].path], name) == 0) {
            free(entries[i].old);
        } else {
            entries[kept++] = entries[i];
        }
    }
    entry_count = kept;
    pthread_mutex_unlock(&mutex);
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int pl_access(sqlite3_vfs *v, const char *name, int flags, int *out) { (void)v; return real_vfs->xAccess(real_vfs, name, flags, out); }
static int pl_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out) { (void)v; return real_vfs->xFullPathname(real_vfs, name, n, out); }
static void *pl_dl_open(sqlite3_vfs *v, const char *name) { (void)v; return real_vfs->xDlOpen(real_vfs, name); }
static void pl_dl_error(sqlite3_vfs *v, int n, char *out) { (void)v; real_vfs->xDlError(real_vfs, n, out); }
static void (*pl_dl_sym(sqlite3_vfs *v, void *h, const char *sym))(void) { (void)v; return real_vfs->xDlSym(real_vfs, h, sym); }
static void pl_dl_close(sqlite3_vfs *v, void *h) { (void)v; real_vfs->xDlClose(real_vfs, h); }
static int pl_randomness(sqlite3_vfs *v, int n, char *out) { (void)v; return real_vfs->xRandomness(real_vfs, n, out); }
static int pl_sleep(sqlite3_vfs *v, int us) { (void)v; return real_vfs->xSleep(real_vfs, us); }
static int pl_current_time(sqlite3_vfs *v, double *out) { (void)v; return real_vfs->xCurrentTime(real_vfs, out); }
static int pl_last_error(sqlite3_vfs *v, int n, char *out) { (void)v; return real_vfs->xGetLastError(real_vfs, n, out); }
static int pl_current_time64(sqlite3_vfs *v, sqlite3_int64 *out) { (void)v; return real_vfs->xCurrentTimeInt64(real_vfs, out); }

int powerloss_vfs_install(long long crash_after_writes, unsigned long long seed) {
    real_vfs = sqlite3_vfs_find("unix");
    if (!real_vfs) return SQLITE_ERROR;
    crash_at = crash_after_writes;
    rng = seed;
    vfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)sizeof(PLFile) + real_vfs->szOsFile,
        .mxPathname = real_vfs->mxPathname,
        .zName = "powerloss",
        .xOpen = pl_open,
        .xDelete = pl_delete,
        .xAccess = pl_access,
        .xFullPathname = pl_full_pathname,
        .xDlOpen = pl_dl_open,
        .xDlError = pl_dl_error,
        .xDlSym = pl_dl_sym,
        .xDlClose = pl_dl_close,
        .xRandomness = pl_randomness,
        .xSleep = pl_sleep,
        .xCurrentTime = pl_current_time,
        .xGetLastError = pl_last_error,
        .xCurrentTimeInt64 = pl_current_time64,
    };
    return sqlite3_vfs_register(&vfs, 1);
}
