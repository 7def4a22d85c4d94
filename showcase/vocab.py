"""Controlled vocabularies (fields, districts, levels): loading them and matching editors' values.

A value matches a term when it equals the term's id, label, full name or a declared variant after
match_key() folding (NFC, case, tone placement, dashes). Nothing else matches: a typo can never
create a new field or district page; it gets the closest valid value as a suggestion instead.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, SequenceNode

from .model import Term, Vocabularies
from .problems import Problem, problem
from .sources import read_data_file, to_python
from .text_vi import loose_key, match_key, nfc, slugify

VOCABULARY_FILES = {"fields": "fields.yaml", "districts": "districts.yaml", "levels": "levels.yaml"}
LABELS = {"fields": ("lĩnh vực", "field"), "districts": ("địa bàn", "district"), "levels": ("cấp công nhận", "level")}
SHORT_TYPES = {"thành phố": ("tp", "tp."), "thị xã": ("tx", "tx.")}  # abbreviations editors type


@dataclass(frozen=True)
class Matcher:
    """Looks up editors' spellings of a vocabulary's terms."""

    name: str
    terms: tuple[Term, ...]
    exact: dict[str, str]  # match_key → term id
    loose: dict[str, str]  # loose_key → term label, for suggestions only

    def match(self, value: str) -> str | None:
        """Return the term id for value, or None when it is not an accepted spelling."""
        return self.exact.get(match_key(value))

    def suggest(self, value: str) -> str | None:
        """The label an editor most probably meant, or None when nothing is close."""
        close = difflib.get_close_matches(loose_key(value), list(self.loose), n=1, cutoff=0.6)
        return self.loose[close[0]] if close else None

    def choices(self) -> str:
        return "; ".join(term.full_name or term.label for term in self.terms)


def build_matcher(name: str, terms: tuple[Term, ...]) -> Matcher:
    """Index every accepted spelling of every term."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for term in terms:
        display = term.full_name or term.label
        short = [f"{abbr} {term.label}" for abbr in SHORT_TYPES.get(term.full_name[: -len(term.label)].strip(), ())]
        for spelling in (term.id, term.label, term.full_name, *term.variants, *short):
            if spelling:
                exact.setdefault(match_key(spelling), term.id)
                loose.setdefault(loose_key(spelling), display)
    return Matcher(name, terms, exact, loose)


def load_vocabularies(content_dir: Path, root: Path) -> tuple[Vocabularies | None, list[Problem]]:
    """Read fields.yaml, districts.yaml and levels.yaml; every problem in any of them is reported."""
    loaded: dict[str, tuple[Term, ...]] = {}
    problems: list[Problem] = []
    for name, file_name in VOCABULARY_FILES.items():
        terms, found = _load_terms(content_dir / file_name, root, name)
        problems += found
        loaded[name] = terms
    if problems:
        return None, problems
    return Vocabularies(**loaded), []


def _load_terms(file: Path, root: Path, name: str) -> tuple[tuple[Term, ...], list[Problem]]:
    node, problems = read_data_file(file, root)
    path = file.relative_to(root).as_posix()
    if node is None:
        return (), problems
    if not isinstance(node, SequenceNode) or not node.value:
        return (), [_invalid(path, node.start_mark.line + 1, "cần một danh sách mục", "expected a list of entries")]
    terms: list[Term] = []
    seen: set[str] = set()
    for item in node.value:
        line = item.start_mark.line + 1
        data = to_python(item) if isinstance(item, MappingNode) else None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"]:
            problems.append(_invalid(path, line, "mỗi mục cần có id", "each entry needs an id"))
            continue
        problems += _entry_problems(path, line, data)
        term = _term(name, data)
        if term.id in seen:
            problems.append(problem("data-duplicate", path, line, key="id", got=term.id))
        seen.add(term.id)
        if not term.label:
            problems.append(_invalid(path, line, f"mục “{term.id}” thiếu tên", f"entry “{term.id}” has no label"))
        terms.append(term)
    return tuple(terms), problems


def _entry_problems(path: str, line: int, data: dict) -> list[Problem]:
    """An id becomes a URL segment, so it must already be a slug; variants must be a list of text."""
    problems = []
    term_id = data["id"]
    if slugify(term_id) != term_id:
        problems.append(_invalid(path, line, f"id “{term_id}” phải là chữ thường không dấu, số và gạch ngang "
                                 f"(ví dụ “{slugify(term_id) or 'kinh-te'}”)",
                                 f"id “{term_id}” must be lowercase a-z, 0-9 and hyphens"))
    variants = data.get("variants")
    if variants is not None and not (isinstance(variants, list) and all(isinstance(v, str) for v in variants)):
        problems.append(_invalid(path, line, f"variants của “{term_id}” phải là danh sách chữ, ví dụ [\"a\", \"b\"]",
                                 f"variants of “{term_id}” must be a list of text"))
    return problems


def _term(name: str, data: dict) -> Term:
    variants = tuple(nfc(str(v)) for v in data.get("variants") or ())
    if name == "districts":
        label = nfc(str(data.get("name") or ""))
        kind = nfc(str(data.get("type") or ""))
        full = f"{kind} {label}".strip()
        return Term(str(data["id"]), label, variants, full_name=full, note=str(data.get("gso_code") or ""))
    label = nfc(str(data.get("label") or ""))
    return Term(str(data["id"]), label, variants, full_name=label)


def _invalid(path: str, line: int, detail: str, detail_en: str) -> Problem:
    return problem("data-invalid", path, line, detail=detail, detail_en=detail_en)


def matchers(vocabularies: Vocabularies) -> dict[str, Matcher]:
    """One matcher per vocabulary, built once per process."""
    return {name: build_matcher(name, vocabularies.by_name(name)) for name in VOCABULARY_FILES}
