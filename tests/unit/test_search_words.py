"""The words of a page's index document (typed forms, đ-words, the vocabulary) and a model's synonym
hits, each against the plainer form it replaced, on random pages."""

from __future__ import annotations

import random
import re
from collections import Counter
from html import escape

from showcase import search, synonyms
from showcase.model import Synonym

from .. import plain_words

# Words with and without marks, đ, a tone placed the old way, an underscore, punctuation inside a word.
WORDS = ["hòa", "hoà", "giải", "Ủy", "ban", "nhân", "dân", "UBND", "đường", "Đảng", "x", "a_b", "QP-AN", "22,2%", "đ/c"]
SEPARATORS = [" ", " ", ", ", "-", " – ", "\n", ". "]
WEIGHTS = [1.0, 1.0, 1.0, 5.0, 6.0, 7.0]
SYNONYMS = (
    Synonym("Ủy ban nhân dân", ("UBND", "people's committee")),
    Synonym("hòa giải", ("mediation",)),
    Synonym("nhân dân", ("people",)),
    Synonym("đường", ("road", "duong")),
    Synonym("QP-AN", ("quốc phòng an ninh",)),
    Synonym("b nhân", ("bn",)),  # in "a_b nhân" only if "_" splits a word, which it does not
)


def random_text(generator: random.Random, most: int = 9) -> str:
    words = [generator.choice(WORDS) for _ in range(generator.randint(0, most))]
    return "".join(word + generator.choice(SEPARATORS) for word in words)


def random_blocks(generator: random.Random) -> list[tuple[str, float]]:
    return [(random_text(generator), generator.choice(WEIGHTS)) for _ in range(generator.randint(0, 8))]


def test_page_expansions_are_the_expansions_of_every_word():
    generator = random.Random(21)
    for _ in range(5_000):
        blocks = random_blocks(generator)
        words = [(synonyms.block_phrase_words(text, synonyms.block_tokens(text)), weight) for text, weight in blocks]
        every_word = [
            (synonyms.word_match_key(w), weight) for text, weight in blocks for w in synonyms.phrase_words(text)
        ]
        assert synonyms.page_expansions(words, SYNONYMS) == plain_words.expansions(every_word, SYNONYMS), blocks


def test_distinct_indexed_words_are_the_indexed_words_once_each():
    generator = random.Random(22)
    for _ in range(5_000):
        texts = [random_text(generator) for _ in range(generator.randint(0, 4))]
        tokens = [token for text in texts for token in synonyms.block_tokens(text)]
        plain = list(dict.fromkeys(plain_words.indexed_words("\n".join(texts))))
        assert synonyms.distinct_indexed_words(tokens) == plain, texts


def _plain_folded(texts: list[tuple[str, float]]) -> dict[float, list[str]]:
    """The form _folded replaced: every word, then the ones that hold a đ."""
    best: dict[str, float] = {}
    for text, weight in texts:
        for word in re.findall(r"\w+", text.lower()):
            if "đ" in word:
                best[word.replace("đ", "d")] = max(weight, best.get(word.replace("đ", "d"), weight))
    by_weight: dict[float, list[str]] = {}
    for word, weight in best.items():
        by_weight.setdefault(weight, []).append(word)
    return dict(sorted(by_weight.items(), reverse=True))


def _plain_document(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The index copy and words as they were made before texts were joined into runs: every block
    looked at alone, a (key, weight) pair for every word."""
    html = search.end_blocks(search.nfc(html))
    texts = list(search._indexed_text(html))
    every_word = [(synonyms.word_match_key(w), weight) for text, weight in texts for w in synonyms.phrase_words(text)]
    typed = plain_words.expansions(every_word, SYNONYMS)
    typed_html = "".join(f'<p data-pagefind-weight="{w:g}">{escape(" ".join(group))}</p>' for w, group in typed.items())
    folded = _plain_folded(texts + [(" ".join(group), weight) for weight, group in typed.items()])
    field = search.fold_field(folded, typed_html)
    end = html.rfind("</body>")
    document = html[:end] + field + html[end:]
    extra = [" ".join(group) for group in folded.values()] + [" ".join(group) for group in typed.values()]
    words = dict.fromkeys(plain_words.indexed_words("\n".join([text for text, _ in texts] + extra)))
    return document, [(synonyms.word_key(w), w) for w in words if synonyms.word_key(w)]


def random_page(generator: random.Random) -> str:
    tags = ["h2", "h3", "p", "li", "dd"]
    parts = []
    for _ in range(generator.randint(0, 8)):
        tag = generator.choice(tags)
        ignored = " data-pagefind-ignore" if generator.random() < 0.1 else ""
        parts.append(f"<{tag}{ignored}>{escape(random_text(generator))}</{tag}>")
        if generator.random() < 0.3:
            parts.append(generator.choice(["\n  ", "<a href='/x/'>" + escape(random_text(generator, 3)) + "</a>"]))
    body = "".join(parts)
    article = f"<article data-pagefind-body><h1>{body}</h1>{body}</article>"
    return f"<html><head><title>T</title></head><body>{article}</body></html>"


def test_index_documents_are_what_the_plain_way_made():
    generator = random.Random(24)
    for _ in range(2_000):
        html = random_page(generator)
        assert search.index_copy_and_words(html, SYNONYMS) == _plain_document(html), html


def test_an_index_document_holds_the_title_and_the_indexed_article_only():
    lazy = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b.*?</article>", re.S)  # the form str.find replaced
    page = (
        '<html><head><meta charset="utf-8"><title>Hòa giải – DVK</title></head><body><header>Tìm</header>'
        '<article class="card"><p>Thẻ khác</p></article>'
        '<article class="model" data-pagefind-body data-s-unit="Ấp"><h1>Hòa giải</h1><p>Đường</p></article>'
        "<article><p>Xem thêm</p></article><footer>Chân trang</footer></body></html>"
    )
    document, _ = search.index_document(page)
    assert "<title>Hòa giải – DVK</title>" in document
    assert lazy.search(page).group(0) in document
    assert not any(text in document for text in ("Tìm", "Thẻ khác", "Xem thêm", "Chân trang"))
    for without in (page.replace(" data-pagefind-body", ""), page.replace("</article>", "")):  # none, or unended
        assert "<body></body>" in search.index_document(without)[0]


def test_model_hits_are_the_hits_of_each_text():
    generator = random.Random(25)
    targets = synonyms.targets_of(SYNONYMS)
    for _ in range(3_000):
        texts = [random_text(generator) for _ in range(generator.randint(0, 5))]
        model = _Texts(texts)
        union = set().union(*(synonyms.text_hits(text, targets) for text in synonyms.model_texts(model)))
        assert synonyms.model_hits(model, targets) == union, texts


class _Texts:
    """What model_texts reads of a model: title, summary, unit, places, tags, body."""

    def __init__(self, texts: list[str]):
        self.title, self.summary, self.unit, self.commune, self.hamlet = (texts + [""] * 5)[:5]
        self.tags = tuple(texts[5:])
        self.body_html = "<p>" + "</p><p>".join(escape(text) for text in texts) + "</p>"


def test_the_vocabulary_counts_what_a_counter_of_spellings_counts():
    generator = random.Random(26)
    pages = [search._words_of([random_text(generator, 20)]) for _ in range(300)]
    vocabulary, halves = search.Vocabulary(), [search.Vocabulary(), search.Vocabulary()]
    pages_with: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for number, words in enumerate(pages):
        vocabulary.add_page(words)
        halves[number % 2].add_page(words)
        pages_with.update({key for key, _ in words})
        for key, spelling in words:
            spellings.setdefault(key, Counter())[spelling] += 1
    assert vocabulary.pages == pages_with and vocabulary.spellings == spellings
    halves[0].merge(search.Vocabulary.from_state(halves[1].state()))
    assert halves[0].json() == vocabulary.json()
    assert search.Vocabulary.from_state(vocabulary.state()).state() == vocabulary.state()


def _plain_indexed_text(html: str):
    """The form _indexed_text replaced: the same rules, every element's state worked out alike, and
    every text between two tags given, white space too (_indexed_text leaves that out)."""
    stack: list[tuple[str, bool, bool, float]] = []
    position = 0
    while True:
        match = search._MARKUP.search(html, position)
        text_end = match.start() if match else len(html)
        if text_end > position and stack and stack[-1][1] and not stack[-1][2]:
            yield search.unescape(html[position:text_end]), stack[-1][3]
        if match is None:
            return
        position = match.end()
        closing, tag = match.group(1), (match.group(2) or "").lower()
        if not tag:
            continue
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag:
                    del stack[depth:]
                    break
            continue
        if tag in search._RAW_TEXT:
            end = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
            position = end.end() if end else len(html)
            continue
        if tag in search._VOID or match.group(3).rstrip().endswith("/"):
            continue
        attributes = match.group(3)
        names = {
            m.group(1).lower(): next((v for v in m.groups()[1:] if v is not None), "")
            for m in search._ATTRIBUTE.finditer(attributes)
        }
        in_body, skipped, weight = stack[-1][1:] if stack else (False, False, 1.0)
        in_body = in_body or search.BODY in names
        skipped = skipped or tag in search._SKIPPED or "data-pagefind-ignore" in names
        if names.get("data-pagefind-weight"):
            weight = search._number(search.unescape(names["data-pagefind-weight"]), weight)
        elif tag in search._HEADING_WEIGHT:
            weight = search._HEADING_WEIGHT[tag]
        stack.append((tag, in_body, skipped, weight))


MARKUP_PIECES = [
    "<article data-pagefind-body>",
    "</article>",
    "<div>",
    "</div>",
    "<DIV data-pagefind-body>",
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<H3>",
    "<h1 data-pagefind-weight='2.5'>",
    "</h1>",
    "<span data-pagefind-weight=x>",
    "</span>",
    "<nav>",
    "</nav>",
    "<footer>",
    "</footer>",
    "<p data-pagefind-ignore>",
    '<section data-pagefind-ignore="all">',
    "</section>",
    "<br>",
    "<img src=a.png>",
    "<x/>",
    "<!-- chú thích <p> -->",
    "<!DOCTYPE html>",
    "<title>Tiêu đề <b></title>",
    "<script>if (a < b) {}</script>",
    "<script>không đóng",
    "chữ",
    " Hòa giải ",
    "&amp; &lt;",
    "\n  ",
    "đường",
]


def test_the_indexed_text_is_what_the_plain_tokenizer_gives():
    generator = random.Random(27)
    for _ in range(20_000):
        html = "".join(generator.choice(MARKUP_PIECES) for _ in range(generator.randint(0, 14)))
        words = [(text, weight) for text, weight in _plain_indexed_text(html) if not text.isspace()]
        assert [item for item in search._indexed_text(html) if not item[0].isspace()] == words, html
        assert all(text.strip() or "&" in html for text, _ in search._indexed_text(html)), html


def test_a_plain_paragraph_is_found_as_the_lazy_pattern_finds_it():
    lazy = re.compile(r"<p>(.*?)</p>", re.S)
    pieces = ["<p>", "</p>", "<", "/p", ">", "a", "\n", "<b>", "</b>", "</p", "p>", "<p><p>", "đ", "</P>"]
    generator = random.Random(5)
    for _ in range(50_000):
        html = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        assert search._PARAGRAPH.findall(html) == lazy.findall(html), html
