"""The filled workbook in a real browser: answers typed on the worksheet
pages, then "Download my filled workbook (PDF)" on the workbook page. The PDF
is fetched from the site, filled by browser_py with pypdf in the Pyodide
worker, and downloaded from a Blob; its fields are read back with pypdf here.

pypdf must not be fetched before the button is pressed, and nothing may be
requested from anywhere but the test server.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.browser_py.workbook.test_pdf_fill import expected_answers, read_answers
from tests.helpers.browser_data import ENTRIES_JS, storage_key
from tests.helpers.specs import pages_by_worksheet
from tests.helpers.worksheet_pages import fill, settle

pytestmark = pytest.mark.browser

#: Booting Pyodide, loading pypdf and filling on a busy two-core machine.
SLOW_MS = 180_000

WORKBOOK = "[data-rebound-workbook]"
BUTTON = "Download my filled workbook (PDF)"

#: What the reader types, by worksheet (on its page): a text and a long text with hostile
#: characters, a scale, a multiple choice, single choices, dates and a list row.
HOSTILE = "<script>alert(1)</script> \u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 \U0001f600"
ANSWERS: dict[str, dict[str, str | list[str]]] = {
    "feelings": {
        "emotions": ["sad", "hopeful"],
        "intensity": "7",
        "need": f"A walk.\n{HOSTILE}",
        "checkin_date": "2026-11-27",
    },
    "feedback": {
        "company": "Acme & Sons",
        "learn": ["skills"],
        "tone": "brief",
    },
    "tracker": {
        "applications.0.company": "Globex",
        "applications.0.stage": "interview",
        "applications.0.applied": "2026-11-03",
        # Picking the stage stamped today here; the reader's own date replaces it.
        "applications.0.interview_on": "2026-11-10",
    },
}


def wait_saved(page: Page, worksheet: str, values: dict) -> None:
    deadline = time.monotonic() + 15
    while True:
        text = page.evaluate(f"localStorage.getItem('{storage_key(worksheet)}')")
        saved = json.loads(text)["values"] if text else None
        if saved == values:
            return
        assert time.monotonic() < deadline, f"saved {saved!r}, expected {values!r}"
        page.wait_for_timeout(100)


def saved_entries(page: Page) -> dict[str, dict]:
    return {key: json.loads(text) for key, text in page.evaluate(ENTRIES_JS).items()}


def foreign(urls: list[str], origin: str) -> list[str]:
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob")
        and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin
    ]


@pytest.fixture
def requests(context: BrowserContext) -> list[tuple[float, str]]:
    """Every request of the test with the time it was made; Playwright reports
    the worker's own fetches on the context too."""
    seen: list[tuple[float, str]] = []
    context.on("request", lambda request: seen.append((time.monotonic(), request.url)))
    return seen


def test_the_filled_workbook_holds_every_answer_and_pypdf_loads_only_on_demand(
    page: Page, site_server: StaticServer, requests: list[tuple[float, str]]
) -> None:
    for worksheet, values in ANSWERS.items():
        page.goto(f"{site_server.url}/{pages_by_worksheet()[worksheet]}/")
        fill(page, values)
        wait_saved(page, worksheet, values)

    page.goto(f"{site_server.url}/workbook/")
    page.wait_for_selector(f"{WORKBOOK}[data-state=ready]", state="attached", timeout=SLOW_MS)
    saved = saved_entries(page)
    assert {worksheet: entry["values"] for worksheet, entry in saved.items()} == {
        worksheet: values for worksheet, values in ANSWERS.items()
    }

    pressed = time.monotonic()
    assert not [url for _, url in requests if "/pypdf-" in url], "pypdf loaded before the click"
    button = page.get_by_role("button", name=BUTTON)
    with page.expect_download(timeout=SLOW_MS) as info:
        button.focus()
        page.keyboard.press("Enter")  # keyboard, like any reader may
    download = info.value
    assert download.suggested_filename == "rebound-workbook-filled.pdf"
    pdf = Path(download.path()).read_bytes()

    # Every answer is in its field, and nothing else is filled in.
    assert read_answers(pdf) == expected_answers(saved)
    assert read_answers(pdf)["feelings.need"] == f"A walk.\n{HOSTILE}"

    root = page.locator(WORKBOOK)
    expect(root).to_have_attribute("data-pdf", "done")
    expect(root.locator(".workbook__status")).to_contain_text(
        "saved as rebound-workbook-filled.pdf in your downloads, with 11 answers from 3 worksheets"
    )

    wheel = [url for at, url in requests if "/pypdf-" in url]
    assert len(wheel) == 1 and all(at >= pressed for at, url in requests if url in wheel)
    assert wheel[0].startswith(f"{site_server.url}/{layout.PYODIDE_DIR}/pypdf-")
    pdfs = [url for at, url in requests if url.endswith("/" + layout.WORKBOOK_PDF)]
    assert pdfs == [f"{site_server.url}/{layout.WORKBOOK_PDF}"]
    assert foreign([url for _, url in requests], site_server.origin) == []
    print(
        f"\nfilled PDF: pypdf loaded in {root.get_attribute('data-pdf-load-ms')} ms, "
        f"filled in {root.get_attribute('data-pdf-fill-ms')} ms, {len(pdf):,} bytes"
    )

    # A second press reuses the loaded pypdf: no new fetch of the wheel.
    with page.expect_download(timeout=SLOW_MS) as again:
        button.click()
    assert read_answers(Path(again.value.path()).read_bytes()) == expected_answers(saved)
    assert len([url for _, url in requests if "/pypdf-" in url]) == 1


def test_a_missing_pdf_is_reported_and_nothing_is_downloaded(
    page: Page, site_server: StaticServer, requests: list[tuple[float, str]]
) -> None:
    page.goto(f"{site_server.url}/workbook/")
    page.evaluate(
        "localStorage.setItem('rebound:v2:r0:feedback', JSON.stringify({schema: 2, "
        "worksheet: 'feedback', round: 'r0', saved_at: '2026-11-20T10:00:00.000Z', "
        "values: {company: 'Acme'}}))"
    )
    page.route("**/" + layout.WORKBOOK_PDF, lambda route: route.fulfill(status=404, body="gone"))
    page.reload()
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name=BUTTON).click()
    root = page.locator(WORKBOOK)
    page.wait_for_selector(f"{WORKBOOK}[data-pdf=failed]", state="attached", timeout=SLOW_MS)
    expect(root.locator(".workbook__alert")).to_have_text(
        "The filled PDF could not be made: the PDF workbook did not download (404). Your "
        "answers are still saved in this browser."
    )
    assert downloads == []
    assert foreign([url for _, url in requests], site_server.origin) == []


def test_with_no_answers_it_says_so_without_loading_anything(
    page: Page, site_server: StaticServer, requests: list[tuple[float, str]]
) -> None:
    page.goto(f"{site_server.url}/workbook/")
    settle(page)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(f"{WORKBOOK}[data-state=ready]", state="attached", timeout=SLOW_MS)
    page.get_by_role("button", name=BUTTON).click()
    root = page.locator(WORKBOOK)
    expect(root).to_have_attribute("data-pdf", "empty")
    expect(root.locator(".workbook__status")).to_contain_text(
        "There are no answers saved in this browser yet"
    )
    assert not [url for _, url in requests if "/pypdf-" in url or url.endswith(".pdf")]
    assert page.evaluate("window.__rebound.boots") == 0
