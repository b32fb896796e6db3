"""The committed encrypted backup (tests/fixtures/encrypted-v1/), made by the
site in Chromium, opens with the README's Python snippet and holds the same
answers as the plain export of the same data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from tests.site.test_backup_encryption import decrypt_with_readme

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ENCRYPTED = FIXTURES / "encrypted-v1" / "export.encrypted.json"
PASSPHRASE = "Café fixture 🙂 passphrase"


def test_the_readme_snippet_opens_the_committed_backup() -> None:
    document = json.loads(decrypt_with_readme(ENCRYPTED, PASSPHRASE))
    plain = json.loads((FIXTURES / "v1" / "export.json").read_text(encoding="utf-8"))
    assert document["format"] == plain["format"] == "rebound-workbook"
    assert {key: entry["values"] for key, entry in document["worksheets"].items()} == {
        key: entry["values"] for key, entry in plain["worksheets"].items()
    }


def test_the_passphrase_is_taken_as_typed() -> None:
    # Accents and emoji are UTF-8 bytes, not normalised or dropped.
    for near in (PASSPHRASE.replace("é", "e"), PASSPHRASE.replace(" 🙂", ""), PASSPHRASE + " "):
        with pytest.raises(InvalidTag):
            decrypt_with_readme(ENCRYPTED, near)
