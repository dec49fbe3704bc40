#!/usr/bin/env python3
"""Which B-trees a batch of writes dirties: maps every frame of a SQLite WAL (the frames since
the WAL last started over) to the table or index that owns its page, per commit.

    Benchmarks/wal_pages.py DB WAL

DB and WAL are copies taken while the daemon was stopped (SIGSTOP, copy, SIGKILL: the WAL then
still holds the last batches). Page owners come from the `dbstat` table of a scratch copy with
the WAL applied, so pages the WAL added are named too. Benchmarks/wal_pages.sh does all of it.
"""
import collections
import os
import shutil
import sqlite3
import struct
import sys
import tempfile


def frames(wal_path):
    data = open(wal_path, 'rb').read()
    _, _, page_size, _, salt1, salt2, _, _ = struct.unpack('>IIIIIIII', data[:32])
    pages, commits, offset = [], 0, 32
    while offset + 24 + page_size <= len(data):
        page, db_size, s1, s2, _, _ = struct.unpack('>IIIIII', data[offset:offset + 24])
        if (s1, s2) != (salt1, salt2):
            break  # frames of an earlier WAL generation
        pages.append(page)
        commits += db_size != 0
        offset += 24 + page_size
    return pages, commits


def owners(db_path, wal_path):
    scratch = tempfile.mkdtemp()
    try:
        copy = os.path.join(scratch, 'copy.db')
        shutil.copy(db_path, copy)
        shutil.copy(wal_path, copy + '-wal')
        return dict(sqlite3.connect(copy).execute('SELECT pageno, name FROM dbstat'))
    finally:
        shutil.rmtree(scratch)


def main():
    db_path, wal_path = sys.argv[1], sys.argv[2]
    pages, commits = frames(wal_path)
    owner = owners(db_path, wal_path)
    per = max(commits, 1)
    print(f'{len(pages)} frames in {commits} commits: {len(pages) / per:.1f} frames per commit')
    for name, count in collections.Counter(owner.get(p, '(freed)') for p in pages).most_common():
        print(f'{count / per:8.2f}  {name}')


if __name__ == '__main__':
    main()
