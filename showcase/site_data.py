"""Site-wide data files under content/: settings, vocabularies, yearly figures, replication types."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from .model import Replication, ReplicationType, Settings, SiteData, YearFigures
from .problems import Problem, problem
from .sources import read_data_file, to_python
from .text_vi import nfc, parse_date
from .vocab import load_vocabularies, matchers

SETTINGS_TEXT = ("title", "short_title", "description", "base_url", "organisation", "province", "default_level")


class _Reader:
    """Reads typed values out of one data file, collecting a problem for each bad one."""

    def __init__(self, path: str, node: Node):
        self.path = path
        self.problems: list[Problem] = []
        self.node = node
        self.field_refs: list[tuple[str, int]] = []  # (field id, line), checked once fields are known

    def bad(self, node: Node | None, key: str, detail: str, detail_en: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(problem("data-invalid", self.path, line, key=key, detail=detail, detail_en=detail_en))

    def get(self, node: MappingNode, key: str, kind: type, default=None, required: bool = True):
        for key_node, value_node in node.value:
            if key_node.value == key:
                value = to_python(value_node)
                if kind is str and isinstance(value, str):
                    return nfc(value)
                if kind is int and isinstance(value, int) and not isinstance(value, bool):
                    return value
                if kind in (list, dict, bool) and isinstance(value, kind):
                    return value
                self.bad(value_node, key, f"“{key}” phải là {kind.__name__}", f"“{key}” must be {kind.__name__}")
                return default
        if required:
            self.bad(node, key, f"thiếu khóa “{key}”", f"missing key “{key}”")
        return default


def load_site_data(content_dir: Path, root: Path) -> tuple[SiteData | None, list[Problem]]:
    """Load every data file; report all their problems together."""
    vocabularies, problems = load_vocabularies(content_dir, root)
    settings, found, _ = _load(content_dir / "site.yaml", root, _settings)
    problems += found
    figures, found, figure_refs = _load(content_dir / "figures.yaml", root, _figures, optional=True)
    problems += found
    replication, found, replication_refs = _load(content_dir / "replication.yaml", root, _replication,
                                                 optional=True)
    problems += found
    if problems or vocabularies is None or settings is None:
        return None, problems
    fields = {t.id for t in vocabularies.fields}
    for path, refs in (("figures.yaml", figure_refs), ("replication.yaml", replication_refs)):
        problems += [problem("value-unknown", f"{content_dir.relative_to(root).as_posix()}/{path}", line,
                             key="field", got=ref, vocabulary="lĩnh vực", vocabulary_en="field",
                             suggestion="Dùng id trong content/fields.yaml. / Use an id from content/fields.yaml.")
                     for ref, line in refs if ref not in fields]
    level = matchers(vocabularies)["levels"].match(settings.default_level)
    if level is None:
        problems.append(problem("value-unknown", f"{content_dir.relative_to(root).as_posix()}/site.yaml", None,
                                key="default_level", got=settings.default_level, vocabulary="cấp công nhận",
                                vocabulary_en="level",
                                suggestion="Dùng id trong content/levels.yaml, ví dụ cap-tinh. "
                                "/ Use an id from levels.yaml."))
    if problems:
        return None, problems
    settings = dataclasses.replace(settings, default_level=level)
    return SiteData(settings, vocabularies, figures or (), replication), []


def _load(file: Path, root: Path, build, optional: bool = False):
    """(value, problems, field references) of one data file; an absent optional file is no value."""
    if optional and not file.exists():
        return None, [], []
    node, problems = read_data_file(file, root)
    if node is None:
        return None, problems, []
    reader = _Reader(file.relative_to(root).as_posix(), node)
    value = build(reader, node)
    return (None, reader.problems, []) if reader.problems else (value, [], reader.field_refs)


def _settings(reader: _Reader, node: Node) -> Settings | None:
    if not isinstance(node, MappingNode):
        reader.bad(node, "", "cần các dòng khóa: giá trị", "expected key: value lines")
        return None
    known = {*SETTINGS_TEXT, "footer_lines", "per_page", "latest_on_home", "edit_url_base"}
    for key_node, _ in node.value:
        if key_node.value not in known:
            close = difflib.get_close_matches(str(key_node.value), sorted(known), n=1)
            meant = f" (có phải “{close[0]}”? / did you mean “{close[0]}”?)" if close else ""
            reader.bad(key_node, str(key_node.value), f"khóa “{key_node.value}” không có{meant}",
                       f"unknown key “{key_node.value}”{meant}")
    text = {key: reader.get(node, key, str, "") for key in SETTINGS_TEXT}
    base_url = text["base_url"] if text["base_url"].endswith("/") else text["base_url"] + "/"
    if not base_url.startswith(("http://", "https://")):
        reader.bad(node, "base_url", "base_url phải bắt đầu bằng https://", "base_url must start with https://")
    per_page = reader.get(node, "per_page", int, 20)
    if per_page < 1:
        reader.bad(node, "per_page", "per_page phải lớn hơn 0", "per_page must be positive")
    latest = reader.get(node, "latest_on_home", int, 6, required=False)
    if latest < 0:
        reader.bad(node, "latest_on_home", "latest_on_home không được âm", "latest_on_home must not be negative")
    return Settings(
        title=text["title"],
        short_title=text["short_title"],
        description=text["description"],
        base_url=base_url,
        organisation=text["organisation"],
        province=text["province"],
        footer_lines=tuple(nfc(str(line)) for line in reader.get(node, "footer_lines", list, [], required=False)),
        default_level=text["default_level"],
        per_page=per_page,
        latest_on_home=latest,
        edit_url_base=reader.get(node, "edit_url_base", str, "", required=False),
    )


def _source(reader: _Reader, node: MappingNode) -> tuple[str, str, object]:
    source = reader.get(node, "source", dict, {})
    date = parse_date(str(source.get("date", ""))) if source.get("date") else None
    if source.get("date") and date is None:
        reader.bad(node, "source", f"ngày “{source['date']}” không đúng dạng dd/mm/yyyy",
                   f"date “{source['date']}” is not a valid dd/mm/yyyy date")
    return nfc(str(source.get("title", ""))), nfc(str(source.get("author", ""))), date


def _figures(reader: _Reader, node: Node) -> tuple[YearFigures, ...]:
    if not isinstance(node, SequenceNode):
        reader.bad(node, "", "cần một danh sách theo năm", "expected a list of years")
        return ()
    figures = []
    for item in node.value:
        if not isinstance(item, MappingNode):
            reader.bad(item, "", "mỗi năm là một nhóm khóa", "each year is a mapping")
            continue
        numbers = {k: reader.get(item, k, int, 0) for k in ("year", "registered", "accepted", "not_accepted",
                                                            "proposed", "recognised")}
        by_field = reader.get(item, "recognised_by_field", dict, {})
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in by_field.values()):
            reader.bad(item, "recognised_by_field", "số mô hình theo lĩnh vực phải là số nguyên",
                       "counts by field must be whole numbers")
            by_field = {}
        reader.field_refs += [(str(k), item.start_mark.line + 1) for k in by_field]
        title, author, date = _source(reader, item)
        figures.append(YearFigures(
            **numbers,
            recognised_by_field=tuple((str(k), int(v)) for k, v in by_field.items()),
            body=reader.get(item, "body", str, ""),
            source_title=title, source_author=author, source_date=date,
            quote=reader.get(item, "quote", str, "", required=False),
        ))
    return tuple(figures)


def _replication(reader: _Reader, node: Node) -> Replication | None:
    if not isinstance(node, MappingNode):
        reader.bad(node, "", "cần các dòng khóa: giá trị", "expected key: value lines")
        return None
    types = []
    for item in reader.get(node, "types", list, []):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("slug", "title", "field")):
            reader.bad(node, "types", "mỗi loại cần slug, title, field", "each type needs slug, title, field")
            continue
        reader.field_refs.append((item["field"], node.start_mark.line + 1))
        types.append(ReplicationType(nfc(item["slug"]), nfc(item["title"]), item["field"],
                                     bool(item.get("field_inferred")), nfc(str(item.get("note", "")))))
    title, author, date = _source(reader, node)
    return Replication(
        title=reader.get(node, "title", str, ""),
        selected_year=reader.get(node, "selected_year", int, 0),
        period=reader.get(node, "period", str, ""),
        selected_by=reader.get(node, "selected_by", str, ""),
        intro=reader.get(node, "intro", str, ""),
        quote=reader.get(node, "quote", str, "", required=False),
        source_title=title, source_author=author, source_date=date,
        types=tuple(types),
    )
