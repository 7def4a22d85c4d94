"""The checks of content/synonyms.yaml against the model pages (a typed form listed twice, a typed form
that is a real word of the pages, words no page has), and that they say the same whether a model's
words were read in this build, kept in the build cache, or kept by `serve`."""

from __future__ import annotations

import dataclasses
import random

import pytest

from showcase import synonyms
from showcase.model import Synonym
from showcase.pipeline import check
from showcase.preview import Preview

from . import plain_words
from .conftest import make_project, options
from .test_editor_loop import touch_later

# Test data. Line numbers matter: the problems point at them.
SYNONYMS = """\
- words: "Hội Nông dân"
  typed: ["HND", "hội"]
- words: "hoà giải"
  typed: ["mediation", "HND"]
- words: "tàu vũ trụ"
  typed: ["spaceship"]
"""
EXPECTED = [
    ("synonym-real-word", 2, "hội"),  # "hội" is a word of the pages
    ("synonym-duplicate", 4, "HND"),  # already typed for "Hội Nông dân"
    ("synonym-unused", 5, "tàu vũ trụ"),  # no page has these words; "hoà giải" is "hòa giải" in new tone style
]
SPACE_MODEL = "mo-hinh/2024/hoa-giai-o-co-so.md"


def synonym_problems(opts) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.line, p.got) for p in check(opts)[2] if p.code.startswith("synonym-")]


@pytest.fixture
def content(tmp_path):
    folder = make_project(tmp_path)
    (folder / synonyms.SYNONYMS_FILE).write_text(SYNONYMS, encoding="utf-8")
    return folder


def test_each_kind_of_problem_is_found_at_its_line(content):
    assert synonym_problems(options(content, use_cache=False)) == EXPECTED


def test_words_kept_in_the_cache_give_the_same_problems_without_reading_any_page_again(content, monkeypatch):
    assert synonym_problems(options(content)) == EXPECTED  # fills the cache

    def read_again(*_):
        raise AssertionError("a kept model's words were read again")

    monkeypatch.setattr(synonyms, "model_hits", read_again)
    assert synonym_problems(options(content)) == EXPECTED


def test_an_edit_that_uses_the_words_ends_the_warning_with_the_other_models_kept(content):
    assert synonym_problems(options(content)) == EXPECTED
    path = content / SPACE_MODEL
    path.write_text(path.read_text(encoding="utf-8") + "\nMột tàu vũ trụ bằng giấy.\n", encoding="utf-8")
    assert synonym_problems(options(content)) == EXPECTED[:2]


def test_serve_keeps_each_models_words_and_reads_only_the_saved_file(content, monkeypatch):
    shown = Preview(options(content, base_url="http://localhost:8000/"))
    try:
        shown.refresh()
        assert [(p.code, p.line, p.got) for p in shown.problems if p.code.startswith("synonym-")] == EXPECTED
        read = []
        model_hits = synonyms.model_hits
        monkeypatch.setattr(
            synonyms, "model_hits", lambda model, targets: read.append(model.slug) or model_hits(model, targets)
        )
        path = content / SPACE_MODEL
        touch_later(path, path.read_text(encoding="utf-8") + "\nMột tàu vũ trụ bằng giấy.\n")
        assert shown.refresh() is True
        assert [(p.code, p.line, p.got) for p in shown.problems if p.code.startswith("synonym-")] == EXPECTED[:2]
        assert read == ["hoa-giai-o-co-so"]
        path.unlink()  # the only page with either phrase: both are unused, and nothing of the file is kept
        assert shown.refresh() is True
        unused = ("synonym-unused", 3, "hoà giải")
        assert [(p.code, p.line, p.got) for p in shown.problems if p.code.startswith("synonym-")] == [
            EXPECTED[0],
            unused,
            *EXPECTED[1:],
        ]
        assert set(shown._hits) == {p for p, (model, _) in shown._loaded.items() if model is not None}
    finally:
        shown.close()


def test_a_typed_form_listed_twice_is_reported_in_its_own_entry_whatever_the_order_of_keys(content):
    (content / synonyms.SYNONYMS_FILE).write_text(
        '- words: "Hội Nông dân"\n  typed: ["HND"]\n'
        '- typed: ["HND"]\n  words: "hòa giải"\n'
        '- words: "Mặt trận Tổ quốc Việt Nam"\n  typed: ["HND"]\n',
        encoding="utf-8",
    )
    problems = synonym_problems(options(content, use_cache=False))
    assert [(code, line) for code, line, _ in problems if code == "synonym-duplicate"] == [
        ("synonym-duplicate", 3),
        ("synonym-duplicate", 6),
    ]


def test_the_words_to_look_for_come_each_once_phrases_first():
    entries = (Synonym("Hội Nông dân", ("HND", "hội nông dân")), Synonym("hoà giải", ("HND",)))
    phrases = (synonyms.phrase_keys("HỘI NÔNG DÂN"), synonyms.phrase_keys("hòa giải"))  # case and tone placement fold
    assert synonyms.targets_of(entries) == (*phrases, ("hnd",))


def test_a_phrase_is_found_in_one_text_whatever_its_case_tone_placement_or_punctuation():
    targets = (synonyms.phrase_keys("hoà giải"), synonyms.phrase_keys("Hội Nông dân"))
    assert synonyms.text_hits("Tổ HÒA GIẢI ấp; hội nông-dân xã", targets) == {0, 1}
    assert synonyms.text_hits("hòa, giải", targets) == {0}  # words, not characters: punctuation between is allowed
    assert synonyms.text_hits("hòa giảng", targets) == set()


def test_a_phrase_is_not_found_across_two_texts_of_a_page(content):
    """Title "… hòa" and a body starting "giải …" do not make a page about "hòa giải"."""
    targets = (synonyms.phrase_keys("hòa giải"),)
    model = check(options(content, use_cache=False))[1][0]
    split = dataclasses.replace(model, title="Tổ hòa", summary="", unit="Ấp", tags=(), body_html="<p>giải quyết</p>")
    assert synonyms.model_hits(split, targets) == frozenset()
    joined = dataclasses.replace(split, body_html="<p>Tổ hòa giải quyết</p>")
    assert synonyms.model_hits(joined, targets) == {0}


def test_holds_finds_a_phrase_where_occurrences_does():
    generator = random.Random(16)
    for _ in range(20_000):
        keys = [generator.choice("abc") for _ in range(generator.randint(0, 8))]
        phrase = tuple(generator.choice("abc") for _ in range(generator.randint(1, 3)))
        weighted = [(key, 1.0) for key in keys]
        found = bool(plain_words.occurrences(weighted, phrase))
        assert synonyms.holds(synonyms.joined(keys), phrase) == found, (keys, phrase)


def test_text_hits_finds_what_a_search_of_every_target_finds():
    generator = random.Random(17)
    words = ["hòa", "hoà", "giải", "Ủy", "ban", "nhân", "dân", "UBND", "x", "đ"]
    for _ in range(3_000):
        text = generator.choice([" ", ", ", "-"]).join(generator.choice(words) for _ in range(generator.randint(0, 9)))
        targets = tuple(
            tuple(synonyms.word_match_key(generator.choice(words).lower()) for _ in range(generator.randint(1, 3)))
            for _ in range(generator.randint(1, 5))
        )
        weighted = [(synonyms.word_match_key(word), 1.0) for word in synonyms.phrase_words(text)]
        plain = {number for number, target in enumerate(targets) if plain_words.occurrences(weighted, target)}
        assert synonyms.text_hits(text, targets) == plain, (text, targets)
