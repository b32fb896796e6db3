"""Hostile text in a real browser, on every worksheet and on the workbook.

The corpus (tests/helpers/hostile.py) goes into every text field of the six
worksheets, list rows included, the way a reader would put it there (typed
or pasted), or through the DOM for what no keyboard produces (NUL, lone
surrogates, control characters); date and number fields get invalid values
through the DOM; choices are ticked. Python then computes the results in
Pyodide, and the tests check that:

* nothing ran: no dialog, ``window.__pwned`` never set, no page error, and a
  MutationObserver installed before any page script saw no element or
  attribute appear that came from the input (an ``on*`` handler, a
  ``pwned`` in an attribute or a script, a frame);
* the result region is exactly the blocks CPython's browser_py computes for
  the same answers, element by element, as text (so the ``<script>`` a reader
  typed is shown as the characters ``<script>``), and only elements the
  renderer makes;
* the saved envelope holds the exact string the control holds, which is the
  exact string given, as a browser control keeps it (``maxlength`` cut,
  line breaks in a one-line field);
* after a reload, all of that again.

Then the workbook page: the overview, the JSON export (the exact strings),
the Markdown export (inert once rendered, formulas neutralised, identical to
what CPython makes), the calendar (no injected event), the filled PDF (the
strings are its fields' values; no action or page content added) and an
import whose warnings quote hostile keys.

The pages run without their Content Security Policy (``bypass_csp``): the
CSP is a second wall, and these tests check the first one, the code itself.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from browser_py.core import i18n, manifest
from browser_py.core.spec import iter_controls
from browser_py.workbook import actions as workbook
from browser_py.workbook import calendar_ics, exchange, overview, progress
from tests.browser_py.test_hostile_python import block_strings, stripped
from tests.helpers import backup
from tests.helpers.browser_data import (
    ENTRIES_JS,
    RENDERED_JS,
    WORKBOOK,
    as_items,
    browser_today,
    python_result,
    site_index,
    snapshot_of,
    wait_ready,
)
from tests.helpers.hostile import (
    ALL_IN_ONE,
    BAD_DATES,
    BAD_NUMBERS,
    CORPUS,
    ICS_INJECTION,
    IMG_ONERROR,
    JOURNAL_TAGS,
    LONG,
    MARKDOWN,
    NEEDS_SCRIPT,
    RLO,
    SCRIPT,
    SCRIPTED,
    SVG_ELEMENTS,
    cut,
    form_values,
    html_elements,
    input_value,
    js,
    pdf_action_keys,
    pdf_page_contents,
    pdf_text_values,
    scripted_input_value,
    shown_text,
    textarea_value,
    without_broken,
    without_controls,
)
from tests.helpers.rounds import file_worksheets
from tests.helpers.specs import envelope, real_specs
from tests.helpers.workbook_editions import EDITIONS, Edition, blank_pdf, in_language
from tests.helpers.worksheet_pages import (
    BOOT_MS,
    PAGES,
    follow_footer,
    load_worksheets,
    settle,
    worksheets_ready,
)

pytestmark = pytest.mark.browser

#: Rows added to a list before filling it, so the one-line payloads each
#: land in a one-line field somewhere: list id -> rows wanted.
ROWS = {"feelings": ("checkins", 5), "tracker": ("applications", 17)}

#: Text fields each worksheet repeats in its result (see browser_py).
ECHOED: dict[str, re.Pattern[str]] = {
    "feelings": re.compile(r"^(need|checkins\.\d+\.note)$"),
    "feedback": re.compile(r"^(company|role|interviewer|your_name|extra)$"),
    "reflection": re.compile(r"^(went_well|do_differently|feedback_notes)$"),
    "tracker": re.compile(r"^(wins|applications\.[0-3]\.(company|role))$"),
}

#: One-line payloads typed into <input type=text>, in turn across the pages.
TYPED = [value for name, value in CORPUS.items() if name not in NEEDS_SCRIPT and name != "long"]

#: Elements the result renderer (render.js) creates; anything else in a
#: result region came from somewhere it should not.
RESULT_TAGS = (
    frozenset(
        {
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "ul",
            "ol",
            "li",
            "dl",
            "div",
            "dt",
            "dd",
            "figure",
            "figcaption",
            "textarea",
            "label",
            "button",
            "span",
        }
    )
    | SVG_ELEMENTS
)

#: The elements of a table block (render.js), beside RESULT_TAGS.
TABLE_TAGS = frozenset({"table", "caption", "thead", "tbody", "tr", "th", "td"})

#: Runs in every document before the page's own scripts: records anything
#: that looks like input turned into live markup, anywhere, at any time.
WATCH = """
(() => {
  window.__hostile = [];
  const note = (why, node) => window.__hostile.push(`${why}: <${node.localName}> ` +
    String(node.outerHTML || "").slice(0, 160));
  const check = (node) => {
    if (node.nodeType !== 1) return;
    for (const el of [node, ...node.querySelectorAll("*")]) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) note(`handler ${attr.name}`, el);
        if (/pwned/i.test(attr.value)) note(`attribute ${attr.name}`, el);
      }
      const tag = el.localName;
      if ((tag === "script" || tag === "style") && /pwned/i.test(el.textContent)) note("code", el);
      if (["iframe", "frame", "object", "embed", "foreignobject"].includes(tag)) note("frame", el);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(check);
      else if (record.type === "attributes") {
        const value = record.target.getAttribute(record.attributeName) ?? "";
        if (/^on/i.test(record.attributeName) || /pwned/i.test(value)) {
          note(`set ${record.attributeName}`, record.target);
        }
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

#: The page's controls of one worksheet form, in document order (rows in
#: the inert <template> excluded).
CONTROLS_JS = """(form) => [...form.elements]
  .filter((c) => c.name && !c.closest("template"))
  .map((c) => ({name: c.name, tag: c.localName, type: c.type, max: c.maxLength,
                value: c.value}))"""

#: The result region as blocks: what the reader sees, read back as text.
REGION_JS = """(region) => JSON.stringify([...region.children].map((node) => {
  const tag = node.localName;
  const text = node.textContent;
  if (/^h[1-6]$/.test(tag)) return {type: "heading", text};
  if (tag === "p") {
    const tone = /worksheet__notice--(\\w+)/.exec(node.className);
    return tone ? {type: "notice", tone: tone[1], text} : {type: "paragraph", text};
  }
  if (tag === "ul" || tag === "ol") {
    const items = [...node.children].map((li) => li.textContent);
    return {type: "list", ordered: tag === "ol", items};
  }
  if (tag === "dl") {
    return {type: "stats", items: [...node.children].map((pair) => ({
      label: pair.querySelector("dt").textContent, value: pair.querySelector("dd").textContent}))};
  }
  if (tag === "div" && node.classList.contains("worksheet__copy")) {
    return {type: "copy", label: node.querySelector("label").textContent,
            text: node.querySelector("textarea").value};
  }
  if (tag === "figure") {
    return {type: "figure", caption: node.querySelector("figcaption")?.textContent ?? "",
            drawn: Boolean(node.querySelector(":scope > svg"))};
  }
  return {type: "unexpected", html: node.outerHTML.slice(0, 300)};
}))"""

#: Every element name in a subtree, and every attribute name starting "on".
TAGS_JS = """(root) => JSON.stringify({
  tags: [...new Set([...root.querySelectorAll("*")].map((el) => el.localName))],
  handlers: [...document.querySelectorAll("*")].flatMap((el) =>
    [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName} ${a.name}`)),
})"""

COUNT_JS = """() => Object.fromEntries(["script", "img", "iframe", "object", "embed", "details",
  "a[href^='javascript:' i]", "svg[onload]", "[onerror]"].map((s) =>
  [s, document.querySelectorAll(s).length]))"""


# -- fixtures and helpers ---------------------------------------------------------------


class Watch:
    """What a page did that it must never do."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self, page: Page, where: str) -> None:
        assert self.dialogs == [], f"{where}: a dialog opened: {self.dialogs}"
        assert page.evaluate("typeof window.__pwned") == "undefined", f"{where}: script ran"
        assert page.evaluate("window.__hostile") == [], f"{where}: live markup from input"
        assert self.errors == [], f"{where}: page errors: {self.errors}"


@pytest.fixture
def hostile_page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    """A page in a fresh profile, its CSP bypassed and the watch installed."""
    context: BrowserContext = browser.new_context(
        bypass_csp=True, service_workers="block", accept_downloads=True
    )
    load_worksheets(context)
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        yield page, Watch(page)
    finally:
        context.close()


def form_of(page: Page, worksheet: str):
    return page.locator(f'form.worksheet[data-worksheet="{worksheet}"]')


def stored_values(page: Page) -> dict[str, dict[str, Any]]:
    """Every worksheet's saved values, read as raw JSON text (so lone
    surrogates survive the trip out of the page)."""
    raw = page.evaluate(f"JSON.stringify({ENTRIES_JS})")
    return {key: json.loads(text)["values"] for key, text in json.loads(raw).items()}


def wait_saved(page: Page, worksheet: str, expected: dict[str, Any]) -> None:
    deadline = time.monotonic() + 20
    while True:
        saved = stored_values(page).get(worksheet)
        if saved == expected:
            return
        if time.monotonic() > deadline:
            differ = sorted(
                name
                for name in {*(saved or {}), *expected}
                if (saved or {}).get(name) != expected.get(name)
            )
            pairs = [((saved or {}).get(name), expected.get(name)) for name in differ[:2]]
            raise AssertionError(f"{worksheet}: saved values differ at {differ[:5]}: {pairs!r}")
        page.wait_for_timeout(100)


def form_state(page: Page, worksheet: str) -> dict[str, Any]:
    """What the form holds now, read as form.js reads it, through JSON text
    (lone surrogates kept)."""
    return json.loads(
        form_of(page, worksheet).evaluate(
            """(form) => {
          const values = {};
          for (const c of form.elements) {
            if (!c.name || c.closest("template")) continue;
            if (c.type === "checkbox") { if (c.checked) (values[c.name] ??= []).push(c.value); }
            else if (c.type === "radio") { if (c.checked) values[c.name] = c.value; }
            else if (c.value !== "") values[c.name] = c.value;
          }
          return JSON.stringify(values);
        }"""
        )
    )


def reference(page: Page, worksheet: str, values: dict[str, Any]) -> dict[str, Any]:
    """What CPython's browser_py computes for the request the page makes."""
    spec = json.loads(form_of(page, worksheet).get_attribute("data-worksheet-spec") or "null")
    return python_result(page, worksheet, spec, values, stored_values(page))


def as_shown(block: dict[str, Any]) -> dict[str, Any]:
    """A response block as REGION_JS reads the rendered one back."""
    kind = block["type"]
    if kind == "figure":
        return {"type": "figure", "caption": block.get("caption", ""), "drawn": True}
    if kind == "list":
        return {"type": "list", "ordered": block["ordered"], "items": block["items"]}
    return {key: value for key, value in block.items() if key != "svg"}


def wait_result(page: Page, worksheet: str, response: dict[str, Any]) -> list[dict[str, Any]]:
    """The result region shows exactly the response's blocks, as text."""
    expected = [as_shown(block) for block in response["blocks"]]
    region = form_of(page, worksheet).locator("[data-worksheet-result]")
    deadline = time.monotonic() + 30
    while True:
        shown = json.loads(region.evaluate(REGION_JS))
        if shown == expected:
            return shown
        if time.monotonic() > deadline:
            first = next(
                (
                    index
                    for index, (a, b) in enumerate(zip(shown, expected, strict=False))
                    if a != b
                ),
                min(len(shown), len(expected)),
            )
            raise AssertionError(
                f"{worksheet}: block {first} differs: shown "
                f"{shown[first : first + 1]!r} expected {expected[first : first + 1]!r} "
                f"({len(shown)} shown, {len(expected)} expected)"
            )
        page.wait_for_timeout(150)


def assert_region_clean(page: Page, worksheet: str) -> None:
    region = form_of(page, worksheet).locator("[data-worksheet-result]")
    found = json.loads(region.evaluate(TAGS_JS))
    assert set(found["tags"]) <= RESULT_TAGS, set(found["tags"]) - RESULT_TAGS
    assert found["handlers"] == [], found["handlers"]


def set_by_script(page: Page, worksheet: str, name: str, value: str) -> str:
    """Set a control's value through the DOM, as JSON both ways, and fire
    ``input`` as typing would; returns what the control then holds."""
    return json.loads(
        form_of(page, worksheet).evaluate(
            """(form, [name, value]) => {
          const control = [...form.elements].find((c) => c.name === name && !c.closest("template"));
          control.value = JSON.parse(value);
          control.dispatchEvent(new Event("input", {bubbles: true}));
          return JSON.stringify(control.value);
        }""",
            [name, js(value)],
        )
    )


def refused_values(
    page: Page, worksheet: str, names: list[str], bad: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """Try every ``bad`` value on every control in ``names`` through the DOM:
    (name, value, what the control kept) for each the browser did not empty."""
    kept = form_of(page, worksheet).evaluate(
        """(form, [names, bad]) => {
          const out = [];
          const controls = [...form.elements].filter((c) => !c.closest("template"));
          for (const name of names) {
            const control = controls.find((c) => c.name === name);
            for (const value of JSON.parse(bad)) {
              control.value = value;
              control.dispatchEvent(new Event("input", {bubbles: true}));
              if (control.value !== "") out.push([name, value, control.value]);
            }
          }
          return JSON.stringify(out);
        }""",
        [names, js(list(bad))],
    )
    return [tuple(item) for item in json.loads(kept)]


def echoes(response: dict[str, Any]) -> str:
    return "\n".join(text for block in response["blocks"] for text in block_strings(block))


# -- the six worksheets -------------------------------------------------------------------


class Filler:
    """Puts the corpus into a worksheet form and says what it must hold."""

    def __init__(self) -> None:
        self.turn = 0  # how many one-line payloads have been typed so far

    def fill(self, page: Page, worksheet: str, today: str) -> dict[str, Any]:
        form = form_of(page, worksheet)
        if worksheet in ROWS:
            list_id, rows = ROWS[worksheet]
            fieldset = form.locator(f'fieldset[data-field="{list_id}"]')
            while fieldset.locator("li.worksheet__row").count() < rows:
                fieldset.locator(".worksheet__list-add").click()
        controls = form.evaluate(CONTROLS_JS)
        expected: dict[str, Any] = {}
        textareas = [c for c in controls if c["tag"] == "textarea"]
        inputs = [c for c in controls if c["tag"] == "input" and c["type"] == "text"]
        for index, control in enumerate(textareas):
            limit = control["max"] if control["max"] > 0 else None
            name = control["name"]
            if index % 3 == 2:
                value = SCRIPTED + "\n" + ALL_IN_ONE
                # A script's value is not cut at maxlength; line breaks become LF.
                assert set_by_script(page, worksheet, name, value) == textarea_value(value)
                expected[name] = textarea_value(value)
            else:
                value = ALL_IN_ONE if index % 3 == 0 else LONG
                form.locator(f'[name="{name}"]').fill(value)
                expected[name] = textarea_value(value, limit)
        for index, control in enumerate(inputs):
            limit = control["max"] if control["max"] > 0 else None
            name = control["name"]
            if index == 1:
                held = set_by_script(page, worksheet, name, SCRIPTED)
                assert held == scripted_input_value(SCRIPTED)
                expected[name] = held
            else:
                if index == 0:
                    value = LONG
                else:
                    value = TYPED[self.turn % len(TYPED)]
                    self.turn += 1
                form.locator(f'[name="{name}"]').fill(value)
                expected[name] = input_value(value, limit)
        expected.update(self._dates_and_numbers(page, worksheet, controls, today))
        expected.update(self._choices(page, worksheet, controls))
        return expected

    def _dates_and_numbers(
        self, page: Page, worksheet: str, controls: list[dict], today: str
    ) -> dict[str, str]:
        form = form_of(page, worksheet)
        out: dict[str, str] = {}
        for kind, bad, good in (("date", BAD_DATES, today), ("number", BAD_NUMBERS, "2")):
            names = [c["name"] for c in controls if c["tag"] == "input" and c["type"] == kind]
            # The browser empties every one of them: Python never sees them from a form.
            assert refused_values(page, worksheet, names, bad) == []
            for name in names:
                form.locator(f'[name="{name}"]').fill(good)
                out[name] = good
        return out

    def _choices(self, page: Page, worksheet: str, controls: list[dict]) -> dict[str, Any]:
        form = form_of(page, worksheet)
        out: dict[str, Any] = {}
        for control in controls:
            name, kind, value = control["name"], control["type"], control["value"]
            if kind == "radio" and name not in out:
                form.locator(f'[name="{name}"][value="{value}"]').check()
                out[name] = value
            elif kind == "checkbox" and len(out.setdefault(name, [])) < 2:
                form.locator(f'[name="{name}"][value="{value}"]').check()
                out[name].append(value)
        return out


def check_page(
    page: Page, watch: Watch, worksheet: str, expected: dict[str, Any], where: str
) -> None:
    """Saved, shown and computed exactly, and nothing ran."""
    wait_saved(page, worksheet, expected)
    # After a reload the form is filled from storage a moment after it shows.
    worksheets_ready(page)
    deadline = time.monotonic() + 20
    while form_state(page, worksheet) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert form_state(page, worksheet) == expected
    page.wait_for_selector(
        f'form.worksheet[data-worksheet="{worksheet}"][data-runtime=ready]',
        state="attached",
        timeout=BOOT_MS,
    )
    response = reference(page, worksheet, expected)
    wait_result(page, worksheet, response)
    assert_region_clean(page, worksheet)
    if worksheet in ECHOED:
        said = echoes(response)
        specs = real_specs()[worksheet]
        echoed = [name for name in expected if ECHOED[worksheet].match(name)]
        assert echoed, f"{worksheet}: no echoed field was filled"
        for name in echoed:
            one_line = "." in name or any(
                spec.id == name and spec.kind == "text" for spec in specs.fields
            )
            assert shown_text(expected[name], one_line=one_line) in said, (worksheet, name)
    watch.check(page, where)


def test_hostile_text_in_every_worksheet_stays_text_and_round_trips(
    hostile_page: tuple[Page, Watch], site_server: StaticServer
) -> None:
    page, watch = hostile_page
    order = list(PAGES)
    page.goto(f"{site_server.url}/{PAGES[order[0]]}/")
    today = browser_today(page)
    filler = Filler()
    filled: dict[str, dict[str, Any]] = {}
    for index, worksheet in enumerate(order):
        if index:
            follow_footer(page, "next", worksheet)
        before = page.evaluate(COUNT_JS)
        filled[worksheet] = filler.fill(page, worksheet, today)
        check_page(page, watch, worksheet, filled[worksheet], f"{worksheet} (filled)")
        # Nothing the input could have made exists anywhere in the page.
        assert page.evaluate(COUNT_JS) == before, worksheet
    assert filler.turn >= len(TYPED)  # every one-line payload was typed into a one-line field
    assert page.evaluate("window.__rebound.boots") == 1  # six pages, one Python

    # A reload is a new visit: every answer and result comes back, unharmed.
    page.reload()
    for index, worksheet in enumerate(reversed(order)):
        if index:
            follow_footer(page, "prev", worksheet)
        check_page(page, watch, worksheet, filled[worksheet], f"{worksheet} (reloaded)")
    assert page.evaluate("window.__rebound.boots") == 1  # one boot for the reloaded visit


#: Two worksheets whose results quote the reader most (the email draft, the
#: thought record's words), on their Chinese pages: Python's Chinese text
#: wraps the same hostile strings. Two, not six, to keep the run short: the
#: page code is the same in both languages, only the words around differ.
CHINESE_HOSTILE = ("feedback", "resilience")


def test_hostile_text_on_chinese_pages_stays_text_and_round_trips(
    hostile_page: tuple[Page, Watch], site_server: StaticServer
) -> None:
    page, watch = hostile_page
    order = list(PAGES)
    first, last = (order.index(worksheet) for worksheet in CHINESE_HOSTILE)
    page.goto(f"{site_server.url}/zh/{PAGES[order[first]]}/")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    today = browser_today(page)
    filler = Filler()
    filled: dict[str, dict[str, Any]] = {}
    for index in range(first, last + 1):
        worksheet = order[index]
        if index > first:
            follow_footer(page, "next", worksheet)
        assert "/zh/" in page.url, page.url
        if worksheet not in CHINESE_HOSTILE:
            continue
        before = page.evaluate(COUNT_JS)
        filled[worksheet] = filler.fill(page, worksheet, today)
        check_page(page, watch, worksheet, filled[worksheet], f"{worksheet} (zh, filled)")
        assert page.evaluate(COUNT_JS) == before, worksheet
        # The result is Python's Chinese around the reader's text.
        result = form_of(page, worksheet).locator("[data-worksheet-result]").inner_text()
        assert re.search(r"[\u4e00-\u9fff]", result), worksheet
    assert page.evaluate("window.__rebound.boots") == 1

    page.reload()
    for index in range(last, first - 1, -1):
        worksheet = order[index]
        if index < last:
            follow_footer(page, "prev", worksheet)
        if worksheet in CHINESE_HOSTILE:
            check_page(page, watch, worksheet, filled[worksheet], f"{worksheet} (zh, reloaded)")
    assert page.evaluate("window.__rebound.boots") == 1


# -- the workbook -------------------------------------------------------------------------

#: The company name the calendar carries: line breaks that try to start an
#: event, the characters iCalendar escapes, and a direction override.
COMPANY = f"{ICS_INJECTION}; x,y\\z {RLO}"[:120]


def workbook_saved() -> dict[str, dict[str, Any]]:
    """Saved entries with the corpus in every text field (each within its
    field's limit), valid dates and choices, plus answers the workbook must
    leave out with a note that quotes them."""
    payloads = [value for name, value in CORPUS.items() if name != "long"] + [SCRIPTED]
    turn = 0
    saved: dict[str, dict[str, Any]] = {}
    for worksheet_id, worksheet in real_specs().items():
        text: dict[str, str] = {}
        for control in iter_controls(
            worksheet, {spec.id: 4 for spec in worksheet.fields if spec.kind == "list"}
        ):
            if control.field.kind == "textarea":
                text[control.name] = cut(ALL_IN_ONE + "\n" + SCRIPTED, control.field.max_length)
            elif control.field.kind == "text":
                text[control.name] = cut(payloads[turn % len(payloads)], control.field.max_length)
                turn += 1
        values = form_values(worksheet, text, rows=4)
        saved[worksheet_id] = envelope(worksheet_id, values)
    saved["feedback"]["values"]["company"] = COMPANY
    saved["feedback"]["values"]["interview_date"] = SCRIPT  # not a date: left out, quoted
    saved["tracker"]["values"][IMG_ONERROR] = "x"  # no such field: left out, quoted
    return saved


def seed(page: Page, url: str, saved: dict[str, Any]) -> None:
    page.goto(url)
    settle(page)
    page.evaluate(
        "(text) => { localStorage.clear(); for (const [key, entry] of"
        " Object.entries(JSON.parse(text))) localStorage.setItem(key, entry); }",
        js(as_items(saved)),
    )
    page.reload()


def download(page: Page, button: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.locator(WORKBOOK).get_by_role("button", name=button).click()
    value = info.value
    # As bytes: reading as text would turn the calendar's CR LF into LF.
    return value.suggested_filename, Path(value.path()).read_bytes().decode("utf-8")


def exported(saved: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The values an export keeps: every valid answer, exactly, less NUL and
    lone surrogates (which the workbook repairs away)."""
    specs = real_specs()
    out = {}
    for worksheet_id, entry in saved.items():
        values = {}
        for name, value in entry["values"].items():
            if name == IMG_ONERROR or (worksheet_id, name) == ("feedback", "interview_date"):
                continue
            values[name] = without_broken(value) if isinstance(value, str) else value
        assert worksheet_id in specs
        out[worksheet_id] = values
    return out


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_workbook_exports_and_import_keep_hostile_text_inert(
    hostile_page: tuple[Page, Watch], site_server: StaticServer, built_site: Path, edition: Edition
) -> None:
    page, watch = hostile_page
    saved = workbook_saved()
    seed(page, f"{site_server.url}/{edition.path}workbook/", saved)
    assert page.evaluate("document.documentElement.lang") == edition.lang
    wait_ready(page)
    today = date.fromisoformat(browser_today(page))
    index = site_index(built_site / edition.path)
    steps = manifest.steps_from_index(index)
    root = page.locator(WORKBOOK)
    words = edition.buttons

    # The overview: every summary line and note is the text Python wrote.
    with in_language(edition):
        expected = overview.build_overview(saved, steps, today)
    for item, row in zip(root.locator("li.workbook__step").all(), expected["steps"], strict=True):
        lines = json.loads(
            item.evaluate(
                "(li) => JSON.stringify([...li.querySelectorAll('.workbook__line')]"
                ".map((p) => p.textContent))"
            )
        )
        assert lines == row["summary"]
    assert any(SCRIPT in note for note in expected["notes"])
    assert root.locator(".workbook__alert").text_content() == " ".join(expected["notes"])
    found = json.loads(root.locator(".workbook__steps").evaluate(TAGS_JS))
    assert not set(found["tags"]) & {"script", "img", "iframe", "svg", "details", "table", "b"}
    assert found["handlers"] == []
    watch.check(page, "workbook overview")

    # Progress across rounds: the feedback notes hold the corpus; the charts
    # and tables show exactly Python's text, and nothing else became markup.
    page.wait_for_selector(f"{WORKBOOK}[data-progress=ready]", state="attached", timeout=BOOT_MS)
    rounds = root.locator(".workbook__rounds")
    rendered = json.loads(rounds.evaluate(RENDERED_JS))
    with in_language(edition):
        expected_progress = progress.build_progress(snapshot_of(saved), steps, today)
    tables = [block for block in expected_progress["blocks"] if block["type"] == "table"]
    assert [table["rows"] for table in rendered["tables"]] == [table["rows"] for table in tables]
    assert len(rendered["charts"]) == len(
        [block for block in expected_progress["blocks"] if block["type"] == "figure"]
    )
    assert set(rendered["tags"]) <= RESULT_TAGS | TABLE_TAGS, set(rendered["tags"])
    assert json.loads(rounds.evaluate(TAGS_JS))["handlers"] == []
    watch.check(page, "progress across rounds")

    # JSON: the exact strings, in the one format whatever the page's language.
    name, text = download(page, words["json"])
    document = json.loads(text)
    assert re.fullmatch(r"rebound-answers-\d{4}-\d{2}-\d{2}\.json", name), name
    assert document["format"] == "rebound-workbook"
    values = {key: dict(entry["values"]) for key, entry in file_worksheets(document).items()}
    assert values == exported(saved)
    watch.check(page, "JSON export")

    # Markdown: what CPython makes for the same answers, and inert.
    name, markdown = download(page, words["markdown"])
    stamp = re.fullmatch(r"rebound-answers-(\d{4}-\d{2}-\d{2})\.md", name)
    assert stamp, name
    with in_language(edition):
        reference = workbook.ACTIONS["export_markdown"](
            {
                "index": index,
                "saved": saved,
                "today": today.isoformat(),
                "now": f"{stamp.group(1)}T12:00:00.000Z",
            }
        )
    assert markdown == reference["text"]
    if edition.catalogue:  # the journal's own words are the page's language's
        english = workbook.ACTIONS["export_markdown"](
            {
                "index": site_index(built_site),
                "saved": saved,
                "today": today.isoformat(),
                "now": f"{stamp.group(1)}T12:00:00.000Z",
            }
        )["text"]
        assert markdown.splitlines()[0] != english.splitlines()[0]
        assert re.search(r"[\u4e00-\u9fff]", markdown.splitlines()[0]), markdown[:200]
    elements, rendered = html_elements(MARKDOWN.render(markdown))
    assert {tag for tag, _ in elements} <= JOURNAL_TAGS
    assert [attrs for _, attrs in elements if attrs] == []
    flat = " ".join(rendered.split())
    for payload in (
        SCRIPT,
        IMG_ONERROR,
        CORPUS["md_js_link"],
        CORPUS["md_details"],
        CORPUS["formula_hyperlink"],
    ):
        assert payload in flat, payload
    for line in markdown.splitlines():
        cells = re.split(r"(?<!\\)\|", line)[1:-1] if line.startswith("|") else [line]
        for cell in cells:
            cell = cell.strip()
            if not re.fullmatch(r"-{3,}", cell) and not line.startswith("- "):
                assert cell[:1] not in ("=", "+", "-", "@"), line
    watch.check(page, "Markdown export")

    # Calendar: the events Python makes, none injected, the name as text.
    name, ics = download(page, words["calendar"])
    with in_language(edition):
        calendar = calendar_ics.build_calendar(saved, steps, today)
        request = i18n._("Send your feedback request to {company}")
    assert ics == calendar["ics"]
    lines = ics.replace("\r\n ", "").split("\r\n")  # unfolded content lines
    assert not any("\r" in line or "\n" in line for line in lines)
    events = list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert lines.count("BEGIN:VEVENT") == len(events) == calendar["events"] >= 3
    company = " ".join(without_controls(" ".join(COMPANY.split())).split())
    summaries = [str(event["SUMMARY"]) for event in events]
    assert request.format(company=company) in summaries
    assert not any(line.startswith("SUMMARY:injected") for line in lines)
    watch.check(page, "calendar")

    # The filled PDF, made in the worker with pypdf: every answer is its
    # field's value, exactly, and the PDF gains no action and no page content.
    with page.expect_download(timeout=BOOT_MS) as info:
        root.get_by_role("button", name=words["pdf"]).click()
    pdf = Path(info.value.path()).read_bytes()
    blank = blank_pdf(built_site, edition)
    in_pdf = pdf_text_values(pdf)
    expected_pdf = {
        control.pdf_name: without_broken(saved[worksheet_id]["values"][control.name])
        for worksheet_id, worksheet in real_specs().items()
        for control in iter_controls(
            worksheet, {spec.id: 4 for spec in worksheet.fields if spec.kind == "list"}
        )
        if control.field.kind in ("text", "textarea")
    }
    assert {name: in_pdf.get(name) for name in expected_pdf} == expected_pdf
    assert pdf_action_keys(pdf) == pdf_action_keys(blank)
    assert pdf_page_contents(pdf) == pdf_page_contents(blank)
    watch.check(page, "filled PDF")

    # Import: the exported file with hostile keys added; the plan quotes
    # them as text, and confirming writes the exact strings back.
    document[SCRIPT] = IMG_ONERROR
    document["worksheets"][IMG_ONERROR] = {"saved_at": "2026-11-20T18:00:00Z", "values": {}}
    document["rounds"][0]["worksheets"]["feelings"]["values"][CORPUS["svg_onload"]] = "x"
    file_text = json.dumps(document, ensure_ascii=False)
    page.evaluate("localStorage.clear()")
    page.set_input_files(
        "#rebound-import-file",
        files=[
            {
                "name": "answers.json",
                "mimeType": "application/json",
                "buffer": file_text.encode("utf-8"),
            }
        ],
    )
    plan = root.locator(".workbook__plan")
    plan.locator(".workbook__apply").wait_for(timeout=BOOT_MS)
    specs = {step.worksheet.id: step.worksheet for step in steps}
    with in_language(edition):
        expected_plan = exchange.plan_import(file_text, {}, specs)
        # The warning's words up to its count (the same for every count).
        invisible = exchange.invisible_removed(0).split("0")[0]
    warnings = json.loads(
        plan.evaluate(
            "(box) => JSON.stringify([...box.querySelectorAll('.workbook__warnings li')]"
            ".map((li) => li.textContent))"
        )
    )
    assert warnings == expected_plan["warnings"]
    assert any(SCRIPT in warning for warning in warnings)
    found = json.loads(plan.evaluate(TAGS_JS))
    assert set(found["tags"]) <= {"h4", "ul", "li", "p", "button"}, found["tags"]
    plan.locator(".workbook__apply").click()
    wait_ready(page, 2)
    # The words come back without direction overrides and zero-width spaces
    # (browser_py.core.untrusted.INVISIBLE); the plan warned about them.
    assert invisible and any(warning.startswith(invisible) for warning in warnings)
    assert stored_values(page) == {
        worksheet_id: {name: stripped(value) for name, value in entry.items()}
        for worksheet_id, entry in values.items()
    }
    watch.check(page, "import")


#: Panel markup: the only elements the storage panel makes.
PANEL_TAGS = {
    "h3",
    "h4",
    "p",
    "ul",
    "li",
    "strong",
    "br",
    "span",
    "code",
    "time",
    "button",
    "input",
    "label",
    "div",
    "dialog",
    "section",
}


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_encrypted_backup_and_storage_panel_keep_hostile_text_inert(
    hostile_page: tuple[Page, Watch], site_server: StaticServer, tmp_path: Path, edition: Edition
) -> None:
    page, watch = hostile_page
    saved = workbook_saved()
    seed(page, f"{site_server.url}/{edition.path}workbook/", saved)
    # Keys and envelopes the panel has never seen, built from the corpus.
    odd = {
        f"rebound:{SCRIPT}": json.dumps(
            {"worksheet": IMG_ONERROR, "saved_at": SCRIPT, "values": {}}
        ),
        f"rebound:x:{RLO}{CORPUS['svg_onload']}": SCRIPTED,
    }
    page.evaluate(
        "(odd) => { for (const [k, v] of Object.entries(odd)) localStorage.setItem(k, v); }", odd
    )
    # The round's label heads its group in the panel: hostile text too.
    label = f"{SCRIPT}{RLO}"
    page.evaluate(
        "(label) => { const i = JSON.parse(localStorage.getItem('rebound:v2:rounds'));"
        " i.rounds[0].label = label;"
        " localStorage.setItem('rebound:v2:rounds', JSON.stringify(i)); }",
        label,
    )
    page.reload()
    wait_ready(page)
    root = page.locator(WORKBOOK)
    panel = root.locator(".workbook__storage")
    page.wait_for_selector(".workbook__storage[data-state=ready]", state="attached")

    # The panel: every key shown as the characters it is, sizes as counted.
    listed = json.loads(
        panel.evaluate(
            "(box) => JSON.stringify([...box.querySelectorAll('li.workbook__stored-item')]"
            ".map((li) => [li.querySelector('code').textContent, Number(li.dataset.bytes)]))"
        )
    )
    assert {key for key, _ in listed} >= set(odd)
    for key, size in listed:
        value = page.evaluate("(k) => localStorage.getItem(k)", key)
        assert size == len((key + value).encode("utf-16-le", "surrogatepass")), key
    expect(panel.locator("section.workbook__stored-group[data-group=r0] h4")).to_have_text(
        f"{edition.round_group}{label}"
    )
    odd_item = panel.locator("li.workbook__stored-item").filter(has_text=IMG_ONERROR)
    assert odd_item.count() == 1  # its envelope's worksheet, as text
    assert edition.not_recorded in odd_item.inner_text()  # saved_at is not a time
    found = json.loads(panel.evaluate(TAGS_JS))
    assert set(found["tags"]) <= PANEL_TAGS, found["tags"]
    assert found["handlers"] == []
    watch.check(page, "storage panel")

    # An encrypted export with a hostile passphrase: none of the words in
    # the file, and the same passphrase brings back the exact strings.
    passphrase = f"{SCRIPT}{RLO}\u00e9\U0001f600 {CORPUS['svg_onload']}"
    root.get_by_label(edition.buttons["passphrase"]).fill(passphrase)
    name, text = download(page, edition.buttons["json"])
    assert name.endswith(".encrypted.json")
    for needle in (SCRIPT, IMG_ONERROR, COMPANY, passphrase):
        assert needle not in text
    page.evaluate("localStorage.clear()")
    page.set_input_files(
        "#rebound-import-file",
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}],
    )
    prompt = root.locator("form.workbook__unlock")
    prompt.get_by_label(edition.passphrase, exact=True).fill(passphrase)
    prompt.get_by_role("button", name=edition.open_file).click()
    root.locator(".workbook__plan .workbook__apply").wait_for(timeout=BOOT_MS)
    root.locator(".workbook__plan .workbook__apply").click()
    wait_ready(page, 2)
    # Exactly what a plain export keeps (NUL and lone surrogates repaired),
    # less the invisible controls an import strips.
    assert stored_values(page) == {
        worksheet_id: {name: stripped(value) for name, value in values.items()}
        for worksheet_id, values in exported(saved).items()
    }
    before = stored_values(page)
    watch.check(page, "encrypted round trip")

    # Crafted files: refused in our own words, nothing echoed, nothing written.
    wrapper = json.loads(text)
    crafted = {
        "kdf name": {**wrapper, "kdf": {**wrapper["kdf"], "name": SCRIPT}},
        "iterations huge": {**wrapper, "kdf": {**wrapper["kdf"], "iterations": 10**12}},
        "iterations text": {**wrapper, "kdf": {**wrapper["kdf"], "iterations": "600000"}},
        "salt markup": {**wrapper, "kdf": {**wrapper["kdf"], "salt": IMG_ONERROR}},
        "ciphertext markup": {**wrapper, "ciphertext": SCRIPTED},
        "cipher list": {**wrapper, "cipher": [SCRIPT]},
    }
    alert = root.locator(".workbook__alert")
    for label, document in crafted.items():
        page.evaluate("document.querySelector('.workbook__alert').textContent = ''")
        page.set_input_files(
            "#rebound-import-file",
            files=[
                {
                    "name": f"{label}.json",
                    "mimeType": "application/json",
                    "buffer": json.dumps(document).encode(),
                }
            ],
        )
        for _ in range(100):
            if alert.text_content():
                break
            page.wait_for_timeout(50)
        message = alert.text_content() or ""
        assert message.startswith(edition.not_imported), (label, message)
        assert SCRIPT not in message and IMG_ONERROR not in message, label
        assert root.locator("form.workbook__unlock").count() == 0, label
        assert stored_values(page) == before, label
    watch.check(page, "crafted encrypted files")

    # A well-made encrypted file whose export is hostile: once opened, the
    # usual check quotes its keys as text.
    hostile_export = json.dumps(
        {
            "format": "rebound-workbook",
            "version": 1,
            SCRIPT: IMG_ONERROR,
            "worksheets": {IMG_ONERROR: {"saved_at": "2026-11-20T18:00:00Z", "values": {}}},
        },
        ensure_ascii=False,
    )
    page.set_input_files(
        "#rebound-import-file",
        files=[
            {
                "name": "hostile.json",
                "mimeType": "application/json",
                "buffer": backup.encrypt(hostile_export, passphrase),
            }
        ],
    )
    prompt.get_by_label(edition.passphrase, exact=True).fill(passphrase)
    prompt.get_by_role("button", name=edition.open_file).click()
    alert.filter(has_text=edition.not_imported).wait_for(timeout=BOOT_MS)
    found = json.loads(root.evaluate(TAGS_JS))
    assert not set(found["tags"]) & {"script", "img", "iframe"}
    # The one SVG is the progress section's charts (Python's, drawn by render.js).
    assert root.evaluate(
        "(r) => [...r.querySelectorAll('svg')].every((s) => s.closest('.workbook__rounds'))"
    )
    assert found["handlers"] == []
    assert stored_values(page) == before
    watch.check(page, "hostile encrypted export")


ROUND_LABELS = [SCRIPT, IMG_ONERROR, f"{RLO} {CORPUS['md_js_link']}", CORPUS["formula_hyperlink"]]


def test_a_round_label_full_of_hostile_text_stays_text(
    hostile_page: tuple[Page, Watch], site_server: StaticServer
) -> None:
    """Round labels, companies and roles typed into the new-round and rename
    forms show as text in the bar and the picker, export exactly, and stay
    inert in the Markdown journal."""
    page, watch = hostile_page
    page.goto(f"{site_server.url}/feel-it/")
    settle(page)
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.reload()
    bar = page.locator("[data-round-bar]")
    typed = []
    for label in ROUND_LABELS:
        label = label[:120]
        typed.append(label)
        bar.locator('[data-action="new-round"]').click()
        page.locator("#rebound-round-label").fill(label)
        page.locator("#rebound-round-company").fill(SCRIPT[:120])
        page.locator("#rebound-round-role").fill(IMG_ONERROR[:120])
        page.locator(".rebound-rounds__submit").click()
        expect(bar.locator("[data-round-where]")).to_contain_text(label.strip())
        watch.check(page, f"round {label[:20]!r}")
    options = page.locator("select[data-round-picker] option").all_text_contents()
    for label in typed:
        assert any(label.strip() in option for option in options), label
    # Renaming with hostile text is text too.
    bar.locator('[data-action="rename-round"]').click()
    page.locator("#rebound-round-label").fill(CORPUS["svg_onload"][:120])
    page.locator(".rebound-rounds__submit").click()
    expect(bar.locator("[data-round-where]")).to_contain_text(CORPUS["svg_onload"][:120].strip())
    found = json.loads(bar.evaluate(TAGS_JS))
    assert set(found["tags"]) <= {
        "h2",
        "h3",
        "p",
        "label",
        "select",
        "option",
        "button",
        "form",
        "input",
        "br",
        "span",
        "dialog",
        "div",
    }, found
    assert found["handlers"] == []
    watch.check(page, "rename")

    index = json.loads(page.evaluate("localStorage.getItem('rebound:v2:rounds')"))
    labels = [r["label"] for r in index["rounds"][1:]]
    assert labels == [label.strip() for label in typed[:-1]] + [CORPUS["svg_onload"][:120].strip()]
    assert all(r["company"] == SCRIPT[:120].strip() for r in index["rounds"][1:])

    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    page.evaluate("window.__rebound.boot()")
    page.wait_for_function("window.__rebound.state === 'ready'", timeout=BOOT_MS)
    _name, text = download(page, "Export answers (.json)")
    document = json.loads(text)
    assert [r["label"] for r in document["rounds"]] == [r["label"] for r in index["rounds"]]
    _name, markdown = download(page, "Export as Markdown (.md)")
    elements, rendered = html_elements(MARKDOWN.render(markdown))
    assert {tag for tag, _ in elements} <= JOURNAL_TAGS
    assert [attrs for _, attrs in elements if attrs] == []
    flat = " ".join(rendered.split())
    assert " ".join(without_controls(SCRIPT).split()) in flat
    watch.check(page, "round exports")
