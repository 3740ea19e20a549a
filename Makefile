# The two commands: `make run` builds and serves Tend; `make test` runs every test.
# Both set up what they need: a virtualenv with the Python deps, and Debian's Chromium.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test build bench setup browser clean

run: setup
	$(PY) build.py --serve --port $(PORT)

build: setup
	$(PY) build.py

# One worker per core, at most four: each boots Chromium and Pyodide, which is
# CPU-bound; files stay whole on one worker so their fixtures are shared.
test: setup browser
	$(PY) -m pytest -n auto --maxprocesses 4 --dist loadfile

bench: setup browser
	$(PY) bench/startup.py
	$(PY) bench/agenda.py --pyodide
	$(PY) bench/storage.py
	$(PY) bench/storage_formats.py
	$(PY) bench/duplicates.py
	$(PY) bench/history.py
	$(PY) bench/import_browser.py
	$(PY) bench/sync.py
	$(PY) bench/lock.py --no-build
	$(PY) bench/interaction.py --no-build

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q --upgrade pip
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]'
	touch $@

# Debian's Chromium (never a downloaded browser: `playwright install` is not used) and a
# Java runtime for the Nu HTML validator.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }

clean:
	rm -rf dist .cache build *.egg-info
