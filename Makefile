# Rebound: every target installs what it needs, once, then does its job.
#   make serve   build the site and the PDF workbook, then serve on 127.0.0.1:8000
#   make build   build the site into site/ (strict)
#   make test    lint and run every test, browser tests included
#   make bench   run the benchmark (see README)
#   make messages  extract the reader-facing text into browser_py/locale/messages.pot
#                  and merge it into every language's rebound.po

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build test lint bench messages setup system-deps clean

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

# The translation template: every message Python shows the reader (see
# browser_py/core/i18n.py for the keywords). No source locations, sorted, and no
# creation date or year, so the file changes only when a message does.
# tests/browser_py/core/test_i18n.py runs the same PYBABEL_EXTRACT to check it is current.
POT := browser_py/locale/messages.pot
PYBABEL_EXTRACT := extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k NC_:1c,2 --add-comments=TRANSLATORS: --no-location --sort-output --project=Rebound --copyright-holder="the Rebound authors"

# Then every language's catalogue (browser_py/locale/<lang>/LC_MESSAGES/rebound.po)
# takes the new and changed messages: a changed one comes back fuzzy, which the
# tests refuse until a translator checks it (see plugins/rebound_mkdocs/runtime/catalogs.py).
CATALOGS := $(wildcard browser_py/locale/*/LC_MESSAGES/rebound.po)

# The build-time words (the worksheet form's frame, the PDF's pages: domain
# rebound-site, plugins/rebound_mkdocs/utilities/site_text.py) the same way,
# from the plugins' Python (`_`/`gettext`) and Jinja templates.
# tests/plugins/utilities/test_site_text.py runs SITE_PYBABEL_EXTRACT to check it.
SITE_POT := plugins/rebound_mkdocs/locale/rebound-site.pot
SITE_PYBABEL_EXTRACT := extract -F plugins/rebound_mkdocs/babel.cfg --no-default-keywords -k _ -k gettext -k ngettext:1,2 --add-comments=TRANSLATORS: --no-location --sort-output --project=Rebound --copyright-holder="the Rebound authors"
SITE_CATALOGS := $(wildcard plugins/rebound_mkdocs/locale/*/LC_MESSAGES/rebound-site.po)

messages: setup
	$(VENV)/bin/pybabel --quiet $(PYBABEL_EXTRACT) -o $(POT) browser_py
	$(VENV)/bin/pybabel --quiet $(SITE_PYBABEL_EXTRACT) -o $(SITE_POT) plugins/rebound_mkdocs
	sed -i -e '/^"POT-Creation-Date: /d' -e '/^# FIRST AUTHOR /d' \
		-e 's/^# Copyright (C) [0-9]* /# Copyright (C) /' $(POT) $(SITE_POT)
	$(if $(CATALOGS),$(VENV)/bin/pybabel --quiet update -i $(POT) -d browser_py/locale -D rebound --ignore-pot-creation-date)
	$(if $(SITE_CATALOGS),$(VENV)/bin/pybabel --quiet update -i $(SITE_POT) -d plugins/rebound_mkdocs/locale -D rebound-site --ignore-pot-creation-date)

clean:
	rm -rf site .pytest_cache
