"""Readers who ask their system for less motion get none: with
``prefers-reduced-motion: reduce`` no element of a worksheet page (the
worksheet included, its pseudo-elements too) has a transition or an
animation longer than 0.01 s."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from bench.static_server import StaticServer
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

LIMIT_S = 0.01

#: Every element (and ::before / ::after) whose transition or running
#: animation lasts longer than the limit, with what it animates.
MOVING = """(limit) => {
  const seconds = (list) => Math.max(0, ...list.split(",").map((item) => {
    item = item.trim();
    return item.endsWith("ms") ? parseFloat(item) / 1000 : parseFloat(item);
  }));
  const moving = [];
  for (const node of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(node, pseudo);
      const transition = style.transitionProperty === "none" ? 0
        : seconds(style.transitionDuration) + Math.max(0, seconds(style.transitionDelay));
      const animation = style.animationName === "none" ? 0 : seconds(style.animationDuration);
      if (transition > limit || animation > limit) {
        const where = node.closest("form.worksheet") ? "worksheet" : "page";
        moving.push(`${where}: ${node.tagName.toLowerCase()}.${node.className}${pseudo ?? ""} ` +
                    `(${style.transitionProperty} ${style.transitionDuration}; ` +
                    `${style.animationName} ${style.animationDuration})`);
      }
    }
  }
  return moving;
}"""


def moving_on(browser: Browser, url: str, motion: str) -> list[str]:
    context = browser.new_context(reduced_motion=motion)
    load_worksheets(context)
    try:
        page = context.new_page()
        page.goto(url)
        form = page.locator("form.worksheet")
        form.scroll_into_view_if_needed()
        # Enhanced state: list rows added by the runtime, status text shown.
        form.locator("input").first.focus()
        page.wait_for_selector("form.worksheet[data-runtime]", state="attached")
        return page.evaluate(MOVING, LIMIT_S)
    finally:
        context.close()


def test_the_check_sees_motion_when_motion_is_welcome(
    browser: Browser, site_server: StaticServer
) -> None:
    # Material animates links, buttons and the header by default: the check
    # must find them, or its silence below would prove nothing.
    assert moving_on(browser, site_server.url + "/feel-it/", "no-preference")


@pytest.mark.parametrize("path", ["/feel-it/", "/keep-going/"])
def test_reduced_motion_stops_every_transition(
    browser: Browser, site_server: StaticServer, path: str
) -> None:
    assert moving_on(browser, site_server.url + path, "reduce") == []
