"""A host that sends the runtime's ``.zst`` frames with ``Content-Encoding:
zstd`` still gives the reader a working worksheet, online and offline.

The README asks hosts to send ``.zst`` files as they are, but a server set up
to treat the suffix as an encoding (Apache's ``AddEncoding zstd .zst``) makes
the browser decode each frame on the way. The worker and the service worker
then receive the file the frame holds, and check it against the entry's
``decoded`` size and SHA-256 (utilities/file_entries.py) instead of calling
it damaged on every visit, which no Retry could mend.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.network import ShapedServer
from rebound_mkdocs.runtime import packed, runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import load_worksheets
from tests.site.test_offline import PAGE, first_visit, offline_context, subject, sw_settings

FORM = "form.worksheet[data-worksheet='feedback']"

#: {file name: hex SHA-256} of every runtime file the service worker kept.
KEPT_DIGESTS = """async () => {
  const kept = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith("rebound:/:runtime-")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const bytes = await (await cache.match(request)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      kept[new URL(request.url).pathname.split("/").pop()] = Array.from(
        digest, (b) => b.toString(16).padStart(2, "0")).join("");
    }
  }
  return kept;
}"""


@pytest.fixture(scope="module")
def encoding_host(built_site: Path) -> Iterator[ShapedServer]:
    with ShapedServer(built_site, encode_frames=True) as server:
        yield server


def frame_contents(site: Path) -> dict[str, dict[str, object]]:
    """{frame name: the size and SHA-256 of what it holds}, decoded here."""
    record = runtime_files.read(site)
    contents = {}
    for entry in record["packed"].values():
        content = packed.unpack((site / layout.PYODIDE_DIR / entry["file"]).read_bytes())
        contents[entry["file"]] = {
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    return contents


def test_both_checks_know_what_each_frame_holds(built_site: Path) -> None:
    contents = frame_contents(built_site)
    assert set(contents) == {
        "pyodide.asm.wasm" + packed.SUFFIX,
        layout.STDLIB_ZIP + packed.SUFFIX,
    }
    files = runtime_files.read(built_site)["files"]
    expected = sw_settings(built_site)["expected"]
    for name, content in contents.items():
        assert files[name]["decoded"] == content
        assert expected[f"{layout.PYODIDE_DIR}/{name}"]["decoded"] == content
    # Only a frame has one: any other file is checked as it is.
    assert [name for name, entry in files.items() if "decoded" in entry] == sorted(contents)
    assert all(
        "decoded" not in entry
        for path, entry in expected.items()
        if not path.endswith(packed.SUFFIX)
    )


@pytest.mark.browser
def test_frames_the_browser_decodes_on_the_way_boot_and_are_kept_offline(
    browser: Browser, encoding_host: ShapedServer, built_site: Path
) -> None:
    contents = frame_contents(built_site)
    context = offline_context(browser)
    try:
        page = context.new_page()
        first_visit(page, encoding_host.url + "/")
        frames = [path for path in encoding_host.requests if path.endswith(packed.SUFFIX)]
        assert {Path(path).name for path in frames} == set(contents)
        expect(page.locator(FORM)).to_have_attribute("data-runtime", "ready")
        # The service worker kept each frame as it arrived: decoded, and exactly the build's.
        kept = page.evaluate(KEPT_DIGESTS)
        assert {name: kept.get(name) for name in contents} == {
            name: content["sha256"] for name, content in contents.items()
        }

        # A repeat visit, offline: the kept copies boot Python again.
        context.set_offline(True)
        page.reload()
        page.locator(f'{FORM} [name="role"]').fill("Archivist")
        expect(subject(page)).to_have_value(re.compile("Archivist"), timeout=90_000)
        expect(page.locator(FORM)).to_have_attribute("data-runtime", "ready")
    finally:
        context.close()


@pytest.mark.browser
def test_progress_counts_the_frames_bytes_though_more_arrive(
    browser: Browser, built_site: Path
) -> None:
    """The reader's "1.8 of 4.0 MB" counts what crossed the wire, though the
    worker receives each frame decoded (three times its size)."""
    seen: list[tuple[float, float]] = []
    # About 2.5 s for the boot's frames: many progress announcements.
    with ShapedServer(built_site, encode_frames=True, rate=13_000_000) as server:
        context = browser.new_context()
        load_worksheets(context)
        try:
            page = context.new_page()
            page.goto(server.url + "/" + PAGE)
            page.locator(f'{FORM} [name="company"]').fill("Northwind")  # focus boots Python
            page.locator(f'{FORM} [name="role"]').fill("Analyst")
            status = page.locator(f"{FORM} .worksheet__status-runtime")
            deadline = time.monotonic() + 90
            while page.locator(FORM).get_attribute("data-runtime") != "ready":
                assert time.monotonic() < deadline, "Python never became ready"
                found = re.search(r"(\d+\.\d) of (\d+\.\d) MB", status.text_content() or "")
                if found:
                    seen.append((float(found[1]), float(found[2])))
                page.wait_for_timeout(50)
            expect(subject(page)).to_have_value(re.compile("Analyst"), timeout=90_000)
        finally:
            context.close()
    assert len(seen) >= 3, seen
    assert all(received <= total for received, total in seen), seen
    assert len({received for received, _ in seen}) >= 3, seen  # it moved
