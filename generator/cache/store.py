"""A persistent store of derived data, keyed by a hash of what it was derived from.

One SQLite file in the cache folder. Anything that goes wrong with it (a
read-only disk, a corrupt file, another build holding a lock too long) makes
it behave as empty: the store only ever saves time, it is never needed.

Each value is sealed with a secret that never leaves this machine (store.key,
beside the database, never in a CI cache). A value read back is "trusted" only
when its seal holds: one that another machine, another workflow or a person
wrote (a CI cache can be written by other workflows) is handed out as
untrusted, for the caller to check again (issue 12).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL)"


SEAL = 16  # bytes of keyed BLAKE2b before each value
PARAMETERS = 900  # keys asked at once: SQLite's limit on a query's parameters


class Store:
    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.broken = path is None
        self._secret: bytes | None = None

    def each_found(self, keys: dict[Any, bytes], batch: int = PARAMETERS
                   ) -> Iterator[tuple[Any, tuple[bytes, bool]]]:
        """(input, (bytes, sealed)) of each input whose key is stored, read a batch at a
        time: the bytes of all of them at once, beside what they become, were 85 MB at the
        load's peak with the write-ups' HTML of 10,000 winners (issue 26)."""
        items = list(keys.items())
        for start in range(0, len(items), batch):
            part = items[start:start + batch]
            found = self.get_many(key for _, key in part)
            for item, key in part:
                if key in found:
                    yield item, found.pop(key)

    def get_many(self, keys: Iterable[bytes], whole: bool = False
                 ) -> dict[bytes, tuple[bytes | memoryview, bool]]:
        """The stored value of each key found, and whether this machine sealed it. `whole`: each
        value a view of the row read, not its copy (a whole value: 17 MB at 10,000 winners)."""
        found: dict[bytes, tuple[bytes | memoryview, bool]] = {}
        secret = self._secret if self._open() is not None else None
        for key, sealed in self._rows("key, value", keys):
            seal, value = sealed[:SEAL], memoryview(sealed)[SEAL:] if whole else sealed[SEAL:]
            found[key] = (value, secret is not None
                          and hmac.compare_digest(seal, _seal(secret, key, value)))
        return found

    def has(self, keys: Iterable[bytes]) -> set[bytes]:
        """Those of the keys that have a value, sealed or not; no value is read."""
        return {key for (key,) in self._rows("key", keys)}

    def _rows(self, columns: str, keys: Iterable[bytes]) -> list[tuple]:
        """The rows of these keys, asked a batch at a time (SQLite's limit on a query's
        parameters); none where the store cannot be read."""
        keys, rows = list(keys), []
        db = self._open()
        try:
            for start in range(0, len(keys) if db is not None else 0, PARAMETERS):
                batch = keys[start:start + PARAMETERS]
                rows += db.execute(f"SELECT {columns} FROM entries WHERE key IN "
                                   f"({','.join('?' * len(batch))})", batch)
        except sqlite3.Error:  # those read before it still count
            self._fail()
        return rows

    def put_many(self, items: dict[bytes, bytes]) -> None:
        db = self._open()
        if db is None or not items or self._secret is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)",
                               ((key, _seal(self._secret, key, value) + value)
                                for key, value in items.items()))
        except sqlite3.Error:
            self._fail()

    def put_streamed(self, key: bytes, size: int, pieces: Iterable[bytes]) -> None:
        """put_many of one value of `size` bytes, given a piece at a time: each written into
        the store as it comes, sealed once all are in. Never held whole: a whole value is
        17 MB at 10,000 winners, and SQLite copied one it was handed twice more."""
        db = self._open()
        if db is None or self._secret is None:
            return
        sealed = hashlib.blake2b(key, key=self._secret, digest_size=SEAL)  # as _seal does
        try:
            with db:
                row = db.execute("INSERT OR REPLACE INTO entries VALUES (?, zeroblob(?))",
                                 (key, SEAL + size)).lastrowid
                with db.blobopen("entries", "value", row) as blob:
                    blob.seek(SEAL)
                    for piece in pieces:
                        sealed.update(piece)
                        blob.write(piece)
                    if blob.tell() != SEAL + size:
                        raise ValueError(f"{blob.tell() - SEAL} bytes, not {size}")
                    blob.seek(0)
                    blob.write(sealed.digest())
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
                self._secret = _secret(self.path.with_name("store.key"))
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


def _seal(secret: bytes, key: bytes, value: bytes | memoryview) -> bytes:
    sealed = hashlib.blake2b(key, key=secret, digest_size=SEAL)
    sealed.update(value)  # not key + value: a copy of the value (a whole one: 17 MB)
    return sealed.digest()


def _secret(path: Path) -> bytes | None:
    """This machine's secret, made on first use; None where it cannot be kept."""
    try:
        return path.read_bytes()[:32] or None
    except FileNotFoundError:
        pass
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another build made it meanwhile
        return path.read_bytes()[:32] or None
    with os.fdopen(handle, "wb") as file:
        file.write(secrets.token_bytes(32))
    return path.read_bytes()[:32]
