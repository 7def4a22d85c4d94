#!/usr/bin/env bash
# The Node packages pinned in package-lock.json, installed when node_modules is missing or was installed
# from another lock: the web form at /admin/ (Decap CMS and the YAML library, published when
# content/site.yaml enables it; decap-server for `serve --admin`) and, for the tests, the HTML checker
# and axe-core. Run by setup.sh, and by the tests that need the packages (tests/conftest.py
# node_packages), so that they work in a clone that never ran test-all. Exits 0 without npm: only /admin/ and the tests
# need the packages, and the tests that do say so.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "Không có npm: bỏ qua gói Node (chỉ trang biên tập /admin/ và kiểm thử cần). / No npm: Node packages skipped (only /admin/ and the tests need them)."
  exit 0
fi
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then  # installed, and from this lock?
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi
