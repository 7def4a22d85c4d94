// The web form's own script, served only under /admin/ (showcase/admin.py writes the page that loads it).
//
// 1. Our file formats. Decap's own front-matter format writes the whole file again on every save:
//    quotes dropped, ["a", "b"] turned into block lists, comments lost. Ours keeps every line whose
//    value the editor did not change exactly as it was, and writes new values the way our files do
//    (text in double quotes, a list of words on one line), so a pull request shows only what changed.
// 2. Sources: a model's `sources` lists ids of content/sources.yaml or written-out records. The form
//    shows them as a list of two item types ({loai: "ma", ma: id} or {loai: "ghi", title…}); the format
//    turns them into that shape when a file is read and back when it is saved.
// 3. The preview pane: the site's stylesheet and a model page drawn from the form's values.
// dvk-init.js asked the CMS to wait; it is started at the end, once all of this is registered.
/* global CMS, createClass, h */

import { Document, isMap, isScalar, isSeq, parseDocument } from "./yaml/index.js";

const ORIGINAL = "__dvk_original"; // the file as read: kept in the entry, never written
const TYPE_KEY = "loai";
// Which keys hold such typed lists: from the schema, written into the page by showcase/admin.py.
const EITHER_KEYS = JSON.parse(document.querySelector("script[data-either]")?.dataset.either || "[]");
const FRONT_MATTER = /^(\uFEFF?)---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

// -- reading -------------------------------------------------------------------------------------------

function splitFrontMatter(text) {
  const found = FRONT_MATTER.exec(text);
  if (!found) return { bom: "", front: "", body: text };
  return { bom: found[1], front: found[2], body: found[3] };
}

function toForm(data) {
  for (const key of EITHER_KEYS) {
    const items = data[key];
    if (items === undefined || items === null) continue;
    const list = Array.isArray(items) ? items : [items]; // "sources: id" is a one-item list
    data[key] = list.map((item) =>
      item !== null && typeof item === "object" ? { [TYPE_KEY]: "ghi", ...item } : { [TYPE_KEY]: "ma", ma: item },
    );
  }
  return data;
}

function fromForm(data) {
  for (const key of EITHER_KEYS) {
    if (!Array.isArray(data[key])) continue;
    data[key] = data[key].map((item) => {
      if (!item || typeof item !== "object") return item;
      if (item[TYPE_KEY] === "ma") return item.ma;
      const record = { ...item };
      delete record[TYPE_KEY];
      return record;
    });
  }
  return data;
}

// -- writing -------------------------------------------------------------------------------------------

function isEmpty(value) {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

function withoutEmpty(value) {
  // Decap sends "" for a cleared box and {} for an untouched group: an absent key means the same.
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => !isEmpty(inner))
        .map(([key, inner]) => [key, withoutEmpty(inner)]),
    );
  }
  return value;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function styled(doc, value) {
  // New values the way our files write them: text in double quotes, a list of words on one line.
  const node = doc.createNode(value);
  const visit = (inner) => {
    if (isScalar(inner) && typeof inner.value === "string") inner.type = "QUOTE_DOUBLE";
    if (isSeq(inner)) {
      inner.flow = inner.items.every((item) => isScalar(item));
      inner.items.forEach(visit);
    }
    if (isMap(inner)) inner.items.forEach((pair) => visit(pair.value));
  };
  visit(node);
  return node;
}

function setInOrder(doc, key, node, order) {
  // A key new to the file goes after the keys the form lists before it, not at the end.
  const items = doc.contents.items;
  const existing = items.findIndex((pair) => pair.key?.value === key);
  if (existing >= 0) {
    items[existing].value = node;
    return;
  }
  const rank = (name) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  let at = items.length;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    if (rank(items[i].key?.value) <= rank(key)) break;
    at = i;
  }
  items.splice(at, 0, doc.createPair(key, node));
}

function writeYaml(original, data, order) {
  const doc = original.trim() ? parseDocument(original) : new Document({});
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const before = doc.toJS() || {};
  const after = withoutEmpty(data);
  for (const key of Object.keys(before)) {
    if (!(key in after) && !isEmpty(before[key])) doc.delete(key);
  }
  for (const key of new Set([...order.filter((name) => name in after), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) setInOrder(doc, key, styled(doc, after[key]), order);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }); // ["a", "b"], as our files write it
}

function lineEndings(text, like) {
  return like.includes("\r\n") ? text.replace(/\r?\n/g, "\r\n") : text;
}

const frontMatterFormat = {
  fromFile(content) {
    const { front, body } = splitFrontMatter(content);
    const data = toForm(parseDocument(front).toJS() || {});
    return { ...data, body, [ORIGINAL]: content };
  },
  toFile(data, sortedKeys = []) {
    const original = data[ORIGINAL] || "";
    const { bom, front, body: oldBody } = splitFrontMatter(original);
    const fields = fromForm({ ...data });
    delete fields[ORIGINAL];
    const body = fields.body ?? "";
    delete fields.body;
    const yaml = writeYaml(front, fields, sortedKeys);
    const newBody = body === oldBody.replace(/\r\n/g, "\n") ? oldBody : body; // untouched: byte for byte
    return lineEndings(`${bom}---\n${yaml}---\n${newBody}`, original);
  },
};

const yamlFormat = {
  fromFile(content) {
    return { ...(parseDocument(content).toJS() || {}), [ORIGINAL]: content };
  },
  toFile(data, sortedKeys = []) {
    const original = data[ORIGINAL] || "";
    const fields = { ...data };
    delete fields[ORIGINAL];
    return lineEndings(writeYaml(original, fields, sortedKeys), original);
  },
};

CMS.registerCustomFormat("dvk-frontmatter", "md", frontMatterFormat);
CMS.registerCustomFormat("dvk-yaml", "yaml", yamlFormat);

// -- the preview pane ------------------------------------------------------------------------------------

CMS.registerPreviewStyle(new URL("../static/style.css", window.location.href).href);

const ModelPreview = createClass({
  render() {
    const value = (key) => this.props.entry.getIn(["data", key]);
    const place = [value("hamlet"), value("commune"), value("district")].filter(Boolean).join(", ");
    const facts = [
      ["Đơn vị thực hiện", value("unit")],
      ["Lĩnh vực", value("field")],
      ["Địa bàn", place],
      ["Năm công nhận", value("year")],
      ["Cấp công nhận", value("level")],
    ].filter(([, shown]) => shown !== undefined && shown !== null && shown !== "");
    return h(
      "main",
      { className: "page" },
      h(
        "article",
        { className: "model" },
        h(
          "header",
          { className: "model-header" },
          h("p", { className: "eyebrow" }, value("field") || ""),
          h("h1", {}, value("title") || "(chưa có tên)"),
          value("summary") ? h("p", { className: "lead" }, value("summary")) : null,
        ),
        h(
          "section",
          { className: "facts" },
          h("h2", {}, "Thông tin mô hình"),
          h(
            "dl",
            {},
            facts.map(([label, shown]) => h("div", { key: label }, h("dt", {}, label), h("dd", {}, String(shown)))),
          ),
        ),
        h("section", { className: "body" }, this.props.widgetFor("body")),
      ),
    );
  },
});
// One collection per year folder (showcase/admin.py model_collections): the page lists their names.
const MODEL_COLLECTIONS = JSON.parse(document.querySelector("script[data-models]")?.dataset.models || "[]");
for (const name of MODEL_COLLECTIONS) CMS.registerPreviewTemplate(name, ModelPreview);

CMS.init();
