"""Bytes → text → front-matter: encodings, line endings, delimiters and YAML line numbers."""

from __future__ import annotations

import pytest

from showcase.sources import decode, parse_yaml, read_bounded, split_front_matter


def test_bom_and_crlf_are_accepted():
    text, problems = decode("\ufeff---\r\ntitle: x\r\n---\r\nA\r\n".encode(), "a.md")
    assert problems == [] and text == "---\ntitle: x\n---\nA\n"


def test_nfd_becomes_nfc():
    text, _ = decode("Hòa".encode().replace("ò".encode(), "o\u0300".encode()), "a.md")
    assert text == "Hòa"


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("a\nb\nMô hình\n".encode("cp1258", errors="ignore"), 3),
        (b"a\nb\nc\n\xd2", 4),
        ("---\ntitle: x\n".encode("utf-16"), 1),
        ("---\ntitle: x\n".encode("utf-16-le"), 1),
        (b'---\ntitle: "M\xf4 h\xecnh"\n', 2),
    ],
)
def test_not_utf8_names_the_line(raw, line):
    text, problems = decode(raw, "a.md")
    assert text is None
    assert [(p.code, p.line) for p in problems] == [("encoding", line)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty-file"),
        ("\n\n  \n", "empty-file"),
        ("title: x\n", "frontmatter-missing"),
        ("\n---\ntitle: x\n---\n", "frontmatter-missing"),
        ("---\ntitle: x\n", "frontmatter-unterminated"),
    ],
)
def test_front_matter_shape_problems(text, code):
    parts, problems = split_front_matter(text, "a.md")
    assert parts is None and [p.code for p in problems] == [code]


def test_front_matter_lines_are_lines_in_the_file():
    text = "---\n\n\ntitle: x\nyear: 2024\n---\n\nBody\n---\nnot front-matter\n"
    (fm, fm_line, body, body_line), _ = split_front_matter(text, "a.md")
    node, problems = parse_yaml(fm, fm_line, "a.md")
    year_key = node.value[1][0]
    assert fm_line + year_key.start_mark.line == 5
    assert body.startswith("\nBody\n---\n") and body_line == 7


def test_yaml_syntax_error_line_is_the_file_line():
    text = '---\ntitle: "x"\nunit: a: b\n---\n'
    (fm, fm_line, _, _), _ = split_front_matter(text, "a.md")
    node, problems = parse_yaml(fm, fm_line, "a.md")
    assert node is None
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-syntax", 3, 8)]
    assert "dấu hai chấm" in problems[0].message_vi


def test_alias_bomb_is_rejected_without_expanding():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    node, problems = parse_yaml(bomb, 2, "a.md")
    assert {p.code for p in problems} == {"yaml-alias"}


# -- read_bounded: a plain path is checked with one lstat a part; anything else is resolved whole ------


def _codes(result):
    return [p.code for p in result[1]]


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "mo-hinh" / "2024").mkdir(parents=True)
    (folder / "mo-hinh" / "2024" / "a.md").write_bytes(b"A")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "b.md").write_bytes(b"B")
    return folder


def test_a_plain_file_below_content_is_read(content):
    assert read_bounded(content / "mo-hinh" / "2024" / "a.md", "a.md", content) == (b"A", [])


def test_links_inside_content_are_followed_and_links_out_refused(content):
    models = content / "mo-hinh"
    (models / "to-a.md").symlink_to(models / "2024" / "a.md")
    (models / "2023").symlink_to(models / "2024", target_is_directory=True)
    (models / "2022").symlink_to(content.parent / "outside", target_is_directory=True)
    (models / "to-b.md").symlink_to(content.parent / "outside" / "b.md")
    assert read_bounded(models / "to-a.md", "x", content) == (b"A", [])
    assert read_bounded(models / "2023" / "a.md", "x", content) == (b"A", [])
    assert _codes(read_bounded(models / "2022" / "b.md", "x", content)) == ["path-unsafe"]
    assert _codes(read_bounded(models / "to-b.md", "x", content)) == ["path-unsafe"]


def test_dot_dot_and_other_spellings_are_resolved_before_they_are_trusted(content):
    escaping = content / "mo-hinh" / ".." / ".." / "outside" / "b.md"
    assert _codes(read_bounded(escaping, "x", content)) == ["path-unsafe"]
    assert read_bounded(content / "mo-hinh" / "2024" / ".." / "2024" / "a.md", "x", content) == (b"A", [])
    assert _codes(read_bounded(content.parent / "outside" / "b.md", "x", content)) == ["path-unsafe"]


def test_content_itself_may_be_a_link(content, tmp_path):
    (tmp_path / "linked").symlink_to(content, target_is_directory=True)
    linked = tmp_path / "linked"
    assert read_bounded(linked / "mo-hinh" / "2024" / "a.md", "x", linked) == (b"A", [])
    assert read_bounded(content / "mo-hinh" / "2024" / "a.md", "x", linked) == (b"A", [])


def test_a_folder_or_a_device_is_not_read(content):
    assert _codes(read_bounded(content / "mo-hinh" / "2024", "x", content)) == ["path-unsafe"]
    assert _codes(read_bounded(content / "mo-hinh" / "missing.md", "x", content)) == ["path-unsafe"]
