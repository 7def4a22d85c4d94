# Short aliases; the scripts in scripts/ are what the README's quick start runs.
PY := .venv/bin/python

.PHONY: setup build check serve test test-browser golden lint bench

setup:
	bash scripts/setup.sh test
build:
	$(PY) build.py
check:
	$(PY) build.py check --strict
serve:
	$(PY) build.py serve
test:
	./scripts/test-all
test-browser:
	$(PY) -m pytest -m browser
golden:
	UPDATE_GOLDEN=1 $(PY) -m pytest -m golden -q
lint:
	$(PY) -m ruff check showcase tests bench build.py
	$(PY) -m ruff format --check showcase tests bench build.py
	$(PY) -m pytest -q tests/test_templates.py
	node --test tests/js/
bench:
	$(PY) bench/run.py
