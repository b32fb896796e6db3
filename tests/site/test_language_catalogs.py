"""A language's Python catalogue is downloaded by that language's readers
only, once, and its failure is said in their words (worker.mjs ``catalogs``).

* on the English worksheet page no catalogue is asked for, before or after
  the first result (with no service worker, as on the benchmark's first
  visit: a service worker keeps every catalogue with the runtime, after the
  boot, so that every language works offline);
* on the Chinese page the first result is in Chinese, and the catalogue was
  asked for once;
* a catalogue that does not arrive fails the summary with the catalogue's
  own message, in Chinese, never an English summary; the next change, once
  the server is well again, gives the Chinese summary on the same page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.network import ShapedServer
from rebound_mkdocs.runtime import runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

PAGE = "ask-for-feedback/"
FORM = "form.worksheet[data-worksheet='feedback']"
SLOW_MS = 120_000
HAN = re.compile(r"[\u4e00-\u9fff]")

#: The wall-clock time the runtime said "ready" (Date.now()).
READY_AT = """
document.addEventListener("rebound:runtime", ({ detail }) => {
  if (detail.state === "ready") window.__readyAt ??= Date.now();
});
"""


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[ShapedServer]:
    with ShapedServer(built_site) as shaped:
        yield shaped


def catalog_paths(site: Path) -> set[str]:
    record = runtime_files.read(site)
    catalogs = record["catalogs"]
    assert isinstance(catalogs, dict) and catalogs
    return {f"/{layout.PYODIDE_DIR}/{entry['file']}" for entry in catalogs.values()}


def chinese_catalog(site: Path) -> str:
    entry = runtime_files.read(site)["catalogs"]["zh_Hans"]
    return f"/{layout.PYODIDE_DIR}/{entry['file']}"


def fill(page: Page, role: str) -> None:
    page.locator(f'{FORM} [name="company"]').fill("Northwind")  # focus boots Python
    page.locator(f'{FORM} [name="role"]').fill(role)


def subject(page: Page):
    return page.locator(f"{FORM} [data-worksheet-result] textarea").first


def test_the_english_page_never_asks_for_a_catalogue(
    browser: Browser, server: ShapedServer, built_site: Path
) -> None:
    server.heal()
    before = len(server.requests)
    context = load_worksheets(browser.new_context(service_workers="block"))
    try:
        page = context.new_page()
        page.goto(server.url + "/" + PAGE)
        fill(page, "Analyst")
        expect(subject(page)).to_have_value(re.compile("Analyst"), timeout=SLOW_MS)
        assert not HAN.search(subject(page).input_value())
        # After the result: the worker is done (its snapshot taken) and
        # another call is answered; still no catalogue.
        page.wait_for_function("() => window.__rebound?.snapshot != null", timeout=SLOW_MS)
        page.locator(f'{FORM} [name="role"]').fill("Curator")
        expect(subject(page)).to_have_value(re.compile("Curator"), timeout=SLOW_MS)
        asked = server.requests[before:]
        assert any(path.endswith(".whl") for path in asked), asked  # it did boot here
        assert not catalog_paths(built_site) & set(asked), asked
        assert not [path for path in asked if path.endswith(".mo")], asked
    finally:
        context.close()


def test_the_chinese_page_asks_for_its_catalogue_once_and_answers_in_chinese(
    browser: Browser, server: ShapedServer, built_site: Path
) -> None:
    server.heal()
    before = len(server.requests)
    # As the benchmark's first visit: no service worker (its keeping of the
    # runtime may ask the server again; test_offline covers it).
    context = load_worksheets(browser.new_context(service_workers="block"))
    context.add_init_script(READY_AT)
    asked_at: list[float] = []
    catalog = chinese_catalog(built_site)
    context.on(
        "request",
        lambda r: asked_at.append(time.time() * 1000) if r.url.endswith(catalog) else None,
    )
    try:
        page = context.new_page()
        page.goto(f"{server.url}/zh/{PAGE}")
        fill(page, "分析师")
        expect(subject(page)).to_have_value(re.compile("分析师"), timeout=SLOW_MS)
        # Asked for beside the boot's files (the page said its language), not
        # after Python was up: the first result waits for nothing more.
        ready_at = page.evaluate("window.__readyAt")
        assert asked_at and ready_at and asked_at[0] < ready_at, (asked_at, ready_at)
        region = page.locator(f"{FORM} [data-worksheet-result]")
        assert HAN.search(region.inner_text().replace("分析师", ""))
        fill(page, "数据分析师")  # a second call: nothing downloaded again
        expect(subject(page)).to_have_value(re.compile("数据分析师"), timeout=SLOW_MS)
        asked = server.requests[before:]
        assert asked.count(chinese_catalog(built_site)) == 1, asked
        assert not (catalog_paths(built_site) - {chinese_catalog(built_site)}) & set(asked)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("fault", "said"), [("503", "服务器返回了503"), ("wrong-hash", "下载的文件已损坏")]
)
def test_a_catalogue_that_does_not_arrive_is_said_and_the_next_change_recovers(
    browser: Browser, server: ShapedServer, built_site: Path, fault: str, said: str
) -> None:
    server.heal()
    # Every try fails until healed: the head start at boot, and the first call.
    server.fail(chinese_catalog(built_site), fault, times=1000)
    context = load_worksheets(browser.new_context())
    try:
        page = context.new_page()
        page.goto(f"{server.url}/zh/{PAGE}")
        fill(page, "分析师")
        region = page.locator(f"{FORM} [data-worksheet-result]")
        expect(region).to_contain_text("本页语言的翻译没有下载成功", timeout=SLOW_MS)
        expect(region).to_contain_text(said)
        assert server.fault_times, "the server never broke the download"
        # Python is up and the form usable: only the summary waits.
        expect(page.locator(FORM)).to_have_attribute("data-runtime", "ready")
        expect(subject(page)).to_have_count(0)  # no English summary instead

        server.heal()
        page.locator(f'{FORM} [name="role"]').fill("数据分析师")
        expect(subject(page)).to_have_value(re.compile("数据分析师"), timeout=SLOW_MS)
        assert HAN.search(region.inner_text().replace("数据分析师", ""))
    finally:
        server.heal()
        context.close()
