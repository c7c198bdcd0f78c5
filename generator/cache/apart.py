"""A few values made by a new process of their own (Product.apart): not by this one, which
would keep what making them loads (the cutter's dictionary: 61 MB) to the end of the
build, in every process it forks after; nor by a forked worker, which starts as large as
this process is (an editor's build at 10,000 winners: 290 MB, with its stretches)."""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from typing import Any

from generator.cache.batches import made_as_stored
from generator.cache.product import Product


def made_apart(product: Product, items: list[Any]) -> list[tuple[bytes | None, Any]]:
    """made_as_stored of each item, in order, by a new Python process."""
    assert product.apart is not None
    run = subprocess.run([sys.executable, "-m", __name__, product.apart],
                         input=pickle.dumps(items), capture_output=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{product.name}: making {len(items)} values apart failed:\n"
                           + run.stderr.decode(errors="replace"))
    return pickle.loads(run.stdout)


def _main(where: str) -> None:
    module, name = where.split(":")
    product = getattr(importlib.import_module(module), name)
    items = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps([made_as_stored(product, item) for item in items]))


if __name__ == "__main__":
    _main(sys.argv[1])
