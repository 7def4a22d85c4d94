"""The web form's config.yml is generated from the schema and the vocabularies, and /admin/ is built only
when site.yaml asks for it, never as a page of the site (showcase/admin.py, security.admin_policy)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from showcase import admin, schema, security
from showcase.pipeline import build
from showcase.preview import Preview
from showcase.site_data import load_site_data
from showcase.specs import Year

from ..conftest import TODAY, options

ADMIN_SETTINGS = '\nadmin:\n  backend: "github"\n  repo: "to-chuc/kho-thu"\n  branch: "main"\n'


def _config(content: Path, local_url: str | None = None) -> dict:
    data, problems = load_site_data(content, content.parent, TODAY)
    assert data is not None, problems
    return yaml.safe_load(admin.to_yaml(admin.site_config(data, content, TODAY, local_url)))


def _models(config: dict) -> list[dict]:
    return [c for c in config["collections"] if c["name"].startswith("mo-hinh-")]


def _field(collection: dict, name: str) -> dict:
    return next(f for f in collection["fields"] if f["name"] == name)


def test_one_collection_per_year_folder_and_the_current_year(project):
    names = [c["name"] for c in _models(_config(project))]
    assert names == ["mo-hinh-2026", "mo-hinh-2024", "mo-hinh-2023", "mo-hinh-2022"]
    for collection in _models(_config(project)):
        year = int(collection["name"].rsplit("-", 1)[1])
        assert collection["folder"] == f"content/mo-hinh/{year}"
        assert (collection["media_folder"], collection["public_folder"]) == ("anh", "anh")  # beside the model
        assert _field(collection, "year").items() >= {"default": year, "min": year, "max": year}.items()


def test_every_model_key_is_a_field_with_its_label_hint_and_required(project):
    for collection in _models(_config(project)):
        names = [f["name"] for f in collection["fields"]]
        assert names == [*schema.MODEL, "body"]
        for name, spec in schema.MODEL.items():
            field = _field(collection, name)
            assert field["label"] == spec.label and field["required"] is spec.required
            assert field.get("hint", "") == spec.doc or name == "year"  # the year's hint names its folder


def test_selects_offer_the_vocabularies_as_the_files_write_them(project):
    data, _ = load_site_data(project, project.parent, TODAY)
    collection = _models(_config(project))[0]
    for key, vocabulary in (("field", "fields"), ("district", "districts"), ("level", "levels")):
        values = [option["value"] for option in _field(collection, key)["options"]]
        assert values == [term.full_name for term in data.vocabularies.terms(vocabulary)]
    assert "huyện Ba Tri" in [o["value"] for o in _field(collection, "district")["options"]]
    sources = _field(collection, "sources")["types"][0]["fields"][0]["options"]
    assert [o["value"] for o in sources] == [source.id for source in data.sources]


def test_numbers_dates_lists_and_limits_follow_the_specs(project):
    collection = _models(_config(project))[0]
    assert _field(collection, "published")["default"] == "{{now}}"
    for name in ("published", "updated"):
        wanted = {"widget": "datetime", "format": "DD/MM/YYYY", "time_format": False}
        assert _field(collection, name).items() >= wanted.items()
    assert _field(collection, "tags")["max"] == schema.MODEL["tags"].max_items
    assert _field(collection, "title")["pattern"][0] == "^[\\s\\S]{0,300}$"
    assert _field(collection, "images")["fields"][0]["widget"] == "image"
    settings = next(c for c in _config(project)["collections"] if c["name"] == "du-lieu")["files"][0]["fields"]
    per_page = next(f for f in settings if f["name"] == "per_page")
    spec = schema.SETTINGS.keys["per_page"]
    assert (per_page["min"], per_page["max"]) == (spec.minimum, spec.maximum)
    assert Year.MIN_YEAR == 2000  # the year collections' range starts from the folder, never below this


def test_the_form_changes_when_a_vocabulary_changes(project):
    fields = project / "fields.yaml"
    fields.write_text(
        fields.read_text(encoding="utf-8") + '  - id: moi-truong\n    label: "Môi trường"\n', encoding="utf-8"
    )
    options_now = [o["value"] for o in _field(_models(_config(project))[0], "field")["options"]]
    assert options_now[-1] == "Môi trường"


def test_backend_from_site_yaml_with_review_and_the_local_server_for_serve(project):
    config = _config(project, "http://127.0.0.1:9999")
    assert config["backend"]["name"] == "proxy" and config["local_backend"] == {"url": "http://127.0.0.1:9999/api/v1"}
    site = project / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + ADMIN_SETTINGS, encoding="utf-8")
    config = _config(project)
    assert config["backend"] == {"name": "github", "repo": "to-chuc/kho-thu", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow" and "local_backend" not in config
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_an_unknown_backend_is_refused_with_the_choices(project):
    site = project / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + ADMIN_SETTINGS.replace("github", "bitbucket"), "utf-8")
    data, problems = load_site_data(project, project.parent, TODAY)
    assert data is None
    assert [(p.code, p.key, p.got) for p in problems] == [("value-unknown", "admin.backend", "bitbucket")]


def test_admin_policy_relaxes_only_what_the_cms_needs():
    policy = security.admin_policy("github")
    assert "connect-src 'self' blob: https://api.github.com" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy and "object-src 'none'" in policy
    assert "http://" not in policy
    assert "http://127.0.0.1:8081" in security.admin_policy(None, "", "http://127.0.0.1:8081")
    assert "https://git.example.vn" in security.admin_policy("gitlab", "https://git.example.vn")
    assert "'unsafe-inline'" not in security.CSP  # the site's own pages are not relaxed


@pytest.mark.slow
@pytest.mark.usefixtures("node_packages")  # Decap's files, copied into admin/
def test_admin_is_built_only_when_enabled_and_never_as_a_page(project, tmp_path):
    site = tmp_path / "site"
    build(options(project, site))
    assert not (site / "admin").exists()
    settings = project / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + ADMIN_SETTINGS, encoding="utf-8")
    build(dataclasses.replace(options(project, site), record="update"))
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert f'content="{security.admin_policy("github")}"' in page.replace("&#x27;", "'")
    assert (site / "admin" / "decap-cms.js").is_file() and (site / "admin" / "yaml" / "index.js").is_file()
    assert yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))["locale"] == "vi"
    assert not list((site / "admin").glob("*.map"))
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert headers.endswith(security.admin_headers(security.admin_policy("github")))
    for listing in (site / "sitemap.xml", project / "urls.txt"):
        assert "/admin" not in listing.read_text(encoding="utf-8")
    assert "/admin/" not in (site / "index.html").read_text(encoding="utf-8")  # never linked


@pytest.mark.slow  # Decap's files, from the Node packages
@pytest.mark.usefixtures("node_packages")
def test_serve_admin_serves_the_form_with_its_policy_and_yaml_type(project):
    preview = Preview(options(project, base_url="http://127.0.0.1:8000/"), admin_url="http://127.0.0.1:9999")
    try:
        preview.refresh()
        config = preview.respond("/admin/config.yml")
        assert config.content_type == "text/yaml; charset=utf-8"
        assert b"local_backend" in config.body and config.policy == security.admin_policy(None, "", preview.admin_url)
        assert preview.respond("/admin/").content_type.startswith("text/html")
        assert preview.respond("/admin/decap-cms.js").file == admin.CMS_DIST / "decap-cms.js"
        assert preview.respond("/admin/nothing.js").status == 404
    finally:
        preview.close()
    plain = Preview(options(project, base_url="http://127.0.0.1:8000/"))
    try:
        plain.refresh()
        assert plain.respond("/admin/config.yml").status == 404  # only with --admin
    finally:
        plain.close()


def test_today_bounds_the_year_of_the_current_collection(project):
    data, _ = load_site_data(project, project.parent, TODAY)
    config = admin.site_config(data, project, dt.date(2031, 1, 2))
    assert config["collections"][0]["name"] == "mo-hinh-2031"
