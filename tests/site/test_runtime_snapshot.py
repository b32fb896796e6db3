"""Repeat visits restore Python from a memory snapshot this browser saved.

The first boot is cold and stores a snapshot (runtime/assets/worker/boot.mjs
and snapshot.mjs); the next visit restores it (``window.__rebound.bootMode`` is
"snapshot") and computes exactly what a cold Python computes, including an
action whose module was not imported when the snapshot was taken. A damaged
snapshot, or one made for another runtime (a new deploy), is never restored:
the boot is cold, still computes, and stores a fresh one. The snapshot never
holds what the reader typed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.runtime import runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

PAGE = "ask-for-feedback/"
#: A cold boot on a busy two-core machine.
SLOW_MS = 120_000

#: Typed on the first visit; must never be found in the snapshot.
MARKER = "Qz7-private-answer-4711"

#: Deterministic calls answered on every visit: a worksheet's compute, and a
#: workbook action (its module is imported on first use, so after a restore it
#: comes from the wheel's files written again, not from the snapshot).
CALLS = (
    """async () => {
  const form = document.querySelector("form.worksheet[data-worksheet='feedback']");
  const spec = JSON.parse(form.dataset.worksheetSpec);
  const compute = await window.__rebound.call({action: "compute", worksheet: "feedback", spec,
    values: {company: "Northwind", role: "Analyst"}, context: {}, today: "2026-11-25"});
  const index = await (await fetch("/"""
    + layout.MANIFEST
    + """")).json();
  const overview = await window.__rebound.call({action: "overview", index, saved: {},
    today: "2026-11-25"});
  return {compute, overview};
}"""
)

#: The stored snapshot: entries, size, and whether given strings are in it.
INSPECT = (
    """async (needles) => {
  const cache = await caches.open(\""""
    + layout.cache_name(layout.SNAPSHOT_CACHE)
    + """");
  const requests = await cache.keys();
  if (!requests.length) return {entries: 0};
  const response = await cache.match(requests[0]);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const has = (needle) => {
    outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
      for (let j = 1; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };
  const utf16 = (text) => new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer);
  const found = {};
  for (const text of needles) {
    found[text] = has(new TextEncoder().encode(text)) || has(utf16(text));
  }
  return {entries: requests.length, size: bytes.length, found,
          runtime: response.headers.get("x-rebound-runtime")};
}"""
)

#: Flip bytes all through the stored snapshot, keeping its headers (digest).
CORRUPT = (
    """async () => {
  const cache = await caches.open(\""""
    + layout.cache_name(layout.SNAPSHOT_CACHE)
    + """");
  const [request] = await cache.keys();
  const response = await cache.match(request);
  const bytes = new Uint8Array(await response.arrayBuffer());
  for (let i = 4096; i < bytes.length; i += 65536) bytes[i] ^= 0xff;
  await cache.put(request, new Response(bytes, {headers: response.headers}));
}"""
)


def poll(page: Page, expression: str, timeout: float = SLOW_MS) -> None:
    """Wait until ``expression`` is truthy (``wait_for_function`` with a string
    needs ``new Function``, which the site's CSP forbids)."""
    page.wait_for_function(f"() => {expression}", timeout=timeout, polling=100)


def subject(page: Page):
    """The email subject Python wrote (a read-only copy box in the result)."""
    return page.locator("[data-worksheet-result] textarea").first


def visit(
    context: BrowserContext,
    base: str,
    role: str,
    *,
    company: str = "Northwind",
    console: list[str] | None = None,
) -> Page:
    """Open the page, type, wait for Python's summary and for the worker to
    settle its snapshot (stored, kept, or not made)."""
    page = context.new_page()
    if console is not None:
        page.on("console", lambda message: console.append(_text(message)))
    page.goto(base + PAGE)
    page.locator('[name="company"]').fill(company)
    page.locator('[name="role"]').fill(role)
    expect(subject(page)).to_have_value(re.compile(re.escape(role)), timeout=SLOW_MS)
    # A snapshot worker may start Python once more first (worker.mjs).
    poll(page, "window.__rebound.snapshot !== null")
    return page


def _text(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"


def mode(page: Page) -> tuple[str, str]:
    boot_mode, snapshot = page.evaluate("[window.__rebound.bootMode, window.__rebound.snapshot]")
    return boot_mode, snapshot


def test_a_repeat_visit_restores_the_snapshot_and_computes_the_same(
    browser: Browser, site_server
) -> None:
    context = browser.new_context(service_workers="allow")  # as a reader's browser is
    load_worksheets(context)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        first = visit(context, site_server.url + "/", "Analyst", company=MARKER)
        assert mode(first) == ("cold", "saved")
        # The first call came at once, so the snapshot was not taken by the
        # worker that answered it, but by a snapshot worker (from the files
        # the first one had checked: test_runtime_browser counts downloads).
        assert any(url.endswith(f"/{layout.WORKER_SCRIPT}?snapshot") for url in requests)
        cold = first.evaluate(CALLS)
        stored = first.evaluate(INSPECT, [MARKER, "browser_py.api"])
        first.close()

        assert stored["entries"] == 1 and stored["size"] > 10_000_000
        assert stored["found"]["browser_py.api"], "the snapshot should hold the imported API"
        assert not stored["found"][MARKER], "the snapshot must not hold the reader's answers"

        second = visit(context, site_server.url + "/", "Data engineer")
        assert mode(second) == ("snapshot", "kept")
        assert second.evaluate(CALLS) == cold
        assert cold["compute"]["ok"] is True and cold["overview"]["ok"] is True
        assert len(cold["overview"]["steps"]) == 6
        # A package loaded on demand (the filled PDF's pypdf) installs and
        # imports in a restored Python too.
        loaded = second.evaluate(
            f"async () => (await import('/{layout.PAGE_DIR}/runtime.js')).load(['pypdf'])"
        )
        assert loaded == {"ok": True}
    finally:
        context.close()


def test_a_damaged_snapshot_means_a_cold_boot_that_still_computes(
    context: BrowserContext, site_server
) -> None:
    base = site_server.url + "/"
    first = visit(context, base, "Analyst")
    assert mode(first) == ("cold", "saved")
    first.evaluate(CORRUPT)
    first.close()

    console: list[str] = []
    second = visit(context, base, "Designer", console=console)
    assert mode(second) == ("cold", "saved")  # and a good one replaces it
    assert any("snapshot could not be used" in line and "damaged" in line for line in console)
    # Said in the console only, never on the page.
    expect(second.locator("form.worksheet")).not_to_contain_text("snapshot")
    second.close()

    third = visit(context, base, "Writer")
    assert mode(third) == ("snapshot", "kept")


def test_a_snapshot_for_another_runtime_is_not_used(
    context: BrowserContext, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # real copies: the lock below is this site's own
    with StaticServer(site) as server:
        base = server.url + "/"
        first = visit(context, base, "Analyst")
        assert mode(first) == ("cold", "saved")
        before = first.evaluate(INSPECT, [])
        first.close()

        # A deploy with another runtime: the lock file's bytes change (here
        # only its layout, which is enough to make a different key).
        lock = site / "assets" / "pyodide" / "pyodide-lock.json"
        text = lock.read_text(encoding="utf-8")
        lock.unlink()
        lock.write_text(text.replace(", ", ",  "), encoding="utf-8")
        runtime_files.refresh(site)  # the deploy's record of its runtime files

        console: list[str] = []
        second = visit(context, base, "Designer", console=console)
        assert mode(second) == ("cold", "saved")
        assert any("another version of the site" in line for line in console)
        after = second.evaluate(INSPECT, [])
        assert after["entries"] == 1 and after["runtime"] != before["runtime"]
        second.close()

        third = visit(context, base, "Writer")
        assert mode(third) == ("snapshot", "kept")


def test_with_no_call_waiting_the_worker_takes_the_snapshot_itself(
    context: BrowserContext, site_server
) -> None:
    """Python started on a page with no worksheet, so no call waits: the
    worker snapshots itself (no second worker), and the next visit restores."""
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(site_server.url + "/")
    page.evaluate("window.__rebound.boot()")
    poll(page, "window.__rebound.snapshot !== null")
    assert mode(page) == ("cold", "saved")
    assert not any("?snapshot" in url for url in requests)
    page.close()

    second = visit(context, site_server.url + "/", "Analyst")
    assert mode(second) == ("snapshot", "kept")
