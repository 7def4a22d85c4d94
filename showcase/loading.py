"""Loading models: one file → a validated Model with its HTML, and the checks across files."""

from __future__ import annotations

from pathlib import Path

from .hygiene import LEGACY_NAMES, has_legacy_marks, legacy_encoding
from .markup import TIME_BUDGET, MarkupTooComplex, render_markdown, summary_from_html
from .model import Model
from .problems import Problem, problem
from .sources import read_source
from .validation import Context, validate


def load_model(file: Path, context: Context) -> tuple[Model | None, list[Problem]]:
    """Read, validate and render one model file; None with problems when it cannot be used."""
    source, problems = read_source(file, context.root)
    if source is None:
        return None, problems
    values, found = validate(source, context)
    problems = problems + found + _legacy_lines(source.body, source.body_line, source.path)
    if values is None or any(p.severity == "error" for p in problems):
        return None, problems
    try:
        body_html = render_markdown(source.body)
    except MarkupTooComplex:
        return None, problems + [problem("markdown-too-complex", source.path, source.body_line,
                                         expected=f"≤ {TIME_BUDGET:g} s", budget=f"{TIME_BUDGET:g}")]
    summary = values.pop("summary", None) or summary_from_html(body_html)
    return Model(source_path=source.path, body_html=body_html, summary=summary, **values), problems


def check_unique_slugs(models: list[Model]) -> list[Problem]:
    """Two files must never publish the same address (slug or old alias); name both in the error."""
    first: dict[str, Model] = {}
    problems = []
    for model in sorted(models, key=lambda m: m.source_path):
        for key, slug in [("slug", model.slug)] + [("aliases", alias) for alias in model.aliases]:
            other = first.setdefault(slug, model)
            if other is not model or (key == "aliases" and slug == model.slug):
                problems.append(problem("slug-duplicate", model.source_path, 1, key=key,
                                        expected="một địa chỉ riêng cho mỗi tệp", got=slug,
                                        other=other.source_path))
    return problems


def _legacy_lines(body: str, first_line: int, path: str) -> list[Problem]:
    """Report each body line typed in VNI/TCVN3 or decoded twice, with its line number."""
    problems: list[Problem] = []
    if not has_legacy_marks(body):  # the common case: one scan of the text instead of one per line
        return problems
    for offset, line in enumerate(body.split("\n")):
        legacy = legacy_encoding(line)
        if legacy:
            vi, en = LEGACY_NAMES[legacy]
            problems.append(problem("text-legacy", path, first_line + offset, expected="Unicode",
                                    got=line.strip()[:60], encoding=vi, encoding_en=en))
    return problems
