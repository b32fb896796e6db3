# Rebound: every target installs what it needs, once, then does its job.
#   make serve   build the site and the PDF workbook, then serve on 127.0.0.1:8000
#   make build   build the site into site/ (strict)
#   make test    lint and run every test, browser tests included
#   make bench   run the benchmark (see README)

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build test lint bench setup system-deps clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages: Chromium for the browser tests, qpdf to check the PDF,
# Pango for WeasyPrint. Installed only when missing.
system-deps:
	@scripts/install-system-deps

build: setup
	$(MKDOCS) build --strict

serve: setup system-deps build
	$(MKDOCS) serve --strict --dev-addr $(HOST):$(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	node_modules/.bin/eslint --max-warnings=0 .
	node_modules/.bin/prettier --check .

test: setup system-deps lint
	$(PY) -m pytest

bench: setup system-deps
	$(PY) -m bench

clean:
	rm -rf site .pytest_cache
