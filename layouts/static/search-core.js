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
