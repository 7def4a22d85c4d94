"""Loading models: one file → a validated Model with its HTML, and the checks across files."""

from __future__ import annotations

from pathlib import Path

from .markup import render_markdown, summary_from_html
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
    problems = problems + found
    if values is None:
        return None, problems
    body_html = render_markdown(source.body)
    summary = values.pop("summary", None) or summary_from_html(body_html)
    return Model(source_path=source.path, body_html=body_html, summary=summary, **values), problems


def check_unique_slugs(models: list[Model]) -> list[Problem]:
    """Two files must never publish the same address; name both in the error."""
    first: dict[str, Model] = {}
    problems = []
    for model in sorted(models, key=lambda m: m.source_path):
        other = first.setdefault(model.slug, model)
        if other is not model:
            problems.append(problem("slug-duplicate", model.source_path, 1, key="slug",
                                    expected="một địa chỉ riêng cho mỗi tệp", got=model.slug,
                                    other=other.source_path))
    return problems
