"""The offer of a page in the reader's language (runtime/assets/page/language.js).

The English page's ``<link rel="alternate" hreflang>`` comes from the
site's build (the languages plugin); "a page without alternate" is the same
page with those links taken out by routing. The Chinese words come from a
stand-in ``messages.zh-Hans.js`` of the real module's shape (only its
``language`` part is read), so the test does not follow the translation's
wording. What is checked: a reader whose browser prefers Chinese sees
a small status region in Chinese with a real link, never a redirect; axe
finds nothing; the keyboard dismisses it and the dismissal is remembered
under the site's namespace; a reader who prefers English, or a page with no
alternate, gets nothing (and never loads language.js); a chosen language is
remembered, and choosing the page's own language silences the offer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from bench.static_server import StaticServer
from tests.site.test_a11y_axe import violations

pytestmark = pytest.mark.browser

PAGE = "/feel-it/"
CHINESE = "/zh/feel-it/"
ZH_WORDS = (
    "export const messages = { language: { region: '本页的中文版', "
    "offer: '本页也有简体中文版。', open: '阅读中文版', dismiss: '不用了' } };"
)
CHOICE = "rebound:settings:language"
DISMISSED = "rebound:settings:language-offer"


def _without_alternate(route: Route) -> None:
    response = route.fetch()
    html = re.sub(r'<link rel="alternate"[^>]*hreflang=[^>]*>', "", response.text())
    assert "hreflang=" not in html.split("</head>")[0]
    route.fulfill(response=response, body=html)


def _open(
    browser: Browser, server: StaticServer, locale: str, *, alternate: bool = True
) -> tuple[BrowserContext, Page, list[str]]:
    context = browser.new_context(locale=locale, service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    if not alternate:
        context.route(f"{server.url}{PAGE}", _without_alternate)
    context.route(
        "**/assets/rebound/page/messages.zh-Hans.js",
        lambda route: route.fulfill(body=ZH_WORDS, content_type="text/javascript"),
    )
    context.route(
        f"{server.url}{CHINESE}",
        lambda route: route.fulfill(
            body="<!doctype html><title>中文</title>", content_type="text/html"
        ),
    )
    page = context.new_page()
    page.goto(server.url + PAGE)
    return context, page, requested


@pytest.fixture
def chinese_reader(browser: Browser, site_server: StaticServer) -> Iterator[Page]:
    context, page, _requested = _open(browser, site_server, "zh-CN")
    yield page
    context.close()


def test_a_reader_who_prefers_chinese_is_offered_the_chinese_page(
    chinese_reader: Page, site_server: StaticServer
) -> None:
    page = chinese_reader
    offer = page.locator('.rebound-language[role="status"]')
    expect(offer).to_contain_text("本页也有简体中文版。")
    assert offer.get_attribute("lang") == "zh-Hans"
    link = offer.get_by_role("link", name="阅读中文版")
    assert link.get_attribute("href") == site_server.url + CHINESE
    assert link.get_attribute("hreflang") == "zh-Hans"
    expect(offer.get_by_role("button", name="不用了")).to_be_visible()
    assert violations(page) == []
    page.wait_for_timeout(500)
    assert page.url == site_server.url + PAGE  # offered, never redirected


def test_the_keyboard_dismisses_it_for_good(chinese_reader: Page) -> None:
    page = chinese_reader
    dismiss = page.get_by_role("button", name="不用了")
    expect(dismiss).to_be_visible()
    dismiss.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rebound-language")).to_have_count(0)
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate(f"localStorage.getItem('{DISMISSED}')") == "dismissed"
    page.reload()
    page.wait_for_function(
        "document.documentElement.dataset.reboundWorksheets !== undefined || true"
    )
    page.wait_for_timeout(1500)
    expect(page.locator(".rebound-language")).to_have_count(0)


def test_following_the_link_remembers_the_choice(chinese_reader: Page) -> None:
    page = chinese_reader
    # Stay on the page (after the entry script's own listener has run): what
    # is checked is the memory of the choice, not the browser's navigation.
    page.evaluate("document.addEventListener('click', (event) => event.preventDefault())")
    page.get_by_role("link", name="阅读中文版").click()
    assert page.evaluate(f"localStorage.getItem('{CHOICE}')") == "zh-Hans"


@pytest.mark.parametrize(("locale", "alternate"), [("en-GB", True), ("zh-CN", False)])
def test_no_offer_for_an_english_reader_or_a_page_without_alternate(
    browser: Browser, site_server: StaticServer, locale: str, alternate: bool
) -> None:
    context, page, requested = _open(browser, site_server, locale, alternate=alternate)
    try:
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        expect(page.locator(".rebound-language")).to_have_count(0)
        assert not [url for url in requested if url.endswith("/language.js")]
    finally:
        context.close()


def test_a_reader_who_chose_english_is_not_offered_chinese(
    browser: Browser, site_server: StaticServer
) -> None:
    context, page, _requested = _open(browser, site_server, "zh-CN")
    try:
        expect(page.locator(".rebound-language")).to_have_count(1)
        page.evaluate(f"localStorage.setItem('{CHOICE}', 'en')")
        page.reload()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        expect(page.locator(".rebound-language")).to_have_count(0)
    finally:
        context.close()
