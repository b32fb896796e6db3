"""Help is never behind a click. A reader in distress may be on a phone, and
may never open a collapsed note, so:

- on every step page, at a phone's 320 CSS pixels and at desktop width, the
  "Get support now" line near the top of the article and the link in the
  announcement bar are both visible without any click;
- every page of the site (the home, workbook, sources, privacy and 404 pages
  too) has the announcement bar's link;
- Steps 1 and 4 carry an open (never collapsed) note that links to the
  support page;
- every one of these links leads to the support page.

"Visible" is meant independently of the viewport (a link below the fold on a
phone still counts): rendered, with a non-zero size, not hidden (Playwright's
``is_visible()``), and with no ancestor ``<details>`` that is closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page

from bench.static_server import StaticServer
from tests.helpers.specs import pages_by_worksheet
from tests.helpers.worksheet_pages import load_worksheets
from tests.site.test_a11y_axe import page_paths

pytestmark = pytest.mark.browser

STEP_PAGES = [f"/{slug}/" for slug in pages_by_worksheet().values()]

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 320, "height": 640},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}

BANNER_LINK = ".md-banner a.rebound-banner__link"
ARTICLE_LINK = "article .rebound-support a"
NOTE_LINK = 'article div.admonition.warning a[href$="support/"]'

IN_CLOSED_DETAILS = "(node) => !!node.closest('details:not([open])')"
BEFORE_FIRST_SECTION = """(node) => {
    const heading = node.closest("article").querySelector("h2");
    return !heading
        || !!(node.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def problems(link: Locator, support_url: str) -> list[str]:
    """Why ``link`` is not a visible link to the support page, if it is not."""
    if link.count() == 0:
        return ["missing"]
    link = link.first
    found = []
    if not link.is_visible():
        found.append("not visible")
    box = link.bounding_box()
    if not box or box["width"] <= 0 or box["height"] <= 0:
        found.append(f"no size ({box})")
    if link.evaluate(IN_CLOSED_DETAILS):
        found.append("inside a closed <details>")
    href = link.evaluate("(node) => node.href")
    if href != support_url:
        found.append(f"leads to {href}")
    return found


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def context(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**VIEWPORTS[request.param])
    load_worksheets(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(context: BrowserContext) -> Page:
    return context.new_page()


def test_the_check_sees_a_link_in_a_closed_details(page: Page, site_server: StaticServer) -> None:
    """The checks below mean something only if a collapsed link fails them."""
    support = site_server.url + "/support/"
    page.goto(site_server.url + "/feel-it/")
    assert problems(page.locator(ARTICLE_LINK), support) == []
    page.evaluate("""() => {
        const details = document.createElement("details");
        details.innerHTML = '<summary>More</summary>'
            + '<p><a class="hidden-help" href="../support/">Get support</a></p>';
        document.querySelector("article").prepend(details);
    }""")
    assert "inside a closed <details>" in problems(page.locator("a.hidden-help"), support)
    assert "not visible" in problems(page.locator("a.hidden-help"), support)


@pytest.mark.parametrize("path", STEP_PAGES)
def test_support_is_visible_without_a_click_on_every_step_page(
    page: Page, site_server: StaticServer, path: str
) -> None:
    page.goto(site_server.url + path)
    support = site_server.url + "/support/"
    found = {
        "announcement bar": problems(page.locator(BANNER_LINK), support),
        "article": problems(page.locator(ARTICLE_LINK), support),
    }
    assert found == {"announcement bar": [], "article": []}
    # Near the top: before the first section of the page.
    assert page.locator(ARTICLE_LINK).first.evaluate(BEFORE_FIRST_SECTION)


@pytest.mark.parametrize("path", ["/feel-it/", "/build-resilience/"])
def test_steps_1_and_4_have_an_open_support_note(
    page: Page, site_server: StaticServer, path: str
) -> None:
    page.goto(site_server.url + path)
    assert problems(page.locator(NOTE_LINK), site_server.url + "/support/") == []


def test_every_page_has_the_support_link_in_its_announcement_bar(
    page: Page, built_site: Path, site_server: StaticServer
) -> None:
    found = {}
    for path in page_paths(built_site):
        # Each language's pages link its own support page.
        support = site_server.url + ("/zh/support/" if path.startswith("/zh/") else "/support/")
        page.goto(site_server.url + path)
        trouble = problems(page.locator(BANNER_LINK), support)
        if trouble:
            found[path] = trouble
    assert found == {}


def test_the_support_page_starts_with_what_to_do_now(page: Page, site_server: StaticServer) -> None:
    page.goto(site_server.url + "/support/")
    first_section = page.locator("article h2").first
    assert first_section.inner_text().strip().startswith("If you might not be safe")
    assert first_section.is_visible()
    assert page.locator("article details").count() == 0
