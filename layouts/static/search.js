// The search page (/tim-kiem/): a small UI on Pagefind's JavaScript API, no framework.
//
// Why not Pagefind's Component UI: in 1.5.2 it cannot sort (no "sort by year"), and it orders and
// names filter groups itself. This file keeps the query, filters and sort in the URL (links, reload,
// back/forward), renders result cards, and keeps the folded field (showcase/search.py) out of excerpts.
// Everything the reader typed is shown with textContent, never parsed as HTML.

const FOLD_MARK = "⁂"; // same as FOLD_MARK in showcase/search.py
const MAX_QUERY = 200; // characters; the input's maxlength too
const PAGE_SIZE = 10;
const EXCERPT_WORDS = 36; // Vietnamese words are syllables: 36 ≈ two lines
const DEBOUNCE_MS = 250;
const FILTERS = ["linh-vuc", "dia-ban", "nam", "cap"];
const SORTS = { "nam-moi": { nam: "desc" }, "nam-cu": { nam: "asc" } };

// Every key of Pagefind's UI strings, in corrected Vietnamese (the bundled "vi" strings of Pagefind 1.5.2
// say "Kiểm thị" for "Hiển thị"), plus this page's own. JSON between the markers: a test reads it.
const STRINGS = /* strings:start */ {
  "placeholder": "Tìm mô hình",
  "clear_search": "Xóa",
  "load_more": "Xem thêm kết quả",
  "search_label": "Tìm kiếm trên trang web này",
  "filters_label": "Bộ lọc",
  "zero_results": "Không tìm thấy kết quả nào cho “[SEARCH_TERM]”.",
  "many_results": "[COUNT] kết quả cho “[SEARCH_TERM]”.",
  "one_result": "[COUNT] kết quả cho “[SEARCH_TERM]”.",
  "total_zero_results": "Không có mô hình nào khớp với bộ lọc.",
  "total_one_result": "[COUNT] mô hình khớp với bộ lọc.",
  "total_many_results": "[COUNT] mô hình khớp với bộ lọc.",
  "alt_search": "Không tìm thấy kết quả cho “[SEARCH_TERM]”. Đang hiển thị kết quả cho “[DIFFERENT_TERM]”.",
  "search_suggestion": "Không tìm thấy kết quả cho “[SEARCH_TERM]”. Hãy thử một trong các từ khóa sau:",
  "searching": "Đang tìm “[SEARCH_TERM]”…",
  "results_label": "Kết quả tìm kiếm",
  "keyboard_navigate": "di chuyển",
  "keyboard_select": "chọn",
  "keyboard_clear": "xóa",
  "keyboard_close": "đóng",
  "keyboard_search": "tìm kiếm",
  "error_search": "Không tải được công cụ tìm kiếm. Vui lòng thử lại sau.",
  "filter_selected_one": "Đã chọn [COUNT]",
  "filter_selected_many": "Đã chọn [COUNT]",
  "input_hint": "Kết quả sẽ hiện ra khi bạn gõ",
  "loading": "Đang tải…",
  "no_words": "Từ khóa chỉ có dấu cách hoặc dấu câu. Hãy gõ chữ hoặc số.",
  "query_cut": "Từ khóa dài quá [MAX] ký tự, chỉ dùng [MAX] ký tự đầu.",
  "year": "Năm [YEAR]"
} /* strings:end */;

const root = document.getElementById("tim-kiem");
const form = root.querySelector("form");
const input = form.elements.namedItem("q");
const sortSelect = form.elements.namedItem("sap-xep");
const statusLine = document.getElementById("trang-thai");
const browse = document.getElementById("goi-y-duyet");
const list = document.getElementById("ket-qua");
const more = document.getElementById("xem-them");
const filterPanel = document.getElementById("bo-loc");
const numbers = new Intl.NumberFormat("vi-VN");

let pagefindLoading = null;
let totals = {}; // filter → value → pages in the whole index
let generation = 0; // each search gets a number; a slower, older one never overwrites a newer one
let shown = { results: [], next: 0, generation: 0 };
let typingTimer = 0;

function t(key, values = {}) {
  return STRINGS[key].replace(/\[([A-Z_]+)\]/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// -- query and state --------------------------------------------------------------------------

function cleanQuery(raw) {
  const text = String(raw || "").normalize("NFC").replace(/[\u0000-\u001f\u007f]/g, " ");
  const chars = Array.from(text); // code points: a cut never splits a character
  if (chars.length <= MAX_QUERY) return { q: text, cut: false };
  const kept = chars.slice(0, MAX_QUERY).join("");
  const lastSpace = kept.search(/\s\S*$/); // and, where it can, never a word
  return { q: lastSpace > 0 ? kept.slice(0, lastSpace) : kept, cut: true };
}

const hasWords = (q) => /[\p{L}\p{N}]/u.test(q);

function readUrl() {
  const params = new URLSearchParams(location.search); // tolerant: bad %-escapes never throw
  const filters = {};
  for (const name of FILTERS) filters[name] = params.getAll(name);
  const sort = params.get("sap-xep") || "";
  return { q: params.get("q") || "", filters, sort: Object.hasOwn(SORTS, sort) ? sort : "" };
}

function readForm() {
  const filters = {};
  for (const name of FILTERS) {
    filters[name] = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  }
  return { q: input.value, filters, sort: sortSelect.value };
}

function writeForm(state) {
  input.value = cleanQuery(state.q).q;
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = (state.filters[box.name] || []).includes(box.value);
  }
  sortSelect.value = state.sort;
}

function urlOf(state) {
  const params = new URLSearchParams();
  const q = cleanQuery(state.q).q.trim();
  if (q) params.set("q", q);
  for (const name of FILTERS) for (const value of state.filters[name]) params.append(name, value);
  if (state.sort) params.set("sap-xep", state.sort);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function pagefindFilters(filters) {
  const chosen = {};
  for (const name of FILTERS) if (filters[name].length) chosen[name] = { any: filters[name] };
  return chosen;
}

// -- Pagefind ---------------------------------------------------------------------------------

function loadPagefind() {
  if (!pagefindLoading) {
    pagefindLoading = (async () => {
      const bundle = root.dataset.bundle;
      const pagefind = await import(`${bundle}pagefind.js`);
      await pagefind.options({ bundlePath: bundle, baseUrl: root.dataset.base, excerptLength: EXCERPT_WORDS });
      await pagefind.init();
      totals = await pagefind.filters();
      return pagefind;
    })();
    pagefindLoading.catch(() => { pagefindLoading = null; }); // a later search may retry
  }
  return pagefindLoading;
}

async function run(state) {
  const mine = ++generation;
  const { q, cut: cutNow } = cleanQuery(state.q);
  const cut = cutNow || state.cut;
  const term = q.trim();
  const words = hasWords(term);
  const filters = pagefindFilters(state.filters);
  const filtering = Object.keys(filters).length > 0;
  if (!words && !filtering) {
    showCounts(totals);
    await showResults([], mine);
    statusLine.textContent = term ? t("no_words") : "";
    browse.hidden = true;
    return;
  }
  list.setAttribute("aria-busy", "true");
  let search;
  try {
    const pagefind = await loadPagefind();
    const options = { filters };
    const sort = SORTS[state.sort] || (words ? null : SORTS["nam-moi"]);
    if (sort) options.sort = sort;
    search = await pagefind.search(words ? term : null, options);
  } catch (error) {
    if (mine === generation) failed(error);
    return;
  }
  if (mine !== generation) return;
  showCounts(search.totalFilters || totals);
  await showResults(search.results, mine);
  if (mine !== generation) return;
  const count = search.results.length;
  const kind = count === 0 ? "zero_results" : count === 1 ? "one_result" : "many_results";
  const message = t(words ? kind : `total_${kind}`, { COUNT: numbers.format(count), SEARCH_TERM: term });
  statusLine.textContent = cut ? `${message} ${t("query_cut", { MAX: MAX_QUERY })}` : message;
  browse.hidden = count > 0;
}

function failed(error) {
  console.error(error);
  list.replaceChildren();
  list.setAttribute("aria-busy", "false");
  more.hidden = true;
  statusLine.textContent = t("error_search");
  browse.hidden = false;
}

// -- filters ----------------------------------------------------------------------------------

function addYearOptions() {
  const fieldset = form.querySelector('fieldset[data-filter="nam"]');
  if (fieldset.querySelector("input")) return;
  const years = Object.keys(totals.nam || {}).sort((a, b) => Number(b) - Number(a));
  for (const year of years) {
    const label = element("label", "filter-option");
    const box = element("input");
    box.type = "checkbox";
    box.name = "nam";
    box.value = year;
    label.append(box, " ", element("span", "filter-label", year), " ", element("span", "count"));
    fieldset.append(label);
  }
}

function showCounts(counts) {
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    const label = box.closest("label");
    const total = totals[box.name]?.[box.value] || 0;
    const count = counts[box.name]?.[box.value] || 0;
    label.hidden = total === 0 && !box.checked; // a value no model has is no choice
    label.classList.toggle("is-empty", count === 0);
    label.querySelector(".count").textContent = `(${numbers.format(count)})`;
  }
  for (const fieldset of form.querySelectorAll("fieldset[data-filter]")) {
    fieldset.hidden = !fieldset.querySelector("label:not([hidden])");
  }
  const chosen = form.querySelectorAll("input[type=checkbox]:checked").length;
  filterPanel.querySelector(".filter-chosen").textContent =
    chosen ? `(${t(chosen === 1 ? "filter_selected_one" : "filter_selected_many", { COUNT: chosen }).toLowerCase()})` : "";
}

// -- results ----------------------------------------------------------------------------------

async function showResults(results, mine) {
  shown = { results, next: 0, generation: mine };
  list.replaceChildren();
  more.hidden = true;
  await showMore(false);
  list.setAttribute("aria-busy", "false");
}

async function showMore(moveFocus) {
  const { results, generation: mine } = shown;
  const page = results.slice(shown.next, shown.next + PAGE_SIZE);
  const pages = await Promise.all(page.map((result) => result.data()));
  if (mine !== generation) return;
  shown.next += page.length;
  const cards = pages.map(card);
  list.append(...cards);
  more.hidden = shown.next >= results.length;
  if (moveFocus && cards.length) cards[0].querySelector("a").focus();
}

function safeUrl(url) {
  return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/i.test(url) ? url : null;
}

function card(data) {
  const meta = data.meta || {};
  const item = element("li", "card result");
  const title = element("h3", "card-title");
  const link = element("a", "", meta.title || data.url);
  link.href = safeUrl(data.url) || "#";
  title.append(link);
  item.append(title);
  const facts = [meta.unit, meta.district, meta.year && t("year", { YEAR: meta.year })].filter(Boolean);
  if (facts.length) item.append(element("p", "card-meta", facts.join(" · ")));
  if (meta.field) item.append(element("p", "card-field", meta.field));
  const text = excerpt(data);
  if (text) item.append(text);
  const image = safeUrl(meta.image);
  if (image) {
    const img = element("img", "result-image");
    img.src = image;
    img.alt = ""; // the title next to it says what the model is
    img.loading = "lazy";
    item.append(img);
    item.classList.add("has-image");
  }
  return item;
}

// Pagefind marks words by position in its plain-text content. Positions after FOLD_MARK are in the
// folded field: each is moved onto the page's own words with the same d-spelling ("dường" → "Đường"),
// so the excerpt shows real Vietnamese and never the field.
const wordKey = (word) => (word || "").normalize("NFC").toLowerCase().replace(/đ/g, "d").replace(/[^\p{L}\p{N}]/gu, "");

function excerpt(data) {
  if (typeof data.content !== "string") return null;
  const words = data.content.split(/[\r\n\s]+/g); // Pagefind's own split, so positions agree
  let end = words.lastIndexOf(FOLD_MARK);
  if (end < 0) end = words.length;
  const score = new Map();
  const folded = new Map();
  for (const { location, balanced_score: weight } of data.weighted_locations || []) {
    if (location < end) score.set(location, (score.get(location) || 0) + weight);
    else if (location > end) folded.set(wordKey(words[location]), weight);
  }
  if (folded.size) {
    for (let i = 0; i < end; i++) {
      const key = wordKey(words[i]);
      if (folded.has(key)) score.set(i, (score.get(i) || 0) + folded.get(key));
    }
  }
  if (!score.size) return null; // browsing by filter only: the card says enough
  const length = Math.min(EXCERPT_WORDS, end);
  let start = 0;
  let best = -1;
  for (const hit of [...score.keys()].sort((a, b) => a - b)) {
    const from = Math.max(0, Math.min(hit - 4, end - length)); // a few words of context before
    let sum = 0;
    for (const [location, weight] of score) if (location >= from && location < from + length) sum += weight;
    if (sum > best) [best, start] = [sum, from];
  }
  const paragraph = element("p", "result-excerpt");
  let plain = start > 0 ? "… " : "";
  for (let i = start; i < start + length; i++) {
    const space = i > start ? " " : "";
    const [, before, core, after] = words[i].match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    if (score.has(i) && core) { // mark the word, not the comma or quote around it
      paragraph.append(plain + space + before, element("mark", "", core));
      plain = after;
    } else {
      plain += space + words[i];
    }
  }
  paragraph.append(plain + (start + length < end ? " …" : ""));
  return paragraph;
}

// -- wiring -----------------------------------------------------------------------------------

// History: typing gets one entry, refined while the reader types; Enter, a filter or the sort settles it,
// so the next typing starts a new entry. Back therefore returns to the previous search, not to each letter.
function remember(state, typing) {
  const url = urlOf(state);
  if (typing && history.state?.typing) history.replaceState({ typing }, "", url);
  else if (url !== location.pathname + location.search) history.pushState({ typing }, "", url);
  else history.replaceState({ typing }, "", url);
}

function commit() {
  const state = readForm();
  remember(state, false);
  run(state);
}

input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    const state = readForm();
    remember(state, true);
    run(state);
  }, DEBOUNCE_MS);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  commit();
});
form.addEventListener("change", (event) => {
  if (event.target !== input) commit();
});
document.getElementById("bo-chon").addEventListener("click", () => {
  for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = false;
  sortSelect.value = "";
  commit();
});
more.addEventListener("click", () => showMore(true));
window.addEventListener("popstate", () => {
  clearTimeout(typingTimer);
  writeForm(readUrl());
  run(readForm());
});

async function start() {
  const wanted = readUrl();
  writeForm(wanted);
  filterPanel.open = matchMedia("(min-width: 48rem)").matches || form.querySelector("input[type=checkbox]:checked") !== null;
  root.hidden = false;
  try {
    await loadPagefind();
  } catch (error) {
    failed(error);
    return;
  }
  addYearOptions();
  writeForm(wanted); // again: the year options exist now
  const state = readForm(); // values the index does not have are dropped here
  state.cut = cleanQuery(wanted.q).cut;
  history.replaceState({ typing: false }, "", urlOf(state));
  showCounts(totals);
  await run(state);
}

start();
