"""The whole site served under a subpath (``/rebound/``), as a GitHub Pages
project site is: built with a ``site_url`` ending in ``/rebound/`` and served
only there. Worksheets compute after instant navigation, the service worker's
scope is ``/rebound/``, the PDF links resolve, the manifest's start_url,
scope and icons land inside the subpath, and no request leaves it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserType, expect

from bench.static_server import StaticServer, free_port
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT, mkdocs_build
from tests.helpers.worksheet_pages import load_worksheets
from tests.site.test_install import check_installable
from tests.site.test_offline import poll

pytestmark = pytest.mark.browser

BASE = "/rebound/"


@pytest.fixture(scope="module")
def subpath_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    port = free_port()
    site = tmp_path_factory.mktemp("subpath") / "site"
    result = mkdocs_build(
        ROOT / "mkdocs.yml", site, env={"SITE_URL": f"http://127.0.0.1:{port}{BASE}"}
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    with StaticServer(site, port=port, base=BASE) as server:
        yield server


def test_the_server_serves_nothing_outside_the_subpath(subpath_server: StaticServer) -> None:
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(subpath_server.url + BASE) as response:
        assert response.status == 200
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(subpath_server.url + "/feel-it/")


def test_the_site_works_under_a_subpath(
    browser_type: BrowserType,
    browser_type_launch_args: dict,
    subpath_server: StaticServer,
    tmp_path: Path,
) -> None:
    site_url = subpath_server.url + BASE
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", service_workers="allow", **browser_type_launch_args
    )
    load_worksheets(context)
    outside: list[str] = []
    failed: list[str] = []
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if request.url.startswith("http") and not request.url.startswith(site_url)
            else None
        ),
    )
    context.on(
        "response",
        lambda response: failed.append(response.url) if response.status >= 400 else None,
    )
    try:
        page = context.new_page()

        # Install criteria, the service worker's scope and the manifest.
        data = check_installable(page, site_url)
        manifest_url = site_url + layout.WEB_MANIFEST
        assert urljoin(manifest_url, data["start_url"]) == site_url
        assert urljoin(manifest_url, data["scope"]) == site_url
        assert all(
            urljoin(manifest_url, icon["src"]).startswith(site_url + layout.ICONS_DIR)
            for icon in data["icons"]
        )
        registration = page.evaluate(
            "navigator.serviceWorker.ready.then((r) => [r.scope, r.active.scriptURL])"
        )
        assert registration == [site_url, site_url + layout.SERVICE_WORKER]

        # Instant navigation to a worksheet, then Python computes its summary.
        page.goto(site_url)
        page.evaluate("window.__notReloaded = true")
        page.locator("a[href*='ask-for-feedback/']:visible").first.click()
        expect(page).to_have_url(re.compile(re.escape(site_url + "ask-for-feedback/")))
        assert page.evaluate("window.__notReloaded === true"), "not an instant navigation"
        page.locator('[name="company"]').fill("Northwind")
        page.locator('[name="role"]').fill("Analyst")
        expect(page.locator("[data-worksheet-result] textarea").first).to_have_value(
            re.compile("Analyst"), timeout=120_000
        )
        assert page.evaluate("window.__notReloaded === true")

        # The PDF workbook links resolve inside the subpath.
        page.goto(site_url + "workbook/")
        links = page.locator("a[href$='.pdf']")
        assert links.count() >= 1
        for href in {links.nth(n).get_attribute("href") for n in range(links.count())}:
            url = urljoin(page.url, href)
            assert url == site_url + layout.WORKBOOK_PDF, url
            response = page.request.get(url)
            assert response.ok and response.body().startswith(b"%PDF-"), url
        poll(page, "document.querySelector('[data-rebound-workbook]')?.dataset.state === 'ready'")

        # The Chinese edition under the same subpath: its pages use the
        # root's runtime and service worker, and its own PDF.
        page.goto(site_url + "zh/ask-for-feedback/")
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert page.evaluate("navigator.serviceWorker.controller?.scriptURL") == (
            site_url + layout.SERVICE_WORKER
        )
        page.locator('[name="role"]').fill("Archivist")
        expect(page.locator("[data-worksheet-result] textarea").first).to_have_value(
            re.compile("Archivist"), timeout=120_000
        )
        page.goto(site_url + "zh/workbook/")
        href = page.locator("a[href$='.pdf']").first.get_attribute("href")
        assert urljoin(page.url, href) == site_url + "zh/downloads/rebound-workbook.zh.pdf"
        assert page.request.get(urljoin(page.url, href)).body().startswith(b"%PDF-")
    finally:
        context.close()
    assert outside == []
    # Nothing fails, not even Material's "stay on page" probes of
    # <alternate>/sitemap.xml (turned off: languages/stay_on_page.py).
    assert failed == []
    # The only sitemaps asked for are the two languages' own, for instant
    # navigation.
    assert {url for url in requested if url.endswith("sitemap.xml")} <= {
        site_url + "sitemap.xml",
        site_url + "zh/sitemap.xml",
    }
