"""The words tests/helpers/workbook_editions.py gives each language are the
ones its workbook-messages module says (a test pressing a button by a word
the page no longer has would fail for the wrong reason)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.build import ROOT
from tests.helpers.workbook_editions import EDITIONS, Edition

ASSETS = ROOT / "plugins" / "rebound_mkdocs" / "workbook" / "assets"
MODULES = {"en": "workbook-messages.js", "zh-Hans": "workbook-messages.zh-Hans.js"}


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_the_words_are_the_modules(edition: Edition) -> None:
    source = (ASSETS / MODULES[edition.lang]).read_text(encoding="utf-8")
    words = [
        *edition.buttons.values(),
        edition.passphrase,
        edition.open_file,
        edition.import_these,
        edition.cancel,
    ]
    for word in words:
        assert json.dumps(word, ensure_ascii=False) in source, word
    parts = (
        edition.not_imported,
        edition.round_group,
        edition.not_recorded,
    )
    for part in parts:
        assert part in source, part


def test_every_language_has_its_edition() -> None:
    assert set(EDITIONS) == set(MODULES)
    assert len({edition.path for edition in EDITIONS.values()}) == len(EDITIONS)
