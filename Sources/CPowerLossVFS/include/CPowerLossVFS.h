#ifndef CPOWERLOSSVFS_H
#define CPOWERLOSSVFS_H

/// Test-only SQLite VFS that simulates a power loss (scripts/power_loss_test.py).
///
/// It wraps the default ("unix") VFS and becomes the default itself. For the main database
/// and WAL files it keeps an undo log of every write and truncate not yet followed by a sync
/// of that file (xSync: fsync/fdatasync). At the `crash_after_writes`-th write it undoes the
/// unsynced writes newest first (all of them, or with a non-zero `seed` all but a random
/// prefix, the write at the cut torn in half), so the files hold exactly what a disk that lost
/// power at that moment could hold, and ends the process with `_exit(86)`. Each sync of those
/// files is delayed by 2 ms (a slow disk), so a COMMIT and its sync are further apart.
/// Returns 0 (SQLITE_OK) on success.
int powerloss_vfs_install(long long crash_after_writes, unsigned long long seed);

#endif
