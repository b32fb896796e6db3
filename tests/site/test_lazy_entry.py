"""The entry script loads the worksheet machinery only when a page needs it,
and what a reader types before it arrives wins over saved answers.

These tests use contexts of their own, without the LOAD_WORKSHEETS init
script the other suites use (tests/helpers/worksheet_pages.py)."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import as_items, storage_key
from tests.helpers.worksheet_pages import WORKSHEETS_READY

pytestmark = pytest.mark.browser

LIVE = f"{layout.PAGE_DIR}/worksheets-live.js"
MACHINERY = ("worksheets-live.js", "storage.js", "rounds.js", "form.js", "runtime.js")

SAVED = {
    "feelings": {
        "schema": 1,
        "worksheet": "feelings",
        "saved_at": "2026-11-20T18:00:00.000Z",
        "values": {"need": "saved need", "in_words": "saved words"},
    }
}


def _seed_once(items: dict[str, str]) -> str:
    """An init script that stores ``items`` once per tab, before any page script."""
    return (
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        f" for (const [k, v] of Object.entries({json.dumps(items)})) localStorage.setItem(k, v); }}"
    )


def _requested(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_an_article_loads_the_machinery_only_when_its_worksheet_comes_near(
    browser: Browser, browser_context_args: dict, site_server: StaticServer
) -> None:
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        urls = _requested(page)
        page.goto(f"{site_server.url}/reflect/", wait_until="networkidle")
        page.wait_for_timeout(800)
        loaded = [url for url in urls if url.endswith(MACHINERY)]
        assert loaded == [], loaded
        assert page.locator(WORKSHEETS_READY).count() == 0
        assert page.locator("[data-round-bar]").count() == 0
        assert page.evaluate("[window.__rebound.boots, window.__rebound.state]") == [0, "idle"]

        # The reader scrolls down to the worksheet: it is set up before it is reached.
        page.locator("form.worksheet").scroll_into_view_if_needed()
        page.wait_for_selector(WORKSHEETS_READY, state="attached", timeout=30_000)
        assert any(url.endswith(LIVE) for url in urls)
        expect(page.locator("[data-round-bar]")).to_have_count(1)
        # Seen, so Python starts too.
        expect(page.locator("form.worksheet")).to_have_attribute(
            "data-runtime", re.compile("loading|ready")
        )
    finally:
        context.close()


def test_a_page_without_worksheets_never_loads_the_machinery(
    browser: Browser, browser_context_args: dict, site_server: StaticServer
) -> None:
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        urls = _requested(page)
        page.goto(f"{site_server.url}/privacy/", wait_until="networkidle")
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(800)
        assert [url for url in urls if url.endswith(MACHINERY)] == []
    finally:
        context.close()


def test_what_the_reader_types_before_the_machinery_arrives_wins_and_is_saved(
    browser: Browser, browser_context_args: dict, site_server: StaticServer
) -> None:
    context = browser.new_context(**browser_context_args)
    # Pyodide is not needed here: the test is about the form and the storage.
    context.route(f"**/{layout.PYODIDE_DIR}/**", lambda route: route.abort())
    held: list[Route] = []
    context.route(f"**/{LIVE}", lambda route: held.append(route))
    try:
        page = context.new_page()
        page.add_init_script(_seed_once(as_items(SAVED)))
        page.goto(f"{site_server.url}/feel-it/")
        need = page.locator('form.worksheet [name="need"]')
        # Focusing asks for the machinery; its download is held back meanwhile.
        need.fill("typed before it arrived")
        deadline = time.monotonic() + 15
        while not held:
            assert time.monotonic() < deadline, "the machinery was never asked for"
            page.wait_for_timeout(50)
        assert page.locator(WORKSHEETS_READY).count() == 0
        held[0].continue_()
        context.unroute(f"**/{LIVE}")
        page.wait_for_selector(WORKSHEETS_READY, state="attached", timeout=30_000)

        # Typed wins; what was not touched shows its saved answer.
        expect(need).to_have_value("typed before it arrived")
        expect(page.locator('form.worksheet [name="in_words"]')).to_have_value("saved words")
        deadline = time.monotonic() + 15
        while True:
            text = page.evaluate(f"localStorage.getItem({json.dumps(storage_key('feelings'))})")
            values = json.loads(text)["values"] if text else {}
            if values.get("need") == "typed before it arrived":
                break
            assert time.monotonic() < deadline, f"not saved: {values!r}"
            page.wait_for_timeout(100)
        assert values["in_words"] == "saved words"

        # And after a reload, the typed answer is the saved one.
        page.reload()
        page.locator("form.worksheet").scroll_into_view_if_needed()
        page.wait_for_selector(WORKSHEETS_READY, state="attached", timeout=30_000)
        expect(need).to_have_value("typed before it arrived")
    finally:
        context.close()


def _state(page: Page, state: str, timeout: float) -> None:
    page.wait_for_function(
        f"() => window.__rebound.state === {json.dumps(state)}", timeout=timeout, polling=100
    )


def _workers(urls: list[str]) -> list[str]:
    return [url for url in urls if url.endswith("/" + layout.WORKER_SCRIPT)]


@pytest.mark.parametrize("pyodide", ["blocked", "served"])
def test_focusing_before_the_machinery_starts_python_at_once_and_the_machinery_adopts_it(
    browser: Browser, browser_context_args: dict, site_server: StaticServer, pyodide: str
) -> None:
    """The entry starts the worker itself; runtime.js, arriving later, takes
    it over with what it said meanwhile (a failure, or progress), and never
    starts a second one."""
    context = browser.new_context(**browser_context_args)
    if pyodide == "blocked":
        context.route(f"**/{layout.PYODIDE_DIR}/**", lambda route: route.abort())
    held: list[Route] = []
    context.route(f"**/{layout.PAGE_DIR}/runtime.js", lambda route: held.append(route))
    try:
        page = context.new_page()
        urls = _requested(page)
        page.goto(f"{site_server.url}/feel-it/")
        page.locator('form.worksheet [name="need"]').fill("a word")
        deadline = time.monotonic() + 30
        while not (held and _workers(urls)):
            assert time.monotonic() < deadline, "the worker did not start before runtime.js"
            page.wait_for_timeout(50)
        if pyodide == "blocked":
            # The worker's failure happens while runtime.js is still held.
            deadline = time.monotonic() + 30
            while not any(f"/{layout.PYODIDE_DIR}/" in url for url in urls):
                assert time.monotonic() < deadline, "the worker never asked for Pyodide"
                page.wait_for_timeout(50)
            page.wait_for_timeout(500)
        held[0].continue_()
        context.unroute(f"**/{layout.PAGE_DIR}/runtime.js")
        if pyodide == "blocked":
            _state(page, "failed", 30_000)
            assert page.evaluate("window.__rebound.error")
        else:
            _state(page, "ready", 180_000)
            # Python's first summary is on screen.
            page.wait_for_selector(
                "form.worksheet[data-result-sequence]", state="attached", timeout=60_000
            )
            expect(page.locator(".worksheet__result-empty")).to_have_count(0)
        assert page.evaluate("window.__rebound.boots") == 1
        assert len(_workers(urls)) == 1
    finally:
        context.close()
