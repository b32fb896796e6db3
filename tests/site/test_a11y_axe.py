"""WCAG 2.2 AA, as axe-core checks it, on every page of the built site: in
the light and the dark palette, and on each worksheet page once the Python
runtime has filled in its results (charts, copy boxes and notices included).

The dark palette is chosen the way a reader chooses it, with Material's
palette toggle; Material remembers the choice for the other pages.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from bench.static_server import StaticServer
from tests.helpers import backup
from tests.helpers.browser_data import SAVED, seed, wait_ready
from tests.helpers.specs import pages_by_worksheet
from tests.helpers.worksheet_pages import load_worksheets, settle

pytestmark = pytest.mark.browser

BOOT_MS = 90_000

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

#: Every page with a worksheet, in nav order: ``/feel-it/``...
WORKSHEET_PAGES = [f"/{page}/" for page in pages_by_worksheet().values()]

#: The same pages in Chinese (lang zh-Hans): their results are Python's
#: Chinese, with other line lengths, quotes and dates. The static pages of
#: both languages are in test_every_page_passes_axe (page_paths).
CHINESE_WORKSHEET_PAGES = [f"/zh{path}" for path in WORKSHEET_PAGES]

axe = Axe()


def page_paths(site: Path) -> list[str]:
    paths = [
        "/" + doc.relative_to(site).as_posix().removesuffix("index.html")
        for doc in sorted(site.rglob("index.html"))
    ]
    return [*paths, "/404.html"]


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page, one line per node."""
    results = axe.run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            checks = node.get("any") or node.get("all") or node.get("none") or [{}]
            found.append(
                f"{violation['id']} at {' '.join(node['target'])}: {checks[0].get('message', '')}"
            )
    return found


def choose_scheme(page: Page, scheme: str) -> None:
    """Switch Material's palette with its own toggle, as a reader would."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == scheme
    # Material animates nothing on a switch, but let the new colours apply.
    page.wait_for_timeout(100)


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    load_worksheets(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_page_passes_axe(
    page: Page, built_site: Path, site_server: StaticServer, scheme: str
) -> None:
    found = {}
    for path in page_paths(built_site):
        page.goto(site_server.url + path)
        choose_scheme(page, scheme)
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def fill_generously(page: Page) -> None:
    """Answer every visible question of the page's worksheet with something
    plausible, so the results show every kind of block they can."""
    form = page.locator("form.worksheet")
    today = date.today().isoformat()
    controls = form.locator("input:visible, textarea:visible").filter(
        has_not=page.locator("[data-worksheet-result] *")
    )
    groups_done: set[str] = set()
    for index in range(controls.count()):
        control = controls.nth(index)
        if control.evaluate("(node) => !!node.closest('[data-worksheet-result]')"):
            continue
        kind = control.get_attribute("type") or "textarea"
        name = control.get_attribute("name") or ""
        if kind in ("radio", "checkbox"):
            if name in groups_done:
                continue
            groups_done.add(name)
            options = form.locator(f'input[name="{name}"]')
            options.nth(options.count() // 2).check()
        elif kind == "date":
            control.fill(today)
        elif kind == "number":
            control.fill(control.get_attribute("min") or "2")
        elif kind in ("text", "textarea"):
            control.fill("Sample answer")


def wait_for_results(page: Page) -> None:
    """The runtime has loaded and the result region has settled on blocks."""
    page.wait_for_selector("form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS)
    region = page.locator("[data-worksheet-result]")
    region.locator(".worksheet__result-empty").wait_for(state="detached", timeout=15_000)
    deadline = time.monotonic() + 15
    last, stable_since = None, time.monotonic()
    while time.monotonic() - stable_since < 1.0:
        html = region.inner_html()
        if html != last:
            last, stable_since = html, time.monotonic()
        assert time.monotonic() < deadline, "the results never settled"
        page.wait_for_timeout(150)
    assert region.locator("*").count() > 0


def show_results(page: Page, url: str) -> None:
    """Open ``url`` with nothing saved, answer its worksheet generously and
    wait until the results have settled."""
    page.goto(url)
    settle(page)
    page.evaluate("() => localStorage.clear()")
    page.reload()
    fill_generously(page)
    wait_for_results(page)


@pytest.mark.parametrize("path", WORKSHEET_PAGES + CHINESE_WORKSHEET_PAGES)
def test_worksheet_with_results_passes_axe(
    page: Page, site_server: StaticServer, path: str
) -> None:
    show_results(page, site_server.url + path)
    choose_scheme(page, "default")
    found = {"default": violations(page)}
    choose_scheme(page, "slate")
    found["slate"] = violations(page)
    assert found == {"default": [], "slate": []}


@pytest.mark.parametrize("path", ["/workbook/", "/zh/workbook/"])
def test_workbook_storage_panel_passphrase_and_forget_notice_pass_axe(
    page: Page, site_server: StaticServer, path: str
) -> None:
    """The new parts of the workbook page in every state a reader can meet:
    the passphrase field, the storage panel (with a key that is not JSON and
    a snapshot), the import prompt after a wrong passphrase, the delete
    dialog, and the forget warning at the top of the page; in every language."""
    url = f"{site_server.url}{path}"
    seed(page, url, SAVED, {"rebound:corrupt:feelings:2026-11-01T00:00:00.000Z": "{broken"})
    # The snapshot's address is the site root's, whatever the page's language.
    up = "../" * len(path.strip("/").split("/"))
    page.evaluate(
        """async (up) => {
          const cache = await caches.open("rebound:/:snapshot");
          await cache.put(new URL(up + "assets/rebound/worker/snapshots/python.bin", location.href),
            new Response(new Uint8Array(64)));
          localStorage.setItem("rebound:settings:forget", JSON.stringify({
            schema: 1, days: 2,
            last_visit: new Date(Date.now() - 36 * 3600 * 1000).toISOString() }));
        }""",
        up,
    )
    page.reload()
    wait_ready(page)
    page.wait_for_selector(
        ".workbook__storage[data-state=ready]", state="attached", timeout=BOOT_MS
    )
    assert page.locator(".rebound-forget-notice").is_visible()
    page.locator("#rebound-export-passphrase").fill("secret")
    text = '{"format": "rebound-workbook", "version": 1, "worksheets": {}}'
    page.set_input_files(
        "#rebound-import-file",
        files=[
            {
                "name": "backup.json",
                "mimeType": "application/json",
                "buffer": backup.encrypt(text, "right"),
            }
        ],
    )
    prompt = page.locator("form.workbook__unlock")
    prompt.locator("#rebound-import-passphrase").fill("wrong")
    prompt.locator("button[type=submit]").click()
    prompt.locator(".workbook__unlock-error").wait_for(state="visible", timeout=30_000)
    found = {}
    for scheme in ("default", "slate"):
        choose_scheme(page, scheme)
        found[scheme] = violations(page)
    page.locator(".workbook__stored-delete").first.click()
    page.locator("dialog.workbook__storage-dialog").wait_for(state="visible")
    found["dialog"] = violations(page)
    page.keyboard.press("Escape")
    assert found == {"default": [], "slate": [], "dialog": []}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_round_bar_in_every_state_passes_axe(
    page: Page, site_server: StaticServer, scheme: str
) -> None:
    """The round bar, its new-round and rename forms, the delete dialog, an
    earlier round shown read-only, the storage warning and the tracker's
    "Start a round for this", with a label full of markup."""

    def violations(page: Page) -> list[str]:
        # Opening a form scrolls the page, and Material's header fades its
        # title in: let the fade end, so axe sees what the reader sees.
        page.wait_for_timeout(600)
        return globals()["violations"](page)

    page.goto(site_server.url + "/keep-going/")
    settle(page)
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.reload()
    choose_scheme(page, scheme)
    page.locator('[name="applications.0.company"]').fill("<b>Acme</b>")
    page.locator('[name="applications.0.stage"][value="rejected"]').check()
    found = {"tracker offer": violations(page)}
    page.locator('li.worksheet__row [data-action="new-round"]').click()
    found["new-round form"] = violations(page)
    page.locator("#rebound-round-label").fill('<img src=x onerror="alert(1)"> \u202eround')
    page.locator(".rebound-rounds__submit").click()
    page.goto(site_server.url + "/feel-it/")
    page.locator("select[data-round-picker]").select_option("r0")
    found["earlier round, read-only"] = violations(page)
    page.locator('[data-action="rename-round"]').click()
    found["rename form"] = violations(page)
    page.locator(".rebound-rounds__cancel").click()
    page.locator('[data-action="delete-round"]').click()
    found["delete dialog"] = violations(page)
    page.keyboard.press("Escape")
    page.evaluate(
        "document.dispatchEvent(new CustomEvent('rebound:storage-space',"
        " {detail: {problem: 'nearly-full', ratio: 0.85}}))"
    )
    page.locator(".rebound-rounds__space").wait_for()
    found["storage warning"] = violations(page)
    assert {state: problems for state, problems in found.items() if problems} == {}
