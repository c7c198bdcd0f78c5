"""The forms under which the search index (site/fulltext) files a dictionary word: the
word and its ends from each later syllable on, each word cut so once."""

from __future__ import annotations

from generator.text import FORMATTED_NUMBER, thai_syllables, thai_words

FORM = "|"  # between a place's forms; never in a word (site/matching.TOKEN)
FORMED = 100_000  # words whose forms are kept, at most: a site has some tens of thousands


class Formed(dict):
    """Each word's forms (FORM between them), cut when first asked for. A dict, so that a
    run's words are looked up in C (map(formed.__getitem__, words)): an lru_cache called
    for each of 800,000 words took 0.15 CPU-s more at 2,000 winners."""

    def __missing__(self, word: str) -> str:
        if len(self) > FORMED:  # a bound, as serve builds again and again
            self.clear()
        return self.setdefault(word, FORM.join(forms(word)))


formed = Formed()


def forms(word: str) -> list[str]:
    """A word and its ends from each later syllable: การประเมิน, ประเมิน, เมิน."""
    cut = syllables(word) if len(word) > 3 else [word]
    ends = ("".join(cut[start:]) for start in range(1, len(cut)))
    return [word, *(end for end in ends if len(end) > 2)]  # ends of two letters are noise


def syllables(word: str) -> list[str]:
    """pythainlp's syllable_tokenize(word, engine="dict"), which cuts the word into
    dictionary words by newmm and each of those by newmm with the syllable dictionary:
    both run by nlpo3 here (the same words and syllables: checked on every word of
    pythainlp's dictionary and of our content, test_cutter), which spares each process
    building pythainlp's tries in Python and running its newmm (issue 26)."""
    if FORMATTED_NUMBER.search(word):  # word_tokenize joins such numbers again
        from pythainlp.tokenize import syllable_tokenize
        return syllable_tokenize(word, engine="dict")
    return [syllable for part in thai_words(word) for syllable in thai_syllables(part)]
