"""Search: index the staged model pages with Pagefind, so the index always matches the pages it serves.

Order: the model pages (chosen by their kind, showcase/pages.py) → write an index copy of each (NFC,
plus a field of đ-folded words) into a temporary folder, one folder per part of the index (a shard) →
run the Pagefind command line over each part, a few at a time, writing staging/pagefind/ (the first
part, with Pagefind's code) and staging/pagefind/<n>/ (the others) → put the filter chunks in a fixed
order, so two builds of the same pages give a byte-identical bundle.

Why parts: Pagefind holds ~0.3 GiB per 1,000 documents while it indexes and has no bound of its own
(2.9 GiB for 10,000 models in one run). Parts of at most SHARD_PAGES pages bound it, keep both cores
busy, and let a build re-index only the part whose pages changed. The search page merges the parts
(Pagefind's mergeIndex); a site of up to SHARD_PAGES models, like today's, has one part.

Why the folded field: Pagefind 1.5 folds tones and vowel marks ("hoa giai" finds "Hòa giải") but not
đ, so "duong" misses "đường". Each index copy ends with the page's đ-words spelled with d ("dường"),
grouped by the weight Pagefind gives the words they come from. The published pages never carry that
field; layouts/static/search.js finds it after FOLD_MARK and keeps it out of excerpts.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from itertools import chain
from operator import itemgetter
from pathlib import Path

from . import cache, urls, writing
from .model import Synonym
from .synonyms import (
    block_phrase_words,
    block_tokens,
    distinct_indexed_words,
    page_expansions,
    phrase_words,
    word_pairs,
)
from .text_vi import nfc, strip_marks

INDEX_FOLDER = "pagefind"
LANGUAGE = "vi"
FOLD_MARK = "⁂"  # starts the folded field; punctuation, so Pagefind keeps it in content but never indexes it
BODY = "data-pagefind-body"

# Pagefind's own rules (pagefind/src/fossick/parser.rs): skipped elements, heading weights.
_SKIPPED = frozenset(
    {"head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"}
)
_HEADING_WEIGHT = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


class SearchError(Exception):
    """Pagefind failed; the build stops and the published site stays as it was."""


@dataclass(frozen=True)
class SearchReport:
    pages: int
    seconds: float
    parts: int = 1  # shards of the index (0 for a site without models)
    parts_kept: int = 0  # of them, taken from the build cache


# At ~0.3 GiB of Pagefind's memory per 1,000 documents, SHARD_RUNS parts at a time stay under 0.8 GiB
# on any machine, and two runs keep two cores busy (Pagefind uses ~1.3 cores). A reader pays for parts
# too: each part answers a query word with an index chunk of its own (bench/search_download.py).
SHARD_PAGES = 1_250
SHARD_RUNS = 2


@dataclass(frozen=True)
class Shard:
    """One part of the index: the model pages it holds, and where it is published under the bundle."""

    folder: str  # "" for the first part (its folder also holds Pagefind's code), "2/", "3/", … for the others
    urls: tuple[str, ...]

    @property
    def first(self) -> bool:
        return not self.folder


def plan_shards(pages: Iterable[tuple[int, str]], size: int = SHARD_PAGES) -> tuple[Shard, ...]:
    """The parts of the index for (year, URL) of every model page: years in order, oldest first, whole
    years together while they fit in `size` pages; a year with more is cut into near-equal parts.

    By year because new models are mostly of the newest year: adding one changes only the last part,
    and a build takes the others from the cache."""
    by_year: dict[int, list[str]] = {}
    for year, url in sorted(pages):
        by_year.setdefault(year, []).append(url)
    groups: list[list[str]] = []
    current: list[str] = []
    for year_urls in by_year.values():
        if current and len(current) + len(year_urls) > size:
            groups.append(current)
            current = []
        if len(year_urls) <= size:
            current += year_urls
            continue
        groups += _cut(year_urls, -(-len(year_urls) // size))  # ceil(pages / size) parts
    if current:
        groups.append(current)
    return tuple(Shard("" if n == 0 else f"{n + 1}/", tuple(group)) for n, group in enumerate(groups))


def _cut(items: list[str], parts: int) -> list[list[str]]:
    """items in `parts` consecutive runs whose lengths differ by at most one."""
    size, longer = divmod(len(items), parts)
    runs, start = [], 0
    for number in range(parts):
        end = start + size + (number < longer)
        runs.append(items[start:end])
        start = end
    return runs


def documents_of(documents: Path, number: int) -> Path:
    """Where the index documents of part `number` (0 for the first) are written."""
    return documents / str(number)


def index_site(
    staging: Path, shards: Sequence[Shard], synonyms: tuple[Synonym, ...] = (), jobs: int = 1
) -> SearchReport:
    """Index model pages already written to staging: make their index documents, then the bundle.

    The build makes index documents in its render workers instead (index_document, then
    index_shards); this reads the pages back, for `serve` and for tests."""
    started = time.perf_counter()
    texts = {url: (staging / urls.output_path(url)).read_text(encoding="utf-8") for s in shards for url in s.urls}
    repeated = repeated_paragraphs(list(texts.values()))
    vocabulary = Vocabulary()
    with tempfile.TemporaryDirectory(prefix="dvk-documents-") as work:
        for number, shard in enumerate(shards):
            for url in shard.urls:
                document, words = index_document(texts[url], synonyms, repeated)
                write_document(documents_of(Path(work), number), urls.output_path(url), document)
                vocabulary.add_page(words)
        parts = index_shards(Path(work), shards, range(len(shards)), jobs)
        place_shards(staging / INDEX_FOLDER, shards, parts)
    write_vocabulary(staging / INDEX_FOLDER, shards, vocabulary)
    return bundle_report(staging / INDEX_FOLDER, shards, 0, time.perf_counter() - started)


def index_shards(documents: Path, shards: Sequence[Shard], numbers: Iterable[int], jobs: int) -> dict[int, Path]:
    """Run Pagefind over the documents of the parts `numbers` (documents_of), at most SHARD_RUNS and
    `jobs` at a time; return each finished part's folder (inside `documents`, so discarding that folder
    leaves nothing behind when a part fails)."""
    work = {number: (shards[number], documents / f"made-{number}") for number in numbers}
    runs = max(1, min(SHARD_RUNS, jobs, len(work)))
    threads = pagefind_threads(min(jobs, os.cpu_count() or jobs), runs)
    with ThreadPoolExecutor(max_workers=runs) as pool:  # threads wait on Pagefind
        running = [
            pool.submit(index_shard, documents_of(documents, number), out, shard, threads)
            for number, (shard, out) in work.items()
        ]
        for future in running:
            future.result()
    return {number: out for number, (_, out) in work.items()}


def pagefind_threads(cores: int, runs: int) -> int | None:
    """The threads each of `runs` Pagefind runs at once may use, sharing `cores` (the build's jobs, at
    most the machine's cores); None for a run alone, which keeps Pagefind's own choice (a thread per
    core). Pagefind spreads its work over a pool of a thread per core (rayon, RAYON_NUM_THREADS): two
    runs at once on two cores, each with two threads, took about 3 % more CPU and wall time than with
    one thread each (medians of five pairs, bench/README.md), and the bundle is the same either way."""
    return max(1, cores // runs) if runs > 1 else None


def index_shard(documents: Path, output: Path, shard: Shard, threads: int | None = None) -> None:
    """One part: Pagefind over its documents into output, put in a fixed order, checked, trimmed;
    `threads`: pagefind_threads.

    The documents are deleted as soon as Pagefind has read them, while other parts are indexed:
    deleted at the end of the build, the 20,000 files and folders of 10,000 documents kept one core
    busy and the other idle for 0.85 s."""
    if output.exists():
        shutil.rmtree(output)
    indexed = _run_pagefind(documents, output, threads)
    writing.discard(documents)
    if indexed != len(shard.urls):
        raise SearchError(f"Pagefind indexed {indexed} pages, expected {len(shard.urls)} model pages.")
    _settle_filters(output)
    verify_bundle(output, len(shard.urls), engine=shard.first)
    _remove_unused(output, engine=shard.first)


def place_shards(
    bundle: Path,
    shards: Sequence[Shard],
    made: dict[int, Path],
    kept: dict[int, Path] | None = None,
    live: dict[int, Path] | None = None,
) -> None:
    """Put every part at its place under bundle, the first part first (it makes the folder): moved if
    just made; if kept in the cache, linked from the output folder when the last build put the same
    part there (`live`), else copied (the cache must share no file with the output)."""
    for number, shard in enumerate(shards):
        if number in made:
            shutil.move(made[number], bundle / shard.folder)
        elif number in (live or {}):
            writing.reuse_tree(kept[number], live[number], bundle / shard.folder, skip=cache.BundleCache.WORDS)
        else:
            cache.copy_tree((kept or {})[number], bundle / shard.folder)


def write_vocabulary(bundle: Path, shards: Sequence[Shard], vocabulary: Vocabulary) -> None:
    """The vocabulary of the whole site, beside the first part (nothing to write for a site without models)."""
    if shards:
        (bundle / VOCABULARY_FILE).write_text(vocabulary.json(), encoding="utf-8")


def bundle_report(bundle: Path, shards: Sequence[Shard], kept: int, seconds: float) -> SearchReport:
    """Check every part once more where it is published, and report the bundle."""
    for shard in shards:
        verify_bundle(bundle / shard.folder, len(shard.urls), engine=shard.first)
    return SearchReport(sum(len(s.urls) for s in shards), seconds, len(shards), kept)


def write_document(folder: Path, relative: str, document: str) -> None:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")


_ARTICLE_START = re.compile(rf"<article\b[^>]*\b{BODY}\b")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_ARTICLE_END = "</article>"


def index_document(
    html: str, synonyms: tuple[Synonym, ...] = (), repeated: frozenset[str] = frozenset()
) -> tuple[str, list[tuple[str, str]]]:
    """A model page reduced to what Pagefind reads (its data-pagefind-body article, as an index copy),
    and the page's words for the vocabulary: (key, spelling) once per spelling on the page.

    Pagefind reads only the indexed body, its metadata and filters: a small document spares it
    parsing the header, the navigation and the footer of every page, and the render worker that
    made the page makes it while the page is in memory."""
    title = _TITLE.search(html)
    small = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"{title.group(0) if title else ''}</head><body>{_article(html)}</body></html>"
    )
    return index_copy_and_words(small, synonyms, repeated)


def _article(html: str) -> str:
    """The page's data-pagefind-body article, to the first end of an article after its start ("" when
    there is none). Found with str.find: a lazy pattern tried "</article>" at each of its characters."""
    start = _ARTICLE_START.search(html)
    if start is None:
        return ""
    end = html.find(_ARTICLE_END, start.end())
    return html[start.start() : end + len(_ARTICLE_END)] if end >= 0 else ""


def page_words(index_copy_html: str) -> list[tuple[str, str]]:
    """(key, spelling) of every distinct spelling of the indexed words of one index copy."""
    return _words_of([text for text, _ in _indexed_text(index_copy_html)])


def cache_tag(content_dir: Path, layouts_dir: Path, base_url: str, memo: cache.HashMemo | None = None) -> str:
    """A short hash of everything the index is made from: every content file, the templates,
    this program and the base URL. Pagefind fetches its entry file with it (metaCacheTag), so a
    browser keeps the file between visits until a build may have changed the index. `memo`: the
    hashes of an earlier look (cache.HashMemo), for the files that did not change since."""
    return tag_for(cache.sources_digest(content_dir, layouts_dir, memo=memo), base_url)


def tag_for(sources: str, base_url: str) -> str:
    """cache_tag from a cache.sources_digest() the build already took."""
    return cache.digest(sources, base_url)[:12]


def verify_bundle(bundle: Path, expected_pages: int, engine: bool = True) -> None:
    """Refuse a bundle a reader's browser could not use: the entry file parses, every chunk it names
    exists and is not empty (a full disk writes empty files and Pagefind still exits 0), and it covers
    exactly its model pages. `engine`: the part that also holds Pagefind's code (the first)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"]
        needed = ["pagefind.js", "pagefind-worker.js"] if engine else []
        for language, info in languages.items():
            if info["page_count"] != expected_pages:
                raise SearchError(f"the index covers {info['page_count']} pages, expected {expected_pages}")
            meta = _read_chunk(bundle / f"pagefind.{info['hash']}.pf_meta")
            pages, chunks, filters = meta[1], meta[2], meta[3]
            if len(pages) != expected_pages:
                raise SearchError(f"the index lists {len(pages)} pages, expected {expected_pages}")
            needed += [f"fragment/{fragment}.pf_fragment" for fragment, _ in pages]
            needed += [f"index/{chunk[-1]}.pf_index" for chunk in chunks]
            needed += [f"filter/{chunk}.pf_filter" for _, chunk in filters]
            if engine:
                wasm = next(bundle.glob("wasm.*.pagefind"), bundle / f"wasm.{language}.pagefind")
                needed.append(wasm.relative_to(bundle).as_posix())
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise SearchError(f"the search index is unreadable: {error}") from error
    folder = os.fspath(bundle)
    empty = [name for name in needed if not _nonempty_file(os.path.join(folder, name))]
    if empty:
        raise SearchError(f"search index files missing or empty: {', '.join(empty[:5])}")


def _nonempty_file(path: str) -> bool:
    """A regular file (or a link to one) with at least one byte: one stat (Path.is_file and
    Path.stat took two, and a bundle of 10,000 pages is checked for 10,000 fragments, twice)."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size > 0


def index_copy(html: str, synonyms: tuple[Synonym, ...] = (), repeated: frozenset[str] = frozenset()) -> str:
    """The page as Pagefind should read it: NFC, paragraphs many pages share left out, each fact, heading
    and list item ended with a full stop, and a last indexed block (after FOLD_MARK) with the page's
    đ-words spelled with d and the typed forms of its synonyms.

    The full stops: Pagefind joins blocks with a space, so the unit "… Huyện ủy Thạnh Phú" and the next
    fact "Quốc phòng - an ninh" would read as the name "Phú Quốc" to the search page (search-core.js
    holdsNames, which never lets a name run over punctuation)."""
    return index_copy_and_words(html, synonyms, repeated)[0]


def index_copy_and_words(
    html: str, synonyms: tuple[Synonym, ...] = (), repeated: frozenset[str] = frozenset()
) -> tuple[str, list[tuple[str, str]]]:
    """index_copy, and the words of its indexed text for the vocabulary (page_words of the result),
    reading the page's indexed text once."""
    html = end_blocks(_ignore_paragraphs(nfc(html), repeated))
    texts = _runs(_indexed_text(html))
    tokens = [block_tokens(text) for text, _ in texts]
    blocks = [(block_phrase_words(text, block), weight) for (text, weight), block in zip(texts, tokens, strict=True)]
    typed = page_expansions(blocks, synonyms) if synonyms else {}
    typed_html = "".join(f'<p data-pagefind-weight="{w:g}">{escape(" ".join(group))}</p>' for w, group in typed.items())
    folded = _folded(blocks + [(phrase_words(" ".join(group)), weight) for weight, group in typed.items()])
    field = fold_field(folded, typed_html)
    end = html.rfind("</body>")
    document = html + field if end < 0 else html[:end] + field + html[end:]
    extra = [" ".join(group) for group in folded.values()] + [" ".join(group) for group in typed.values()]
    return document, word_pairs(distinct_indexed_words(chain(*tokens, *map(block_tokens, extra))))


def _words_of(texts: list[str]) -> list[tuple[str, str]]:
    """(key, spelling) of each distinct indexed word of texts, in the order they first occur."""
    return word_pairs(distinct_indexed_words(chain.from_iterable(map(block_tokens, texts))))


def _runs(texts: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """The (text, weight) blocks of a page with each run of blocks of one weight joined by line breaks,
    and blocks of white space left out: what every use makes of them is the same (no word runs over a
    line break), with a tenth as many texts to look at."""
    runs: list[tuple[str, float]] = []
    pending: list[str] = []
    current = None
    for text, weight in texts:
        if text.isspace():
            continue
        if weight != current and pending:
            runs.append(("\n".join(pending), current))
            pending = []
        pending.append(text)
        current = weight
    if pending:
        runs.append(("\n".join(pending), current))
    return runs


# Not h1: Pagefind takes the page's title from it.
_BLOCK_CLOSE = re.compile(r"</(?:dd|h[2-6]|li|td|th|figcaption)>")
_NO_STOP_AFTER = frozenset(".!?:;,…>")  # punctuation ends the block already; ">": a tag


def end_blocks(html: str) -> str:
    """A full stop after the last character of each fact, heading, list item and cell that has none:
    the character before the closing tag, past white space and one link's end ("…</a> </li>").

    Found from each closing tag backwards: a regular expression that starts at the character tried
    every position of the page (290 µs a page, of 1.9 ms for its whole index document)."""
    pieces, done = [], 0
    for match in _BLOCK_CLOSE.finditer(html):
        end = match.start()
        while end > done and html[end - 1].isspace():
            end -= 1
        if html.startswith("</a>", end - 4) and end - 4 >= done:
            end -= 4
        if end > done and html[end - 1] not in _NO_STOP_AFTER and not html[end - 1].isspace():
            pieces += [html[done:end], "."]
            done = end
    return "".join(pieces) + html[done:] if pieces else html


# Paragraphs found word for word on this many model pages say nothing about any one of them ("Đang cập
# nhật…", a sentence every model of a field shares): indexed, they make pages match words they are not about.
REPEATED_MIN = 3
# A plain paragraph: "<p>(.*?)</p>" with re.S, written so that the engine takes each run of text without a
# "<" at once instead of trying "</p>" at every character (2.5 times faster over a body).
_PARAGRAPH = re.compile(r"<p>([^<]*(?:<(?!/p>)[^<]*)*)</p>")


def repeated_paragraphs(pages: list[str]) -> frozenset[str]:
    """The plain <p> paragraphs that occur on at least REPEATED_MIN pages."""
    counts: Counter[str] = Counter()
    for html in pages:
        counts.update({nfc(text) for text in _PARAGRAPH.findall(html)})
    return frozenset(text for text, count in counts.items() if count >= REPEATED_MIN)


def _ignore_paragraphs(html: str, repeated: frozenset[str]) -> str:
    if not repeated:
        return html
    return _PARAGRAPH.sub(
        lambda m: f"<p data-pagefind-ignore>{m.group(1)}</p>" if m.group(1) in repeated else m.group(0), html
    )


UNUSED_BUNDLE_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
# What a merged part does not need: the search page runs the first part's engine for all of them.
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


def _remove_unused(bundle: Path, engine: bool = True) -> None:
    """Pagefind's ready-made interfaces (~470 KB): the search page has its own (layouts/static/search.js);
    in a part other than the first, Pagefind's code too."""
    for pattern in UNUSED_BUNDLE_FILES + (() if engine else ENGINE_FILES):
        for path in bundle.glob(pattern):
            path.unlink()


VOCABULARY_FILE = "vocabulary.json"


class Vocabulary:
    """Every word the index holds, keyed as the search page compares words (no marks, đ as d), with its
    most common spelling and how many pages have it, most frequent first: search-core.js tells unknown
    words from known ones with it, corrects and suggests spellings from it, and sees when the only word
    left of a query is one most pages have, instead of letting Pagefind match an unrelated short word."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()  # word key → pages that have it
        self.pairs: Counter[tuple[str, str]] = Counter()  # (word key, spelling) → pages that spell it so
        self.total = 0

    def add_page(self, words: list[tuple[str, str]]) -> None:
        """One page's words, from page_words: each (key, spelling) once. Counted as pairs, in C: keying
        a Counter of spellings for each word cost a fifth of a page's index document."""
        self.pages.update(set(map(itemgetter(0), words)))
        self.pairs.update(words)
        self.total += 1

    def merge(self, other: Vocabulary) -> None:
        """Another share of the site's vocabulary: a render worker's chunk, or a part kept in the cache."""
        self.pages.update(other.pages)
        self.pairs.update(other.pairs)
        self.total += other.total

    @property
    def spellings(self) -> dict[str, Counter[str]]:
        """word key → how many pages spell it each way."""
        found: dict[str, Counter[str]] = {}
        for (key, spelling), count in self.pairs.items():
            found.setdefault(key, Counter())[spelling] = count
        return found

    def state(self) -> str:
        """Everything it counted, for the build cache (a part kept there brings its share back)."""
        spellings = self.spellings
        words = {key: [self.pages[key], spellings[key]] for key in self.pages}
        return json.dumps({"total": self.total, "words": words}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_state(cls, text: str) -> Vocabulary:
        kept = json.loads(text)
        vocabulary = cls()
        vocabulary.total = kept["total"]
        for key, (pages, spellings) in kept["words"].items():
            vocabulary.pages[key] = pages  # a page counts a key once, whatever spellings it has
            vocabulary.pairs.update({(key, spelling): count for spelling, count in spellings.items()})
        return vocabulary

    def json(self) -> str:
        ordered = sorted(self.pages, key=lambda key: (-self.pages[key], key))
        spellings = self.spellings
        entries = [[key, _shown(spellings[key]), self.pages[key]] for key in ordered]
        document = {"version": 1, "pages": self.total, "words": entries}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _shown(spellings: Counter[str]) -> str:
    """The spelling to suggest: the most common one with marks, ties broken alphabetically."""
    return min(spellings, key=lambda word: (-spellings[word], word == strip_marks(word), word))


def folded_words(html: str) -> dict[float, list[str]]:
    """The đ-words of the indexed text, with đ spelled d, by weight (highest weight a word has)."""
    return _folded((phrase_words(text), weight) for text, weight in _indexed_text(html))


def _folded(blocks: Iterable[tuple[list[str], float]]) -> dict[float, list[str]]:
    """folded_words from each block's words (runs of word characters, lower case) and its weight: the
    words an index copy has split already are looked at for a đ, not found again in its text."""
    best: dict[str, float] = {}
    for words, weight in blocks:
        for word in [word for word in words if "đ" in word]:
            folded = word.replace("đ", "d")
            best[folded] = max(weight, best.get(folded, weight))
    by_weight: dict[float, list[str]] = {}
    for word, weight in best.items():  # dicts keep first-seen order, so the output is deterministic
        by_weight.setdefault(weight, []).append(word)
    return dict(sorted(by_weight.items(), reverse=True))


def fold_field(words: dict[float, list[str]], extra: str = "") -> str:
    """HTML for the field after FOLD_MARK: the folded words, one block per weight, then extra blocks
    (the typed forms of synonyms); empty if there is neither."""
    if not words and not extra:
        return ""
    blocks = "".join(f'<p data-pagefind-weight="{weight:g}">{" ".join(group)}</p>' for weight, group in words.items())
    return f"<div {BODY}>{FOLD_MARK} {blocks}{extra}</div>\n"


# A small tokenizer rather than html.parser: the pages are our own output (Jinja and nh3 escape "<" and
# ">" in text and attribute values), and it is 2.5 times faster (1.3 ms a page instead of 3.3 ms).
_MARKUP = re.compile(r"<!--.*?-->|<[!?][^>]*>|<(/?)([A-Za-z][^\s/>]*)([^>]*)>", re.S)  # ">" is escaped in values
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})


def _indexed_text(html: str) -> Iterator[tuple[str, float]]:
    """(text, weight) for the text Pagefind indexes: inside data-pagefind-body, minus skipped parts.
    Text that is only white space between two tags is left out: it holds no word for any use."""
    stack: list[tuple[str, bool, bool, float]] = [_OUTSIDE]  # tag, in body, skipped, weight
    position = 0
    search = _MARKUP.search
    while (match := search(html, position)) is not None:
        top = stack[-1]
        if match.start() > position and top[1] and not top[2]:
            text = html[position : match.start()]
            if not text.isspace():
                yield (unescape(text) if "&" in text else text), top[3]
        position = match.end()
        closing, tag, attributes = match.groups()
        if tag is None:  # a comment or a doctype
            continue
        if not tag.islower():
            tag = tag.lower()
        if closing:
            if stack[-1][0] == tag:  # nearly always: the element last opened (never _OUTSIDE)
                stack.pop()
                continue
            for depth in range(len(stack) - 2, 0, -1):
                if stack[depth][0] == tag:  # also closes elements left open (<p>, <li>)
                    del stack[depth:]
                    break
            continue
        if tag in _RAW_TEXT:  # never indexed, and its text may hold "<"
            end = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
            position = end.end() if end else len(html)
            continue
        if tag in _VOID or attributes.rstrip().endswith("/"):
            continue
        if "data-pagefind" not in attributes and tag not in _CHANGES_STATE:  # most elements: as their parent
            stack.append((tag, top[1], top[2], top[3]))
            continue
        names = (
            {
                m.group(1).lower(): next((v for v in m.groups()[1:] if v is not None), "")
                for m in _ATTRIBUTE.finditer(attributes)
            }
            if "data-pagefind" in attributes
            else {}
        )
        _, in_body, skipped, weight = top
        in_body = in_body or BODY in names
        skipped = skipped or tag in _SKIPPED or "data-pagefind-ignore" in names
        if names.get("data-pagefind-weight"):
            weight = _number(unescape(names["data-pagefind-weight"]), weight)
        elif tag in _HEADING_WEIGHT:
            weight = _HEADING_WEIGHT[tag]
        stack.append((tag, in_body, skipped, weight))
    if len(html) > position and stack[-1][1] and not stack[-1][2] and not html[position:].isspace():
        yield unescape(html[position:]), stack[-1][3]


_OUTSIDE = ("", False, False, 1.0)  # the bottom of the stack: outside every element, never closed
_CHANGES_STATE = _SKIPPED | _HEADING_WEIGHT.keys()


def _number(text: str, default: float) -> float:
    try:
        return float(text)
    except ValueError:
        return default


def _pagefind_command() -> list[str]:
    """Pagefind's command line, from the pinned Python package (pagefind-bin): its executable itself,
    found as `python -m pagefind` finds it (the extended build first), without starting a Python for
    each part only to hand over to it (40 ms a run)."""
    return [str(_pagefind_executable())]


@lru_cache(maxsize=1)
def _pagefind_executable() -> Path:
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()
        except ImportError:
            continue
        except FileNotFoundError as error:
            raise SearchError(f"Pagefind could not run: {error}") from error
        return Path(found).resolve()
    raise SearchError("Pagefind could not run: the pagefind[bin] package (pagefind-bin) is not installed.")


def _run_pagefind(site: Path, output: Path, threads: int | None = None) -> int:
    """Run the Pagefind command line; return how many pages it indexed. `threads`: pagefind_threads."""
    command = [
        *_pagefind_command(),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--force-language",
        LANGUAGE,
    ]
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND")}
    if threads is not None:
        environment["RAYON_NUM_THREADS"] = str(threads)
    try:
        # A working folder of our own: Pagefind reads pagefind.yml/.toml/.json from where it runs.
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            timeout=600,
            env=environment,
            cwd=site.parent,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"Pagefind could not run: {error}") from error
    if result.returncode != 0:
        raise SearchError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    match = re.search(r"Indexed (\d+) page", result.stdout)
    return int(match.group(1)) if match else 0


# -- Determinism: Pagefind 1.5.2 writes filter values in hash-map order, which changes on every run, so
# the filter chunks (and the metadata file that names them) differ between two builds of the same pages.
# Their content is CBOR after a "pagefind_dcd" signature, gzipped; sorting the lists changes no meaning.

_SIGNATURE = b"pagefind_dcd"


def _settle_filters(bundle: Path) -> None:
    """Rewrite filter chunks and metadata in sorted order; leave a bundle of unknown format as it is."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read_chunk(meta_path)
            settled = []
            for name, chunk in sorted(meta[3]):  # [version, pages, index chunks, filters, sorts, meta keys]
                path = bundle / "filter" / f"{chunk}.pf_filter"
                key, values = _read_chunk(path)
                path.unlink()
                settled.append([name, _write_chunk(bundle / "filter", language, [key, sorted(values)], 7)])
            meta[3] = settled
            meta_path.unlink()
            info["hash"] = _write_chunk(bundle, language, meta, 10, prefix="pagefind.", suffix=".pf_meta")
        entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        # The version is pinned (pyproject.toml): a bundle this code cannot read is a broken one.
        raise SearchError(f"the search index could not be put in a fixed order: {error}") from error


def _read_chunk(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind chunk")
    value, end = _cbor_read(data, len(_SIGNATURE))
    if end != len(data) or not isinstance(value, list):
        raise ValueError(f"{path.name}: unexpected layout")
    return value


def _write_chunk(
    folder: Path, language: str, value: list, digits: int, prefix: str = "", suffix: str = ".pf_filter"
) -> str:
    """Write a chunk named by its content, the way Pagefind names them; return its hash ("vi_1a2b3c4")."""
    data = _SIGNATURE + _cbor(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _cbor_read(data: bytes, at: int) -> tuple[object, int]:
    """Decode the CBOR subset Pagefind's chunks use: integers, strings, byte strings, arrays."""
    kind, info = data[at] >> 5, data[at] & 31
    at += 1
    if info >= 28:
        raise ValueError("indefinite CBOR lengths are not expected")
    size = 0 if info < 24 else 1 << (info - 24)
    number = info if info < 24 else int.from_bytes(data[at : at + size], "big")
    at += size
    if kind == 0:
        return number, at
    if kind == 1:
        return -1 - number, at
    if kind in (2, 3):
        raw = data[at : at + number]
        return (raw.decode("utf-8") if kind == 3 else raw), at + number
    if kind == 4:
        items = []
        for _ in range(number):
            item, at = _cbor_read(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {kind} is not expected")


def _cbor(value: object) -> bytes:
    """Encode with the shortest heads, as Pagefind does."""
    if isinstance(value, int):
        kind, number, payload = (0, value, b"") if value >= 0 else (1, -1 - value, b"")
    elif isinstance(value, str):
        payload = value.encode("utf-8")
        kind, number = 3, len(payload)
    elif isinstance(value, bytes):
        kind, number, payload = 2, len(value), value
    elif isinstance(value, list):
        kind, number, payload = 4, len(value), b"".join(_cbor(item) for item in value)
    else:
        raise ValueError(f"cannot encode {type(value).__name__}")
    if number < 24:
        return bytes([kind << 5 | number]) + payload
    size = next(s for s in (1, 2, 4, 8) if number < 1 << (8 * s))
    return bytes([kind << 5 | (24 + size.bit_length() - 1)]) + number.to_bytes(size, "big") + payload
