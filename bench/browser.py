"""Browser figures, in headless Chromium against the built site on 127.0.0.1.

Every run uses a fresh browser context (an empty HTTP cache, no service
worker) unless the figure is about a repeat visit. Timings are taken inside
the page with ``performance.now()``, so Playwright's own round trips do not
count.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from rebound_mkdocs.utilities import layout

from . import chromium as system_chromium
from .rounds import measure_rounds
from .stats import p95, ratio_summary, summary

WORKSHEET_PAGE = "ask-for-feedback/"
WORKBOOK_PAGE = "workbook/"
ARTICLE_PAGE = "reflect/"
PLAIN_PAGE = ""  # the home page: no worksheet at all
PYODIDE_PREFIX = f"/{layout.PYODIDE_DIR}/"

#: Installed before any page script: records long tasks, the boot trigger and
#: the first Python result, all on the page's own clock.
PROBE = """
window.__bench = {longTasks: [], results: []};
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__bench.longTasks.push({start: entry.startTime, duration: entry.duration});
  }).observe({type: "longtask", buffered: true});
} catch (error) {}
document.addEventListener("rebound:result", () => {
  const at = performance.now();
  requestAnimationFrame(() => window.__bench.results.push({at, painted: performance.now()}));
});
"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**system_chromium.launch_args())
        try:
            yield browser
        finally:
            browser.close()


def fresh_context(browser: Browser, *, service_workers: str = "block") -> BrowserContext:
    context = browser.new_context(service_workers=service_workers)
    context.add_init_script(PROBE)
    return context


def trigger_boot(page: Page) -> float:
    """Focus the worksheet's first control (a boot trigger a reader causes)
    and return the page time of the trigger."""
    return page.evaluate("""() => {
        const control = document.querySelector("form.worksheet input, form.worksheet textarea");
        const at = performance.now();
        control.focus();
        return at;
    }""")


def first_result(page: Page, timeout: float = 90_000) -> float:
    page.wait_for_function("() => window.__bench.results.length > 0", timeout=timeout)
    return page.evaluate("window.__bench.results[0].painted")


def our_boot(browser: Browser, base: str) -> dict[str, float]:
    """Boot trigger to first Python result painted, on a worksheet page."""
    context = fresh_context(browser)
    try:
        page = context.new_page()
        page.goto(base + WORKSHEET_PAGE, wait_until="load")
        page.wait_for_timeout(300)  # let the page settle; boot has not started
        assert page.evaluate("window.__rebound.boots") == 0, "boot started without a trigger"
        started = trigger_boot(page)
        done = first_result(page)
        long_tasks = page.evaluate(
            "([a, b]) => window.__bench.longTasks.filter(t => t.start >= a && t.start <= b)",
            [started, done],
        )
        return {
            "ms": done - started,
            "long_tasks": len(long_tasks),
            "longest_task_ms": max((t["duration"] for t in long_tasks), default=0.0),
        }
    finally:
        context.close()


def bare_boot(browser: Browser, base: str) -> float:
    context = fresh_context(browser)
    try:
        page = context.new_page()
        page.goto(base + "__bench__/", wait_until="load")
        page.wait_for_timeout(300)
        result = page.evaluate("window.bareBoot()")
        assert result["value"] == 2
        return float(result["ms"])
    finally:
        context.close()


def interaction_latencies(browser: Browser, base: str, samples: int = 40) -> list[float]:
    """Type one character at a time into a booted worksheet and time each
    input event to the frame that shows the updated result."""
    context = fresh_context(browser)
    try:
        page = context.new_page()
        page.goto(base + WORKSHEET_PAGE, wait_until="load")
        trigger_boot(page)
        first_result(page)
        page.wait_for_timeout(500)
        field = page.locator('form.worksheet [name="company"]')
        field.click()
        latencies = []
        for index in range(samples):
            before = page.evaluate("window.__bench.results.length")
            page.evaluate("""() => {
                window.__bench.inputAt = null;
                document.addEventListener("input", (e) => { window.__bench.inputAt = e.timeStamp; },
                                          {once: true, capture: true});
            }""")
            page.keyboard.type("abcdefghij"[index % 10])
            page.wait_for_function(f"() => window.__bench.results.length > {before}")
            painted = page.evaluate(f"window.__bench.results[{before}].painted")
            latencies.append(painted - page.evaluate("window.__bench.inputAt"))
            page.wait_for_timeout(60)
        return latencies
    finally:
        context.close()


def _gzip_size(root: Path, url: str) -> int:
    path = urlsplit(url).path.lstrip("/")
    file = root / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return 0
    return len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))


def page_bytes(browser: Browser, base: str, root: Path, path: str) -> dict[str, int]:
    """Bytes (gzip, as a static host would send them) the page fetches on
    load, waiting for the network to go idle without touching the page."""
    context = fresh_context(browser)
    urls: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: urls.append(request.url))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(1500)
        same_origin = [u for u in urls if u.startswith(base)]
        return {
            "gzip_bytes": sum(_gzip_size(root, u) for u in same_origin),
            "pyodide_bytes": sum(
                _gzip_size(root, u)
                for u in same_origin
                if urlsplit(u).path.startswith(PYODIDE_PREFIX)
            ),
            "requests": len(urls),
            "third_party_requests": len(urls) - len(same_origin),
        }
    finally:
        context.close()


def repeat_visit(browser: Browser, base: str) -> dict[str, float]:
    """Visit a worksheet page, boot, let the service worker take over; then
    come back in the same profile and measure what the runtime costs."""
    context = fresh_context(browser, service_workers="allow")
    try:
        page = context.new_page()
        page.goto(base + WORKSHEET_PAGE, wait_until="load")
        trigger_boot(page)
        first_result(page)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
        page.wait_for_function(
            "() => window.__reboundOffline?.runtimeCached === true", timeout=60_000
        )
        # The first call came at ready, so a snapshot worker starts Python once
        # more and stores the memory snapshot after the first result; a reader
        # who stays a moment gets it too.
        page.wait_for_function("() => window.__rebound.snapshot !== null", timeout=120_000)
        page.close()

        page = context.new_page()
        network: list[tuple[str, int]] = []

        def on_finished(request) -> None:
            response = request.response()
            if response is None or response.from_service_worker:
                return
            if urlsplit(request.url).path.startswith(PYODIDE_PREFIX):
                network.append((request.url, request.sizes()["responseBodySize"]))

        page.on("requestfinished", on_finished)
        page.goto(base + WORKSHEET_PAGE, wait_until="load")
        page.wait_for_timeout(300)
        started = trigger_boot(page)
        done = first_result(page)
        return {
            "ms": done - started,
            "network_bytes": sum(size for _, size in network),
            "network_requests": len(network),
            "mode": page.evaluate("window.__rebound.bootMode"),
        }
    finally:
        context.close()


def rounds_figures(browser: Browser, base: str, site_root: Path, runs: int) -> dict[str, object]:
    """Progress and export over many rounds, in the real worker (bench/rounds.py)."""
    import json

    index = json.loads((site_root / layout.MANIFEST).read_text(encoding="utf-8"))
    context = fresh_context(browser)
    try:
        page = context.new_page()
        page.goto(base + WORKBOOK_PAGE, wait_until="load")
        return measure_rounds(page, base, index, runs)
    finally:
        context.close()


def measure_browser(
    base: str, site_root: Path, plain_base: str, plain_root: Path, runs: int = 5
) -> dict[str, object]:
    with chromium() as browser:
        # Warm the OS file cache and Chromium itself once; not counted.
        bare_boot(browser, base)
        ours, bare = [], []
        long_tasks, longest = [], []
        for _ in range(runs):
            bare.append(bare_boot(browser, base))
            run = our_boot(browser, base)
            ours.append(run["ms"])
            long_tasks.append(run["long_tasks"])
            longest.append(run["longest_task_ms"])
        latencies = interaction_latencies(browser, base)
        article, plain_article, home = [], [], []
        for _ in range(runs):
            article.append(page_bytes(browser, base, site_root, ARTICLE_PAGE))
            plain_article.append(page_bytes(browser, plain_base, plain_root, ARTICLE_PAGE))
            home.append(page_bytes(browser, base, site_root, PLAIN_PAGE))
        warm, warm_bytes, warm_modes = [], [], []
        for _ in range(runs):
            visit = repeat_visit(browser, base)
            warm.append(visit["ms"])
            warm_bytes.append(visit["network_bytes"])
            warm_modes.append(visit["mode"])
        rounds = rounds_figures(browser, base, site_root, runs)
    extra = [a["gzip_bytes"] - p["gzip_bytes"] for a, p in zip(article, plain_article, strict=True)]
    return {
        "boot_ms": summary(ours, 1),
        "bare_boot_ms": summary(bare, 1),
        "boot_ratio": ratio_summary(ours, bare),
        "interaction_ms": summary(latencies, 1),
        "interaction_p95_ms": round(p95(latencies), 1),
        "long_tasks_during_boot": summary(long_tasks, 0),
        "longest_task_during_boot_ms": summary(longest, 1),
        "article_first_party_gzip_bytes": summary([a["gzip_bytes"] for a in article], 0),
        "article_baseline_gzip_bytes": summary([p["gzip_bytes"] for p in plain_article], 0),
        "article_extra_gzip_bytes": summary(extra, 0),
        "article_pyodide_bytes": summary([a["pyodide_bytes"] for a in article + home], 0),
        "third_party_requests": sum(a["third_party_requests"] for a in article + home),
        "repeat_visit_network_bytes": summary(warm_bytes, 0),
        "warm_boot_ms": summary(warm, 1),
        "warm_boot_ratio": ratio_summary(warm, bare),
        "warm_boot_modes": {mode: warm_modes.count(mode) for mode in sorted(set(warm_modes))},
        **rounds,
    }
