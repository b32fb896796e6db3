"""Printing a page of the site from the browser: the print stylesheet the
workbook plugin adds hides the site's chrome and buttons, and keeps the
worksheet with the reader's answers and the summary region."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

PRINT_CSS = f'link[href$="{layout.PRINT_CSS}"]'


@pytest.fixture
def page_with_answer(browser: Browser, site_server: StaticServer) -> Page:
    # bypass_csp: the test adds a probe button with evaluate(); the site's CSP
    # is not what is under test here.
    context = browser.new_context(bypass_csp=True)
    load_worksheets(context)
    page = context.new_page()
    page.route("**/pyodide/**", lambda route: route.abort())  # not needed to print
    page.goto(f"{site_server.url}/keep-going/", wait_until="domcontentloaded")
    page.fill('form.worksheet [name="applications.0.company"]', "Acme Ltd")
    page.evaluate("""() => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "probe-button";
        button.textContent = "Probe";
        document.querySelector("form.worksheet").append(button);
    }""")
    return page


def test_print_hides_chrome_and_keeps_answers(page_with_answer: Page) -> None:
    page = page_with_answer
    download = page.locator(".rebound-workbook-download a")
    probe = page.locator("form.worksheet .probe-button")
    answer = page.locator('form.worksheet [name="applications.0.company"]')
    expect(download).to_be_visible()
    expect(probe).to_be_visible()

    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".rebound-workbook-download",
    ):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(probe).to_be_hidden()
    expect(answer).to_be_visible()
    expect(answer).to_have_value("Acme Ltd")
    assert answer.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert answer.evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)") > 0
    expect(page.locator("form.worksheet .worksheet__results")).to_be_visible()
    expect(page.locator("article h1").first).to_be_visible()

    # It is this stylesheet doing it: without it the button and link print.
    page.locator(PRINT_CSS).evaluate("link => { link.disabled = true; }")
    expect(probe).to_be_visible()
    expect(download).to_be_visible()


def test_screen_is_untouched(page_with_answer: Page) -> None:
    page = page_with_answer
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
    with_css = page.locator(".md-content").evaluate("e => e.getBoundingClientRect().width")
    page.locator(PRINT_CSS).evaluate("link => { link.disabled = true; }")
    without_css = page.locator(".md-content").evaluate("e => e.getBoundingClientRect().width")
    assert with_css == without_css
