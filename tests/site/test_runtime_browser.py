"""The worksheets in a real browser: answers saved on the device, results
computed by browser_py in Pyodide inside a module worker, nothing fetched from
anywhere but the site, Pyodide booted once per visit and never on a page
without a worksheet, and the forms still useful when Pyodide cannot load.

Every page is served with the site's real ``_headers`` (CSP included), so
waits use selectors, not ``wait_for_function`` (which needs ``eval``).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.runtime import runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import ENTRIES_JS, python_result, storage_key
from tests.helpers.worksheet_pages import BOOT_MS, PAGES, control, fill, follow_footer

pytestmark = pytest.mark.browser


# -- helpers --------------------------------------------------------------------


@pytest.fixture
def seen(context: BrowserContext) -> list[str]:
    """Every URL the browser requests in this test: pages, modules and (as
    Playwright reports them on the context too) the worker's own fetches."""
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    return urls


def assert_same_origin(urls: list[str], origin: str) -> None:
    assert urls, "no requests were recorded"
    foreign = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob")
        and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin
    ]
    assert foreign == []


def form(page: Page):
    return page.locator("form.worksheet")


def wait_for_runtime(page: Page, state: str = "ready") -> None:
    page.wait_for_selector(
        f"form.worksheet[data-runtime={state}]", state="attached", timeout=BOOT_MS
    )


def assert_answers_shown(page: Page, values: dict[str, str | list[str]]) -> None:
    for name, value in values.items():
        first = control(page, name).first
        kind = first.get_attribute("type")
        if kind == "checkbox":
            for item in value:
                expect(control(page, name, item)).to_be_checked()
        elif kind == "radio":
            expect(control(page, name, str(value))).to_be_checked()
        else:
            expect(first).to_have_value(str(value))


def wait_saved(page: Page, worksheet: str, values: dict) -> dict:
    """The autosave (debounced) holds exactly ``values``."""
    deadline = time.monotonic() + 10
    while True:
        text = page.evaluate(f"localStorage.getItem('{storage_key(worksheet)}')")
        try:
            envelope = json.loads(text) if text else None
        except ValueError:
            envelope = None  # not saved over yet
        if envelope and envelope.get("values") == values:
            return envelope
        if time.monotonic() > deadline:
            raise AssertionError(f"saved {envelope!r}, expected values {values!r}")
        page.wait_for_timeout(100)


def reference(page: Page, worksheet: str, values: dict) -> dict:
    """What CPython's browser_py computes for the request the page makes:
    the same spec, values, other worksheets' saved answers and date."""
    spec = json.loads(page.locator("form.worksheet").first.get_attribute("data-worksheet-spec"))
    stored = {key: json.loads(text)["values"] for key, text in page.evaluate(ENTRIES_JS).items()}
    return python_result(page, worksheet, spec, values, stored)


def texts(response: dict) -> tuple[list[str], list[str]]:
    """(text shown in the result region, text in copy boxes) of a response."""
    shown: list[str] = []
    copies: list[str] = []
    for block in response["blocks"]:
        kind = block["type"]
        if kind in ("heading", "paragraph", "notice"):
            shown.append(block["text"])
        elif kind == "list":
            shown.extend(block["items"])
        elif kind == "stats":
            for item in block["items"]:
                shown.extend([item["label"], item["value"]])
        elif kind == "copy":
            shown.append(block["label"])
            copies.append(block["text"])
        elif kind == "figure" and block.get("caption"):
            shown.append(block["caption"])
    return shown, copies


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def wait_for_result(page: Page, response: dict) -> str:
    """The result region shows every text of ``response`` (and its copy
    boxes hold exactly its copy texts); returns the region's text."""
    shown, copies = texts(response)
    region = page.locator("[data-worksheet-result]")
    deadline = time.monotonic() + 15
    while True:
        text = squash(region.inner_text())
        boxes = region.locator("textarea").evaluate_all("(nodes) => nodes.map((n) => n.value)")
        missing = [item for item in shown if squash(item) not in text]
        if not missing and boxes == copies:
            return text
        if time.monotonic() > deadline:
            raise AssertionError(
                f"result lacks {missing[:3]!r}; copy boxes {boxes!r} "
                f"(expected {copies!r}); region: {text[:400]!r}"
            )
        page.wait_for_timeout(200)


def add_rows(page: Page, list_id: str, count: int) -> None:
    button = page.locator(f'fieldset[data-field="{list_id}"] .worksheet__list-add')
    for _ in range(count):
        button.click()


# -- the six worksheets -------------------------------------------------------------


def _feelings(page: Page) -> dict:
    add_rows(page, "checkins", 1)  # row 1 exists only after "Add a check-in"
    return {
        "emotions": ["sad", "tired"],
        "intensity": "7",
        "need": "A long walk",
        "checkin_date": "2030-01-05",
        "checkins.0.date": "2029-12-30",
        "checkins.0.intensity": "6",
        "checkins.1.date": "2030-01-02",
        "checkins.1.intensity": "3",
        "checkins.1.note": "Slept well",
    }


def _feedback(page: Page) -> dict:
    return {
        "company": "Zephyr & <b>Labs</b>",
        "role": "Data analyst",
        "interviewer": "Sam",
        "interview_date": "2029-11-14",
        "decision_date": "2029-11-20",
        "learn": ["skills"],
        "tone": "warm",
        "your_name": "Alex",
    }


def _reflection(page: Page) -> dict:
    return {
        "research": "4",
        "role_fit": "2",
        "stories": "3",
        "technical": "1",
        "questions": "5",
        "composure": "3",
        "feedback_areas": ["stories"],
        "went_well": "My questions",
    }


def _resilience(page: Page) -> dict:
    return {
        "thought": "I will never get hired",
        "belief_before": "8",
        "evidence_against": "Two interviews this month",
        "belief_after": "3",
        "practices": ["move", "sleep"],
    }


def _learning(page: Page) -> dict:
    return {
        "focus": ["stories", "technical"],
        "hours": "4",
        "start": "2030-01-01",
        "weeks": "3",
        "methods": ["mock"],
    }


def _tracker(page: Page) -> dict:
    add_rows(page, "applications", 1)  # a fourth row, beyond the three rendered
    return {
        "weekly_target": "5",
        "since": "2029-11-05",
        "applications.0.company": "Zephyr Labs",
        "applications.0.stage": "interview",
        "applications.0.applied": "2029-11-06",
        # Each stage picked stamps today in its date; these, typed after, replace it.
        "applications.0.interview_on": "2029-11-12",
        "applications.1.company": "Quill",
        "applications.1.stage": "rejected",
        "applications.1.applied": "2029-11-08",
        "applications.1.closed_on": "2029-11-15",
        "applications.3.company": "Northwind",
        "applications.3.stage": "offer",
        "applications.3.applied": "2029-11-10",
        "applications.3.offer_on": "2029-11-20",
    }


def _check_feelings(text: str, page: Page) -> None:
    assert "You named 2 feelings: Sad and Tired." in text
    assert "Saturday 5 January 2030" in text  # the check-in date, spelled out by Python
    assert page.locator("[data-worksheet-result] figure svg[role=img] title").count() == 1


def _check_feedback(text: str, page: Page) -> None:
    boxes = page.locator("[data-worksheet-result] textarea")
    subject, email = boxes.nth(0).input_value(), boxes.nth(1).input_value()
    assert "Data analyst" in subject
    assert email.startswith("Hi Sam,")
    assert "Zephyr & <b>Labs</b>" in email  # as text, never as markup
    assert page.locator("[data-worksheet-result] b").count() == 0


def _check_reflection(text: str, page: Page) -> None:
    ranked = page.locator("[data-worksheet-result] ol li").all_inner_texts()
    assert ranked[0].startswith("Examples and stories")  # rated 3 but in the feedback
    assert ranked[1].startswith("Technical or task questions")


def _check_resilience(text: str, page: Page) -> None:
    assert "down 5 points" in text
    assert "\u201cnever\u201d" in text


def _check_learning(text: str, page: Page) -> None:
    assert "Week 1: Tue 1 Jan to Mon 7 Jan" in text
    assert "12 hours" in text


def _check_tracker(text: str, page: Page) -> None:
    stats = dict(
        zip(
            page.locator("[data-worksheet-result] dt").all_inner_texts(),
            page.locator("[data-worksheet-result] dd").all_inner_texts(),
            strict=True,
        )
    )
    assert stats["Applications"] == "3"  # the empty third row does not count
    assert page.locator("[data-worksheet-result] figure svg[role=img]").count() >= 1


#: In the guide's order: each page's footer links to the next one.
CASES: list[tuple[str, Callable[[Page], dict], Callable[[str, Page], None]]] = [
    ("feelings", _feelings, _check_feelings),
    ("feedback", _feedback, _check_feedback),
    ("reflection", _reflection, _check_reflection),
    ("resilience", _resilience, _check_resilience),
    ("learning-plan", _learning, _check_learning),
    ("tracker", _tracker, _check_tracker),
]


def test_six_worksheets_compute_in_python_in_one_boot_and_come_back_after_reload(
    page: Page,
    context: BrowserContext,
    site_server: StaticServer,
    built_site: Path,
    seen: list[str],
) -> None:
    page.goto(f"{site_server.url}/{PAGES['feelings']}/")
    page.evaluate("window.__sameRealm = 'yes'")
    filled: dict[str, dict] = {}
    expected: dict[str, dict] = {}
    for index, (worksheet, answers, check) in enumerate(CASES):
        if index:
            follow_footer(page, "next", worksheet)
        values = answers(page)
        fill(page, values)  # the first focus boots Python
        envelope = wait_saved(page, worksheet, values)
        assert envelope["schema"] == 2 and envelope["worksheet"] == worksheet
        assert envelope["round"] == (None if worksheet == "tracker" else "r0")
        expect(page.locator("[data-worksheet-status]")).to_contain_text("Saved on this device")
        wait_for_runtime(page)
        expected[worksheet] = reference(page, worksheet, values)
        check(wait_for_result(page, expected[worksheet]), page)
        filled[worksheet] = values

    # Six pages, one JavaScript realm, one worker, one Pyodide download.
    assert page.evaluate("window.__sameRealm") == "yes", "a page was fully reloaded"
    assert page.evaluate("window.__rebound.boots") == 1
    assert sum(url.endswith(f"/{layout.PYODIDE_DIR}/pyodide.asm.wasm.zst") for url in seen) == 1
    assert sum(url.endswith("/" + layout.WORKER_SCRIPT) for url in seen) == 1

    # A reload starts a new visit: answers and results come back, page by page.
    page.reload()
    for index, (worksheet, _answers, check) in enumerate(reversed(CASES)):
        if index:
            follow_footer(page, "prev", worksheet)
        assert_answers_shown(page, filled[worksheet])
        form(page).scroll_into_view_if_needed()
        wait_for_runtime(page)
        check(wait_for_result(page, expected[worksheet]), page)
    assert page.evaluate("window.__rebound.boots") == 1

    assert_same_origin(seen, site_server.origin)
    assert sum(url.endswith(f"/{layout.PYODIDE_DIR}/pyodide.asm.wasm.zst") for url in seen) == 2, (
        "the worker's requests were not recorded"
    )


def _block_pyodide(context: BrowserContext) -> None:
    """Fail every Pyodide file, for the page and for its worker alike."""
    context.route(f"**/{layout.PYODIDE_DIR}/**", lambda route: route.abort())


# -- privacy and boot behaviour -----------------------------------------------------


def test_pages_without_a_worksheet_fetch_no_pyodide(
    page: Page, site_server: StaticServer, seen: list[str]
) -> None:
    for path in ("/", "/privacy/"):
        page.goto(site_server.url + path)
        page.mouse.wheel(0, 20_000)
        page.keyboard.press("Tab")
        page.wait_for_timeout(800)
        assert page.evaluate("window.__rebound.boots") == 0
        assert page.evaluate("window.__rebound.state") == "idle"
    assert [
        url for url in seen if f"/{layout.PYODIDE_DIR}/" in url or layout.WORKER_SCRIPT in url
    ] == []
    assert any(url.endswith("/" + layout.ENTRY_SCRIPT) for url in seen)
    assert_same_origin(seen, site_server.origin)


def test_the_worker_is_one_script_and_fetches_only_the_runtime(
    page: Page, site_server: StaticServer, built_site: Path, seen: list[str]
) -> None:
    # Its modules are bundled into it at build (runtime/worker_bundle.py):
    # a module of ours fetched by the worker would be one more round trip
    # before the runtime's downloads start.
    page.goto(f"{site_server.url}/{PAGES['feelings']}/")
    form(page).locator("input[type=text], textarea").first.focus()
    wait_for_runtime(page)
    ours = {
        urlsplit(url).path
        for url in seen
        if f"/{layout.ASSETS}/" in url and f"/{layout.PYODIDE_DIR}" not in url
    }
    worker_dir = {path for path in ours if f"/{layout.WORKER_DIR}/" in path}
    assert worker_dir == {"/" + layout.WORKER_SCRIPT}
    record = runtime_files.read(built_site)
    # What crosses the wire: a packed file's frame, never the plain file.
    wire = {runtime_files.wire_name(record, name) for name in record["boot"]}
    fetched = {urlsplit(url).path.rsplit("/", 1)[-1] for url in seen if layout.PYODIDE_DIR in url}
    assert wire <= fetched
    assert not set(record["packed"]) & fetched
    assert_same_origin(seen, site_server.origin)


def test_boot_waits_for_the_worksheet_to_be_seen(
    page: Page, context: BrowserContext, site_server: StaticServer, seen: list[str]
) -> None:
    _block_pyodide(context)
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(f"{site_server.url}/reflect/")
    page.wait_for_timeout(800)
    assert form(page).bounding_box()["y"] > 500, "the worksheet should start below the fold"
    assert page.evaluate("window.__rebound.state") == "idle"
    assert [
        url for url in seen if f"/{layout.PYODIDE_DIR}/" in url or layout.WORKER_SCRIPT in url
    ] == []
    form(page).scroll_into_view_if_needed()
    wait_for_runtime(page, "failed")
    assert page.evaluate("window.__rebound.boots") == 1
    assert any(url.endswith("/" + layout.WORKER_SCRIPT) for url in seen)


def test_python_runs_in_the_worker_never_on_the_page(page: Page, site_server: StaticServer) -> None:
    """Booting must not freeze the page: Pyodide's files are fetched, compiled
    and run by the module worker, and the page itself never loads them.
    Checked by where the files were fetched, not by timing (the benchmark
    counts long tasks: ``long_tasks_during_boot``)."""
    workers = []
    page.on("worker", lambda worker: workers.append(worker))
    page.goto(f"{site_server.url}/build-resilience/")
    assert page.evaluate("window.__rebound.boots") == 0
    page.evaluate(
        "document.querySelector('form.worksheet [name=situation]').focus({preventScroll: true})"
    )
    wait_for_runtime(page)
    resources = "() => performance.getEntriesByType('resource').map((entry) => entry.name)"
    on_page = page.evaluate(resources)
    ours = [worker for worker in workers if worker.url.endswith("/" + layout.WORKER_SCRIPT)]
    assert len(ours) == 1
    in_worker = ours[0].evaluate(resources)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.zst", "python_stdlib.zip.zst"):
        assert any(url.endswith(f"/{layout.PYODIDE_DIR}/{name}") for url in in_worker), name
    assert [url for url in on_page if f"/{layout.PYODIDE_DIR}/" in url] == []
    assert page.evaluate("() => typeof globalThis.loadPyodide") == "undefined"


# -- without Pyodide ------------------------------------------------------------------


def test_blocked_pyodide_still_saves_and_offers_retry(
    page: Page, context: BrowserContext, site_server: StaticServer
) -> None:
    _block_pyodide(context)
    page.goto(f"{site_server.url}/keep-going/")
    values = {
        "weekly_target": "4",
        "applications.0.company": "Quill",
        "applications.0.stage": "screening",
        "applications.0.replied_on": "2026-11-07",  # replaces the date the stage stamped
    }
    fill(page, values)
    wait_for_runtime(page, "failed")
    status = page.locator("[data-worksheet-status]")
    expect(status).to_contain_text("needs the Python runtime")
    expect(status).to_contain_text("still saved on this device")
    retry = page.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    wait_saved(page, "tracker", values)

    page.reload()
    assert_answers_shown(page, values)
    form(page).scroll_into_view_if_needed()
    wait_for_runtime(page, "failed")

    context.unroute(f"**/{layout.PYODIDE_DIR}/**")
    retry.click()
    wait_for_runtime(page)
    expect(retry).to_be_hidden()
    expect(page.locator("[data-worksheet-result]")).to_contain_text("Your pipeline")


def test_corrupt_saved_answers_do_not_break_the_form(
    page: Page, context: BrowserContext, site_server: StaticServer
) -> None:
    _block_pyodide(context)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_server.url}/build-resilience/")
    page.evaluate("localStorage.setItem('rebound:v2:r0:resilience', '{\"schema\":2,\"values\":')")
    page.reload()
    expect(page.locator("[data-worksheet-status]")).to_contain_text("could not be read")
    control(page, "thought").fill("Nobody will hire me")
    envelope = wait_saved(page, "resilience", {"thought": "Nobody will hire me"})
    assert envelope["worksheet"] == "resilience"
    kept = page.evaluate("Object.entries(localStorage)")
    assert [
        key
        for key, text in kept
        if text == '{"schema":2,"values":' and key.startswith("rebound:corrupt:r0:resilience:")
    ], "the unreadable answers were not kept aside"
    assert [e for e in errors if "JSON" in e or "storage" in e.lower()] == []


def test_list_rows_are_added_and_removed_from_the_keyboard(
    page: Page, context: BrowserContext, site_server: StaticServer
) -> None:
    _block_pyodide(context)
    page.goto(f"{site_server.url}/feel-it/")
    add = page.get_by_role("button", name="Add a check-in")
    rows = page.locator('fieldset[data-field="checkins"] li.worksheet__row')
    expect(rows).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0)  # min 1

    add.focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    assert page.evaluate("document.activeElement.id") == "ws-feelings.checkins.1.date"
    new_row = page.get_by_role("group", name="Check-in 2")
    expect(new_row.get_by_label("What changed?")).to_have_count(1)
    control(page, "checkins.0.note").fill("first")
    control(page, "checkins.1.note").fill("second")

    page.get_by_role("button", name="Remove check-in 1").click()
    expect(rows).to_have_count(1)
    expect(control(page, "checkins.0.note")).to_have_value("second")
    assert page.evaluate("document.activeElement.id") == "ws-feelings.checkins.0.date"
    wait_saved(page, "feelings", {"checkins.0.note": "second"})

    for _ in range(11):
        add.click()
    expect(rows).to_have_count(12)  # max_rows
    expect(add).to_be_hidden()
    expect(page.locator('fieldset[data-field="checkins"] .worksheet__list-full')).to_be_visible()
    control(page, "checkins.11.note").fill("twelfth")
    page.reload()
    expect(rows).to_have_count(12)  # rows beyond the rendered one come back
    expect(control(page, "checkins.11.note")).to_have_value("twelfth")


def test_enter_in_a_field_never_submits_the_answers(
    page: Page, context: BrowserContext, site_server: StaticServer, seen: list[str]
) -> None:
    _block_pyodide(context)
    page.goto(f"{site_server.url}/ask-for-feedback/")
    control(page, "company").fill("Private Co")
    control(page, "company").press("Enter")
    page.wait_for_timeout(300)
    assert "Private" not in page.url
    assert [url for url in seen if "Private" in url] == []


SVG = 'xmlns="http://www.w3.org/2000/svg"'
UNSAFE_SVGS = [
    f"<svg {SVG}><script>alert(1)</script></svg>",
    f'<svg {SVG} onload="alert(1)"><rect width="1" height="1"/></svg>',
    f'<svg {SVG}><a href="https://example.org/"><text>x</text></a></svg>',
    f'<svg {SVG}><image href="https://example.org/x.png"/></svg>',
    f'<svg {SVG}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
    "</foreignObject></svg>",
    f'<svg {SVG}><rect fill="url(https://example.org/#p)" width="1" height="1"/></svg>',
    f'<svg {SVG}><rect style="fill:red" width="1" height="1"/></svg>',
    f"<svg {SVG}><style>@import url(https://example.org/x.css);</style></svg>",
    '<html xmlns="http://www.w3.org/1999/xhtml"><body>not a drawing</body></html>',
    f"<svg {SVG}><rect",  # not well-formed
]


def test_figure_svg_is_checked_before_it_is_shown(
    page: Page, context: BrowserContext, site_server: StaticServer
) -> None:
    _block_pyodide(context)
    page.goto(f"{site_server.url}/privacy/")
    verdicts = page.evaluate(
        """async (svgs) => {
            const { safeSvg } = await import("/"""
        + layout.PAGE_DIR
        + """/render.js");
            return svgs.map((svg) => safeSvg(svg) === null ? "refused" : "shown");
        }""",
        [
            *UNSAFE_SVGS,
            f'<svg {SVG} role="img" viewBox="0 0 4 4"><title>Bars</title>'
            '<rect x="0" y="0" width="2" height="4" fill="#088"/></svg>',
        ],
    )
    assert verdicts == ["refused"] * len(UNSAFE_SVGS) + ["shown"]
