"""Installable: Chromium reads the manifest without errors, loads its icons
at their stated sizes, a service worker controls the page, and Chromium
reports no reason the site could not be installed.

Chromium never offers to install from an incognito profile, and every
Playwright context is one, so this test runs in a persistent profile."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from playwright.sync_api import BrowserType, Page

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets
from tests.site.test_offline import poll

pytestmark = pytest.mark.browser


def install_facts(page: Page) -> dict:
    """What Chromium itself says about the page's manifest and installability."""
    cdp = page.context.new_cdp_session(page)
    try:
        return {
            "manifest": cdp.send("Page.getAppManifest"),
            "installability": cdp.send("Page.getInstallabilityErrors")["installabilityErrors"],
        }
    finally:
        cdp.detach()


def check_installable(page: Page, site_url: str) -> dict:
    """Open ``site_url`` with a service worker and check every install
    criterion; the parsed manifest."""
    page.goto(site_url + "feel-it/")
    poll(page, "navigator.serviceWorker.controller !== null")
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == site_url
    facts = {}
    for _ in range(50):  # Chromium fetches the manifest in its own time
        facts = install_facts(page)
        if facts["manifest"].get("url") and not facts["installability"]:
            break
        page.wait_for_timeout(200)
    assert facts["manifest"]["url"] == site_url + layout.WEB_MANIFEST
    assert facts["manifest"]["errors"] == []
    assert facts["installability"] == [], facts["installability"]
    data = json.loads(facts["manifest"]["data"])
    assert data["display"] == "standalone"
    for icon in data["icons"]:
        url = site_url + icon["src"]
        response = page.request.get(url)
        assert response.ok, url
        assert response.headers["content-type"] == "image/png"
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert Image.open(io.BytesIO(response.body())).size == (width, height), url
    assert {icon["purpose"] for icon in data["icons"]} == {"any", "maskable"}
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    return data


def test_chromium_finds_the_site_installable(
    browser_type: BrowserType, browser_type_launch_args: dict, site_server: StaticServer, tmp_path
) -> None:
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", service_workers="allow", **browser_type_launch_args
    )
    load_worksheets(context)
    try:
        page = context.new_page()
        data = check_installable(page, site_server.url + "/")
        assert data["start_url"] == data["scope"] == "./"
        # The start page is precached, so the installed app opens offline.
        context.set_offline(True)
        page.goto(site_server.url + "/")
        assert page.locator("h1").first.is_visible()
    finally:
        context.close()
