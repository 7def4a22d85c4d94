"""Site-wide data files under content/: settings, vocabularies, yearly figures, replication types.

Each file is checked against its declaration in showcase/schema.py, exactly as front-matter is; the
vocabularies come first, because the other files name their terms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import schema
from .model import SiteData, Vocabularies, Vocabulary
from .problems import Problem
from .sources import read_data_file
from .specs import Checker, Context, Spec, check_document
from .vocab import matchers


def load_site_data(
    content_dir: Path, root: Path, today: dt.date | None = None
) -> tuple[SiteData | None, list[Problem]]:
    """Load every data file; report all their problems together."""
    context = Context({}, (today or dt.date.today()).year, root, content_dir)
    problems: list[Problem] = []
    loaded: dict[str, Vocabulary] = {}
    for name, spec in schema.VOCABULARIES.items():
        vocabulary, found = load_data_file(content_dir / f"{name}.yaml", spec, context)
        problems += found
        loaded[name] = vocabulary or Vocabulary(name, name, ())
    if problems:  # the other files name terms: checked against broken vocabularies, they would only echo
        return None, problems
    vocabularies = Vocabularies(loaded)
    context.matchers = matchers(vocabularies)
    settings, found = load_data_file(content_dir / "site.yaml", schema.SETTINGS, context)
    problems += found
    figures, found = load_data_file(content_dir / "figures.yaml", schema.FIGURES, context, optional=True)
    problems += found
    replication, found = load_data_file(content_dir / "replication.yaml", schema.REPLICATION, context, optional=True)
    problems += found
    if problems or settings is None:
        return None, problems
    return SiteData(settings, vocabularies, figures or (), replication), []


def validation_context(data: SiteData, content_dir: Path, root: Path, today: dt.date | None = None) -> Context:
    """What validating a model file needs from the site data: vocabularies, default level, year."""
    return Context(
        matchers(data.vocabularies), (today or dt.date.today()).year, root, content_dir, data.settings.default_level
    )


def load_data_file(file: Path, spec: Spec, context: Context, optional: bool = False) -> tuple[Any, list[Problem]]:
    """One data file checked against spec: (value, problems); an absent optional file is (None, [])."""
    if optional and not file.exists():
        return None, []
    node, problems = read_data_file(file, context.root)
    if node is None:
        return None, problems
    checker = Checker(file.relative_to(context.root).as_posix(), 1, context, fallback_line=1)
    value = check_document(spec, node, checker)
    return (None if checker.has_errors() else value), checker.problems
