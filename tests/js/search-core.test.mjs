// Unit tests of the search page's pure functions (layouts/static/search-core.js), run by Node's
// own test runner: node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  FOLD_MARK, MAX_QUERY, cleanQuery, excerptSegments, fill, hasWords, pagefindFilters, queryOf, safeUrl, sortOrders,
  sortedValues, stateFromQuery, wordKey,
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

test("sortedValues orders the sorted filter's values, numbers as numbers, only the chosen ones", () => {
  const years = ["2023", "2016", "2024", "999"];
  assert.deepEqual(sortedValues(years, "desc"), ["2024", "2023", "2016", "999"]);
  assert.deepEqual(sortedValues(years, "asc"), ["999", "2016", "2023", "2024"]);
  assert.deepEqual(sortedValues(years, "desc", ["2016", "2024"]), ["2024", "2016"]);
  assert.deepEqual(sortedValues(years, "asc", ["2030"]), []);
  assert.deepEqual(years, ["2023", "2016", "2024", "999"]); // the reader's list is not reordered in place
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

// -- query words, the lexicon, Telex ----------------------------------------------------------------

import { Lexicon, editDistance, fromTelex, indexForm, phraseFirst, plainKey, prepareQuery } from "../../layouts/static/search-core.js";

const LEXICON = new Lexicon([
  ["hoa", "hòa"], ["giai", "giải"], ["de", "đê"], ["bao", "bao"], ["ubnd", "ubnd"], ["11", "11"], ["qpan", "qpan"],
  ["duong", "đường"], ["thanh", "thành"], ["b", "b"], ["tan", "tân"], ["co", "có"], ["dan", "dân"], ["nong", "nông"],
]);

test("index form drops punctuation inside a word as the index does", () => {
  assert.equal(indexForm("1+1"), "11");
  assert.equal(indexForm("QP-AN"), "qpan");
  assert.equal(indexForm("U.B.N.D"), "ubnd");
  assert.equal(plainKey("Đường"), "duong");
});

test("known words, prefixes of known words, and unknown words", () => {
  assert.ok(LEXICON.knows("hòa") && LEXICON.knows("hoa") && LEXICON.knows("giả")); // a prefix while typing
  assert.ok(!LEXICON.knows("bhxh") && !LEXICON.knows("tand") && !LEXICON.knows("coconut"));
});

test("unknown words are left out, never matched to a short word that starts them", () => {
  const prepared = prepareQuery("BHXH hòa giải", LEXICON);
  assert.equal(prepared.search, "hòa giải");
  assert.deepEqual(prepared.dropped.map((d) => d.word), ["BHXH"]);
  assert.equal(prepareQuery("U.B.N.D 1+1", LEXICON).search, "ubnd 11");
});

test("a one-letter typo in a longer word gives a corrected query; a farther one only a suggestion", () => {
  const corrected = prepareQuery("duongg hòa", LEXICON);
  assert.equal(corrected.search, "hòa");
  assert.equal(corrected.corrected, "đường hòa");
  assert.deepEqual(corrected.fixes, [["duongg", "đường"]]);
  const suggested = prepareQuery("duonggg hòa", LEXICON);
  assert.equal(suggested.search, "hòa");
  assert.equal(suggested.corrected, "");
  assert.equal(suggested.dropped[0].suggestion, "đường");
  assert.equal(LEXICON.suggest("xyzzy"), null);
});

test("only the last word may be the start of a word; a lone common word left is no answer", () => {
  assert.equal(prepareQuery("giả hòa", LEXICON).search, "hòa"); // "giả" starts "giải" but is not a word
  const lexicon = new Lexicon([["dan", "dân", 10], ["hoa", "hòa", 2]], 10);
  const vague = prepareQuery("xyzq dân", lexicon);
  assert.ok(vague.tooVague && vague.search === "");
  assert.equal(prepareQuery("xyzq hòa", lexicon).search, "hòa");
});

test("Telex left in a query is rewritten when it makes a known word", () => {
  assert.equal(fromTelex("hoaf"), "hòa");
  assert.equal(fromTelex("giair"), "giải");
  assert.equal(fromTelex("ddee"), "đê");
  assert.equal(fromTelex("nooong"), "nôong"); // nonsense stays nonsense; the lexicon decides
  const prepared = prepareQuery("hoaf giair", LEXICON);
  assert.equal(prepared.search, "hòa giải");
  assert.deepEqual(prepared.rewritten, [["hoaf", "hòa"], ["giair", "giải"]]);
});

test("edit distance counts a swap as one edit and stops early", () => {
  assert.equal(editDistance("giai", "gaii"), 1);
  assert.equal(editDistance("abc", "xyz", 1), 2);
});

test("a phrase found in a title, unit or place comes first", () => {
  const items = [{ t: "Câu lạc bộ nông dân" }, { t: "Hội Nông dân xã A" }, { t: "Nông dân và dân" }];
  const ordered = phraseFirst(items, "hoi nong dan", (item) => [item.t]);
  assert.deepEqual(ordered.map((i) => i.t), ["Hội Nông dân xã A", "Câu lạc bộ nông dân", "Nông dân và dân"]);
  assert.equal(phraseFirst(items, "nong", (item) => [item.t]), items);
});

import { holdsWords } from "../../layouts/static/search-core.js";

test("a page holds the words as words; only the last may be the start of one", () => {
  const page = "Vận động đăng ký mã số vùng trồng dừa";
  assert.ok(holdsWords(page, ["dừa", "mã"], true));
  assert.ok(!holdsWords(page, ["đá"], false)); // "đăng" starts with it, but "đá" is not on the page
  assert.ok(holdsWords(page, ["vung", "tro"], true)); // the reader is still typing "trồng"
  assert.ok(!holdsWords(page, ["vung", "tro"], false));
  assert.ok(!holdsWords(page, ["tro", "vung"], true)); // only the last word may be unfinished
});

import { holdsClose, holdsNames } from "../../layouts/static/search-core.js";

test("names typed with capitals must be on the page word after word; abbreviations are no names", () => {
  const names = (q) => prepareQuery(q, null).names;
  assert.deepEqual(names("UBND Long Thới"), [["long", "thới"]]);
  assert.deepEqual(names("phường Bến Thành"), [["bến", "thành"]]);
  assert.deepEqual(names("Hội đồng"), []);
  assert.ok(holdsNames(["Ủy ban nhân dân xã Long Thới"], [["long", "thới"]]));
  assert.ok(!holdsNames(["xã Phú Đức, Mặt trận Tổ quốc"], [["phú", "quốc"]]));
  assert.ok(!holdsNames(["huyện Thạnh Phú", "Quốc phòng - an ninh"], [["phú", "quốc"]])); // two texts, no name
  assert.deepEqual(prepareQuery("Hòa Xyzw giải", LEXICON).names, [["hòa", null]]); // a name no page has
  assert.ok(!holdsNames(["Hòa Xyzw"], [["hòa", null]]));
});

test("a query of common words wants them close together", () => {
  assert.ok(holdsClose("Hội đồng nhân dân xã", ["hội", "đồng", "nhân", "dân"]));
  assert.ok(holdsClose("vận động người dân", ["vận", "động", "dân"], 1)); // one word between, if allowed
  assert.ok(!holdsClose("vận động người dân", ["vận", "động", "dân"]));
  assert.ok(!holdsClose("Hội Nông dân xã vận động Nhân dân", ["hội", "đồng", "nhân", "dân"]));
  assert.ok(holdsClose(["Mỗi công đoàn cơ sở gắn với một địa chỉ nhân đạo"], ["công", "đoàn", "nhân", "đạo"]));
});

test("a lone short word left is no answer; the corrected query may still be", () => {
  const prepared = prepareQuery("Lomg hà", new Lexicon([["long", "long", 1], ["ha", "hà", 1]], 10));
  assert.ok(prepared.tooVague && prepared.search === "");
  assert.equal(prepared.corrected, "long hà");
  assert.deepEqual(prepared.fixes, [["Lomg", "long"]]);
});
