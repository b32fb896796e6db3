"""A reader who uses only the keyboard completes the feedback worksheet.

One run (a module fixture) tabs into the form from the link just before it,
types into the text and date fields, ticks boxes with Space, picks a tone
with the arrow keys, and tabs on until focus leaves the form. The tests then
check what that run recorded: focus moved forward in document order, every
stop showed a visible focus indicator, nothing trapped focus, the answers
went in, Python's result appeared, and the status changes were announced in
live regions.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bench.static_server import StaticServer
from tests.helpers.browser_data import SAVED, saved_entries, seed, wait_ready
from tests.helpers.workbook_editions import EDITIONS, Edition
from tests.helpers.worksheet_pages import load_worksheets, settle, worksheets_ready

pytestmark = pytest.mark.browser

BOOT_MS = 90_000
MAX_TABS = 80

#: What the reader types when focus reaches a text field.
TYPED = {
    "company": "Acme Widgets",
    "role": "Data Analyst",
    "interviewer": "Sam",
    "your_name": "Alex",
    "extra": "I enjoyed the team exercise.",
}

#: Record what the status region says, as it changes (from the first frame).
RECORD_STATUS = """
window.__statusTexts = [];
document.addEventListener("DOMContentLoaded", () => {
  const region = document.querySelector("[data-worksheet-status]");
  if (!region) return;
  window.__statusRegion = region;
  new MutationObserver(() => {
    const text = region.innerText.trim();  // what is rendered, so what is read
    if (text && window.__statusTexts.at(-1) !== text) window.__statusTexts.push(text);
  }).observe(region, {childList: true, subtree: true, characterData: true});
});
"""

#: The focused element, and whether it shows a focus indicator.
ACTIVE = """() => {
  const node = document.activeElement;
  const style = getComputedStyle(node);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    key: node.id || node.name || node.tagName, name: node.name || "", type: node.type || "",
    inForm: !!node.closest("form.worksheet"),
    visible: outline || (style.boxShadow && style.boxShadow !== "none"),
  };
}"""

#: The form's tab stops in document order: focusable, shown, enabled, one
#: stop per radio group (its checked option, or the first).
EXPECTED_STOPS = """(form) => {
  const stops = [];
  const groups = new Set();
  const focusable = "input, textarea, select, button, a[href], [tabindex]";
  for (const node of form.querySelectorAll(focusable)) {
    if (node.closest("template") || node.disabled || node.tabIndex < 0) continue;
    if (!node.getClientRects().length || getComputedStyle(node).visibility === "hidden") continue;
    if (node.type === "radio") {
      if (groups.has(node.name)) continue;
      groups.add(node.name);
      const group = [...form.querySelectorAll(`input[type=radio][name="${node.name}"]`)];
      const chosen = group.find((radio) => radio.checked) || group[0];
      stops.push(chosen.id || chosen.name);
      continue;
    }
    stops.push(node.id || node.name || node.tagName);
  }
  return stops;
}"""


@dataclass
class Run:
    path: str = ""
    stops: list[str] = field(default_factory=list)
    without_focus_ring: list[str] = field(default_factory=list)
    left_form: bool = False
    presses: int = 0
    expected_stops: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    email: str = ""
    status_texts: list[str] = field(default_factory=list)
    status_region_kept: bool = False


def wait_for_email(page: Page, needle: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while True:
        values = page.locator("[data-worksheet-result] textarea").evaluate_all(
            "(nodes) => nodes.map((node) => node.value)"
        )
        for value in values:
            if needle in value:
                return value
        if time.monotonic() > deadline:
            return ""
        page.wait_for_timeout(200)


def act(page: Page, active: dict, done: set[str]) -> None:
    """What the reader does at this stop, the first time they reach it."""
    name, kind = active["name"], active["type"]
    if kind == "checkbox" and active["key"].endswith((".skills", ".future")):
        page.keyboard.press("Space")
    if name in done:
        return
    done.add(name)
    if name in TYPED:
        page.keyboard.type(TYPED[name], delay=10)
    elif name == "decision_date":
        # Month, day, year: the field moves on by itself as each part fills.
        page.keyboard.type("11202026", delay=30)
    elif name == "tone":
        # Arrow keys move through a radio group and choose as they go.
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")


#: The feedback worksheet's page in each language, and the word its status
#: line says when the answers are saved.
PAGES_SAVED = {"/ask-for-feedback/": "Saved", "/zh/ask-for-feedback/": "\u5df2\u4fdd\u5b58"}


@pytest.fixture(scope="module", params=list(PAGES_SAVED))
def run(
    browser: Browser, site_server: StaticServer, request: pytest.FixtureRequest
) -> Iterator[Run]:
    context = browser.new_context(locale="en-US")
    load_worksheets(context)
    context.add_init_script(RECORD_STATUS)
    page = context.new_page()
    record = Run(path=request.param)
    try:
        page.goto(site_server.url + record.path)
        settle(page)
        page.evaluate("localStorage.clear()")
        page.reload()
        form = page.locator("form.worksheet")
        form.wait_for()
        # The round bar mounts above the form once the machinery is set up:
        # start from it only when it is there, as a reader would see it.
        worksheets_ready(page)
        # Start where a reader tabbing down the article would be: on the last
        # link or button before the form (the round bar's, which sits above it;
        # test_the_round_bar_works_from_the_keyboard goes through the bar).
        page.evaluate("""() => {
          const form = document.querySelector("form.worksheet");
          const before = [...document.querySelectorAll("a[href], [data-round-bar] button")]
            .filter((a) => a.getClientRects().length && !a.disabled)
            .filter((a) => a.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
          before.at(-1).focus();
        }""")
        done: set[str] = set()
        while record.presses < MAX_TABS:
            page.keyboard.press("Tab")
            record.presses += 1
            active = page.evaluate(ACTIVE)
            if not active["inForm"]:
                record.left_form = True
                break
            if not record.stops or record.stops[-1] != active["key"]:
                record.stops.append(active["key"])
            if not active["visible"]:
                record.without_focus_ring.append(active["key"])
            act(page, active, done)
            if active["name"] == "extra":
                # The last field: let Python's result arrive before tabbing on
                # through it (its copy boxes and buttons are tab stops too).
                page.wait_for_selector(
                    "form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS
                )
                record.email = wait_for_email(page, TYPED["company"])
            # The active radio can change under the arrow keys: record it.
            if active["type"] == "radio":
                record.stops[-1] = page.evaluate("document.activeElement.id")
        record.expected_stops = form.evaluate(EXPECTED_STOPS)
        record.values = form.evaluate("""(form) => ({
          company: form.elements.company.value, role: form.elements.role.value,
          interviewer: form.elements.interviewer.value, your_name: form.elements.your_name.value,
          extra: form.elements.extra.value, decision_date: form.elements.decision_date.value,
          learn: [...form.querySelectorAll("[name=learn]:checked")].map((box) => box.value),
          tone: form.querySelector("[name=tone]:checked")?.value ?? null,
        })""")
        # The last answers are saved a moment after the last key (SAVE_DELAY_MS):
        # give that save time to land and be said, however fast Python was.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(
            PAGES_SAVED[record.path] in text for text in page.evaluate("window.__statusTexts")
        ):
            page.wait_for_timeout(100)
        record.status_texts = page.evaluate("window.__statusTexts")
        record.status_region_kept = page.evaluate(
            "window.__statusRegion === document.querySelector('[data-worksheet-status]')"
            " && window.__statusRegion.isConnected"
        )
        yield record
    finally:
        context.close()


def test_tab_leaves_the_form_no_trap(run: Run) -> None:
    assert run.left_form, f"still in the form after {run.presses} presses of Tab"


def test_focus_moves_forward_in_document_order(run: Run) -> None:
    assert run.stops[0] == "ws-feedback.company", "Tab from above must land on the first field"
    assert run.stops == run.expected_stops


def test_every_stop_shows_visible_focus(run: Run) -> None:
    assert run.stops
    assert run.without_focus_ring == []


def test_the_answers_went_in_by_keyboard(run: Run) -> None:
    assert run.values == {
        **TYPED,
        "decision_date": "2026-11-20",
        "learn": ["skills", "future"],
        "tone": "formal",
    }


def test_the_result_appears(run: Run) -> None:
    assert TYPED["company"] in run.email
    assert TYPED["role"] in run.email


def test_status_changes_are_announced(run: Run, built_site: Path) -> None:
    # The regions are live before any script runs...
    html = (built_site / run.path.strip("/") / "index.html").read_text(encoding="utf-8")
    assert 'data-worksheet-status role="status"' in html
    assert 'data-worksheet-result aria-live="polite"' in html
    # ...the status region itself is kept (a replaced region is not announced)...
    assert run.status_region_kept
    # ...and what changed was said inside it: saving, at least.
    assert any(PAGES_SAVED[run.path] in text for text in run.status_texts), run.status_texts


def tab_to(page: Page, predicate: str, presses: int = MAX_TABS) -> dict:
    """Press Tab until the focused element matches ``predicate`` (a JS
    function of the element); what ACTIVE says about it then."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return page.evaluate(ACTIVE)
    raise AssertionError(f"Tab never reached {predicate}")


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_encrypted_export_import_and_storage_panel_by_keyboard(
    browser: Browser, site_server: StaticServer, tmp_path: Path, edition: Edition
) -> None:
    """The workbook page's passphrase field, passphrase prompt, storage panel
    and forget setting are reachable and usable with the keyboard alone, each
    with a visible focus indicator, and dialogs give focus back, in every
    language."""
    context = browser.new_context(locale="en-US", accept_downloads=True)
    load_worksheets(context)
    try:
        page = context.new_page()
        seed(page, f"{site_server.url}/{edition.path}workbook/", SAVED)
        assert page.evaluate("document.documentElement.lang") == edition.lang
        wait_ready(page)
        page.wait_for_selector(".workbook__storage[data-state=ready]", state="attached")
        page.locator("h1").first.focus()
        rings = []

        # Export, encrypted: the passphrase field follows the export buttons.
        stop = tab_to(page, "(node) => node.id === 'rebound-export-passphrase'")
        rings.append(stop)
        page.keyboard.type("keyboard only", delay=5)
        for _ in range(4):  # back past the PDF, calendar and Markdown buttons
            page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.textContent") == edition.buttons["json"]
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        path = tmp_path / "backup.json"
        info.value.save_as(path)
        assert b'"rebound-encrypted"' in path.read_bytes()

        # Import: the prompt takes focus; Enter opens the file; the plan takes focus.
        page.evaluate("localStorage.clear()")
        page.set_input_files("#rebound-import-file", str(path))
        page.wait_for_selector("#rebound-import-passphrase:focus", timeout=30_000)
        rings.append(page.evaluate(ACTIVE))
        page.keyboard.type("keyboard only", delay=5)
        page.keyboard.press("Enter")
        page.wait_for_selector(".workbook__plan h4:focus", timeout=BOOT_MS)
        stop = tab_to(page, f"(node) => node.textContent === {json.dumps(edition.import_these)}", 3)
        rings.append(stop)
        page.keyboard.press("Enter")
        for _ in range(100):
            if set(saved_entries(page)) == set(SAVED):
                break
            page.wait_for_timeout(100)
        assert set(saved_entries(page)) == set(SAVED)
        # The import refreshes the page twice (at once, and once more for the
        # round bar's event), and each refresh redraws the panel's buttons:
        # wait for both, so the button the keyboard reaches is the last one drawn.
        wait_ready(page, 3)
        page.wait_for_selector(".workbook__storage[data-state=ready]", state="attached")

        # The storage panel: a Delete button opens the dialog on Cancel;
        # Escape closes it and gives focus back.
        page.wait_for_selector(".workbook__stored-delete", timeout=30_000)
        stop = tab_to(page, "(node) => node.classList.contains('workbook__stored-delete')")
        rings.append(stop)
        opener = page.evaluate("document.activeElement.getAttribute('aria-label')")
        page.keyboard.press("Enter")
        page.wait_for_selector("dialog.workbook__storage-dialog[open]")
        assert page.evaluate("document.activeElement.textContent") == edition.cancel
        page.keyboard.press("Escape")
        page.wait_for_selector("dialog.workbook__storage-dialog:not([open])", state="attached")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == opener
        assert set(saved_entries(page)) == set(SAVED)

        # Forget after N days: Space turns it on.
        stop = tab_to(page, "(node) => node.id === 'rebound-forget-on'")
        rings.append(stop)
        page.keyboard.press("Space")
        assert edition.forget_on in page.locator(".workbook__forget-state").inner_text()
        assert [ring["key"] for ring in rings if not ring["visible"]] == []
    finally:
        context.close()


def test_the_round_bar_works_from_the_keyboard(browser: Browser, site_server: StaticServer) -> None:
    """Start a round, switch back to the first, unlock it, and open and
    close the delete dialog, with the keyboard alone and focus always shown."""
    context = browser.new_context()
    load_worksheets(context)
    page = context.new_page()
    try:
        page.goto(site_server.url + "/feel-it/")
        settle(page)
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.reload()
        picker = page.locator("select[data-round-picker]")
        picker.focus()
        unringed = []

        def tab(shift: bool = False) -> dict:
            page.keyboard.press("Shift+Tab" if shift else "Tab")
            active = page.evaluate(ACTIVE)
            if not active["visible"]:
                unringed.append(active["key"])
            return active

        assert page.evaluate("document.activeElement.dataset.action") is None
        tab()
        assert page.evaluate("document.activeElement.dataset.action") == "new-round"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "rebound-round-label"
        page.keyboard.type("Keyboard round")
        for expected in ("rebound-round-company", "rebound-round-role", "rebound-round-date"):
            assert tab()["key"] == expected
        # Chromium tabs through a date field's day, month, year and picker in turn.
        for _part in range(6):
            if tab()["key"] != "rebound-round-date":
                break
        assert page.evaluate("document.activeElement.type") == "submit"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.roundPicker") == ""
        assert "Keyboard round" in page.locator("[data-round-where]").inner_text()
        # The arrow keys choose another round in the picker: the first, read-only.
        page.keyboard.press("ArrowUp")
        page.locator("form.worksheet[data-readonly=true]").wait_for()
        while page.evaluate("document.activeElement.dataset.action") != "edit-round":
            tab()
        page.keyboard.press("Enter")
        page.locator("form.worksheet[data-readonly=false]").wait_for()
        while page.evaluate("document.activeElement.dataset.action") != "delete-round":
            tab(shift=True)
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.rebound-rounds__dialog")
        dialog.wait_for()
        assert "rebound-rounds__confirm-cancel" in page.evaluate("document.activeElement.className")
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        assert page.evaluate("document.activeElement.dataset.action") == "delete-round"
        assert page.locator("select[data-round-picker] option").count() == 2
        assert unringed == []
    finally:
        context.close()
