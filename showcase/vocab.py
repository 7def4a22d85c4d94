"""Controlled vocabularies (fields, districts, levels): matching the spellings editors type.

A value matches a term when it equals the term's id, label, full name or a declared variant after
match_key() folding (NFC, case, tone placement, dashes), also with the type abbreviated as editors
write it ("TP. Bến Tre", "TX Ba Tri", "H. Ba Tri"). Those are accepted silently: they are the term.

A value that says more than the term is *read* as the term once the extra part is dropped: the
province after it ("huyện Ba Tri, tỉnh Bến Tre", "Ba Tri - Bến Tre") or the vocabulary's name before
it ("Lĩnh vực: Kinh tế"). It is read rather than refused because it is right and names one term;
refusing it would only make the editor delete true words. It is read with a warning (Choice reports
"value-read-as") rather than silently, because words the editor wrote are being ignored: saying how
the value was read keeps a wrong reading visible, and --strict keeps files written one way.
Only the province the vocabularies themselves name is dropped ("tỉnh Bến Tre", a variant of the
province-wide group), so "huyện Châu Thành, tỉnh Tiền Giang" is never read as this province's
Châu Thành.

Nothing else matches: a typo can never create a new field or district page. It gets a suggestion
instead, and a suggestion is never a guess between terms: when two terms are equally likely
("huyện Mỏ Cày" → Mỏ Cày Nam or Mỏ Cày Bắc; "Bến Tre - Ba Tri"), the message names them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Term, Vocabularies, Vocabulary
from .text_vi import close_matches, match_key

# Abbreviated administrative types, as typed before a name: "TP. Bến Tre", "TP Bến Tre", "H. Ba Tri".
# "H" alone is too common a letter to be read as huyện without its dot.
_ABBREVIATION = re.compile(r"^(?:(tp|tx|h|q)\s*\.|(tp|tx)\s)\s*", re.I)
_TYPE_WORDS = {"tp": "thành phố", "tx": "thị xã", "h": "huyện", "q": "quận"}
# Where a qualifier may start: a comma, semicolon, bracket or dash, or (for the province) the word "tỉnh".
_SEPARATOR = re.compile(r"[,;(]|\s*[-\u2010-\u2015\u2212]\s*|\s(?=tỉnh\s)", re.I)
_PUNCTUATION = " ,;()-\u2010\u2011\u2012\u2013\u2014\u2015\u2212:"
_PROVINCE = match_key("tỉnh") + " "  # how a match key starts when it names a province


@dataclass(frozen=True)
class Matcher:
    """Looks up editors' spellings of one vocabulary's terms."""

    vocabulary: Vocabulary
    exact: dict[str, str]  # match_key → term id
    spellings: dict[str, str]  # every accepted spelling → the label a suggestion shows
    provinces: frozenset[str] = frozenset()  # match keys of the province's name: "tỉnh bến tre", "bến tre"

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.vocabulary.terms

    def match(self, value: str) -> str | None:
        """Return the term id for value, or None when it is not an accepted spelling."""
        return self.exact.get(match_key(value)) or self.exact.get(match_key(_expand(value)))

    def read(self, value: str) -> tuple[str, str] | None:
        """(term id, the words dropped) when value names one term once the vocabulary's name before it
        or this province after it is dropped; None otherwise (an exact spelling is match's, not read's)."""
        value, dropped = self._without_name(value)
        for head, tail in self._province_splits(value):
            found = self.match(head)
            if found:
                return found, ", ".join([*dropped, tail])
        found = self.match(value) if dropped else None
        return (found, ", ".join(dropped)) if found else None

    def display(self, term_id: str) -> str:
        """How messages name a term: its full name ("huyện Ba Tri") or label."""
        term = next(t for t in self.terms if t.id == term_id)
        return term.full_name or term.label

    def suggest(self, value: str) -> str | None:
        """The label an editor most probably meant, or None when nothing is close or it is not one term."""
        found = self.candidates(value)
        return found[0] if len(found) == 1 else None

    def candidates(self, value: str) -> tuple[str, ...]:
        """Labels of the terms an editor may have meant: one when it is clear, several when two are
        equally likely (never a pick between them), none when nothing is close or when the value names
        another province ("huyện Châu Thành, tỉnh Tiền Giang" is not this province's Châu Thành)."""
        value, _ = self._without_name(value)
        if self._names_other_province(value):
            return ()
        heads = [head for head, _ in self._province_splits(value)]
        for text in (*heads, value):
            named = self._named_parts(text)
            if named:
                return tuple(self.display(term_id) for term_id in named)
        near = heads[0] if heads and len(heads[0].split()) >= 2 else value  # "cấp" alone says too little
        return tuple(close_matches(near, self.spellings))

    def _without_name(self, value: str) -> tuple[str, list[str]]:
        """value without the vocabulary's name written before it ("Lĩnh vực: Kinh tế"), and that name."""
        name = re.match(re.escape(self.vocabulary.name) + r"\s*:?\s+", value.strip(), re.I)
        if name is None or self.match(value) or len(value.strip()) <= name.end():
            return value, []
        return value.strip()[name.end() :], [value.strip()[: name.end()].strip(_PUNCTUATION)]

    def _province_splits(self, value: str) -> Iterator[tuple[str, str]]:
        """(name, province) for each way value reads as a name followed by this province, last separator first."""
        for separator in reversed(list(_SEPARATOR.finditer(value))):
            head = value[: separator.start()].rstrip(_PUNCTUATION)
            tail = value[separator.start() :].strip(_PUNCTUATION)
            if head and match_key(tail) in self.provinces:
                yield head, tail

    def _names_other_province(self, value: str) -> bool:
        """True when value names a province ("tỉnh Tiền Giang") that is not the one the vocabularies name."""
        if not self.provinces:
            return False
        parts = [value, *(p.strip(_PUNCTUATION) for p in _SEPARATOR.split(value))]
        keys = {match_key(part) for part in parts if part}
        return any(key.startswith(_PROVINCE) and key not in self.provinces for key in keys)

    def _named_parts(self, value: str) -> list[str]:
        """Distinct terms named exactly by value or by its parts (split at commas and dashes), each also
        without its type word ("thành phố Ba Tri" names Ba Tri, a huyện). A part that is the province
        names no district: "tỉnh Bến Tre" after a district is where it is, not the province-wide group."""
        whole = self.match(value) or self.match(_without_type(value))
        if whole:
            return [whole]
        found: list[str] = []
        for part in (p.strip(_PUNCTUATION) for p in _SEPARATOR.split(value)):
            if not part or match_key(part) in self.provinces:
                continue
            term_id = self.match(part) or self.match(_without_type(part))
            if term_id and term_id not in found:
                found.append(term_id)
        return found

    def choices(self) -> str:
        return "; ".join(term.full_name or term.label for term in self.terms)


def _expand(value: str) -> str:
    """Spell out an abbreviated type: "TP. Bến Tre" → "thành phố Bến Tre"."""
    match = _ABBREVIATION.match(value.strip())
    if match is None:
        return value
    short = (match.group(1) or match.group(2)).lower()
    return f"{_TYPE_WORDS[short]} {value.strip()[match.end() :]}"


def _without_type(value: str) -> str:
    """The name without its administrative type word: "thành phố Ba Tri" → "Ba Tri"."""
    words = _expand(value).split()
    for type_word in _TYPE_WORDS.values():
        size = len(type_word.split())
        if match_key(" ".join(words[:size])) == match_key(type_word) and len(words) > size:
            return " ".join(words[size:])
    return value


def build_matcher(vocabulary: Vocabulary, provinces: frozenset[str] = frozenset()) -> Matcher:
    """Index every accepted spelling of every term."""
    exact: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for term in vocabulary.terms:
        display = term.full_name or term.label
        for spelling in (term.id, term.label, term.full_name, *term.variants, *term.aliases):
            if spelling:
                exact.setdefault(match_key(spelling), term.id)
                spellings.setdefault(spelling, display)
    return Matcher(vocabulary, exact, spellings, provinces)


def province_keys(vocabularies: Vocabularies) -> frozenset[str]:
    """The province as the vocabularies name it: every accepted spelling "tỉnh <name>" gives
    "tỉnh <name>" and "<name>" (the province-wide group lists "tỉnh Bến Tre")."""
    keys: set[str] = set()
    for vocabulary in vocabularies.by_file.values():
        for term in vocabulary.terms:
            for spelling in (term.label, *term.variants):
                key = match_key(spelling)
                if key.startswith(_PROVINCE) and len(key) > len(_PROVINCE):
                    keys |= {key, key[len(_PROVINCE) :]}
    return frozenset(keys)


def matchers(vocabularies: Vocabularies) -> dict[str, Matcher]:
    """One matcher per vocabulary, built once per process."""
    provinces = province_keys(vocabularies)
    return {name: build_matcher(vocabulary, provinces) for name, vocabulary in vocabularies.by_file.items()}
