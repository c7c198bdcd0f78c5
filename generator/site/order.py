"""The order of names on the site, in one place: Thai dictionary order on Thai pages
(pythainlp's collation: leading vowels do not count first), A-Z on English ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.languages import LANGUAGES
from generator.model import Catalog, Localized, Winner
from generator.text import english_key, thai_ranks


class Order:
    """Sort keys per language for every name and title of one catalog."""

    def __init__(self, catalog: Catalog):
        names = [w.lao.name.th for w in catalog.winners]
        names += [w.title.th for w in catalog.winners]
        names += [p.name.th for p in catalog.provinces]
        names += [t.name.th for t in catalog.site.themes]
        self._thai = thai_ranks(names)

    def key(self, text: str, lang: str) -> Any:
        """The sort key of a name or title written in `lang`."""
        return (self._thai[text], text) if LANGUAGES[lang].thai_order else english_key(text)

    def name(self, text: Localized, lang: str) -> Any:
        return self.key(text[lang], lang)

    def ranks(self, names: Iterable[str], lang: str) -> dict[str, int]:
        """Each name's position among `names`, in this language's order."""
        return {name: rank for rank, name in
                enumerate(sorted(set(names), key=lambda name: self.key(name, lang)))}

    def winners(self, winners: Iterable[Winner], lang: str) -> list[Winner]:
        """By LAO name, then project title, then id."""
        return sorted(
            winners,
            key=lambda w: (self.name(w.lao.name, lang), self.name(w.title, lang), w.id),
        )

    def awards(self, winners: Iterable[Winner], lang: str) -> list[Winner]:
        """Newest year first, then tier rank, then LAO name."""
        by_name = self.winners(winners, lang)
        return sorted(by_name, key=lambda w: (-w.year, w.rank))

    def sorted(self, things: Iterable[Any], lang: str, name: Callable[[Any], Localized]) -> list:
        return sorted(things, key=lambda t: self.name(name(t), lang))

    def open_data(self, winners: Iterable[Winner]) -> list[Winner]:
        """Newest year first, then tier rank, then Thai order of lao.th, then id."""
        return sorted(winners, key=lambda w: (-w.year, w.rank, self._thai[w.lao.name.th],
                                              w.id))


_last: tuple[Catalog, Order] | None = None


def order_of(catalog: Catalog) -> Order:
    """The Order of a catalog, made once: the graph, the explorer, the open data and
    the feeds all sort by it. The catalog itself is kept, so that its id is not
    taken by another."""
    global _last
    if _last is None or _last[0] is not catalog:
        _last = (catalog, Order(catalog))
    return _last[1]
