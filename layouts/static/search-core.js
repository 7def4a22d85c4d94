// The search page's pure functions: query cleaning, the state kept in the URL, excerpts.
// No DOM and no Pagefind here, so Node's test runner checks them (tests/js/search-core.test.mjs);
// search.js wires them to the page.

export const FOLD_MARK = "⁂"; // same as FOLD_MARK in showcase/search.py
export const MAX_QUERY = 200; // characters; the input's maxlength too
export const SORT_PARAM = "sap-xep";

// The page's own strings, in Vietnamese. Placeholders in [BRACKETS] are filled by fill().
export const STRINGS = {
  zero_results: "Không tìm thấy kết quả nào cho “[SEARCH_TERM]”.",
  many_results: "[COUNT] kết quả cho “[SEARCH_TERM]”.",
  one_result: "[COUNT] kết quả cho “[SEARCH_TERM]”.",
  total_zero_results: "Không có mô hình nào khớp với bộ lọc.",
  total_one_result: "[COUNT] mô hình khớp với bộ lọc.",
  total_many_results: "[COUNT] mô hình khớp với bộ lọc.",
  error_search: "Không tải được công cụ tìm kiếm. Vui lòng thử lại sau.",
  filter_selected: "đã chọn [COUNT]",
  no_words: "Từ khóa chỉ có dấu cách hoặc dấu câu. Hãy gõ chữ hoặc số.",
  query_cut: "Từ khóa dài quá [MAX] ký tự, chỉ dùng [MAX] ký tự đầu.",
  unknown_words: "Không có trang nào chứa “[WORDS]”, nên bỏ qua từ này khi tìm.",
  suggestion: "Có phải:",
  telex: "Đã đọc “[FROM]” thành “[TO]”.",
  relaxed: "Không có mô hình nào có đủ mọi từ; dưới đây là kết quả khi bỏ “[WORD]”.",
  corrected: "Không có trang nào chứa “[FROM]”; kết quả cho “[TO]”.",
};

export function fill(template, values = {}) {
  return template.replace(/\[([A-Z_]+)\]/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** NFC, no control characters, at most MAX_QUERY code points, cut between words where it can. */
export function cleanQuery(raw) {
  const text = String(raw ?? "").normalize("NFC").replace(/[\u0000-\u001f\u007f]/g, " ");
  const chars = Array.from(text); // code points: a cut never splits a character
  if (chars.length <= MAX_QUERY) return { q: text, cut: false };
  const kept = chars.slice(0, MAX_QUERY).join("");
  const lastSpace = kept.search(/\s\S*$/);
  return { q: lastSpace > 0 ? kept.slice(0, lastSpace) : kept, cut: true };
}

export const hasWords = (q) => /[\p{L}\p{N}]/u.test(q);

/** The sort orders the page offers: "<key>-moi" (newest first) and "<key>-cu" (oldest first). */
export function sortOrders(config) {
  if (!config.sort) return {};
  const key = config.sort.key;
  return { [`${key}-moi`]: { [key]: "desc" }, [`${key}-cu`]: { [key]: "asc" } };
}

/** The values of the sorted filter to search one by one, in the sort's order ("desc": newest first),
 *  only those the reader chose when they chose some. Numbers compare as numbers ("2" before "10"). */
export function sortedValues(values, direction, chosen = []) {
  const order = [...values].filter((value) => !chosen.length || chosen.includes(value));
  order.sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
  return direction === "desc" ? order.reverse() : order;
}

/** The state a URL's query string describes; unknown sorts are dropped, bad %-escapes never throw. */
export function stateFromQuery(search, config) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of config.filters) filters[name] = params.getAll(name);
  const sort = params.get(SORT_PARAM) || "";
  return { q: params.get("q") || "", filters, sort: Object.hasOwn(sortOrders(config), sort) ? sort : "" };
}

/** The query string for a state: the cleaned query, each chosen filter value, the sort. */
export function queryOf(state, config) {
  const params = new URLSearchParams();
  const q = cleanQuery(state.q).q.trim();
  if (q) params.set("q", q);
  for (const name of config.filters) for (const value of state.filters[name] || []) params.append(name, value);
  if (state.sort) params.set(SORT_PARAM, state.sort);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Pagefind's filter argument: any of the chosen values, per filter that has some. */
export function pagefindFilters(filters) {
  const chosen = {};
  for (const [name, values] of Object.entries(filters)) if (values.length) chosen[name] = { any: values };
  return chosen;
}

/** A link from the index: only same-site paths and http(s) URLs, anything else is refused. */
export function safeUrl(url) {
  return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/i.test(url) ? url : null;
}

/** How a word compares with a folded-field word: NFC, lower case, đ as d, no punctuation. */
export const wordKey = (word) => (word || "").normalize("NFC").toLowerCase().replace(/đ/g, "d").replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The best window of `length` words of a page's indexed content around the matched words, as
 * segments [{text, mark}], or null when nothing matched (browsing by filter only).
 *
 * Pagefind marks words by position in its plain-text content. Positions after FOLD_MARK are in the
 * folded field (showcase/search.py): each is moved onto the page's own words with the same
 * d-spelling ("dường" → "Đường"), so the excerpt shows real Vietnamese and never the field.
 */
export function excerptSegments(content, locations, length) {
  if (typeof content !== "string") return null;
  const words = content.split(/[\r\n\s]+/g); // Pagefind's own split, so positions agree
  let end = words.lastIndexOf(FOLD_MARK);
  if (end < 0) end = words.length;
  const score = new Map();
  const folded = new Map();
  for (const { location, balanced_score: weight } of locations || []) {
    if (location < end) score.set(location, (score.get(location) || 0) + weight);
    else if (location > end) folded.set(wordKey(words[location]), weight);
  }
  if (folded.size) {
    for (let i = 0; i < end; i++) {
      const key = wordKey(words[i]);
      if (folded.has(key)) score.set(i, (score.get(i) || 0) + folded.get(key));
    }
  }
  if (!score.size) return null;
  const size = Math.min(length, end);
  const start = bestWindow(score, size, end);
  return segmentsOf(words, score, start, size, end);
}

function bestWindow(score, size, end) {
  let start = 0;
  let best = -1;
  for (const hit of [...score.keys()].sort((a, b) => a - b)) {
    const from = Math.max(0, Math.min(hit - 4, end - size)); // a few words of context before
    let sum = 0;
    for (const [location, weight] of score) if (location >= from && location < from + size) sum += weight;
    if (sum > best) [best, start] = [sum, from];
  }
  return start;
}

function segmentsOf(words, score, start, size, end) {
  const segments = [];
  let plain = start > 0 ? "… " : "";
  for (let i = start; i < start + size; i++) {
    const space = i > start ? " " : "";
    const [, before, core, after] = words[i].match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    if (score.has(i) && core) { // mark the word, not the comma or quote around it
      segments.push({ text: plain + space + before, mark: false }, { text: core, mark: true });
      plain = after;
    } else {
      plain += space + words[i];
    }
  }
  segments.push({ text: plain + (start + size < end ? " …" : ""), mark: false });
  return segments.filter((segment) => segment.text);
}

// -- the words of a query --------------------------------------------------------------------------
//
// The build ships the index's vocabulary (showcase/search.py, Vocabulary): every word keyed without
// marks and with đ as d, most frequent first, with its usual spelling. A query word the index does not
// know is left out with a notice, instead of letting Pagefind match it to an unrelated short word
// ("BHXH" to the "B" of "Thành Thới B"); a close spelling is suggested, never applied.

/** A word as the index holds it: punctuation inside it dropped ("QP-AN" → "qpan", "1+1" → "11"). */
export const indexForm = (word) => (word || "").normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** How the vocabulary keys a word: no marks, đ as d, lower case, letters and digits only. */
export const plainKey = (word) =>
  indexForm(word).replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");

/** The query's words: runs of non-space characters that hold a letter or a digit. */
export const queryWords = (q) => (q || "").split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));

export class Lexicon {
  constructor(entries, pages = 0) {
    this.rank = new Map(entries.map(([key], index) => [key, index]));
    this.shown = new Map(entries.map(([key, shown]) => [key, shown]));
    this.count = new Map(entries.map(([key, , count]) => [key, count || 0]));
    this.pages = pages;
    this.sorted = entries.map(([key]) => key).sort();
  }

  /** A word the index has, exactly (marks and đ folded). */
  has(word) {
    return this.rank.has(plainKey(word));
  }

  /** A word a quarter or more of the pages have: alone, it tells no page from another. */
  common(word) {
    return this.pages > 0 && (this.count.get(plainKey(word)) || 0) * 4 >= this.pages;
  }

  /** A word the index has, or the start of one (the reader may still be typing it). */
  knows(word) {
    const key = plainKey(word);
    if (!key) return false;
    if (this.rank.has(key)) return true;
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low < this.sorted.length && this.sorted[low].startsWith(key);
  }

  /** The usual spelling of the most frequent word at most one or two edits away, or null. */
  suggest(word) {
    const key = plainKey(word);
    if (key.length < 3 || /^\d+$/.test(key)) return null;
    const limit = key.length <= 5 ? 1 : 2;
    let best = null;
    for (const [candidate, rank] of this.rank) {
      if (Math.abs(candidate.length - key.length) > limit) continue;
      const distance = editDistance(key, candidate, limit);
      if (distance <= limit && (!best || distance < best.distance || (distance === best.distance && rank < best.rank))) {
        best = { candidate, distance, rank };
      }
    }
    return best ? this.shown.get(best.candidate) : null;
  }
}

/** Levenshtein distance with adjacent swaps counted as one edit, giving up above limit. */
export function editDistance(a, b, limit = Infinity) {
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
      smallest = Math.min(smallest, row[j]);
    }
    if (smallest > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

// Telex, the way most Vietnamese type, left in a query when the keyboard tool was off: "hoaf giair".
const TELEX_TONES = { s: "\u0301", f: "\u0300", r: "\u0309", x: "\u0303", j: "\u0323" };
const TELEX_LETTERS = [["dd", "đ"], ["aa", "â"], ["aw", "ă"], ["ee", "ê"], ["oo", "ô"], ["ow", "ơ"], ["uw", "ư"]];

/** A Telex-typed word in Vietnamese ("hoaf" → "hoà" → NFC "hoà"; "ddee" → "đê"), or the word itself. */
export function fromTelex(word) {
  let text = (word || "").toLowerCase();
  let tone = "";
  const last = text.at(-1);
  if (text.length > 1 && last in TELEX_TONES && /[aeiouyâăêôơư]|aa|aw|ee|oo|ow|uw/.test(text.slice(0, -1))) {
    tone = TELEX_TONES[last];
    text = text.slice(0, -1);
  }
  for (const [typed, letter] of TELEX_LETTERS) text = text.replaceAll(typed, letter);
  text = text.replace(/(^|[^aeiou])w/g, "$1ư");
  if (!tone) return text === word.toLowerCase() ? word : text.normalize("NFC");
  const vowels = [...text.matchAll(/[aeiouyâăêôơư]/g)];
  if (!vowels.length) return word;
  const marked = vowels.find((m) => "âăêôơư".includes(m[0])) || toneVowel(text, vowels);
  const at = marked.index + 1;
  return (text.slice(0, at) + tone + text.slice(at)).normalize("NFC");
}

function toneVowel(text, vowels) {
  if (vowels.length === 1) return vowels[0];
  const lastVowel = vowels.at(-1);
  const endsWithVowel = lastVowel.index === text.length - 1;
  // "hoa", "mua": the tone goes on the first of two final vowels ("hòa"); "hoang", "tuyen": on the second.
  if (endsWithVowel && vowels.length >= 2 && !/^(qu|gi)/.test(text.slice(vowels.at(-2).index - 1))) return vowels.at(-2);
  return lastVowel;
}

/**
 * What to search for. Each word as the index holds it, Telex rewritten when that makes a known word
 * (said on the page); other unknown words are left out with a suggestion when one is close. Every
 * word but the last must be a word of the index; the last may be the start of one (the reader may
 * still be typing). When words were left out, the query is searched first with one-letter typos in
 * longer words corrected (`corrected`, said on the page), and nothing at all is searched when what
 * is left is one short or common word (`tooVague`: "Hà" alone is no answer to "Hà Giang"). Names typed
 * with capitals ("Phú Quốc", "Long Thới") are kept as `names`: a page must hold them word after word.
 * Without a lexicon the query is kept as it is.
 */
export function prepareQuery(q, lexicon) {
  const words = queryWords(q).map((word, index, all) => readWord(word, index === all.length - 1, lexicon));
  const kept = words.filter((w) => w.forms.length).flatMap((w) => w.forms);
  const dropped = words.filter((w) => !w.forms.length).map(({ word, suggestion }) => ({ word, suggestion }));
  const fixes = dropped.filter(({ word, suggestion }) => suggestion && isTypo(word, suggestion));
  const fixed = (w) => (w.forms.length ? w : { ...w, forms: [indexForm(fixes.find((f) => f.word === w.word).suggestion)] });
  const corrected = dropped.length && fixes.length === dropped.length ? words.map(fixed) : null;
  const lone = kept.length === 1 ? plainKey(kept[0]) : "";
  const tooVague = dropped.length > 0 && (kept.length === 0 || (kept.length === 1 && (lone.length <= 2 || lexicon.common(lone))));
  return {
    search: tooVague ? "" : kept.join(" "),
    kept: tooVague ? [] : kept,
    dropped,
    rewritten: words.filter((w) => w.telex).map((w) => [w.word, w.forms[0]]),
    tooVague,
    corrected: corrected ? corrected.flatMap((w) => w.forms).join(" ") : "",
    fixes: fixes.map(({ word, suggestion }) => [word, suggestion]),
    names: nameRuns(words),
    allCommon: kept.length > 2 && Boolean(lexicon) && kept.every((form) => lexicon.common(form)),
    correctedNames: corrected ? nameRuns(corrected) : [],
  };
}

/** One query word: the forms to search for (none if unknown), whether Telex was read, a suggestion. */
function readWord(word, last, lexicon) {
  const capital = isCapitalised(word);
  const form = indexForm(word);
  if (!lexicon || lexicon.has(form) || (last && lexicon.knows(form))) return { word, capital, forms: [form] };
  // "500tr/ha", "trieu/ha": the index also holds the parts of a word written with punctuation inside,
  // and "500tr" is 500 and tr
  if (/[^\p{L}\p{N}]/u.test(word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))) {
    const parts = word.split(/[^\p{L}\p{N}]+|(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/u);
    const known = parts.filter((part) => part.length > 1 && lexicon.has(part)).map(indexForm);
    if (known.length) return { word, capital, forms: known };
  }
  const telex = fromTelex(word);
  if (telex !== word && lexicon.has(telex)) return { word, capital, forms: [indexForm(telex)], telex: true };
  return { word, capital, forms: [], suggestion: lexicon.suggest(word) };
}

const isTypo = (word, suggestion) => plainKey(word).length >= 4 && editDistance(plainKey(word), plainKey(suggestion), 1) === 1;

/** A word typed with a capital that is not an all-capital abbreviation ("Long", not "UBND"). */
function isCapitalised(word) {
  const letters = word.replace(/[^\p{L}]/gu, "");
  return /^\p{Lu}/u.test(letters) && !(letters.length > 1 && letters === letters.toUpperCase());
}

/** Runs of two or more capitalised query words, as searched (Telex read): names to keep whole. */
export function nameRuns(words) {
  const runs = [];
  let run = [];
  for (const word of [...words, { capital: false, forms: [] }]) {
    if (word.capital) {
      run.push(word.forms.length ? word.forms.join(" ") : null); // null: a word of the name no page has
      continue;
    }
    if (run.length > 1) runs.push(run);
    run = [];
  }
  return runs;
}

/** A page word and, when it has punctuation inside ("triệu/ha/năm"), its parts, as the index holds them. */
const wordAndParts = (word) => [word, ...word.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length > 1)];

/** Whether each name (a run of words) appears word after word in one of the page's texts (its text, a
 * title, a unit, a place). A name with a word no page has is on no page. */
export function holdsNames(texts, names) {
  if (!names.length) return true;
  const pieces = [].concat(texts)
    .flatMap((text) => text.split(/[.,;:!?()|\u2013\u2014]/u)) // a name never runs over punctuation
    .map((text) => ` ${queryWords(text).map(plainKey).join(" ")} `);
  return names.every((name) => !name.includes(null) && pieces.some((piece) => piece.includes(` ${queryWords(name.join(" ")).map(plainKey).join(" ")} `)));
}

/**
 * Whether the query, cut into runs of two or more words, has each run standing together in one of the
 * texts, in the query's order, at most `gap` other words between two of them (none by default). Asked only when every
 * word of a query is one most pages have: "Hội đồng nhân dân" is not the words hội, đồng, nhân and dân
 * scattered over a page about something else, while "công đoàn nhân đạo" is "công đoàn" and "nhân đạo".
 */
export function holdsClose(texts, words, gap = 0) {
  const pages = [].concat(texts).map((text) => queryWords(text).map(plainKey));
  const wanted = words.map(plainKey);
  const together = (run) => pages.some((keys) => keys.some((key, start) => {
    if (key !== run[0]) return false;
    let at = start;
    for (const next of run.slice(1)) {
      const found = keys.slice(at + 1, at + 2 + gap).indexOf(next);
      if (found < 0) return false;
      at += 1 + found;
    }
    return true;
  }));
  for (let from = 0; from < wanted.length;) {
    let to = from + 1;
    while (to < wanted.length && together(wanted.slice(from, to + 1))) to++;
    if (to - from < 2) return false; // a common word standing alone tells nothing
    from = to;
  }
  return true;
}

/**
 * Results whose title, unit or place holds the whole query as a phrase first, the rest after, each
 * group in Pagefind's order: a reader who types a unit's or a place's name wants that model first.
 */
export function phraseFirst(items, query, fields, lastMayBePrefix = false) {
  const phrase = queryWords(query).map(plainKey);
  if (phrase.length < 2) return items; // one word: Pagefind's order already weighs titles and units
  const holds = (item) => fields(item).some((text) => holdsPhrase(queryWords(text).map(plainKey), phrase, lastMayBePrefix));
  return [...items.filter(holds), ...items.filter((item) => !holds(item))];
}

function holdsPhrase(words, phrase, lastMayBePrefix) {
  const last = phrase.length - 1;
  for (let start = 0; start + last < words.length; start++) {
    if (phrase.every((key, i) => words[start + i] === key || (lastMayBePrefix && i === last && words[start + i].startsWith(key)))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a page holds the query's words as words, not only as the start of longer ones: Pagefind
 * matches "đá" to "đăng" and "Hà" to "hài". Every word must be one of the page's words (marks and đ
 * folded), except the last, which may be the start of one while no word was left out of the query
 * (the reader may still be typing it: "hòa gi").
 */
export function holdsWords(pageText, words, lastMayBePrefix) {
  const keys = new Set(queryWords(pageText).flatMap(wordAndParts).map(plainKey));
  return words.every((word, i) => {
    const key = plainKey(word);
    if (keys.has(key)) return true;
    if (!lastMayBePrefix || i !== words.length - 1) return false;
    for (const candidate of keys) if (candidate.startsWith(key)) return true;
    return false;
  });
}
