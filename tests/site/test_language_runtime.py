"""Python and the scripts answer in the page's language (runtime.js sends
``<html lang>`` with every call; messages.js picks messages.zh-Hans.js).

The Chinese pages come from the site's build (the i18n-site work); here the
English step page is served with ``lang="zh-Hans"``, which is all the runtime
reads. The same saved answers give a Chinese result there and the exact
English result on the English page, in one visit and one worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route

from bench.static_server import StaticServer
from tests.helpers.browser_data import BOOT_MS, SAVED, seed

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u4e00-\u9fff]")


def _lang(page: Page, server: StaticServer, lang: str) -> None:
    def rewrite(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        body = response.text().replace('<html lang="en"', f'<html lang="{lang}"', 1)
        route.fulfill(response=response, body=body)

    page.unroute(f"{server.url}/**")
    page.route(f"{server.url}/**", rewrite)


def _result(page: Page, wanted: str) -> str:
    form = page.locator("form.worksheet").first
    form.scroll_into_view_if_needed()
    page.wait_for_selector("form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS)
    region = form.locator("[data-worksheet-result]")
    page.wait_for_function(
        "([node, wanted]) => new RegExp(wanted).test(node.textContent)",
        arg=[region.element_handle(), wanted],
        timeout=BOOT_MS,
    )
    return region.inner_text()


@pytest.fixture
def chinese_page(page: Page, site_server: StaticServer) -> Iterator[Page]:
    _lang(page, site_server, "zh-Hans")
    yield page


def test_a_chinese_page_gets_chinese_results_and_words(
    chinese_page: Page, site_server: StaticServer
) -> None:
    page = chinese_page
    seed(page, site_server.url + "/feel-it/", SAVED)
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    text = _result(page, "[\\u4e00-\\u9fff]")
    assert HAN.search(text)
    # The check-in date, 2026-11-27, as Chinese writes it.
    assert "11月27日" in text, text
    status = page.locator("form.worksheet [data-worksheet-status]").first
    page.locator('form.worksheet [name="need"]').first.fill("多睡一会儿")
    page.wait_for_function(
        "(node) => /[\\u4e00-\\u9fff]/.test(node.textContent)",
        arg=status.element_handle(),
        timeout=15_000,
    )


def test_the_same_answers_read_in_english_on_the_english_page(
    page: Page, site_server: StaticServer
) -> None:
    seed(page, site_server.url + "/feel-it/", SAVED)
    text = _result(page, "November")
    assert not HAN.search(text)
    assert "27 November" in text, text
