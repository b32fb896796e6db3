"""What the browser tests share about the six worksheet pages."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Locator, Page

from tests.helpers.specs import pages_by_worksheet

#: A cold Pyodide boot takes a few seconds; a busy two-core machine, more.
BOOT_MS = 120_000

#: Worksheet id -> its page, in the guide's order (each page's footer links to the next).
PAGES = pages_by_worksheet()


def control(page: Page, name: str, value: str | None = None) -> Locator:
    """The worksheet control called ``name`` (one box of a group with ``value``)."""
    selector = f'form.worksheet [name="{name}"]'
    if value is not None:
        selector += f'[value="{value}"]'
    return page.locator(selector)


def fill(page: Page, values: dict[str, str | list[str]]) -> None:
    """Answer as a reader would: type, tick and pick."""
    for name, value in values.items():
        first = control(page, name).first
        kind = first.get_attribute("type")
        if kind == "checkbox":
            for item in value:
                control(page, name, item).check()
        elif kind == "radio":
            control(page, name, str(value)).check()
        else:
            first.fill(str(value))


def follow_footer(page: Page, direction: str, worksheet: str) -> None:
    """Follow the footer's next/previous link to ``worksheet``'s page, in place."""
    page.locator(f"a.md-footer__link--{direction}").click()
    # No "load" event in instant navigation; navigation.tracking may add a #hash.
    page.wait_for_url(re.compile(rf"/{PAGES[worksheet]}/(#.*)?$"), wait_until="commit")
    page.wait_for_selector(
        f'form.worksheet[data-worksheet="{worksheet}"][data-runtime]', state="attached"
    )


#: An init script that starts the worksheet machinery as soon as a page's
#: entry script has run, through its public ``window.__rebound.load()``.
#: A reader's page loads it only when a worksheet comes near (see
#: ``runtime/assets/page/worksheets.js``); most browser suites test what the
#: machinery does, not when it arrives, so their pages start it at once, as
#: every page did before it was loaded lazily. ``tests/site/test_lazy_entry.py``
#: tests the lazy loading itself, without this script.
LOAD_WORKSHEETS = """
(() => {
  const load = () => {
    if (window.__rebound?.load) window.__rebound.load();
    else setTimeout(load, 5);
  };
  document.addEventListener("DOMContentLoaded", load);
})();
"""

#: Set on <html> once the page's worksheets are set up.
WORKSHEETS_READY = "html[data-rebound-worksheets=ready]"


def load_worksheets(context: BrowserContext) -> BrowserContext:
    """Make every page of ``context`` start its worksheet machinery at once."""
    context.add_init_script(LOAD_WORKSHEETS)
    return context


def settle(page: Page) -> None:
    """Let the page's worksheet machinery finish setting up (migrating, pinning
    the tab's round), so storage a test seeds next is not written over by a
    start-up still under way."""
    page.evaluate("async () => { await window.__rebound?.load?.(); }")


def worksheets_ready(page: Page, timeout: float = 30_000) -> None:
    """Wait until the page's worksheets (and round bar) are set up."""
    page.wait_for_selector(WORKSHEETS_READY, state="attached", timeout=timeout)
