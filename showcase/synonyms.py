"""Search words: how a word is keyed, what a page's index copy gains from content/synonyms.yaml, and the
checks of that file.

Readers type "UBND", "U.B.N.D", "nhà tình thương" or "mediation" for words the pages write as "Ủy
ban nhân dân", "nhà Đại đoàn kết", "hòa giải". The index copy of a page that has those words gets the
typed forms too (showcase/search.py), at the weight the words have on that page; the published page
is never changed. Typed forms are indexed as Pagefind reads a word and as search-core.js rewrites a
query: punctuation inside a word is dropped ("QP-AN" → "qpan", "1+1" → "11"), marks are kept
(Pagefind folds tones itself).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .model import Model, Synonym
from .problems import Problem, problem
from .text_vi import match_key, nfc, strip_marks

SYNONYMS_FILE = "synonyms.yaml"
_WORD = re.compile(r"[^\W_]+(?:[^\s\w]+[^\W_]+)*")  # a word, with punctuation inside it: "QP-AN", "1+1"
_INSIDE = re.compile(r"[^\w]+")
_WORD_CHARACTERS = re.compile(r"\w+")  # the parts _INSIDE splits a text into, found at once
_TAG = re.compile(r"<[^>]+>")


def index_tokens(text: str) -> list[str]:
    """The words of text as the index holds them: lower case, punctuation inside a word dropped."""
    return [_INSIDE.sub("", word) for word in _WORD.findall(nfc(text).lower())]


def block_tokens(text: str) -> list[str]:
    """The words of one block of a page, as _WORD finds them (lower case, punctuation inside a word
    kept): split once, both the typed forms (page_expansions) and the vocabulary (distinct_indexed_words)
    are found from them."""
    return _WORD.findall(nfc(text).lower())


def distinct_indexed_words(tokens: Iterable[str]) -> list[str]:
    """The words Pagefind indexes from text, given its block_tokens, each once, in the order they first
    occur: each word joined ("triệu/ha/năm" → "triệuhanăm"), and for a word with punctuation inside,
    its parts of two or more characters too ("triệu", "ha", "năm"). Each distinct token is looked at
    once: a page repeats most of its words."""
    found: dict[str, None] = {}
    for word in dict.fromkeys(tokens):
        if word.isalnum():
            found[word] = None
            continue
        joined = _INSIDE.sub("", word)
        found[joined] = None
        if joined != word:
            found.update(dict.fromkeys(part for part in _INSIDE.split(word) if len(part) > 1))
    return list(found)


def block_phrase_words(text: str, tokens: list[str]) -> list[str]:
    """phrase_words(text) from its block_tokens: the same words when text has no "_" (which _WORD
    leaves out and phrase_words keeps inside a word)."""
    if "_" in text:
        return phrase_words(text)
    if all(map(str.isalnum, tokens)):
        return tokens
    return [part for token in tokens for part in (_INSIDE.split(token) if not token.isalnum() else (token,)) if part]


def typed_forms(text: str, synonyms: tuple[Synonym, ...]) -> tuple[str, ...]:
    """The typed forms of every synonym whose words are in text (a unit's name, a place).

    Kept per text for the last synonyms asked about (held, so compared by identity): many models share
    a unit's name, and each model page asks for its unit and its place (12 µs each)."""
    global _TYPED
    held, found = _TYPED
    if held is not synonyms:
        held, found = _TYPED = (synonyms, {})
    forms = found.get(text)
    if forms is None:
        typed = page_expansions([(block_phrase_words(text, block_tokens(text)), 1.0)], synonyms)
        forms = found[text] = tuple(token for group in typed.values() for token in group)
    return forms


_TYPED: tuple[tuple[Synonym, ...] | None, dict[str, tuple[str, ...]]] = (None, {})


def word_match_key(word: str) -> str:
    """match_key of one word, kept (_keyed): a page repeats few distinct words, a site few thousand."""
    key = _MATCH_KEYS.get(word)
    return key if key is not None else _keyed((word,), _MATCH_KEYS, match_key)[word]


def word_key(word: str) -> str:
    """How the search page compares words (the shipped vocabulary): no marks, đ as d, lower case."""
    key = _WORD_KEYS.get(word)
    return key if key is not None else _keyed((word,), _WORD_KEYS, _word_key)[word]


def _word_key(word: str) -> str:
    return strip_marks(_INSIDE.sub("", nfc(word).lower()))


def phrase_words(text: str) -> list[str]:
    """The words of text for finding a phrase in it: split at punctuation inside words too, so that
    "500 triệu" is found in "500 triệu/ha/năm"."""
    return _WORD_CHARACTERS.findall(nfc(text).lower())


@lru_cache(maxsize=1024)
def phrase_keys(text: str) -> tuple[str, ...]:
    """The words of a phrase under match_key: case and old/new tone placement folded, marks kept.
    Cached: every page's index document looks for every synonym's phrase."""
    return tuple(word_match_key(word) for word in phrase_words(text))


def page_expansions(blocks: Sequence[tuple[list[str], float]], synonyms: tuple[Synonym, ...]) -> dict[float, list[str]]:
    """The typed forms a page gains from its blocks in reading order, each given as (its
    block_phrase_words, its weight), grouped by the weight their words have on it (the highest place
    they occur), highest first. The words are keyed once per distinct word, a phrase is looked for
    only when all its words are on the page, and the weight of a place is the highest of the blocks
    it spans; a phrase may run from one block into the next. Tested against a search of every place
    of a (key, weight) pair for each word (tests/plain_words.py)."""
    words: list[str] = []
    ends: list[int] = []  # the number of words up to the end of each block that has words
    weights: list[float] = []
    for block, weight in blocks:
        if block:
            words += block
            ends.append(len(words))
            weights.append(weight)
    keys = _keyed(words, _MATCH_KEYS, match_key)
    sequence = list(map(keys.__getitem__, words))
    present = set(sequence)
    found = [(phrase, typed) for phrase, typed in _phrases(synonyms) if present.issuperset(phrase)]
    starts = _starts(sequence, {phrase[0] for phrase, _ in found})
    by_weight: dict[float, list[str]] = {}
    for phrase, typed in found:
        places = _places(sequence, phrase, starts[phrase[0]])
        if places:
            size = len(phrase)
            weight = max(max(weights[bisect_right(ends, at) : bisect_right(ends, at + size - 1) + 1]) for at in places)
            group = by_weight.setdefault(weight, [])
            group += [token for token in typed if token not in group]
    return dict(sorted(by_weight.items(), reverse=True))


@lru_cache(maxsize=8)
def _phrases(synonyms: tuple[Synonym, ...]) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each synonym's phrase_keys and the index tokens of its typed forms, once per synonyms file."""
    found = []
    for synonym in synonyms:
        phrase = phrase_keys(synonym.words)
        if phrase:
            found.append((phrase, tuple(token for typed in synonym.typed for token in index_tokens(typed))))
    return tuple(found)


# The keys of every word this process has looked up, kept whole so that a page's words are keyed in
# bulk (_keyed: a set difference, then one dictionary look-up each, in C).
_MATCH_KEYS: dict[str, str] = {}  # word → match_key(word)
_WORD_KEYS: dict[str, str] = {}  # word → word_key(word)
_KEYED_MOST = 1 << 18  # a site's pages hold tens of thousands of distinct words; past this, start again


def _keyed(words: Iterable[str], keys: dict[str, str], key: Callable[[str], str]) -> dict[str, str]:
    """keys, holding key(word) for each of words: only words never keyed before are keyed, so a page's
    words are looked up without a Python call for each of them."""
    distinct = set(words)
    missing = distinct.difference(keys)
    if len(keys) + len(missing) > _KEYED_MOST:
        keys.clear()
        missing = distinct
    for word in missing:
        keys[word] = key(word)
    return keys


def word_pairs(words: list[str]) -> list[tuple[str, str]]:
    """(word_key(word), word) for each word whose key is not empty."""
    keys = _keyed(words, _WORD_KEYS, _word_key)
    return [pair for pair in zip(map(keys.__getitem__, words), words, strict=True) if pair[0]]


def _starts(keys: list[str], firsts: set[str]) -> dict[str, list[int]]:
    """Where each of firsts occurs in a sequence of word keys, in one pass (a list.index search from
    each place for each phrase took twice as long: a page holds ~15 phrases' words)."""
    starts: dict[str, list[int]] = {}
    for at in [at for at, key in enumerate(keys) if key in firsts]:
        starts.setdefault(keys[at], []).append(at)
    return starts


def _places(keys: list[str], phrase: tuple[str, ...], starts: list[int]) -> list[int]:
    """Every start of phrase in a sequence of word keys (holds() says only whether there is one), given
    the places of its first word."""
    if len(phrase) == 1:
        return starts
    target, size = list(phrase), len(phrase)
    return [at for at in starts if keys[at : at + size] == target]


# -- checks of content/synonyms.yaml ------------------------------------------------------------------


# What the checks ask of the pages: each entry's words (phrase_keys), then each typed form of one word
# (its match_key), as word-key sequences. A page's answer is the set of their positions it holds
# (model_hits): found by the load workers for each model file and kept with it in the build cache, so
# a build after one edit does not read the words of 10,000 pages again (3.3 s even with match_key cached).
Targets = tuple[tuple[str, ...], ...]


def targets_of(synonyms: tuple[Synonym, ...]) -> Targets:
    """The word-key sequences check_synonyms looks for, each once, in a fixed order."""
    found: dict[tuple[str, ...], None] = {}
    for synonym in synonyms:
        found.setdefault(phrase_keys(synonym.words), None)
    for synonym in synonyms:
        for typed in synonym.typed:
            if len(tokens := index_tokens(typed)) == 1:
                found.setdefault((match_key(tokens[0]),), None)
    return tuple(target for target in found if target)


def model_texts(model: Model) -> list[str]:
    """The texts of a model page that offer search words: title, summary, unit, places, tags, body.
    (Its term labels are the same on many pages: the build looks at each label once.)"""
    texts = [model.title, model.summary, model.unit, model.commune, model.hamlet, *model.tags]
    return [text for text in texts if text] + [_TAG.sub(" ", model.body_html)]


def model_hits(model: Model, targets: Targets) -> frozenset[int]:
    """The positions in targets of the sequences that occur in one of the model's texts: the union of
    text_hits over model_texts (tested), with every word keyed once and every target tried once."""
    if not targets:
        return frozenset()
    words: list[str] = []
    for text in model_texts(model):
        words += phrase_words(text)
        words.append(_BETWEEN)  # a phrase is found inside one text: its key ("") is no word's
    keys = _keyed(words, _MATCH_KEYS, match_key)
    sequence = list(map(keys.__getitem__, words))
    present = set(sequence)
    together = joined(sequence)
    found = set()
    for number, target in enumerate(targets):
        if present.issuperset(target) and (len(target) == 1 or holds(together, target)):
            found.add(number)
    return frozenset(found)


_SEPARATOR = "\x1f"
_BETWEEN = "\n"


def text_hits(text: str, targets: Targets) -> set[int]:
    """The positions in targets of the sequences that occur in text's words (phrase_words): a phrase
    is found inside one text, never across two of a page's texts. The word sequence is only made for
    a phrase whose words are all there (in 4 of 10 texts of a synthetic corpus)."""
    words = phrase_words(text)
    keys = {word: word_match_key(word) for word in set(words)}
    present = set(keys.values())
    together = ""
    found = set()
    for number, target in enumerate(targets):
        if not present.issuperset(target):
            continue
        if len(target) > 1:
            together = together or joined(list(map(keys.__getitem__, words)))
            if not holds(together, target):
                continue
        found.add(number)
    return found


def joined(keys: Sequence[str]) -> str:
    """Word keys as one string, each between two separators, for holds(): no key has the separator
    (keys are made of word characters, or are empty)."""
    return _SEPARATOR + _SEPARATOR.join(keys) + _SEPARATOR


def holds(together: str, phrase: tuple[str, ...]) -> bool:
    """Whether phrase occurs in a sequence of word keys, given as joined(sequence): one substring
    search (a test compares it with a search of every place)."""
    return joined(phrase) in together


def check_synonyms(
    synonyms: tuple[Synonym, ...], found: frozenset[int] | None, targets: Targets, file: Path, shown_path: str
) -> list[Problem]:
    """A typed form listed twice, words no page has, and a typed word that is a real word of the pages.
    `found`: the positions in targets (targets_of) that some model page holds; None when there is no
    model page (nothing is then unused)."""
    problems: list[Problem] = []
    lines = _lines(file)
    first_entry: dict[str, str] = {}
    position = {target: number for number, target in enumerate(targets)}
    held = found or frozenset()

    def on_pages(keys: tuple[str, ...]) -> bool:
        return keys in position and position[keys] in held

    entries = _entries(lines)
    for synonym in synonyms:
        span = _entry_of(lines, entries, synonym.words)
        entry = _line_of(lines, synonym.words, span)
        for typed in synonym.typed:
            key = " ".join(index_tokens(typed))
            line = _line_of(lines, typed, span)  # a form listed twice: the line in this entry
            if key in first_entry and first_entry[key] != synonym.words:
                problems.append(
                    problem("synonym-duplicate", shown_path, line, key="typed", got=typed, expected=first_entry[key])
                )
            first_entry.setdefault(key, synonym.words)
            tokens = index_tokens(typed)
            if len(tokens) == 1 and on_pages((match_key(tokens[0]),)):
                problems.append(problem("synonym-real-word", shown_path, line, key="typed", got=typed))
        if found is not None and not on_pages(phrase_keys(synonym.words)):
            problems.append(problem("synonym-unused", shown_path, entry, key="words",
                                    got=synonym.words))  # fmt: skip
    return problems


def _lines(file: Path) -> list[str]:
    try:
        return file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _entries(lines: list[str]) -> list[tuple[int, int]]:
    """The lines of each entry of the list, as [start, end) indices: each starts at a line "- "."""
    starts = [number for number, line in enumerate(lines) if line.startswith("-")]
    return list(zip(starts, [*starts[1:], len(lines)], strict=True)) or [(0, len(lines))]


def _entry_of(lines: list[str], entries: list[tuple[int, int]], words: str) -> tuple[int, int]:
    """The lines of the entry whose words are `words`, whatever order its keys are written in."""
    for quoted in (True, False):
        for start, end in entries:
            keys = [line for line in lines[start:end] if line.lstrip(" -{").startswith("words")]
            if any(_writes(line, words, quoted) for line in keys):
                return start, end
    return 0, len(lines)


def _line_of(lines: list[str], value: str, span: tuple[int, int] | None = None) -> int | None:
    """The line that writes value in lines[span] (the whole file if it is not there): quoted, as the file
    writes every value, else as it is."""
    start, end = span or (0, len(lines))
    for first, last in ((start, end), (0, len(lines))):
        for quoted in (True, False):
            found = next((n for n in range(first, last) if _writes(lines[n], value, quoted)), None)
            if found is not None:
                return found + 1
    return None


def _writes(line: str, value: str, quoted: bool) -> bool:
    needle = nfc(value)
    return (f'"{needle}"' if quoted else needle) in nfc(line)
