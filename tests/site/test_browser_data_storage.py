"""Storage faults in a real browser, injected before the page's scripts run:
a corrupt saved value, a value in the old (version 0) layout, a full storage,
a storage the browser refuses to open, and two tabs saving the same
worksheet. In each case the form keeps working and nothing typed is lost."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.static_server import StaticServer
from browser_py.core.storage import migrate
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import BOOT_MS, WORKBOOK, storage_key, stored

pytestmark = pytest.mark.browser

# Runs before the page's scripts, once per tab (a reload must not redo it).
ONCE = "if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); {} }}"

QUOTA = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""

BLOCKED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


def status(page: Page):
    return page.locator("form.worksheet [data-worksheet-status]")


def field(page: Page, name: str, value: str | None = None):
    selector = f'form.worksheet [name="{name}"]'
    if value is not None:
        selector += f'[value="{value}"]'
    return page.locator(selector)


def block_pyodide(context: BrowserContext) -> None:
    context.route(f"**/{layout.PYODIDE_DIR}/**", lambda route: route.abort())


def wait_saved(page: Page, worksheet: str, check) -> dict:
    deadline = time.monotonic() + 15
    while True:
        text = page.evaluate(f"localStorage.getItem('{storage_key(worksheet)}')")
        try:
            envelope = json.loads(text) if text else None
        except json.JSONDecodeError:
            envelope = None  # still the corrupt value a test put there
        if envelope and check(envelope["values"]):
            return envelope
        assert time.monotonic() < deadline, f"saved: {envelope!r}"
        page.wait_for_timeout(100)


@pytest.mark.parametrize("key", ["rebound:v2:r0:feelings", "rebound:v1:feelings"])
def test_a_corrupt_value_is_kept_aside_and_the_form_still_works(
    page: Page, context: BrowserContext, site_server: StaticServer, key: str
) -> None:
    block_pyodide(context)
    corrupt = '{"schema":1,"worksheet":"feelings","values":{"need":"half a sen'
    page.add_init_script(
        ONCE.format(f"localStorage.setItem({json.dumps(key)}, {json.dumps(corrupt)});")
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_server.url}/feel-it/")
    expect(status(page)).to_contain_text("could not be read")
    expect(status(page)).to_contain_text("A copy of them was kept on this device")
    backups = {
        key: text
        for key, text in stored(page).items()
        if key.startswith("rebound:corrupt:r0:feelings:")
    }
    assert list(backups.values()) == [corrupt]
    # The key ends in the time it was kept aside.
    assert next(iter(backups)).removeprefix("rebound:corrupt:r0:feelings:").endswith("Z")

    field(page, "need").fill("A long walk")
    wait_saved(page, "feelings", lambda values: values == {"need": "A long walk"})
    page.reload()
    expect(field(page, "need")).to_have_value("A long walk")
    # Reading the entry again does not make a second copy of the same text.
    assert [key for key in stored(page) if key.startswith("rebound:corrupt:")] == list(backups)
    assert errors == []


@pytest.mark.parametrize("key", ["rebound:feelings", "rebound:v1:feelings"])
def test_an_old_schema_value_is_migrated(
    page: Page, context: BrowserContext, site_server: StaticServer, key: str
) -> None:
    block_pyodide(context)
    old = {
        "version": 0,
        "updated": "2026-10-02T09:30:00Z",
        "answers": {
            "intensity": 7,
            "emotions": ["sad", "tired"],
            "need": "Rest",
            "checkins.0.intensity": 4.0,
            "checkin_date": None,
        },
    }
    page.add_init_script(
        ONCE.format(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(old))});")
    )
    page.goto(f"{site_server.url}/feel-it/")
    expect(status(page)).to_contain_text("earlier version of the guide")
    expect(field(page, "intensity", "7")).to_be_checked()
    expect(field(page, "emotions", "tired")).to_be_checked()
    expect(field(page, "need")).to_have_value("Rest")
    expect(field(page, "checkins.0.intensity", "4")).to_be_checked()
    # The browser's migration is the one browser_py documents and performs.
    after = stored(page)
    assert json.loads(after["rebound:v2:r0:feelings"]) == migrate(old, "feelings")
    assert key not in after  # moved, once the new entry was written
    assert not any(k.startswith("rebound:corrupt:") for k in after)


def test_a_full_storage_keeps_the_answers_in_the_form(
    page: Page, site_server: StaticServer
) -> None:
    page.add_init_script(QUOTA)
    page.goto(f"{site_server.url}/feel-it/")
    field(page, "need").fill("Call my sister")
    field(page, "emotions", "sad").check()
    expect(status(page)).to_contain_text("storage is full", timeout=10_000)
    expect(status(page)).to_contain_text("still in the form")
    expect(field(page, "need")).to_have_value("Call my sister")
    expect(field(page, "emotions", "sad")).to_be_checked()
    # The worksheet still works: Python summarises what is in the form.
    expect(page.locator("[data-worksheet-result]")).to_contain_text(
        "You named 1 feeling", timeout=BOOT_MS
    )
    field(page, "need").fill("Call my sister tonight")
    expect(field(page, "need")).to_have_value("Call my sister tonight")
    expect(status(page)).to_contain_text("storage is full")


def test_blocked_storage_says_answers_cannot_be_kept_and_the_form_works(
    page: Page, site_server: StaticServer
) -> None:
    # (Material's own inline scripts read localStorage without a guard and
    # report the SecurityError; ours must carry on regardless.)
    page.add_init_script(BLOCKED)
    page.goto(f"{site_server.url}/feel-it/")
    expect(status(page)).to_contain_text("not letting the page save")
    field(page, "emotions", "tired").check()
    field(page, "intensity", "3").check()
    expect(page.locator("[data-worksheet-result]")).to_contain_text(
        "You named 1 feeling", timeout=BOOT_MS
    )
    expect(status(page)).to_contain_text("cannot be kept here")
    expect(field(page, "emotions", "tired")).to_be_checked()


def test_the_workbook_page_explains_blocked_storage(page: Page, site_server: StaticServer) -> None:
    page.add_init_script(BLOCKED)
    page.goto(f"{site_server.url}/workbook/")
    root = page.locator(WORKBOOK)
    expect(root).to_have_attribute("data-state", "unavailable")
    expect(root.locator(".workbook__total")).to_contain_text("not letting the page save")
    for name in ("Export answers (.json)", "Download calendar (.ics)", "Delete all my answers"):
        expect(root.get_by_role("button", name=name)).to_be_disabled()


def test_two_tabs_never_overwrite_each_others_newer_answers(
    context: BrowserContext, site_server: StaticServer
) -> None:
    block_pyodide(context)
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{site_server.url}/feel-it/")

    # The first tab saves; the second shows the newer answers and says so.
    field(first, "need").fill("A walk")
    wait_saved(first, "feelings", lambda values: values.get("need") == "A walk")
    expect(field(second, "need")).to_have_value("A walk")
    expect(status(second)).to_contain_text("Updated with the answers saved in another tab")

    # Both tabs change different answers at about the same time: both survive.
    field(second, "intensity", "6").check()
    field(first, "emotions", "sad").check()
    envelope = wait_saved(
        second,
        "feelings",
        lambda values: values.get("intensity") == "6" and values.get("emotions") == ["sad"],
    )
    assert envelope["values"]["need"] == "A walk"
    for tab in (first, second):
        expect(field(tab, "intensity", "6")).to_be_checked()
        expect(field(tab, "emotions", "sad")).to_be_checked()
        expect(field(tab, "need")).to_have_value("A walk")

    # A tab whose own change is newer keeps it, and tells the reader: first
    # when the other tab's answers arrive, again when its own save lands.
    # Every message is recorded, so a slow poll cannot miss a short-lived one.
    second.evaluate("""() => {
        window.__notes = [];
        const status = document.querySelector('form.worksheet [data-worksheet-status]');
        new MutationObserver(() => window.__notes.push(status.textContent))
            .observe(status, { childList: true, subtree: true, characterData: true });
        const need = document.querySelector('form.worksheet [name="need"]');
        need.value = 'A swim';
    }""")  # typed, not yet saved (no input event yet)
    field(first, "checkin_date").fill("2026-12-01")
    expect(field(second, "checkin_date")).to_have_value("2026-12-01")
    second.wait_for_function("""() => window.__notes.some(
        (text) => text.includes('your changes here were kept and saved.'))""")
    notes = second.evaluate("() => window.__notes")
    merged = [i for i, text in enumerate(notes) if "your changes here were kept." in text]
    saved = [i for i, text in enumerate(notes) if "kept and saved." in text]
    assert merged and saved and merged[0] < saved[0], notes
    assert not any("Saved on this device." in text for text in notes[merged[0] :]), notes
    envelope = wait_saved(first, "feelings", lambda values: values.get("need") == "A swim")
    assert envelope["values"]["checkin_date"] == "2026-12-01"
    expect(field(first, "need")).to_have_value("A swim")

    # An import (as the workbook page applies it) reaches an open tab, even
    # when the file's answers were saved long ago.
    imported = {
        "rounds": [
            {
                "id": "r0",
                "label": "First round",
                "worksheets": {
                    "feelings": {
                        "schema": 2,
                        "worksheet": "feelings",
                        "round": "r0",
                        "saved_at": "2020-01-01T00:00:00Z",
                        "values": {"need": "Imported"},
                    }
                },
            }
        ],
        "worksheets": {},
    }
    assert first.evaluate("(data) => window.__rebound.storage.writeAll(data).ok", imported)
    expect(field(second, "need")).to_have_value("Imported")
    expect(field(second, "intensity", "6")).not_to_be_checked()


def test_the_autosave_keeps_answers_to_questions_no_longer_asked(
    page: Page, context: BrowserContext, site_server: StaticServer
) -> None:
    block_pyodide(context)
    saved = {
        "schema": 1,
        "worksheet": "feelings",
        "saved_at": "2026-11-20T18:04:11.512Z",
        "values": {"need": "Rest", "mood": "grey", "checkins.0.colour": ["red"]},
    }
    page.add_init_script(
        ONCE.format(
            f"localStorage.setItem('rebound:v1:feelings', {json.dumps(json.dumps(saved))});"
        )
    )
    page.goto(f"{site_server.url}/feel-it/")
    expect(field(page, "need")).to_have_value("Rest")
    field(page, "need").fill("Rest, and a walk")
    envelope = wait_saved(page, "feelings", lambda values: values.get("need") == "Rest, and a walk")
    assert envelope["values"]["mood"] == "grey"
    assert envelope["values"]["checkins.0.colour"] == ["red"]
