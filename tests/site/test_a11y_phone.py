"""On a phone: readers often fill in a worksheet on one, upset and in a hurry.

At 320 CSS pixels wide (WCAG 2.2 1.4.10 Reflow: the width of a 1280 px
window zoomed to 400 %), with touch and a mobile user agent, every page of
the built site passes axe-core's WCAG 2.2 AA rules (target size included)
and has nothing wider than the screen; so does each worksheet page once its
results, charts and tables are on screen. Wide content (a table) may scroll
inside its own box, as Reflow allows, but nothing may be cut off at the edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from bench.static_server import StaticServer
from tests.helpers.worksheet_pages import load_worksheets
from tests.site.test_a11y_axe import WORKSHEET_PAGES, page_paths, show_results, violations

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}

#: What sticks out past the right edge of the window, if anything. Material
#: sets ``overflow-x: hidden`` on the page, so such content is not scrollable
#: but cut off: the page never grows wider, and every box is checked instead.
#: A box inside a narrower box that scrolls (a table in Material's scroll
#: wrapper, say) can be reached; one that is merely clipped cannot.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const contained = (node) => {
        for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(up).overflowX)) {
                return up.getBoundingClientRect().right <= width + 1;
            }
        }
        return false;
    };
    const wide = [];
    for (const node of document.body.querySelectorAll("*")) {
        const box = node.getBoundingClientRect();
        if (!box.width || !box.height || box.right <= width + 1) continue;
        if (getComputedStyle(node).visibility === "hidden" || contained(node)) continue;
        wide.push(`${node.tagName.toLowerCase()}.${node.className} ends at ${box.right}px`);
    }
    return wide.slice(0, 6);
}"""


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    load_worksheets(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(phone: BrowserContext) -> Page:
    return phone.new_page()


def test_the_phone_really_is_narrow(page: Page, site_server: StaticServer) -> None:
    """The checks below mean something only if the layout is the phone's."""
    page.goto(site_server.url + "/feel-it/")
    assert page.evaluate("() => document.documentElement.clientWidth") == PHONE["width"]
    # Material's drawer replaces the side navigation below 76.25em.
    assert page.locator("label.md-header__button[for=__drawer]").is_visible()
    # And the overflow check sees a box too wide for the phone.
    assert page.evaluate(OVERFLOW) == []
    page.evaluate("""() => {
        const wide = document.createElement("div");
        wide.className = "too-wide";
        wide.style.width = "600px";
        wide.textContent = "A line that does not fit.";
        document.querySelector("article").append(wide);
    }""")
    assert any("too-wide" in line for line in page.evaluate(OVERFLOW))


def test_every_page_reflows_and_passes_axe_on_a_phone(
    page: Page, built_site: Path, site_server: StaticServer
) -> None:
    found = {}
    for path in page_paths(built_site):
        page.goto(site_server.url + path)
        problems = [*page.evaluate(OVERFLOW), *violations(page)]
        if problems:
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("path", WORKSHEET_PAGES)
def test_worksheet_results_fit_a_phone(page: Page, site_server: StaticServer, path: str) -> None:
    show_results(page, site_server.url + path)
    assert page.evaluate(OVERFLOW) == []
    assert violations(page) == []
