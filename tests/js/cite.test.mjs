// Unit test of the citation script (layouts/static/cite.js): node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { accessDate } from "../../layouts/static/cite.js";

test("the access date is dd/mm/yyyy with leading zeros", () => {
  assert.equal(accessDate(new Date(2026, 0, 5)), "05/01/2026");
  assert.equal(accessDate(new Date(2026, 10, 30)), "30/11/2026");
});
