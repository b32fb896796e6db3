"""The site in a real browser, under its real ``_headers`` (the test server
honours them): no page and no worksheet run breaks the Content-Security-
Policy, the Pyodide worker runs under its own, separate policy, and no
request (page or worker) goes anywhere but the site's own origin.

Violations are caught twice: a ``securitypolicyviolation`` listener that an
init script installs before any page script runs, and the console, where
Chromium also reports what the worker's policy blocks.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.helpers.languages import languages
from tests.helpers.worksheet_pages import load_worksheets, settle

pytestmark = pytest.mark.browser

BOOT_MS = 90_000

RECORD_VIOLATIONS = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
  });
}, true);
"""

CSP_MESSAGE = re.compile(r"content.security.policy|permissions.policy", re.IGNORECASE)


def page_paths(site: Path) -> list[str]:
    """Every document of the built site, as the URL path a reader visits."""
    paths = [
        "/" + doc.relative_to(site).as_posix().removesuffix("index.html")
        for doc in sorted(site.rglob("index.html"))
    ]
    return [*paths, "/404.html"]


def wait_for_copy_text(page: Page, needle: str, seconds: float = 20) -> str:
    """The first copy box in the result region whose text holds ``needle``
    (a textarea's text is its value, which no selector can see)."""
    deadline = time.monotonic() + seconds
    boxes = page.locator("[data-worksheet-result] textarea")
    while True:
        values = boxes.evaluate_all("(nodes) => nodes.map((node) => node.value)")
        for value in values:
            if needle in value:
                return value
        if time.monotonic() > deadline:
            raise AssertionError(f"no copy box holds {needle!r}: {values!r}")
        page.wait_for_timeout(200)


class Watched:
    """A page whose policy violations and policy console messages are kept."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page = context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if CSP_MESSAGE.search(message.text):
            self.console.append(f"{message.type}: {message.text}")

    def violations(self) -> list[dict]:
        return self.page.evaluate("window.__cspViolations")


@pytest.fixture(scope="module")
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context()
    load_worksheets(context)
    context.add_init_script(RECORD_VIOLATIONS)
    yield Watched(context)
    context.close()


def test_the_server_sends_the_policy_headers(site_server: StaticServer) -> None:
    with urllib.request.urlopen(site_server.url + "/feel-it/") as response:
        page_policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in page_policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(site_server.url + "/" + layout.WORKER_SCRIPT) as response:
        assert "'wasm-unsafe-eval'" in response.headers["Content-Security-Policy"]
    assert "wasm-unsafe-eval" not in page_policy


@dataclass
class Visit:
    """What one page did while it was read: every request (page and workers),
    the policy violations and policy console messages, and whether its
    worksheet's Python runtime finished loading."""

    requests: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    runtime: str | None = None


@pytest.fixture(scope="module")
def tour(browser: Browser, built_site: Path, site_server: StaticServer) -> dict[str, Visit]:
    """Read every page as a visitor would, in one browser context (service
    worker allowed, as for a reader): scroll to the bottom, focus the
    worksheet if there is one (the Python runtime boots lazily), wait until
    it has loaded and the network is idle."""
    context = browser.new_context()
    load_worksheets(context)
    context.add_init_script(RECORD_VIOLATIONS)
    visits: dict[str, Visit] = {}
    current = Visit()
    from_service_worker: list[str] = []

    def record(request: Request) -> None:
        current.requests.append(request.url)
        if request.service_worker is not None:
            from_service_worker.append(request.url)

    context.on("request", record)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            CSP_MESSAGE.search(message.text)
            and current.console.append(f"{message.type}: {message.text}")
        ),
    )
    try:
        for path in page_paths(built_site):
            current = visits[path] = Visit()
            response = page.goto(site_server.url + path)
            assert response is not None and response.ok, path
            # Playwright gives header names in lower case.
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            form = page.locator("form.worksheet")
            if form.count():
                form.locator("input, textarea").first.focus()
                page.wait_for_selector(
                    "form.worksheet:is([data-runtime=ready], [data-runtime=failed])",
                    state="attached",
                    timeout=BOOT_MS,
                )
                current.runtime = form.first.get_attribute("data-runtime")
            page.wait_for_load_state("networkidle")
            current.violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()
    if (built_site / layout.SERVICE_WORKER).is_file():
        # The service worker's own fetches (its precache) are recorded too.
        assert from_service_worker, "no request from the service worker was seen"
    return visits


def test_the_tour_saw_every_page_and_booted_python(tour: dict[str, Visit]) -> None:
    assert {"/", "/feel-it/", "/keep-going/", "/privacy/", "/404.html"} <= set(tour)
    booted = {path for path, visit in tour.items() if visit.runtime is not None}
    assert len(booted) == 6 * len(languages()), booted  # six steps in each language
    assert all(tour[path].runtime == "ready" for path in booted)
    for path in booted:
        # The worker's own downloads are among the recorded requests.
        assert any(
            url.endswith(f"/{layout.PYODIDE_DIR}/pyodide.asm.wasm.zst")
            for url in tour[path].requests
        ), path


def test_no_page_breaks_the_policy(tour: dict[str, Visit]) -> None:
    assert {path: visit.violations for path, visit in tour.items() if visit.violations} == {}
    assert {path: visit.console for path, visit in tour.items() if visit.console} == {}


def test_no_request_leaves_the_sites_origin(
    tour: dict[str, Visit], site_server: StaticServer
) -> None:
    foreign = {}
    for path, visit in tour.items():
        assert visit.requests, path
        outside = [
            url
            for url in visit.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != site_server.origin
        ]
        if outside:
            foreign[path] = outside
    assert foreign == {}


def test_material_features_work_under_the_policy(
    watched: Watched, site_server: StaticServer
) -> None:
    """Search (a worker and a fetched index), the palette toggle and content
    tabs all run under the policy without breaking it."""
    page = watched.page
    page.goto(site_server.url + "/ask-for-feedback/")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.locator(".tabbed-labels > label").nth(1).click()
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("feedback", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert watched.violations() == []
    assert watched.console == []


def test_a_full_worksheet_run_breaks_no_rule(watched: Watched, site_server: StaticServer) -> None:
    page = watched.page
    page.goto(site_server.url + "/ask-for-feedback/")
    settle(page)
    page.evaluate("localStorage.clear()")
    page.reload()
    form = page.locator("form.worksheet")
    form.locator('[name="company"]').fill("Acme Widgets")
    form.locator('[name="role"]').fill("Data Analyst")
    form.locator('[name="learn"][value="skills"]').check()
    form.locator('[name="tone"][value="formal"]').check()
    page.wait_for_selector("form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS)
    # The email is drafted by browser_py in Pyodide, from what was typed.
    email = wait_for_copy_text(page, "Acme Widgets")
    assert "Data Analyst" in email
    assert page.locator("[data-worksheet-status]").get_attribute("role") == "status"
    assert watched.violations() == []
    assert watched.console == []


def test_instant_navigation_breaks_no_rule(
    browser: Browser, built_site: Path, site_server: StaticServer
) -> None:
    """Material's instant navigation swaps each page in without a reload: the
    next page's policy is added to the first one's, and the scripts in its
    content run again. Walk the whole guide that way, then use a worksheet
    that was reached without a reload."""
    context = browser.new_context()
    load_worksheets(context)
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        watched = Watched(context)
        page = watched.page
        page.goto(site_server.url + "/")
        page.evaluate("window.__sameDocument = true")
        visited = []
        while (link := page.locator("a.md-footer__link--next")).count():
            target = urlsplit(link.evaluate("(a) => a.href")).path
            link.click()
            # Swapped in: the address and the footer both belong to the new page.
            # (A function, not an expression string: the policy forbids eval.)
            page.wait_for_function(
                """(target) => location.pathname === target &&
                     document.querySelector("a.md-footer__link--next")?.pathname !== target""",
                arg=target,
            )
            page.wait_for_load_state("networkidle")
            visited.append(target)
            # Still the first document: the page was swapped in, not loaded.
            assert page.evaluate("window.__sameDocument === true"), page.url
        # All but home and 404, of this language (the footer stays in it).
        english = [path for path in page_paths(built_site) if not path.startswith("/zh/")]
        assert len(visited) == len(english) - 2
        # History navigation is instant too: back, past the pages that follow
        # the six steps (workbook, support, sources, privacy), to Step 5,
        # whose sidebar shows the other steps.
        for _ in range(len(visited)):
            page.go_back()
            if urlsplit(page.url).path.endswith("/keep-learning/"):
                break
        assert urlsplit(page.url).path.endswith("/keep-learning/"), page.url
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__sameDocument === true")
        # A worksheet reached by instant navigation still works, under the
        # accumulated policies.
        page.locator(".md-sidebar--primary a.md-nav__link[href$='ask-for-feedback/']").click()
        page.wait_for_url("**/ask-for-feedback/**", wait_until="commit")
        form = page.locator("form.worksheet[data-worksheet=feedback]")
        form.locator('[name="company"]').fill("Acme Widgets")
        page.wait_for_selector(
            "form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS
        )
        assert "Acme Widgets" in wait_for_copy_text(page, "Acme Widgets")
        assert page.evaluate("window.__sameDocument === true")
        assert watched.violations() == []
        assert watched.console == []
    finally:
        context.close()


def test_the_worker_runs_under_its_own_policy(browser: Browser, site_server: StaticServer) -> None:
    """The worker's header policy is in force: it allows WebAssembly (Pyodide
    booted) but no string-to-code and no other origin. A separate context:
    the probes break rules on purpose."""
    context = browser.new_context()
    load_worksheets(context)
    try:
        page = context.new_page()
        page.goto(site_server.url + "/feel-it/")
        page.locator("form.worksheet input").first.focus()
        page.wait_for_selector(
            "form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS
        )
        workers = [w for w in page.workers if w.url.endswith("/" + layout.WORKER_SCRIPT)]
        assert len(workers) == 1
        # String timers compile code outside the probe's own evaluation, so
        # the worker's script-src applies; a port the site is not on is
        # another origin for connect-src. Both are refused before anything runs
        # or any request is made.
        blocked = workers[0].evaluate("""async () => {
          const seen = [];
          self.addEventListener("securitypolicyviolation", (e) => seen.push(e.effectiveDirective));
          setTimeout("self.__probeRan = true", 0);
          try { await fetch("http://127.0.0.1:9/probe"); } catch {}
          await new Promise((resolve) => setTimeout(resolve, 200));
          return {seen: seen.sort(), ran: self.__probeRan === true};
        }""")
        assert blocked == {"seen": ["connect-src", "script-src"], "ran": False}
    finally:
        context.close()
