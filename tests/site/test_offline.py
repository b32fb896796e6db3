"""The service worker: repeat visits fetch no Pyodide file, the site works
offline after the first visit, and a new deploy replaces the old cache."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.offline.plugin import write_service_worker
from rebound_mkdocs.runtime import runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets

PAGE = "ask-for-feedback/"
SETTINGS = {
    "runtime_prefixes": [f"{layout.PYODIDE_DIR}/"],
    "exclude_suffixes": [".map", ".pdf", "_headers"],
    "exclude_prefixes": ["assets/javascripts/lunr/"],
}


def sw_settings(site: Path) -> dict:
    first_line = (site / layout.SERVICE_WORKER).read_text().splitlines()[0]
    return json.loads(first_line.removeprefix("const REBOUND = ").removesuffix(";"))


def offline_context(browser: Browser) -> BrowserContext:
    return load_worksheets(browser.new_context(service_workers="allow"))


def poll(page: Page, expression: str, timeout: float = 60.0) -> None:
    """Wait until ``expression`` is truthy in the page. (``wait_for_function``
    evaluates with ``new Function``, which the site's CSP rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


def subject(page: Page):
    """The email subject Python wrote (a read-only copy box in the result)."""
    return page.locator("[data-worksheet-result] textarea").first


def first_visit(page: Page, url: str) -> None:
    """Read a worksheet page, let Python compute, and let the service worker
    take over and keep the runtime."""
    page.goto(url + PAGE)
    page.locator('[name="company"]').fill("Northwind")
    page.locator('[name="role"]').fill("Analyst")
    expect(subject(page)).to_have_value(re.compile("Analyst"), timeout=90_000)
    poll(page, "navigator.serviceWorker.controller !== null")
    poll(page, "window.__reboundOffline.runtimeCached === true")


def test_sw_lists_the_shell_but_never_precaches_the_runtime(built_site: Path) -> None:
    settings = sw_settings(built_site)
    assert "./" in settings["shell"] and "ask-for-feedback/" in settings["shell"]
    assert not any(path.startswith(f"{layout.PYODIDE_DIR}/") for path in settings["shell"])
    assert {Path(p).name for p in settings["runtime"]} >= {
        "pyodide.asm.wasm.zst",
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "python_stdlib.zip.zst",
        "pyodide-lock.json",
    }
    wheels = [Path(p).name for p in settings["runtime"] if p.endswith(".whl")]
    assert len(wheels) == 1 and wheels[0].startswith(layout.WHEEL_PREFIX)  # not pypdf
    # Pyodide's whole standard library is fetched only by the fallback, never kept ahead.
    assert layout.STDLIB_FULL_ZIP not in {Path(p).name for p in settings["runtime"]}
    # Every runtime file has the size and SHA-256 the service worker checks before caching.
    pyodide = built_site / layout.PYODIDE_DIR
    for path in pyodide.iterdir():
        entry = settings["expected"][f"{layout.PYODIDE_DIR}/{path.name}"]
        assert entry["size"] == path.stat().st_size
    assert re.fullmatch(r"shell-[0-9a-f]{12}", settings["shellCache"])
    # Every file it may store has the size and SHA-256 it is checked against:
    # pages by the URL they are asked for, without the service worker itself.
    assert all(path in settings["expected"] for path in settings["shell"])
    assert settings["expected"]["./"]["size"] == (built_site / "index.html").stat().st_size
    assert "privacy/" in settings["expected"] and layout.SERVICE_WORKER not in settings["expected"]


def test_cache_names_follow_the_content(tmp_path: Path, built_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = write_service_worker(site, **SETTINGS)
    again = write_service_worker(site, **SETTINGS)
    assert before == again  # same build, same names: nothing is re-downloaded
    page = site / "privacy" / "index.html"
    page.write_text(page.read_text().replace("</article>", "<p>Updated.</p></article>"))
    after = write_service_worker(site, **SETTINGS)
    assert after.shell_cache != before.shell_cache
    assert after.runtime_cache == before.runtime_cache  # the runtime did not change


@pytest.mark.browser
def test_repeat_visit_fetches_no_pyodide_and_offline_still_computes(
    browser: Browser, site_server: StaticServer
) -> None:
    context = offline_context(browser)
    try:
        page = context.new_page()
        first_visit(page, site_server.url + "/")

        # A repeat visit: every Pyodide file comes from the service worker.
        network: list[str] = []
        page.on(
            "requestfinished",
            lambda request: (
                network.append(request.url)
                if f"/{layout.PYODIDE_DIR}/" in request.url
                and request.response()
                and not request.response().from_service_worker
                else None
            ),
        )
        page.reload()
        page.locator('[name="role"]').fill("Curator")
        expect(subject(page)).to_have_value(re.compile("Curator"), timeout=90_000)
        assert network == []

        # Offline: the page, another page and Python itself still work.
        context.set_offline(True)
        page.reload()
        page.locator('[name="role"]').fill("Archivist")
        expect(subject(page)).to_have_value(re.compile("Archivist"), timeout=90_000)
        page.goto(site_server.url + "/privacy/")
        expect(page.locator("h1")).to_be_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_a_chinese_page_visited_once_computes_offline(
    browser: Browser, site_server: StaticServer, built_site: Path
) -> None:
    """Its Python catalogue is kept with the runtime, so a Chinese summary
    needs no network on the next visit."""
    catalogs = runtime_files.read(built_site)["catalogs"]
    context = offline_context(browser)
    try:
        page = context.new_page()
        first_visit(page, site_server.url + "/zh/")
        expect(subject(page)).to_have_value(re.compile("[\u4e00-\u9fff]"))
        kept = page.evaluate(KEPT_FILES)
        assert catalogs["zh_Hans"]["file"] in kept

        context.set_offline(True)
        page.reload()
        page.locator('[name="role"]').fill("档案管理员")
        expect(subject(page)).to_have_value(re.compile("档案管理员"), timeout=90_000)
        region = page.locator("[data-worksheet-result]").first
        assert re.search("[\u4e00-\u9fff]", region.inner_text().replace("档案管理员", ""))
    finally:
        context.close()


#: The file names the service worker's runtime caches hold.
KEPT_FILES = """async () => {
  const names = [];
  for (const key of await caches.keys()) {
    if (!key.includes(":runtime-")) continue;
    const cache = await caches.open(key);
    for (const request of await cache.keys()) names.push(request.url.split("/").pop());
  }
  return names;
}"""


@pytest.mark.browser
def test_a_new_deploy_replaces_the_old_cache(
    browser: Browser, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    with StaticServer(site) as server:
        context = offline_context(browser)
        try:
            page = context.new_page()
            page.goto(server.url + "/privacy/")
            poll(page, "navigator.serviceWorker.controller !== null")
            old = layout.cache_name(sw_settings(site)["shellCache"])
            assert old in page.evaluate("caches.keys()")

            # Deploy a change: new page text, new service worker.
            privacy = site / "privacy" / "index.html"
            privacy.write_text(
                privacy.read_text().replace(
                    "</article>", "<p id='deployed'>Second deploy.</p></article>"
                )
            )
            new = layout.cache_name(write_service_worker(site, **SETTINGS).shell_cache)
            assert new != old
            # The new version is stored whole, then waits: this page stays on
            # the version it started with until the reader chooses to reload.
            page.reload()
            reload = page.get_by_role("button", name="Reload to use it")
            expect(reload).to_be_visible(timeout=60_000)
            expect(page.locator("#deployed")).to_have_count(0)
            with page.expect_navigation():
                reload.click()
            expect(page.locator("#deployed")).to_have_text("Second deploy.")
            poll(page, f"caches.keys().then(k => k.includes('{new}') && !k.includes('{old}'))")
            context.set_offline(True)
            page.reload()
            expect(page.locator("#deployed")).to_have_text("Second deploy.")
        finally:
            context.close()
