"""Files drawn from content, kept on disk by a key of everything drawn on them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from generator.cache.keys import hex_key
from generator.work.files import SHARED_MODE, SharedFile, replace_file


class DrawnFiles:
    """Files drawn from content (share images, badges, QR codes), kept on disk by a
    key of everything that went into them: an unchanged winner is not drawn again.
    Without a writable cache folder the drawing itself is handed out.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.drawn = 0

    def get(self, kind: str, key: str, make: Callable[[], bytes]) -> SharedFile | bytes:
        cached = self.folder / kind / hex_key(kind, key)
        try:
            if os.stat(cached).st_mode & 0o777 != SHARED_MODE:  # from before caches were read-only
                os.chmod(cached, SHARED_MODE)
            return SharedFile(cached)
        except OSError:  # not drawn yet
            pass
        data = make()
        self.drawn += 1
        try:
            replace_file(cached, data, mode=SHARED_MODE)  # a concurrent build never reads half a file
        except OSError:  # no writable cache folder: the drawing itself
            return data
        return SharedFile(cached)
