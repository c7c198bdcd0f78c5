"""A few values made by a new process of their own (Product.apart): not by this one, which
would keep what making them loads (the cutter's dictionary: 61 MB) to the end of the
build, in every process it forks after; nor by a forked worker, which starts as large as
this process is (an editor's build at 10,000 winners: 290 MB, with its stretches)."""

from __future__ import annotations

import functools
import importlib
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from generator.cache.batches import folded, made_as_stored
from generator.cache.product import Product
from generator.work.workers import fork_each_while

T = TypeVar("T")


def made_while(product: Product, todo: list[Any], meanwhile: Callable[[], T],
               taken: Callable[[int, Any], object]) -> tuple[T | None, bool]:
    """The values of `todo` made (Derived._prepare), each chunk handed to taken(): on every
    core while this process runs meanwhile(), or, too few to fork workers for (an editor's
    build), apart where the product says so; then True, and meanwhile() is left to the
    caller, to run once it let go of the inputs (beside 408,000 stretches, the pages laid
    out took the main process 55 MB over them). Each worker loads what make needs (the
    cutter's dictionary: 61 MB), not this process before the fork: it would keep it."""
    if len(todo) >= 2 * product.least:
        return fork_each_while(functools.partial(made_as_stored, product), todo, meanwhile,
                               taken, least=product.least, fold=folded), False
    if todo and product.apart is not None:
        taken(0, folded(made_apart(product, todo)))
    else:
        fork_each_while(functools.partial(made_as_stored, product), todo, lambda: None, taken,
                        least=product.least, fold=folded)
    return None, True


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
