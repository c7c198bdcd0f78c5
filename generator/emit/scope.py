"""The context a template function is called with, in a loop or a block, without a copy.

Jinja gives a function that takes the context (pass_context), when it is called
in a loop or in a block with variables of its own, a new context: a copy of every
variable of the page, so that the function sees the loop's variables too. t() is
called that way 29 times a winner page; a _Scope gives what the copy would, by name.
"""

from __future__ import annotations

from typing import Any

import jinja2


def reads_names(function: Any) -> Any:
    """A template function that reads the context only by name (context["lang"]): one
    called in a loop or a block is then given a _Scope, not a copy of the context."""
    function = jinja2.pass_context(function)
    function.reads_names = True
    return function


class _Scope:
    """The context as a function called in a loop or a block sees it: the loop's and
    the block's variables first, as Context.derived gives it, without copying every
    variable of the page for each call (29 times a winner page, issue 26)."""

    __slots__ = ("context", "layers")

    def __init__(self, context: jinja2.runtime.Context, layers: tuple[dict, ...]):
        self.context, self.layers = context, layers

    def __getitem__(self, key: str) -> Any:
        for layer in self.layers:
            value = layer.get(key, jinja2.utils.missing)
            if value is not jinja2.utils.missing:
                return value
        return self.context[key]


class LeanContext(jinja2.runtime.Context):
    """A page's context, whose reads_names functions see a loop or block through a _Scope."""

    def call(self, function: Any, /, *args: Any, **kwargs: Any) -> Any:
        if getattr(function, "reads_names", False):
            # the block's variables hide the loop's, as two derived contexts would
            layers = tuple(layer for layer in (kwargs.pop("_block_vars", None),
                                               kwargs.pop("_loop_vars", None)) if layer)
            return function(_Scope(self, layers) if layers else self, *args, **kwargs)
        return super().call(function, *args, **kwargs)
