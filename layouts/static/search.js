// The search page (/tim-kiem/): a small UI on Pagefind's JavaScript API, no framework.
//
// Why not Pagefind's Component UI: in 1.5.2 it cannot sort, and it orders and names filter groups
// itself. The build renders the form and every filter (from the facet definitions, showcase/facets.py)
// and hands this script their names in data-config; this file keeps the query, filters and sort in
// the URL, renders result cards, and keeps the folded field (showcase/search.py) out of excerpts.
// Everything the reader typed is shown with textContent, never parsed as HTML.

import {
  Lexicon, MAX_QUERY, STRINGS, cleanQuery, excerptSegments, fill, hasWords, holdsClose, holdsNames, holdsWords,
  pagefindFilters,
  phraseFirst,
  prepareQuery, queryOf, safeUrl, sortOrders, sortedValues, stateFromQuery,
} from "./search-core.js";

const PAGE_SIZE = 10;
const CHECKED = 50; // the first results read to keep only pages that hold the words, phrase matches first
const EXCERPT_WORDS = 36; // Vietnamese words are syllables: 36 ≈ two lines
const DEBOUNCE_MS = 250;

const root = document.getElementById("tim-kiem");
const config = JSON.parse(root.dataset.config);
const sorts = sortOrders(config);
const form = root.querySelector("form");
const input = form.elements.namedItem("q");
const sortSelect = form.elements.namedItem("sap-xep");
const statusLine = document.getElementById("trang-thai");
const browse = document.getElementById("goi-y-duyet");
const list = document.getElementById("ket-qua");
const more = document.getElementById("xem-them");
const filterPanel = document.getElementById("bo-loc");
const notice = document.getElementById("tim-kiem-ghi-chu");
const numbers = new Intl.NumberFormat("vi-VN");

let pagefindLoading = null;
let lexicon = null; // the index's vocabulary (showcase/search.py); null if it could not load
let totals = {}; // filter → value → pages in the whole index
let generation = 0; // each search gets a number; a slower, older one never overwrites a newer one
let shown = { results: [], next: 0, generation: 0 };
let typingTimer = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// -- state in the form --------------------------------------------------------------------------

function readForm() {
  const filters = {};
  for (const name of config.filters) {
    filters[name] = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  }
  return { q: input.value, filters, sort: sortSelect ? sortSelect.value : "" };
}

function writeForm(state) {
  input.value = cleanQuery(state.q).q;
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = (state.filters[box.name] || []).includes(box.value);
  }
  if (sortSelect) sortSelect.value = state.sort;
}

const urlOf = (state) => location.pathname + queryOf(state, config);

// -- Pagefind -----------------------------------------------------------------------------------

function loadPagefind() {
  if (!pagefindLoading) {
    let engine = null;
    pagefindLoading = (async () => {
      const bundle = root.dataset.bundle;
      const tag = root.dataset.cacheTag;
      const words = fetch(`${bundle}vocabulary.json?ts=${tag}`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      const pagefind = await import(`${bundle}pagefind.js?v=${root.dataset.engine}`); // changes with Pagefind only
      engine = pagefind;
      const settings = {
        baseUrl: root.dataset.base,
        excerptLength: EXCERPT_WORDS,
        metaCacheTag: tag, // the entry file is cached until the index changes
        ranking: config.ranking,
      };
      await pagefind.options({ basePath: bundle, ...settings });
      await pagefind.init();
      // The first part loaded: Pagefind loads lazily, and a merged part waits for the first one's
      // engine without ever seeing it fail, so a failure must surface here.
      await pagefind.filters();
      // A big site's index comes in parts (showcase/search.py): each answers for its own pages, and
      // Pagefind merges their results by score and adds up their filter counts.
      const parts = (root.dataset.parts || "").split(" ").filter(Boolean);
      await Promise.all(parts.map((part) => pagefind.mergeIndex(`${bundle}${part}`, { ...settings })));
      totals = await pagefind.filters();
      const vocabulary = await words;
      lexicon = vocabulary ? new Lexicon(vocabulary.words, vocabulary.pages) : null;
      return pagefind;
    })();
    pagefindLoading.catch(() => { // a later search starts again from nothing: no part merged twice
      pagefindLoading = null;
      if (engine) engine.destroy().catch(() => {});
    });
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
    statusLine.textContent = term ? STRINGS.no_words : "";
    showNotice([]);
    browse.hidden = true;
    return;
  }
  list.setAttribute("aria-busy", "true");
  let found;
  try {
    const pagefind = await loadPagefind();
    const options = { filters };
    const sort = sorts[state.sort] || (words ? null : Object.values(sorts)[0]); // browsing: newest first
    if (sort) options.sort = sort;
    found = await searchWords(pagefind, words ? term : null, options, !sort);
  } catch (error) {
    if (mine === generation) failed(error);
    return;
  }
  if (mine !== generation) return;
  const { search, results, notes } = found;
  showCounts(search.totalFilters || totals);
  await showResults(results, mine);
  if (mine !== generation) return;
  const count = results.length;
  const kind = count === 0 ? "zero_results" : count === 1 ? "one_result" : "many_results";
  const message = fill(STRINGS[words ? kind : `total_${kind}`], { COUNT: numbers.format(count), SEARCH_TERM: term });
  statusLine.textContent = cut ? `${message} ${fill(STRINGS.query_cut, { MAX: MAX_QUERY })}` : message;
  showNotice(notes);
  browse.hidden = count > 0;
}

// A search in the reader's sort order: one search per value of the sorted filter, in that order.
// Pagefind's own sort ranks pages within one part of the index, and ranks of two parts do not compare;
// a page's value does. Within a value, pages keep Pagefind's order: the most relevant first.
async function find(pagefind, term, options) {
  if (!options.sort) return pagefind.search(term, options);
  const [[key, direction]] = Object.entries(options.sort);
  const values = [...form.querySelectorAll(`input[name="${key}"]`)].map((box) => box.value);
  const order = sortedValues(values, direction, options.filters[key]?.any);
  if (!order.length) return pagefind.search(term, { filters: options.filters }); // only values no model has
  const searches = await Promise.all(
    order.map((value) => pagefind.search(term, { filters: { ...options.filters, [key]: { any: [value] } } })),
  );
  // totalFilters counts the words' pages whatever the filters: the same in every one of these searches
  return { results: searches.flatMap((s) => s.results), totalFilters: searches[0].totalFilters };
}

// The query as the index can answer it (showcase/search.py, search-core.js prepareQuery): unknown words
// left out and said so, Telex rewritten, and when every word together finds nothing, the first word
// whose removal finds something is left out, and said so. Phrase matches in titles, units and places first.
async function searchWords(pagefind, term, options, rerank) {
  if (term === null) {
    const search = await find(pagefind, null, options);
    return { search, results: search.results, notes: [] };
  }
  const prepared = prepareQuery(term, lexicon);
  const notes = prepared.rewritten.map(([from, to]) => ({ text: fill(STRINGS.telex, { FROM: from, TO: to }) }));
  if (prepared.dropped.length) {
    notes.push({
      text: fill(STRINGS.unknown_words, { WORDS: prepared.dropped.map((d) => d.word).join(" ") }),
      suggestions: prepared.dropped.filter((d) => d.suggestion).map((d) => [d.word, d.suggestion]),
    });
  }
  // Nothing left to search for: no search (an empty query would list every model).
  const prefix = prepared.dropped.length === 0;
  const names = prepared.names;
  let search = { results: [], totalFilters: null };
  let results = [];
  if (prepared.corrected) { // every unknown word is one letter from a known one: that query first, said so
    const fixed = await find(pagefind, prepared.corrected, options);
    const kept = await checked(fixed.results, prepared.corrected.split(" "), prepared.correctedNames, false, rerank);
    if (kept.length) {
      [search, results] = [fixed, kept];
      notes.length = 0;
      for (const [from, to] of prepared.fixes) notes.push({ text: fill(STRINGS.corrected, { FROM: from, TO: to }) });
    }
  }
  if (!results.length && prepared.search) {
    search = await find(pagefind, prepared.search, options);
    results = await checked(search.results, prepared.kept, names, prefix, rerank, prepared.allCommon);
  }
  // Still nothing: leave out one word (never a word of a name typed with capitals) and say which;
  // not when every word is common: what is left would only be common words again.
  const inName = new Set(names.flat());
  if (!results.length && prepared.kept.length > 2 && !prepared.allCommon) {
    for (let i = prepared.kept.length - 1; i >= 0; i--) {
      if (inName.has(prepared.kept[i])) continue;
      const fewer = prepared.kept.filter((_, j) => j !== i);
      const relaxed = await find(pagefind, fewer.join(" "), options);
      const kept = await checked(relaxed.results, fewer, names, prefix, rerank);
      if (kept.length) {
        [search, results] = [relaxed, kept];
        notes.push({ text: fill(STRINGS.relaxed, { WORD: prepared.kept[i] }) });
        break;
      }
    }
  }
  return { search, results, notes };
}

// The first CHECKED results, read: only pages that hold the words (holdsWords), and, unless the reader
// chose a sort, those whose title, unit or place holds the whole query first. Later results are kept as
// Pagefind ordered them: a query with that many results is made of words every page has.
async function checked(results, words, names, lastMayBePrefix, rerank, allCommon = false) {
  const first = results.slice(0, CHECKED);
  const data = await Promise.all(first.map((result) => result.data()));
  const pages = first.map((result, i) => ({ result, meta: data[i].meta || {}, content: data[i].content || "" }));
  const pairs = pages.filter(({ meta, content }) => {
    const texts = [content, ...Object.values(meta)];
    return (
      holdsWords(texts.join(" "), words, lastMayBePrefix) &&
      holdsNames(texts, names) &&
      (!allCommon || holdsClose(texts, words))
    );
  });
  const fields = ({ meta }) => [meta.title, meta.unit, meta.place].filter(Boolean);
  const ordered = rerank ? phraseFirst(pairs, words.join(" "), fields, lastMayBePrefix) : pairs;
  return [...ordered.map((pair) => pair.result), ...results.slice(CHECKED)];
}

function showNotice(notes) {
  notice.replaceChildren();
  for (const note of notes) {
    const line = element("span", "", note.text);
    notice.append(line);
    for (const [word, suggestion] of note.suggestions || []) {
      const link = element("a", "", suggestion);
      link.href = urlOf({ ...readForm(), q: readForm().q.replace(word, suggestion) });
      notice.append(" ", STRINGS.suggestion, " ", link, "?");
    }
    notice.append(" ");
  }
  notice.hidden = notes.length === 0;
}

function failed(error) {
  console.error(error);
  list.replaceChildren();
  list.setAttribute("aria-busy", "false");
  more.hidden = true;
  statusLine.textContent = STRINGS.error_search;
  browse.hidden = false;
}

// -- filters ------------------------------------------------------------------------------------

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
  filterPanel.querySelector(".filter-chosen").textContent = chosen ? `(${fill(STRINGS.filter_selected, { COUNT: chosen })})` : "";
}

// -- results ------------------------------------------------------------------------------------

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

function card(data) {
  const meta = data.meta || {};
  const item = element("li", "card result");
  const title = element("h3", "card-title");
  const link = element("a", "", meta.title || data.url);
  link.href = safeUrl(data.url) || "#";
  title.append(link);
  item.append(title);
  const facts = [meta.unit, ...config.card.map((name) => meta[name])].filter(Boolean);
  if (facts.length) item.append(element("p", "card-meta", facts.join(" · ")));
  const segments = excerptSegments(data.content, data.weighted_locations, EXCERPT_WORDS);
  if (segments) {
    const paragraph = element("p", "result-excerpt");
    paragraph.append(...segments.map((s) => (s.mark ? element("mark", "", s.text) : s.text)));
    item.append(paragraph);
  } else if (meta.summary) { // found through a synonym or a field: no words of its own to show
    item.append(element("p", "result-excerpt", meta.summary));
  }
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

// -- wiring -------------------------------------------------------------------------------------

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
  if (sortSelect) sortSelect.value = "";
  commit();
});
more.addEventListener("click", () => showMore(true));
window.addEventListener("popstate", () => {
  clearTimeout(typingTimer);
  writeForm(stateFromQuery(location.search, config));
  run(readForm());
});

async function start() {
  const wanted = stateFromQuery(location.search, config);
  writeForm(wanted);
  filterPanel.open = matchMedia("(min-width: 48rem)").matches || form.querySelector("input[type=checkbox]:checked") !== null;
  root.classList.remove("is-pending"); // its space was kept while this script loaded: nothing moves
  try {
    await loadPagefind();
  } catch (error) {
    failed(error);
    return;
  }
  const state = readForm(); // values the form does not offer are dropped here
  state.cut = cleanQuery(wanted.q).cut;
  history.replaceState({ typing: false }, "", urlOf(state));
  showCounts(totals);
  await run(state);
  root.dataset.ready = "true"; // the index is loaded and the first search shown (tests wait for it)
}

start();
