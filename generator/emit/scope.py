"""The context a template function is called with, in a loop or a block, without a copy;
and what a template writes of each value, escaped without making a Markup of it.

Jinja gives a function that takes the context (pass_context), when it is called
in a loop or in a block with variables of its own, a new context: a copy of every
variable of the page, so that the function sees the loop's variables too. t() is
called that way 29 times a winner page; a _Scope gives what the copy would, by name.
"""

from __future__ import annotations

from typing import Any

import jinja2
import jinja2.compiler
import markupsafe

try:  # markupsafe's own escaping, in C where it is built, without the Markup around it
    _escaped: Any = markupsafe._escape_inner
except AttributeError:  # another version of markupsafe: escape() as it is
    _escaped = markupsafe.escape


def reads_names(function: Any) -> Any:
    """A template function that reads the context only by name (context["lang"]): one
    called in a loop or a block is then given a _Scope, not a copy of the context."""
    function = jinja2.pass_context(function)
    function.reads_names = True
    return function


class _Scope:
    """The context as a function called in a loop or a block sees it: the block's
    variables first, then the loop's, as Context.derived gives it, without copying every
    variable of the page for each call (29 times a winner page, issue 26)."""

    __slots__ = ("block", "context", "loop")

    def __init__(self, context: jinja2.runtime.Context, block: dict, loop: dict):
        self.context, self.block, self.loop = context, block, loop

    def __getitem__(self, key: str) -> Any:
        if key in self.block:
            return self.block[key]
        if key in self.loop:
            return self.loop[key]
        return self.context[key]


class LeanContext(jinja2.runtime.Context):
    """A page's context, whose reads_names functions see a loop or block through a _Scope.
    Read a name at a time, thousands of times a page: in two looks at most."""

    def call(self, function: Any, /, *args: Any, _block_vars: dict | None = None,
             _loop_vars: dict | None = None, **kwargs: Any) -> Any:
        if getattr(function, "reads_names", False):
            if _block_vars or _loop_vars:
                return function(_Scope(self, _block_vars or {}, _loop_vars or {}), *args, **kwargs)
            return function(self, *args, **kwargs)
        return super().call(function, *args, _block_vars=_block_vars, _loop_vars=_loop_vars,
                            **kwargs)

    def page_names(self) -> tuple[str, Any, str, str]:
        """The language, page (or None), root and first folder of what a context renders,
        read once a context: no template sets them (the url filter's, emit/links.py)."""
        names = self.__dict__.get("_page_names")
        if names is None:
            value, missing = self.resolve_or_missing, jinja2.utils.missing
            page, folder = value("page"), value("folder")
            names = self._page_names = (value("lang"), None if page is missing else page,
                                        value("root"), "" if folder is missing else folder)
        return names

    def resolve_or_missing(self, key: str) -> Any:
        if key in self.vars:
            return self.vars[key]
        return self.parent.get(key, jinja2.utils.missing)

    def __getitem__(self, key: str) -> Any:
        if key in self.vars:
            return self.vars[key]
        return self.parent[key]


def escaped(value: Any) -> str:
    """What markupsafe.escape(value) writes, for what a template writes out. A compiled
    template only joins what escape() gives it (or makes a Markup of the joined text
    itself, for a {% set %} block), so a text is as good as the Markup escape() makes
    through two calls in Python: 1.3 million values at 2,000 winners (issue 26)."""
    kind = type(value)
    if kind is str:
        return _escaped(value)
    if kind is markupsafe.Markup:
        return value
    if kind is int:  # a year, a width: digits, nothing to escape, and no Markup made
        return str(value)
    return markupsafe.escape(value)


class LeanTemplate(jinja2.Template):
    """A template whose compiled code escapes what it writes with escaped, and whose
    globals are one dict: Jinja's ChainMap of the template's and the environment's was
    read a key at a time in Python into every context it made, 81,000 at 2,000 winners
    (issue 26). The environment's globals are set before any template loads (Renderer)."""

    @classmethod
    def _from_namespace(cls, environment: jinja2.Environment, namespace: Any,
                        globals: Any) -> jinja2.Template:
        namespace["escape"] = escaped  # the name the compiled code imported escape as
        namespace["_LeanScope"] = _Scope  # for LeanCodeGenerator's calls
        namespace["_LeanJoined"] = _Joined
        return super()._from_namespace(environment, namespace, dict(globals))


class LeanCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles templates to do less at each page: what they write yielded in fewer
    pieces, and a call of a function that a template names so that a reads_names function
    (t(), 300,000 calls at 2,000 winners) is called at once, with the context or a _Scope,
    not through Context.call and its arguments packed and unpacked again on the way."""

    def visit_Output(self, node: jinja2.nodes.Output, frame: jinja2.compiler.Frame) -> None:
        """What a template writes between two tags, its text and values, yielded as one
        text, joined as a {% set %} block's pieces are: each piece yielded alone went up
        through every block and template above it, 2.4 million at 2,000 winners. A
        `may_split` is still yielded alone, for emit/parts.py to find."""
        if frame.buffer is not None or len(node.nodes) < 2 or any(
                isinstance(child, jinja2.nodes.Name) and child.name == "may_split"
                for child in node.nodes):
            return super().visit_Output(node, frame)
        frame.buffer = "yield _LeanJoined"
        try:
            return super().visit_Output(node, frame)
        finally:
            frame.buffer = None

    @jinja2.compiler.optimizeconst
    def visit_Call(self, node: jinja2.nodes.Call, frame: jinja2.compiler.Frame,
                   forward_caller: bool = False) -> None:
        if (forward_caller or not isinstance(node.node, jinja2.nodes.Name) or node.dyn_args
                or node.dyn_kwargs or self.environment.is_async or self.environment.sandboxed):
            return super().visit_Call(node, frame, forward_caller=forward_caller)
        layers = {"_block_vars": frame.block_frame, "_loop_vars": frame.loop_frame}
        layers = {name: name for name, present in layers.items() if present} or None
        # the function is named once, and read before its arguments are
        self.write("(_lean_f(")
        if layers:
            self.write(f"context if not ({' or '.join(layers)}) else _LeanScope(context, "
                       f"{layers.get('_block_vars', '{}')} or {{}}, "
                       f"{layers.get('_loop_vars', '{}')} or {{}})")
        else:
            self.write("context")
        self.signature(node, frame)
        self.write(") if getattr((_lean_f := ")
        self.visit(node.node, frame)
        self.write('), "reads_names", False) else context.call(_lean_f')
        self.signature(node, frame, layers)
        self.write("))")
        return None


class _Joined:
    """How LeanCodeGenerator's "yield _LeanJoined.extend((...))" joins what it writes."""

    append = staticmethod(str)
    extend = staticmethod("".join)
