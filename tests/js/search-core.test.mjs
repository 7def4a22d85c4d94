// Unit tests of the search page's pure functions (layouts/static/search-core.js), run by Node's
// own test runner: node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  FOLD_MARK, MAX_QUERY, cleanQuery, excerptSegments, fill, hasWords, pagefindFilters, queryOf, safeUrl, sortOrders,
  stateFromQuery, wordKey,
} from "../../layouts/static/search-core.js";

const CONFIG = { filters: ["linh-vuc", "dia-ban", "nam", "cap"], card: ["field"], sort: { key: "nam", label: "Năm" } };

test("cleanQuery normalises to NFC and replaces control characters", () => {
  assert.deepEqual(cleanQuery("Đổi mới".normalize("NFD")), { q: "Đổi mới", cut: false });
  assert.deepEqual(cleanQuery("hoa\tgiai\u0000"), { q: "hoa giai ", cut: false });
  assert.deepEqual(cleanQuery(null), { q: "", cut: false });
});

test("cleanQuery cuts long queries between words, never inside a character", () => {
  const long = "hòa giải ".repeat(40);
  const { q, cut } = cleanQuery(long);
  assert.equal(cut, true);
  assert.ok(Array.from(q).length <= MAX_QUERY);
  assert.ok(q.endsWith("giải") || q.endsWith("hòa"), q.slice(-12));
  const emoji = "😀".repeat(MAX_QUERY + 5);
  assert.equal(Array.from(cleanQuery(emoji).q).length, MAX_QUERY);
});

test("hasWords needs a letter or a digit in any script", () => {
  assert.equal(hasWords("!!! … “”"), false);
  assert.equal(hasWords("   "), false);
  assert.equal(hasWords("đ"), true);
  assert.equal(hasWords("1+1"), true);
});

test("fill replaces known placeholders and keeps unknown ones", () => {
  assert.equal(fill("[COUNT] kết quả cho “[SEARCH_TERM]”", { COUNT: 3, SEARCH_TERM: "x" }), "3 kết quả cho “x”");
  assert.equal(fill("[OTHER]", {}), "[OTHER]");
});

test("the URL state round-trips and drops what the page does not offer", () => {
  const state = stateFromQuery("?q=hoa+giai&linh-vuc=kinh-te&linh-vuc=van-hoa-xa-hoi&sap-xep=nam-cu&x=1", CONFIG);
  assert.deepEqual(state, {
    q: "hoa giai",
    filters: { "linh-vuc": ["kinh-te", "van-hoa-xa-hoi"], "dia-ban": [], nam: [], cap: [] },
    sort: "nam-cu",
  });
  assert.equal(queryOf(state, CONFIG), "?q=hoa+giai&linh-vuc=kinh-te&linh-vuc=van-hoa-xa-hoi&sap-xep=nam-cu");
  assert.equal(stateFromQuery("?sap-xep=constructor", CONFIG).sort, "");
  assert.equal(queryOf({ q: "  ", filters: {}, sort: "" }, CONFIG), "");
});

test("malformed percent-encoding never throws", () => {
  for (const raw of ["?q=%E0%A4%A", "?q=%", "?q=%ZZ", "?q=%C3%28&nam=%FF"]) {
    assert.equal(typeof stateFromQuery(raw, CONFIG).q, "string");
  }
});

test("sort orders come from the sortable facet", () => {
  assert.deepEqual(sortOrders(CONFIG), { "nam-moi": { nam: "desc" }, "nam-cu": { nam: "asc" } });
  assert.deepEqual(sortOrders({ ...CONFIG, sort: null }), {});
});

test("pagefindFilters keeps only filters with chosen values", () => {
  assert.deepEqual(pagefindFilters({ "linh-vuc": ["kinh-te"], nam: [] }), { "linh-vuc": { any: ["kinh-te"] } });
});

test("safeUrl accepts site paths and http(s) only", () => {
  assert.equal(safeUrl("/mo-hinh/x/"), "/mo-hinh/x/");
  assert.equal(safeUrl("https://example.org/"), "https://example.org/");
  for (const bad of ["//evil.example/", "javascript:alert(1)", "data:text/html,x", 42, undefined]) {
    assert.equal(safeUrl(bad), null);
  }
});

test("wordKey folds đ, case and punctuation", () => {
  assert.equal(wordKey("“Đường,"), "dường");
  assert.equal(wordKey("ĐỔI".normalize("NFD")), "dổi");
});

const text = (segments) => segments.map((s) => s.text).join("");
const marked = (segments) => segments.filter((s) => s.mark).map((s) => s.text);

test("excerpts mark matched words, not the punctuation around them", () => {
  const content = "Người dân làm “đường” mới, rộng hơn.";
  const segments = excerptSegments(content, [{ location: 3, balanced_score: 1 }], 36);
  assert.deepEqual(marked(segments), ["đường"]);
  assert.equal(text(segments), content);
});

test("a match in the folded field is shown on the page's own word", () => {
  const content = `Mở rộng Đường làng ${FOLD_MARK} dường`;
  const segments = excerptSegments(content, [{ location: 5, balanced_score: 2 }], 36);
  assert.deepEqual(marked(segments), ["Đường"]);
  assert.ok(!text(segments).includes(FOLD_MARK));
  assert.ok(!text(segments).includes("dường"));
});

test("a long page shows the best window with ellipses", () => {
  const words = Array.from({ length: 100 }, (_, i) => `từ${i}`);
  words[60] = "hòa";
  const segments = excerptSegments(words.join(" "), [{ location: 60, balanced_score: 1 }], 10);
  assert.ok(text(segments).startsWith("… từ56"));
  assert.ok(text(segments).endsWith("từ65 …"));
  assert.deepEqual(marked(segments), ["hòa"]);
});

test("no match means no excerpt", () => {
  assert.equal(excerptSegments("một hai ba", [], 36), null);
  assert.equal(excerptSegments(undefined, [{ location: 0, balanced_score: 1 }], 36), null);
});
