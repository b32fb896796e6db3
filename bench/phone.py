"""The first visit on a phone: Rebound against bare Pyodide, and a failure.

Both are served by :class:`bench.network.ShapedServer` as a phone on a
middling link sees a typical static host: gzip for text and WebAssembly,
all connections together throttled to :data:`RATE` bits per second, and
:data:`LATENCY` added to every response. The page's CPU is throttled
:data:`CPU_SLOWDOWN` times through the Chrome DevTools Protocol
(``Emulation.setCPUThrottlingRate``; Chromium applies it to the page's
renderer, its workers included). Each run uses a fresh browser context: an
empty HTTP cache and no service worker, a first visit.

Figures:

* ``cold_bytes_ratio``: bytes the server sent from the reader's first
  interaction with a worksheet (focus, then a keystroke) to the first
  result on screen, ÷ the bytes of the bare baseline (a module worker
  running ``loadPyodide`` + ``1+1``, ``bench/bare``) from its start to its
  answer;
* ``phone_first_result_ratio``: the time of the same moment ÷ the bare
  baseline's time, under this profile;
* ``failure_report_ms``: from the moment the server sent a failing response
  for the WebAssembly (HTTP 503; ``pyodide.asm.wasm.zst``, the frame it
  crosses the wire as) to the worksheet's message on screen (both on this
  machine's wall clock).
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, Page

from rebound_mkdocs.runtime import runtime_files
from rebound_mkdocs.utilities import layout

from .browser import WORKSHEET_PAGE, first_result, fresh_context
from .network import ShapedServer
from .stats import ratio_summary, summary

RATE = 9_000_000  # bits per second, all connections together
LATENCY = 0.085  # seconds added to every response
CPU_SLOWDOWN = 4

#: The wall-clock time the worksheet's failure message was painted.
FAILURE_PROBE = """
document.addEventListener("rebound:runtime", ({detail}) => {
  if (detail.state !== "failed" || window.__bench.failedAt) return;
  requestAnimationFrame(() => { window.__bench.failedAt = Date.now(); });
});
"""


def _throttle(page: Page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def _start_worksheet(page: Page) -> float:
    """Focus the first field and type one key; the page time of the focus."""
    started = page.evaluate("""() => {
        const control = document.querySelector("form.worksheet input[type=text]");
        const at = performance.now();
        control.focus();
        return at;
    }""")
    page.keyboard.type("N")
    return started


def ours(browser: Browser, server: ShapedServer) -> tuple[float, int]:
    context = fresh_context(browser)
    try:
        page = context.new_page()
        _throttle(page)
        page.goto(server.url + "/" + WORKSHEET_PAGE, wait_until="load")
        page.wait_for_timeout(500)  # the page's own files have arrived
        before = server.bytes_sent
        started = _start_worksheet(page)
        done = first_result(page, timeout=180_000)
        return done - started, server.bytes_sent - before
    finally:
        context.close()


def bare(browser: Browser, server: ShapedServer) -> tuple[float, int]:
    context = fresh_context(browser)
    try:
        page = context.new_page()
        _throttle(page)
        page.goto(server.url + "/__bench__/", wait_until="load")
        page.wait_for_timeout(500)
        before = server.bytes_sent
        result = page.evaluate("window.bareBoot()")
        assert result["value"] == 2
        return float(result["ms"]), server.bytes_sent - before
    finally:
        context.close()


def failure_report(browser: Browser, server: ShapedServer, wasm: str) -> float:
    context = fresh_context(browser)
    context.add_init_script(FAILURE_PROBE)
    try:
        page = context.new_page()
        _throttle(page)
        page.goto(server.url + "/" + WORKSHEET_PAGE, wait_until="load")
        page.wait_for_timeout(500)
        server.fail(wasm, "503")
        sent = len(server.fault_times)
        _start_worksheet(page)
        page.wait_for_function("() => window.__bench.failedAt", timeout=120_000)
        painted_ms = page.evaluate("window.__bench.failedAt")
        failed_at = server.fault_times[sent][2]
        return painted_ms - failed_at * 1000
    finally:
        context.close()
        server.heal()


def measure_phone(browser: Browser, site: Path, runs: int) -> dict[str, object]:
    times, sizes, bare_times, bare_sizes, reports = [], [], [], [], []
    record = runtime_files.read(site)
    wasm = f"/{layout.PYODIDE_DIR}/{runtime_files.wire_name(record, 'pyodide.asm.wasm')}"
    with ShapedServer(site, rate=RATE, latency=LATENCY, compress=True) as server:
        bare(browser, server)  # warm the OS file cache and the gzip cache; not counted
        for _ in range(runs):
            ms, size = bare(browser, server)
            bare_times.append(ms)
            bare_sizes.append(size)
            ms, size = ours(browser, server)
            times.append(ms)
            sizes.append(size)
            reports.append(failure_report(browser, server, wasm))
            time.sleep(0.2)
    return {
        "phone_first_result_ms": summary(times, 1),
        "phone_bare_boot_ms": summary(bare_times, 1),
        "phone_first_result_ratio": ratio_summary(times, bare_times),
        "cold_bytes": summary(sizes, 0),
        "bare_cold_bytes": summary(bare_sizes, 0),
        "cold_bytes_ratio": ratio_summary(sizes, bare_sizes),
        "failure_report_ms": summary(reports, 1),
    }
