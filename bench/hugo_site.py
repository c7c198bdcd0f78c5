"""The same site for Hugo: our content as a multilingual Hugo project, for compare.py.

    python bench/hugo_site.py CONTENT_DIR SITE_DIR

Every winner becomes one page per language holding its write-up's Markdown,
filed under Hugo taxonomies for our groupings (year, tier, province, region,
LAO), so Hugo builds the same kinds of pages we do: a page per winner and its kit
page, a list per year, tier, province, region and LAO, a home page per language. The
layouts in bench/hugo/ are plain, like ours: a shared frame with navigation
and a language switch, cards for lists.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from generator.load.catalog import load_content
from generator.load.parsing import split_front_matter

LAYOUTS = Path(__file__).resolve().parent / "hugo"
CONFIG = """baseURL = "http://127.0.0.1:1313/"
defaultContentLanguage = "th"
defaultContentLanguageInSubdir = true
enableRobotsTXT = true
disableHugoGeneratorInject = true
[taxonomies]
  year = "years"
  tier = "tiers"
  province = "provinces"
  region = "regions"
  lao = "laos"
[languages.th]
  languageName = "ไทย"
  weight = 1
  contentDir = "content/th"
[languages.en]
  languageName = "English"
  weight = 2
  contentDir = "content/en"
[markup.goldmark.renderer]
  unsafe = true
"""


def export(content: Path, site: Path) -> int:
    """Write the Hugo project; returns the number of winner pages."""
    catalog = load_content(content)
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(LAYOUTS, site / "layouts")
    (site / "config.toml").write_text(CONFIG, encoding="utf-8")
    pages = 0
    for lang in catalog.site.languages:
        root = site / "content" / lang
        for year in catalog.years:
            folder = root / str(year.be)
            folder.mkdir(parents=True)
            _page(folder / "_index.md", {"title": year.name[lang]}, "")
            for winner in year.winners:
                body = ""
                source = content / "entries" / str(year.be) / f"{winner.id}.{lang}.md"
                if source.exists():
                    body = split_front_matter(source.read_text(encoding="utf-8"))[1]
                writeup = winner.writeups.get(lang)
                _page(folder / f"{winner.id}.md", {
                    "title": winner.lao.name[lang],
                    "project": winner.project[lang],
                    "summary": writeup.summary if writeup and writeup.summary else "",
                    "date": year.announced.isoformat(),
                    "translationKey": f"{year.be}-{winner.id}",
                    "weight": winner.tier.rank,
                    "years": [str(year.be)],
                    "tiers": [winner.tier.name[lang]],
                    "provinces": [winner.lao.province.name[lang]],
                    "regions": [winner.lao.province.region.name[lang]],
                    "laos": [winner.lao.slug],
                }, body)
                # its kit page beside it, as ours: kept out of the lists, the
                # taxonomies and the sitemap (layouts: bench/hugo/kit/)
                _page(folder / f"{winner.id}-kit.md", {
                    "title": winner.lao.name[lang], "type": "kit",
                    "url": f"/{lang}/{year.be}/{winner.id}/kit/",
                    "winner": f"{year.be}/{winner.id}/",
                    "lao": winner.lao.name[lang], "project": winner.title[lang],
                    "translationKey": f"{year.be}-{winner.id}-kit",
                    "build": {"list": "never"}, "sitemap": {"disable": True},
                }, "")
                pages += 1
    return pages


def _page(path: Path, front: dict, body: str) -> None:
    # JSON is valid YAML front matter and needs no escaping rules of its own
    path.write_text(json.dumps(front, ensure_ascii=False) + "\n\n" + body, encoding="utf-8")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("content", type=Path)
    options.add_argument("site", type=Path)
    args = options.parse_args()
    print(f"{export(args.content, args.site)} winner pages in {args.site}")


if __name__ == "__main__":
    main()
