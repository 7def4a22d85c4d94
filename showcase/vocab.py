"""Controlled vocabularies (fields, districts, levels): matching the spellings editors type.

A value matches a term when it equals the term's id, label, full name or a declared variant after
match_key() folding (NFC, case, tone placement, dashes). Nothing else matches: a typo can never
create a new field or district page; it gets the closest valid value as a suggestion instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Term, Vocabularies, Vocabulary
from .text_vi import closest, match_key

SHORT_TYPES = {"thành phố": ("tp", "tp."), "thị xã": ("tx", "tx.")}  # abbreviations editors type


@dataclass(frozen=True)
class Matcher:
    """Looks up editors' spellings of one vocabulary's terms."""

    vocabulary: Vocabulary
    exact: dict[str, str]  # match_key → term id
    spellings: dict[str, str]  # every accepted spelling → the label a suggestion shows

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.vocabulary.terms

    def match(self, value: str) -> str | None:
        """Return the term id for value, or None when it is not an accepted spelling."""
        return self.exact.get(match_key(value))

    def suggest(self, value: str) -> str | None:
        """The label an editor most probably meant, or None when nothing is close."""
        return closest(value, self.spellings)

    def choices(self) -> str:
        return "; ".join(term.full_name or term.label for term in self.terms)


def build_matcher(vocabulary: Vocabulary) -> Matcher:
    """Index every accepted spelling of every term."""
    exact: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for term in vocabulary.terms:
        display = term.full_name or term.label
        short = [f"{abbr} {term.label}" for abbr in SHORT_TYPES.get(term.full_name[: -len(term.label)].strip(), ())]
        for spelling in (term.id, term.label, term.full_name, *term.variants, *short, *term.aliases):
            if spelling:
                exact.setdefault(match_key(spelling), term.id)
                spellings.setdefault(spelling, display)
    return Matcher(vocabulary, exact, spellings)


def matchers(vocabularies: Vocabularies) -> dict[str, Matcher]:
    """One matcher per vocabulary, built once per process."""
    return {name: build_matcher(vocabulary) for name, vocabulary in vocabularies.by_file.items()}
