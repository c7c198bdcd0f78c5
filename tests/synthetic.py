"""Seeded synthetic content in our format, for tests and for benchmarks at scale.

    python tests/synthetic.py OUT_DIR --winners 2000 [--seed 1]

N winners over 10 award years (2557-2566), spread over the 77 provinces and
both tiers, each with a Thai write-up of about 400 words and an English one
of about 300, with headings, lists and links. Thai words come from
pythainlp's word list, so the Thai is real words in nonsense order.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml
from pythainlp.corpus import thai_words

from generator.load import reference

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2557, 2567)
ENGLISH = [
    "digital", "service", "citizens", "municipality", "platform", "data", "online", "payment",
    "waste", "health", "tax", "map", "application", "system", "office", "community", "school",
    "water", "canal", "welfare", "report", "request", "permit", "record", "tracking",
    "dashboard", "mobile", "network", "training", "village"
]
TYPES = [("เทศบาลตำบล", "Subdistrict Municipality"), ("เทศบาลเมือง", "Town Municipality"),
         ("เทศบาลนคร", "City Municipality"), ("องค์การบริหารส่วนตำบล",
                                              "Subdistrict Administrative Organization")]
# Marker words planted in known write-ups, so that search precision can be measured
MARKERS = {"th": ["ถังขยะอัจฉริยะ", "ท้องถิ่นดิจิทัล"], "en": ["zebra", "quokka"]}


def thai_text(rng: random.Random, vocabulary: list[str], words: int) -> str:
    return "".join(rng.choice(vocabulary) for _ in range(words))


def english_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(ENGLISH) for _ in range(words)).capitalize() + "."


def writeup(rng: random.Random, lang: str, vocabulary: list[str], marker: str | None) -> str:
    make = (lambda n: thai_text(rng, vocabulary, n)) if lang == "th" else \
        (lambda n: english_text(rng, n))
    total = 400 if lang == "th" else 300
    parts = [f"---\nsummary: {make(12)}\n---"]
    for section in range(4):
        parts.append(f"## {make(3)}")
        parts.append(make(total // 8))
        parts.append("\n".join(f"- {make(5)}" for _ in range(3)))
        parts.append(f"[{make(2)}](https://example.org/{section}) {make(total // 16)}")
    if marker:
        parts.append(marker)
    return "\n\n".join(parts) + "\n"


def generate(out: Path, winners: int, seed: int) -> Path:
    rng = random.Random(seed)
    vocabulary = sorted(w for w in thai_words() if 2 <= len(w) <= 6)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "awards").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yaml", content / "site.yaml")
    themes = sorted(yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))["themes"])
    provinces = reference.provinces()
    per_year = [winners // len(YEARS) + (i < winners % len(YEARS)) for i in range(len(YEARS))]
    truth: dict[str, list[str]] = {m: [] for ms in MARKERS.values() for m in ms}
    for year, count in zip(YEARS, per_year, strict=True):
        tiers = [{"id": "excellence", "name": {"th": "ยอดเยี่ยม", "en": "Excellence"},
                  "winners": []},
                 {"id": "outstanding", "name": {"th": "ดีเด่น", "en": "Outstanding"},
                  "winners": []}]
        entries = content / "entries" / str(year)
        entries.mkdir(parents=True)
        for index in range(count):
            province = provinces[(index * 7 + year) % len(provinces)]
            thai_type, english_type = TYPES[index % len(TYPES)]
            number = f"{year}{index:04d}"
            winner_id = f"w{number}"
            tiers[0 if index % 10 == 0 else 1]["winners"].append({
                "id": winner_id,
                "lao": {"th": f"{thai_type}{thai_text(rng, vocabulary, 2)}",
                        "en": f"Lao {number} {english_type}"},
                "province": province.code,
                "project": {"th": thai_text(rng, vocabulary, 6), "en": english_text(rng, 6)},
                "themes": [rng.choice(themes)],
            })
            for lang in ("th", "en"):
                marker = None
                if rng.random() < 0.05:
                    marker = rng.choice(MARKERS[lang])
                    truth[marker].append(f"{year}/{winner_id}")
                (entries / f"{winner_id}.{lang}.md").write_text(
                    writeup(rng, lang, vocabulary, marker), encoding="utf-8")
        award = {"year": year, "name": {"th": f"รางวัลท้องถิ่นดิจิทัล ประจำปี {year}",
                                        "en": f"Digital Local Government Awards {year - 543}"},
                 "announced": f"{year - 543}-10-10", "tiers": tiers}
        (content / "awards" / f"{year}.yaml").write_text(
            yaml.safe_dump(award, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "markers.yaml").write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    return content


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("out", type=Path)
    options.add_argument("--winners", type=int, default=2000)
    options.add_argument("--seed", type=int, default=1)
    args = options.parse_args()
    print(generate(args.out, args.winners, args.seed))


if __name__ == "__main__":
    main()
