"""A winner's write-ups and asset folders: read, checked and given to the winner."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.load import layout
from generator.load.layout import ENTRY_FILE, NOTES_FILE, ContentFile
from generator.load.media import FORMATS, PHOTOS, asset_problem, photo_size
from generator.load.parsing import read_text
from generator.load.writeups import (
    MAX_WRITEUP_BYTES,
    Front,
    Parts,
    check_front,
    split_writeup,
    with_body,
)
from generator.model import Attachment, Winner, Writeup, Year
from generator.problems import Problems, visible
from generator.text import suggest


def read_entries(files: dict[str, ContentFile], message_paths: dict[str, str]
                 ) -> dict[str, tuple[Parts | None, Problems]]:
    """The front matter and body of every file named like a write-up, with what reading
    it found wrong (reported later, if the write-up belongs to a winner). Split as read:
    the body is what Markdown's memory holds, and a text kept whole as well was a second
    copy of every write-up while the catalog loads (66 MB at 10,000 winners)."""
    entries = {}
    for rel, file in files.items():
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == layout.ENTRIES and ENTRY_FILE.fullmatch(parts[2]):
            found = Problems()
            text = read_text(file, message_paths[rel], found, MAX_WRITEUP_BYTES)
            split = None if text is None else split_writeup(text, message_paths[rel], found)
            entries[rel] = (split, found)
    return entries


@dataclass
class Gathered:
    """The write-ups and asset folders of the winners that the award files declare,
    each write-up with its front matter checked (check_front), not yet its body."""

    pending: list[tuple[str, str, str, str, str, Parts, Front | None]] = field(
        default_factory=list)  # shown, be, winner id, lang, asset folder, text split, front
    assets: dict[tuple[str, str], list[Attachment]] = field(default_factory=dict)


def gather_entries(
    files: dict[str, ContentFile],
    message_paths: dict[str, str],
    languages: tuple[str, ...],
    declared: dict[str, set[str] | None],
    problems: Problems,
    entries: dict[str, tuple[Parts | None, Problems]],
) -> Gathered:
    """Read the asset folders and check the write-ups' front matter: all that needs no HTML."""

    def orphan(rel: str, be: str, winner_id: str) -> bool:
        """True, and reported, when no award file declares this winner."""
        if be in declared and (declared[be] is None or winner_id in declared[be]):
            return False
        unknown_winner(message_paths[rel], be, winner_id, declared, problems)
        return True

    gathered = Gathered()
    assets = gathered.assets
    pending: list[tuple[str, str, str, str, Parts]] = []
    names: dict[tuple[str, str], list[str]] = {}  # every file of the folder, checked or not
    photo_stems: dict[tuple[str, str, str], str] = {}  # a photo's name less its extension
    for rel, file in files.items():
        if not rel.startswith(layout.ENTRIES + "/"):
            continue
        parts = rel.split("/")
        if len(parts) < 3:
            problems.add(message_paths[rel], None, "misplaced file",
                         "write-ups go in entries/<BE>/<id>.<lang>.md")
            continue
        be, name = parts[1], parts[2]
        if len(parts) > 3:
            if orphan(rel, be, name):
                continue
            inside = "/".join(parts[3:])
            names.setdefault((be, name), []).append(inside)
            wrong = asset_problem(file)
            if wrong is None and _is_photo(inside):
                size = photo_size(file)
                wrong = size if isinstance(size[0], str) else None
                attachment = Attachment(inside, file.path, *size) if wrong is None else None
                stem = (be, name, inside.rsplit(".", 1)[0])
                if wrong is None and photo_stems.setdefault(stem, inside) != inside:
                    wrong = (f"'{photo_stems[stem]}' and '{inside}' would be published under "
                             f"the same names ({stem[2]}-480.webp, ...)", "rename one of them")
            else:
                attachment = Attachment(inside, file.path)
            if wrong:
                problems.add(message_paths[rel], None, *wrong)
            else:
                assets.setdefault((be, name), []).append(attachment)
            continue
        if NOTES_FILE.fullmatch(name):
            continue  # read by notes.load_notes
        match = ENTRY_FILE.fullmatch(name)
        if match is None:
            problems.add(message_paths[rel], None, f"entry file '{name}' is not named "
                         "<id>.<lang>.md or <id>.notes.yaml",
                         "for example yala-big-data.th.md")
            continue
        winner_id, lang = match[1], match[2]
        if lang not in languages:
            problems.add(message_paths[rel], None, f"language '{lang}' is not one of the site's "
                         f"languages ({', '.join(languages)})")
            continue
        if orphan(rel, be, winner_id):
            continue
        split, found = entries[rel]
        problems.items.extend(found.items)
        if split is not None:
            pending.append((rel, be, winner_id, lang, split))

    for rel, be, winner_id, lang, split in pending:
        folder = message_paths[rel].removesuffix(rel) + layout.entry_folder(be, winner_id)
        front = check_front(split, message_paths[rel], folder,
                            set(names.get((be, winner_id), ())), problems)
        gathered.pending.append((message_paths[rel], be, winner_id, lang, folder, split, front))
    return gathered


def attach_entries(years: list[Year], gathered: Gathered, problems: Problems) -> list[Year]:
    """Give the winners their write-ups, each with its body's HTML checked, and their
    asset folders."""
    writeups: dict[tuple[str, str], dict[str, Writeup]] = {}
    for shown, be, winner_id, lang, folder, split, front in gathered.pending:
        writeup = with_body(front, split, lang, shown, folder, problems)
        if writeup is not None:
            writeups.setdefault((be, winner_id), {})[lang] = writeup
    assets = gathered.assets

    def complete(winner: Winner) -> Winner:
        key = (str(winner.year), winner.id)
        return replace(winner, writeups=writeups.get(key, {}), assets=tuple(assets.get(key, ())))

    return [replace(y, winners=tuple(complete(w) for w in y.winners)) for y in years]


def unknown_winner(
    message_path: str, be: str, winner_id: str, declared: dict[str, set[str] | None],
    problems: Problems,
) -> None:
    if be not in declared:
        problems.add(message_path, None,
                     f"no award file content/awards/{be}.yaml for this file")
        return
    hint = suggest(winner_id, sorted(declared[be] or ()))
    problems.add(message_path, None, f"no winner of {be} has the id '{winner_id}'",
                 f"did you mean '{visible(hint)}'?" if hint else None)


def _is_photo(name: str) -> bool:
    return FORMATS.get("." + name.rsplit(".", 1)[-1].lower()) in PHOTOS
