"""Write-ups: one Markdown file with front matter per winner and language."""

from __future__ import annotations

from pathlib import Path

from generator import markup
from generator.fields import Fields
from generator.model import Link, Writeup
from generator.problems import Problems
from generator.sources import parse_yaml, split_front_matter
from generator.text import clean_name

FRONT_MATTER_FIELDS = ("summary", "website", "links", "image")


def validate_writeup(
    text: str, lang: str, shown: str, asset_dir: Path, problems: Problems
) -> Writeup | None:
    """Front matter and body of one write-up; its image must lie in asset_dir."""
    try:
        front, body, _ = split_front_matter(text)
    except ValueError as error:
        problems.add(shown, 1, str(error), "close the front matter with a line '---'")
        return None
    count = len(problems)
    summary = website = image = None
    links: list[Link] = []
    if front is not None and front.strip():
        data = parse_yaml(front, shown, problems, first_line=2)
        fields = None if len(problems) > count else Fields.of(
            data, shown, problems, FRONT_MATTER_FIELDS, "front matter", 2)
        if fields is not None:
            summary = fields.text("summary", required=False)
            website = fields.url("website")
            links = _links(fields)
            image = _image(fields, asset_dir)
    if len(problems) > count:
        return None
    return Writeup(lang, shown, markup.to_html(body), summary, website, tuple(links), image)


def _links(fields: Fields) -> list[Link]:
    links = []
    for index, (item, line) in enumerate(fields.items("links"), start=1):
        link = Fields.of(item, fields.path, fields.problems, ("label", "url"), f"link {index}",
                         line)
        if link is None:
            continue
        label, url = link.text("label"), link.url("url", required=True)
        if label and url:
            links.append(Link(clean_name(label), url))
    return links


def _image(fields: Fields, asset_dir: Path) -> str | None:
    name = fields.raw_text("image", required=False)
    if name is None:
        return None
    target = (asset_dir / name).resolve()
    folder = asset_dir.resolve()
    if not target.is_relative_to(folder) or target == folder:
        fields.problem("image", f"image '{name}' lies outside {asset_dir.as_posix()}/",
                       "put the image in the winner's own folder")
        return None
    if not target.is_file():
        fields.problem("image", f"image '{name}' does not exist in {asset_dir.as_posix()}/")
        return None
    return target.relative_to(folder).as_posix()
