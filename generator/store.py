"""A persistent store of derived data, keyed by a hash of what it was derived from.

One SQLite file in the cache folder. Anything that goes wrong with it (a
read-only disk, a corrupt file, another build holding a lock too long) makes
it behave as empty: the store only ever saves time, it is never needed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL)"


def content_key(*parts: str | bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


class Store:
    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.broken = path is None

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        keys = list(keys)
        found: dict[bytes, bytes] = {}
        db = self._open()
        if db is None or not keys:
            return found
        try:
            for start in range(0, len(keys), 900):  # SQLite's limit on parameters
                batch = keys[start:start + 900]
                marks = ",".join("?" * len(batch))
                found.update(db.execute(
                    f"SELECT key, value FROM entries WHERE key IN ({marks})", batch))
        except sqlite3.Error:
            self._fail()
        return found

    def put_many(self, items: dict[bytes, bytes]) -> None:
        db = self._open()
        if db is None or not items:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", items.items())
        except sqlite3.Error:
            self._fail()

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and not self.broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=10)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")  # a lost write only costs time
                self._db.execute(SCHEMA)
            except (sqlite3.Error, OSError):
                self._fail()
        return self._db

    def _fail(self) -> None:
        self.broken = True
        if self._db is not None:
            self._db.close()
            self._db = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
