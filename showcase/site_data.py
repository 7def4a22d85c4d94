"""Site-wide data files under content/: sources, vocabularies, settings, figures, replication, the 2025
arrangement of communes.

Each file is checked against its declaration in showcase/schema.py, exactly as front-matter is. The
order matters: sources first (every statement names one), then the vocabularies (other files name
their terms), then the rest.
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

SOURCES_FILE = "sources.yaml"
OPTIONAL_FILES = {
    "figures": ("figures.yaml", schema.FIGURES),
    "replication": ("replication.yaml", schema.REPLICATION),
    "reform": ("sap-xep-2025.yaml", schema.REFORM),
    "withdrawn": ("withdrawn.yaml", schema.WITHDRAWN),
    "synonyms": ("synonyms.yaml", schema.SYNONYMS),
}


def load_site_data(
    content_dir: Path, root: Path, today: dt.date | None = None
) -> tuple[SiteData | None, list[Problem]]:
    """Load every data file; report all their problems together."""
    context = Context({}, (today or dt.date.today()).year, root, content_dir)
    sources, problems = load_data_file(content_dir / SOURCES_FILE, schema.SOURCES, context, optional=True)
    context.sources = {source.id: source for source in sources or ()}
    loaded: dict[str, Vocabulary] = {}
    for name, spec in schema.VOCABULARIES.items():
        vocabulary, found = load_data_file(content_dir / f"{name}.yaml", spec, context)
        problems += found
        loaded[name] = vocabulary or Vocabulary(name, name, ())
    if _has_errors(problems):  # the other files name terms: checked against broken vocabularies, they would only echo
        return None, problems
    vocabularies = Vocabularies(loaded)
    context.matchers = matchers(vocabularies)
    settings, found = load_data_file(content_dir / "site.yaml", schema.SETTINGS, context)
    problems += found
    optional = {}
    for name, (file_name, spec) in OPTIONAL_FILES.items():
        optional[name], found = load_data_file(content_dir / file_name, spec, context, optional=True)
        problems += found
    if _has_errors(problems) or settings is None:
        return None, problems
    data = SiteData(
        settings,
        vocabularies,
        optional["figures"] or (),
        optional["replication"],
        tuple(sources or ()),
        optional["reform"],
        optional["withdrawn"] or (),
        optional["synonyms"] or (),
    )
    return data, problems


def validation_context(
    data: SiteData, content_dir: Path, root: Path, today: dt.date | None = None, cache_dir: Path | None = None
) -> Context:
    """What validating a model file needs from the site data: vocabularies, sources, default level, year,
    and where processed images are kept (None: images are only checked, as `build.py check` does)."""
    return Context(
        matchers(data.vocabularies),
        (today or dt.date.today()).year,
        root,
        content_dir,
        data.settings.default_level,
        {source.id: source for source in data.sources},
        cache_dir,
        today or dt.date.today(),
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


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
