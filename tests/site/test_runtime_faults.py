"""A runtime file that arrives broken is named at once, and Retry heals it.

For each class of runtime file (the WebAssembly, the cut standard library,
our wheel) and each fault a real network makes (an HTTP 503, a connection
reset halfway, a complete response with half the file, the right length
with damaged bytes), served once by a fault-injecting server
(:class:`bench.network.ShapedServer`):

* the worksheet's status says what happened, in the reader's words
  (page/messages.js, ``download``), and the form stays usable;
* a second visit meanwhile (another tab, the service worker allowed) never
  gets the bad copy, though the first response may sit in the HTTP cache;
* Retry on the first page recovers without reloading it;
* no cache the service worker keeps holds a copy that differs from the
  build's record (runtime-files.js).

A standard module left out of the cut zips is served by the fallback, which
fetches Pyodide's full standard library once.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.network import FAULTS, ShapedServer
from rebound_mkdocs.runtime import runtime_files, stdlib
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import storage_key
from tests.helpers.build import ROOT
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

PAGE = "ask-for-feedback/"
FORM = "form.worksheet[data-worksheet='feedback']"
SLOW_MS = 120_000

#: What the reader reads for each fault (page/messages.js, `download`).
SAID = {
    "503": "the server answered 503",
    "reset": "the download was interrupted",
    "truncated": "the file arrived incomplete",
    "wrong-hash": "the file arrived damaged",
}

#: Every runtime cache entry whose bytes differ from the build's record.
DAMAGED_IN_CACHES = """async (expected) => {
  const bad = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith("rebound:/:runtime-")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const file = new URL(request.url).pathname.split("/").pop();
      if (!expected[file]) continue;
      const bytes = await (await cache.match(request)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      if (hex !== expected[file].sha256) bad.push(file);
    }
  }
  return bad;
}"""


PYODIDE = ROOT / "node_modules" / "pyodide"


@pytest.fixture(scope="module")
def faulty(built_site: Path) -> Iterator[ShapedServer]:
    with ShapedServer(built_site) as server:
        yield server


def file_classes(site: Path) -> dict[str, str]:
    """Each class's file, as it crosses the wire (packed, or as it is)."""
    record = runtime_files.read(site)
    boot = record["boot"]
    assert isinstance(boot, list)
    wheel = next(name for name in boot if name.startswith(layout.WHEEL_PREFIX))
    return {
        "wasm": runtime_files.wire_name(record, "pyodide.asm.wasm"),
        "stdlib": runtime_files.wire_name(record, layout.STDLIB_ZIP),
        "wheel": wheel,
    }


def start(page: Page, base: str, role: str) -> None:
    page.goto(base + PAGE)
    page.locator(f'{FORM} [name="company"]').fill("Northwind")  # focus boots Python
    page.locator(f'{FORM} [name="role"]').fill(role)


def expect_summary(page: Page, role: str) -> None:
    subject = page.locator(f"{FORM} [data-worksheet-result] textarea").first
    expect(subject).to_have_value(re.compile(re.escape(role)), timeout=SLOW_MS)


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("kind", ["wasm", "stdlib", "wheel"])
def test_a_broken_download_is_named_and_retry_heals_it(
    browser: Browser, faulty: ShapedServer, built_site: Path, kind: str, fault: str
) -> None:
    name = file_classes(built_site)[kind]
    faulty.heal()
    faulty.fail(f"/{layout.PYODIDE_DIR}/{name}", fault)
    context = browser.new_context(service_workers="allow")
    load_worksheets(context)
    try:
        page = context.new_page()
        start(page, faulty.url + "/", "Analyst")
        status = page.locator(f"{FORM} .worksheet__status-runtime")
        expect(status).to_contain_text(SAID[fault], timeout=SLOW_MS)
        expect(page.locator(FORM)).to_have_attribute("data-runtime", "failed")
        assert faulty.fault_times, "the server never broke the download"
        # The form stays usable and saved.
        expect(page.locator(f'{FORM} [name="role"]')).to_have_value("Analyst")

        # (Both tabs share the saved answers: the same ones, then.)
        second = context.new_page()
        start(second, faulty.url + "/", "Analyst")
        expect_summary(second, "Analyst")
        second.close()

        page.get_by_role("button", name="Retry").first.click()
        expect_summary(page, "Analyst")
        expect(page.locator(FORM)).to_have_attribute("data-runtime", "ready")
        expected = runtime_files.read(built_site)["files"]
        assert page.evaluate(DAMAGED_IN_CACHES, expected) == []
    finally:
        context.close()
        faulty.heal()


@pytest.mark.parametrize("kind", ["wasm", "stdlib"])
def test_a_packed_file_that_passes_its_checks_but_does_not_decode_is_damaged(
    browser: Browser, built_site: Path, tmp_path: Path, kind: str
) -> None:
    """A frame the build recorded as it is, but cut short (a faulty deploy, a
    bug in packing): the download passes its size and SHA-256 checks, the
    decoding fails, and the reader is told the file arrived damaged, at once,
    not after a minute of loading, with the form still saved."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    frame = site / layout.PYODIDE_DIR / file_classes(site)[kind]
    frame.write_bytes(frame.read_bytes()[: frame.stat().st_size // 2])
    runtime_files.refresh(site)  # the record now vouches for the cut frame
    with ShapedServer(site) as server:
        context = browser.new_context()
        load_worksheets(context)
        warnings: list[str] = []
        try:
            page = context.new_page()
            page.on("console", lambda message: warnings.append(message.text))
            start(page, server.url + "/", "Analyst")
            status = page.locator(f"{FORM} .worksheet__status-runtime")
            expect(status).to_contain_text(SAID["wrong-hash"], timeout=30_000)
            expect(page.locator(FORM)).to_have_attribute("data-runtime", "failed")
            expect(page.locator(f'{FORM} [name="role"]')).to_have_value("Analyst")
            assert any("does not decode" in text for text in warnings), warnings
        finally:
            context.close()


CALENDAR = (
    """async () => {
  const index = await (await fetch("/"""
    + layout.MANIFEST
    + """")).json();
  return window.__rebound.call({action: "calendar", index, saved: {}, today: "2026-11-25"});
}"""
)


def test_a_module_left_out_of_the_cut_library_comes_from_the_full_one(
    browser: Browser, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    pyodide_dir = site / layout.PYODIDE_DIR
    # hashlib: imported by the calendar action only, never at boot.
    stdlib.write_cut(
        pyodide_dir / layout.STDLIB_FULL_ZIP,
        pyodide_dir,
        leave_out=frozenset({"hashlib"}),
        pyodide_dir=PYODIDE,
    )
    for cut in (layout.STDLIB_ZIP, stdlib.MORE_ZIP):
        names = zipfile.ZipFile(pyodide_dir / cut).namelist()
        assert "hashlib.py" not in names and "hashlib.pyc" not in names
    runtime_files.refresh(site)  # packs the new boot zip

    with ShapedServer(site) as server:
        context = browser.new_context()
        load_worksheets(context)
        try:
            page = context.new_page()
            start(page, server.url + "/", "Analyst")
            expect_summary(page, "Analyst")
            full = f"/{layout.PYODIDE_DIR}/{layout.STDLIB_FULL_ZIP}"
            assert full not in server.requests, "the boot should not need the full library"
            answer = page.evaluate(CALENDAR)
            assert answer["ok"] is True, answer
            assert answer["ics"].startswith("BEGIN:VCALENDAR")
            assert server.requests.count(full) == 1
            assert page.evaluate(CALENDAR)["ok"] is True
            assert server.requests.count(full) == 1, "the full library is fetched once"
        finally:
            context.close()


SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true, get: () => ({saveData: true}),
});"""


def test_save_data_asks_first_and_progress_counts_the_megabytes(
    browser: Browser, built_site: Path
) -> None:
    """With ``navigator.connection.saveData``, nothing of the runtime is
    downloaded until the reader agrees; the form is saved meanwhile. Then the
    status counts what has arrived (a slow link, so it is seen)."""
    record = runtime_files.read(built_site)
    # What crosses the wire: a packed file's frame (4.9 MB, not 13).
    wire = (runtime_files.wire_name(record, name) for name in record["boot"])
    total = sum(record["files"][name]["size"] for name in wire)
    size = f"{total / 1_000_000:.1f} MB"
    # About 3 s for the boot's 4.9 MB: several progress announcements.
    with ShapedServer(built_site, rate=13_000_000) as server:
        context = browser.new_context()
        load_worksheets(context)
        context.add_init_script(SAVE_DATA)
        try:
            page = context.new_page()
            start(page, server.url + "/", "Analyst")
            expect(page.locator(FORM)).to_have_attribute("data-runtime", "asking")
            status = page.locator(f"{FORM} .worksheet__status-runtime")
            expect(status).to_contain_text(f"{size} to download")
            agree = page.get_by_role("button", name=f"Download it ({size})")
            expect(agree).to_be_visible()
            page.wait_for_timeout(1000)  # autosave, and any download that should not start
            assert not [p for p in server.requests if p.startswith(f"/{layout.PYODIDE_DIR}/")]
            assert page.evaluate("window.__rebound.boots") == 0
            saved = page.evaluate("(key) => localStorage.getItem(key)", storage_key("feedback"))
            assert saved and "Analyst" in saved

            agree.click()
            expect(status).to_contain_text(re.compile(r"\d+\.\d of " + re.escape(size)))
            expect_summary(page, "Analyst")
        finally:
            context.close()


def test_the_service_worker_never_keeps_a_damaged_copy(
    browser: Browser, faulty: ShapedServer, built_site: Path
) -> None:
    """A page the service worker already controls: the damaged WebAssembly
    goes through it (and is refused by the worker), but is not cached; the
    copy Retry fetches is, and it is the build's."""
    wasm = f"/{layout.PYODIDE_DIR}/{file_classes(built_site)['wasm']}"
    faulty.heal()
    context = browser.new_context(service_workers="allow")
    load_worksheets(context)
    try:
        page = context.new_page()
        page.goto(faulty.url + "/" + PAGE)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        page.close()

        faulty.fail(wasm, "wrong-hash")
        page = context.new_page()
        start(page, faulty.url + "/", "Analyst")
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        expect(page.locator(f"{FORM} .worksheet__status-runtime")).to_contain_text(
            SAID["wrong-hash"], timeout=SLOW_MS
        )
        assert [fault for path, fault, _ in faulty.fault_times if path == wasm][-1] == "wrong-hash"
        expected = runtime_files.read(built_site)["files"]
        page.wait_for_timeout(1000)  # the service worker's check of the body
        assert page.evaluate(DAMAGED_IN_CACHES, expected) == []

        page.get_by_role("button", name="Retry").first.click()
        expect_summary(page, "Analyst")
        page.wait_for_function(
            "() => window.__reboundOffline?.runtimeCached === true", timeout=60_000
        )
        cached = page.evaluate(
            """async () => {
              const names = (await caches.keys()).filter((n) => n.startsWith("rebound:/:runtime-"));
              const cache = await caches.open(names[0]);
              return (await cache.keys()).map((r) => new URL(r.url).pathname);
            }"""
        )
        assert wasm in cached
        assert page.evaluate(DAMAGED_IN_CACHES, expected) == []
    finally:
        context.close()
        faulty.heal()
