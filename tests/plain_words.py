"""The plain forms of the search-word rules, kept for tests only: each quicker form in
showcase/synonyms.py and showcase/search.py is checked against them on random texts."""

from __future__ import annotations

from showcase.model import Synonym
from showcase.synonyms import _INSIDE, _WORD, index_tokens, nfc, phrase_keys


def indexed_words(text: str) -> list[str]:
    """The words Pagefind indexes from text, every occurrence: each word joined ("triệu/ha/năm" →
    "triệuhanăm"), and for a word with punctuation inside, its parts of two or more characters too."""
    found = []
    for word in _WORD.findall(nfc(text).lower()):
        joined = _INSIDE.sub("", word)
        found.append(joined)
        if joined != word:
            found += [part for part in _INSIDE.split(word) if len(part) > 1]
    return found


def occurrences(words: list[tuple[str, float]], phrase: tuple[str, ...]) -> list[float]:
    """The weight of each place `phrase` occurs in a page's (word key, weight) sequence: every place tried."""
    size = len(phrase)
    return [
        max(weight for _, weight in words[start : start + size])
        for start in range(len(words) - size + 1)
        if all(words[start + i][0] == phrase[i] for i in range(size))
    ]


def expansions(words: list[tuple[str, float]], synonyms: tuple[Synonym, ...]) -> dict[float, list[str]]:
    """Typed forms a page gains, grouped by the weight their words have on it (the highest occurrence)."""
    by_weight: dict[float, list[str]] = {}
    for synonym in synonyms:
        found = occurrences(words, phrase_keys(synonym.words)) if phrase_keys(synonym.words) else []
        if found:
            group = by_weight.setdefault(max(found), [])
            group += [token for typed in synonym.typed for token in index_tokens(typed) if token not in group]
    return dict(sorted(by_weight.items(), reverse=True))
