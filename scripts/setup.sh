#!/usr/bin/env bash
# Create .venv and install the project; with "test", also the test tools and Debian's Chromium.
# Sourced by build-site and test-all; safe to run again (it only installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=${1:-}
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi

apt_install() {
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Cần Python 3.11 trở lên / Python 3.11+ is required (found $(python3 --version))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv 2>/dev/null || { apt_install python3-venv; python3 -m venv .venv; }
fi
extras="."
if [ "$want_tests" = "test" ]; then extras=".[test]"; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$extras"

# Share cards are drawn in DejaVu Sans, which has every Vietnamese letter (licence: Bitstream Vera).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài phông DejaVu cho ảnh chia sẻ / installing the DejaVu fonts for share cards…"
  apt_install fonts-dejavu-core || echo "Không cài được phông; thẻ chia sẻ sẽ không có chữ. / No font: cards without text." >&2
fi
if [ "$want_tests" = "test" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Cài Chromium của Debian cho kiểm thử trình duyệt / installing Debian's Chromium for browser tests…"
  apt_install chromium
fi
if [ "$want_tests" = "test" ] && ! command -v node >/dev/null 2>&1; then
  echo "Cài Node.js của Debian cho kiểm thử JavaScript / installing Debian's Node.js for the JavaScript tests…"
  apt_install nodejs
fi
# The HTML validator (Nu HTML Checker, a Java program) and axe-core, pinned in package-lock.json.
if [ "$want_tests" = "test" ]; then
  if ! command -v java >/dev/null 2>&1; then
    echo "Cài Java cho trình kiểm tra HTML / installing Java for the HTML checker…"
    apt_install default-jre-headless
  fi
  if ! command -v npm >/dev/null 2>&1; then apt_install npm; fi
  # The nginx example (docs/nginx.conf) is checked with nginx -t and served for real in the tests.
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then apt_install nginx-light; fi
fi
# Node packages, pinned in package-lock.json (the web form at /admin/; for the tests, the HTML checker
# and axe-core): installed by node-packages.sh, which the tests that need them also run (tests/conftest.py).
bash scripts/node-packages.sh
