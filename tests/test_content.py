"""The real content: valid in strict mode and true to the source article's facts.

Only these tests read content/. They never count or list it: editors add models every week, and a
valid new model (with known results, in any field or district) must keep them green
(tests/test_growth.py proves it on a copy of the project).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from showcase.pipeline import BuildOptions, check

from .conftest import ROOT

SEED = Path(os.environ.get("DVK_SEED_DIR", ROOT.parent / "shared" / "seed")) / "models-named-in-article.yaml"


@pytest.fixture(scope="module")
def real():
    opts = BuildOptions(
        content_dir=ROOT / "content",
        layouts_dir=ROOT / "layouts",
        out_dir=ROOT / "site",
        strict=True,
        jobs=1,
        today=dt.date.today(),
    )
    data, models, problems = check(opts)
    by_address = {address: m for m in models for address in (m.slug, *m.aliases)}  # a renamed model keeps its facts
    return data, by_address, problems


def test_real_content_is_valid_in_strict_mode(real):
    _, _, problems = real
    # A model added since the URL record was last updated is recorded by the next build (the site's own CI
    # runs `check --strict` and asks for the record); here a valid new file must stay valid.
    assert [p.format() for p in problems if p.code != "url-unrecorded"] == []


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
def test_models_are_true_to_the_article(real):
    data, models, _ = real
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    districts = {t.id: t.full_name for t in data.vocabularies.districts}
    for fact in seed["models_recognised_2024"]:
        model = models[fact["slug"]]
        assert model.title == fact["title"]
        assert model.unit == fact["unit"]
        assert model.field == fact["field"]
        assert model.year == fact["recognition_year"] == 2024
        assert model.level == fact["recognition_level"]
        assert districts[model.district] == (fact["district"] or "Toàn tỉnh")
        assert model.commune == (fact["commune"] or "")
        assert model.hamlet == (fact["hamlet"] or "")
        assert dt.date(2024, 12, 30) in [s.date for s in model.sources]  # the article stays a cited source


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
def test_official_figures_match_the_article(real):
    data, _, _ = real
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))["aggregates"]
    figures = {f.year: f for f in data.figures}[2024]
    keys = ("registered", "accepted", "not-accepted", "proposed", "recognised")
    assert tuple(figures.value(key) for key in keys) == (
        seed["registered_provincial_early_2024"]["total"],
        seed["appraised"]["noted_commented_adjusted"],
        seed["appraised"]["not_noted"],
        seed["proposed_for_recognition_end_2024"],
        seed["recognised_provincial_end_2024"],
    )
    by_field = {row.key: row.value for row in figures.by_field}
    assert by_field == {k: v for k, v in seed["recognised_by_field"].items() if k not in ("sum", "check")}
    assert sum(by_field.values()) == figures.value("recognised")
    assert figures.scope == "cấp tỉnh" and figures.source.date == dt.date(2024, 12, 30)


def test_real_site_passes_the_site_checks(tmp_path):
    from showcase.pipeline import build

    from .site_checks import broken_links, unsafe_content

    out = tmp_path / "site"
    build(
        BuildOptions(
            content_dir=ROOT / "content",
            layouts_dir=ROOT / "layouts",
            out_dir=out,
            strict=True,
            jobs=2,
            search=False,
            base_url="https://dvk.example.vn/",  # the public address is not decided; a build for it passes one
            record="off",  # never write the real record from a test
        )
    )
    assert unsafe_content(out) == []
    assert broken_links(out) == []
