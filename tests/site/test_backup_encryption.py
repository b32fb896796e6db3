"""Passphrase-encrypted backups in a real browser: an encrypted export holds
none of the answers' text, opens in a fresh browser with its passphrase and
restores everything, and a wrong passphrase, a changed file or a cut one
changes nothing and says why. CPython reads the same file with the README's
snippet (the ``cryptography`` package)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from playwright.sync_api import Browser, Page, expect

from bench.static_server import StaticServer
from tests.helpers.browser_data import SAVED, WORKBOOK, saved_entries, seed, stored, wait_ready
from tests.helpers.build import ROOT
from tests.helpers.rounds import file_worksheets
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

PASSPHRASE = "correct horse battery staple \u00e9t\u00e9"


def readme_snippet() -> str:
    """The Python block that follows the README's ``decrypt-snippet`` marker."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- decrypt-snippet -->\n```python\n(.*?)\n```", readme, re.DOTALL)
    assert found, "README.md has no decrypt snippet after <!-- decrypt-snippet -->"
    return found.group(1)


def decrypt_with_readme(path: Path, passphrase: str) -> str:
    namespace: dict = {"__name__": "readme_snippet"}
    exec(compile(readme_snippet(), "README.md", "exec"), namespace)
    return namespace["decrypt_backup"](str(path), passphrase)


def answer_texts(saved: dict) -> list[str]:
    """Every answer string the reader typed (and the worksheet ids)."""
    texts = []
    for entry in saved.values():
        for value in entry["values"].values():
            texts.extend(value if isinstance(value, list) else [value])
    return [text for text in texts if len(text) >= 3]


def export_encrypted(page: Page, tmp_path: Path, passphrase: str = PASSPHRASE) -> Path:
    """Export the answers on the open workbook page with ``passphrase``."""
    page.get_by_label("Passphrase to lock the .json export (optional)").fill(passphrase)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (.json)").click()
    download = info.value
    assert re.fullmatch(
        r"rebound-answers-\d{4}-\d{2}-\d{2}\.encrypted\.json", download.suggested_filename
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    expect(page.locator(f"{WORKBOOK} .workbook__status")).to_contain_text("locked")
    return path


def open_workbook(page: Page, server: StaticServer, saved: dict) -> None:
    seed(page, f"{server.url}/workbook/", saved)
    wait_ready(page)


def upload(page: Page, name: str, data: bytes) -> None:
    page.set_input_files(
        "#rebound-import-file",
        files=[{"name": name, "mimeType": "application/json", "buffer": data}],
    )


@pytest.fixture(scope="module")
def encrypted_file(browser: Browser, site_server: StaticServer, tmp_path_factory) -> Path:
    """An encrypted export of SAVED, made by the site in Chromium."""
    context = browser.new_context(accept_downloads=True, service_workers="block")
    load_worksheets(context)
    try:
        page = context.new_page()
        open_workbook(page, site_server, SAVED)
        return export_encrypted(page, tmp_path_factory.mktemp("backup"))
    finally:
        context.close()


def test_the_file_is_the_documented_format_and_holds_no_answer(encrypted_file: Path) -> None:
    text = encrypted_file.read_text(encoding="utf-8")
    wrapper = json.loads(text)
    assert set(wrapper) == {"format", "version", "kdf", "cipher", "ciphertext"}
    assert wrapper["format"] == "rebound-encrypted" and wrapper["version"] == 1
    assert wrapper["kdf"]["name"] == "PBKDF2" and wrapper["kdf"]["hash"] == "SHA-256"
    assert wrapper["kdf"]["iterations"] == 600_000
    assert len(base64.b64decode(wrapper["kdf"]["salt"])) == 16
    assert wrapper["cipher"] == {**wrapper["cipher"], "name": "AES-GCM", "key_bits": 256}
    assert len(base64.b64decode(wrapper["cipher"]["iv"])) == 12
    for answer in [*answer_texts(SAVED), "rebound-workbook", "feelings", "Globex"]:
        assert answer not in text, answer


def test_the_readme_snippet_decrypts_a_file_the_site_made(encrypted_file: Path) -> None:
    document = json.loads(decrypt_with_readme(encrypted_file, PASSPHRASE))
    assert document["format"] == "rebound-workbook" and document["version"] == 2
    # One round (the seeded r0) and the tracker, shared by every round, at the top.
    assert [item["id"] for item in document["rounds"]] == ["r0"]
    assert set(document["worksheets"]) == {"tracker"}
    assert {key: entry["values"] for key, entry in file_worksheets(document).items()} == {
        key: entry["values"] for key, entry in SAVED.items()
    }
    with pytest.raises(InvalidTag):
        decrypt_with_readme(encrypted_file, PASSPHRASE + "x")


def test_two_exports_never_share_salt_or_iv(
    page: Page, site_server: StaticServer, encrypted_file: Path, tmp_path: Path
) -> None:
    open_workbook(page, site_server, SAVED)
    again = json.loads(export_encrypted(page, tmp_path).read_text(encoding="utf-8"))
    first = json.loads(encrypted_file.read_text(encoding="utf-8"))
    assert again["kdf"]["salt"] != first["kdf"]["salt"]
    assert again["cipher"]["iv"] != first["cipher"]["iv"]
    assert again["ciphertext"] != first["ciphertext"]


def test_import_in_a_fresh_browser_with_the_passphrase_restores_everything(
    browser: Browser, site_server: StaticServer, encrypted_file: Path
) -> None:
    context = browser.new_context(service_workers="block")
    load_worksheets(context)
    try:
        page = context.new_page()
        page.goto(f"{site_server.url}/workbook/")
        wait_ready(page)
        upload(page, encrypted_file.name, encrypted_file.read_bytes())
        prompt = page.locator("form.workbook__unlock")
        expect(prompt).to_be_visible()
        field = prompt.get_by_label("Passphrase", exact=True)
        expect(field).to_be_focused()
        assert field.get_attribute("type") == "password"
        field.fill(PASSPHRASE)
        field.press("Enter")
        plan = page.locator(f"{WORKBOOK} .workbook__plan")
        # The check lists the round and the shared tracker, each with its worksheets.
        rounds = plan.locator("li.workbook__round-change")
        expect(rounds).to_have_count(2, timeout=120_000)
        expect(rounds.nth(0).locator(".workbook__round-changes > li")).to_have_count(3)
        expect(rounds.nth(1).locator(".workbook__round-changes > li")).to_have_count(1)
        assert saved_entries(page) == {}  # nothing written before confirming
        page.get_by_role("button", name="Import these answers").click()
        expect(page.locator(f"{WORKBOOK} .workbook__status")).to_have_text("Imported 4 worksheets.")
        assert {key: entry["values"] for key, entry in saved_entries(page).items()} == {
            key: entry["values"] for key, entry in SAVED.items()
        }
    finally:
        context.close()


def _tampered(text: str) -> bytes:
    wrapper = json.loads(text)
    sealed = bytearray(base64.b64decode(wrapper["ciphertext"]))
    sealed[len(sealed) // 2] ^= 0x01
    wrapper["ciphertext"] = base64.b64encode(bytes(sealed)).decode()
    return json.dumps(wrapper).encode()


def _changed_iterations(text: str) -> bytes:
    wrapper = json.loads(text)
    wrapper["kdf"]["iterations"] = 600_001
    return json.dumps(wrapper).encode()


def test_wrong_passphrase_tampered_or_cut_files_change_nothing_and_say_why(
    page: Page, site_server: StaticServer, encrypted_file: Path
) -> None:
    other = {"feelings": SAVED["feelings"]}
    open_workbook(page, site_server, other)
    before = stored(page)
    text = encrypted_file.read_text(encoding="utf-8")
    prompt = page.locator("form.workbook__unlock")
    error = prompt.locator(".workbook__unlock-error")
    wrong = "The passphrase is wrong, or the file was changed after it was exported."

    # A wrong passphrase: said, the prompt stays for another try.
    upload(page, "backup.json", text.encode())
    prompt.get_by_label("Passphrase", exact=True).fill("not the passphrase")
    prompt.get_by_role("button", name="Open the file").click()
    expect(error).to_contain_text(wrong, timeout=60_000)
    expect(error).to_contain_text("Your answers have not changed.")
    expect(prompt.get_by_label("Passphrase", exact=True)).to_be_focused()
    expect(prompt.get_by_label("Passphrase", exact=True)).to_have_attribute("aria-invalid", "true")
    assert stored(page) == before
    # An empty passphrase is refused without trying.
    prompt.get_by_label("Passphrase", exact=True).fill("")
    prompt.get_by_role("button", name="Open the file").click()
    expect(error).to_have_text("Type the passphrase first.")
    prompt.get_by_role("button", name="Cancel").click()
    expect(prompt).to_be_hidden()
    expect(page.locator(f"{WORKBOOK} .workbook__status")).to_contain_text("Import cancelled")

    # Changed bytes or settings: the right passphrase no longer opens it.
    for name, data in (
        ("tampered.json", _tampered(text)),
        ("iterations.json", _changed_iterations(text)),
    ):
        upload(page, name, data)
        prompt.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
        prompt.get_by_role("button", name="Open the file").click()
        expect(error).to_contain_text(wrong, timeout=60_000)
        assert stored(page) == before, name
        prompt.get_by_role("button", name="Cancel").click()

    # Cut short, or a version this site does not know: refused before any passphrase.
    alert = page.locator(f"{WORKBOOK} .workbook__alert")
    for name, data, fragment in (
        ("cut.json", text[: len(text) // 2].encode(), "incomplete or damaged"),
        ("cut-end.json", text.rstrip()[:-1].encode(), "incomplete or damaged"),
        (
            "future.json",
            json.dumps({**json.loads(text), "version": 2}).encode(),
            "newer version of the guide",
        ),
        (
            "bad-base64.json",
            json.dumps({**json.loads(text), "ciphertext": "%%%"}).encode(),
            "incomplete or damaged",
        ),
    ):
        page.evaluate("document.querySelector('.workbook__alert').textContent = ''")
        upload(page, name, data)
        expect(alert).to_contain_text(fragment)
        expect(alert).to_contain_text("This file was not imported.")
        expect(prompt).to_have_count(0)
        assert stored(page) == before, name
    expect(page.locator(f"{WORKBOOK} li[data-worksheet=feelings]")).to_have_attribute(
        "data-status", re.compile("started|complete")
    )


def test_the_committed_backup_still_opens_in_the_site(
    page: Page, site_server: StaticServer
) -> None:
    """tests/fixtures/encrypted-v1/: a locked file readers already keep."""
    fixture = ROOT / "tests" / "fixtures" / "encrypted-v1" / "export.encrypted.json"
    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    upload(page, fixture.name, fixture.read_bytes())
    prompt = page.locator("form.workbook__unlock")
    prompt.get_by_label("Passphrase", exact=True).fill("Café fixture 🙂 passphrase")
    prompt.get_by_role("button", name="Open the file").click()
    plan = page.locator(f"{WORKBOOK} .workbook__plan")
    # A version 1 file reads as round r0 (new here) plus the shared tracker.
    rounds = plan.locator("li.workbook__round-change")
    expect(rounds).to_have_count(2, timeout=120_000)
    expect(rounds.nth(0)).to_have_attribute("data-round", "r0")
    expect(rounds.nth(0).locator(".workbook__round-changes > li")).to_have_count(5)
    expect(rounds.nth(1).locator(".workbook__round-changes > li")).to_have_count(1)
    expect(plan.locator(".workbook__changes li:not(.workbook__preview li)")).to_have_count(8)
    page.get_by_role("button", name="Import these answers").click()
    expect(page.locator(f"{WORKBOOK} .workbook__status")).to_have_text("Imported 6 worksheets.")
    # The answers it holds are those of tests/fixtures/v1/, now in round r0.
    source = json.loads(
        (ROOT / "tests" / "fixtures" / "v1" / "localstorage.json").read_text(encoding="utf-8")
    )
    expected = {
        key.removeprefix("rebound:v1:"): json.loads(text)["values"]
        for key, text in source.items()
        if key.startswith("rebound:v1:")
    }
    assert {key: entry["values"] for key, entry in saved_entries(page, "r0").items()} == expected
    assert {key: entry["round"] for key, entry in saved_entries(page, "r0").items()} == {
        key: (None if key == "tracker" else "r0") for key in expected
    }
