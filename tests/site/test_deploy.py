"""Redeploys and shared origins, against a server that sends the caching
headers real hosts send (``max-age=600``, or only ``Last-Modified``).

* After a redeploy the reader runs the new version, never a mix: the page
  offers "A new version is ready" (from the keyboard), and then the worker
  runs the new deploy's ``pyodide.asm.mjs`` and wheel, and the service
  worker's runtime cache holds only the new deploy's bytes.
* Two deployments on one origin (``/a/`` and ``/b/``) keep their own caches
  and snapshot: ``/b/`` neither restores ``/a/``'s snapshot nor deletes its
  caches, even when ``/b/`` is redeployed and cleans up.
* Search URLs (``?h=``) are never stored, and "Delete all my answers" clears
  what the service worker holds that came from the reader.
* A page the old version cannot serve from its cache (one only the new
  deploy has, or one gone from the cache, which the network now answers with
  the new deploy) runs nothing with the old scripts: its build id differs
  from theirs, so it offers the reload, and after it everything is new.

The two deploys are the session's build, each marked: a line appended to
``pyodide.asm.mjs`` that records its deploy in the worker, a custom section
appended to ``pyodide.asm.wasm`` (decoded from its frame, packed again),
and (second deploy) a changed subject line
in the worksheets' wheel and a page of its own (``new-step/``, a copy of the
feedback step), so a mix of files would show. Each deploy's build id is
stamped again, as the build does.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from rebound_mkdocs.offline import build_id
from rebound_mkdocs.offline.plugin import write_service_worker
from rebound_mkdocs.runtime import packed, runtime_files
from rebound_mkdocs.utilities import layout
from tests.site.test_offline import PAGE, poll, subject, sw_settings

pytestmark = pytest.mark.browser

SLOW_MS = 120_000
SETTINGS = {
    "runtime_prefixes": [f"{layout.PYODIDE_DIR}/"],
    "boot_wheels": [layout.WHEEL_PREFIX],
    "exclude_suffixes": [".map", ".pdf", "_headers"],
    "exclude_prefixes": ["assets/javascripts/lunr/"],
}
NEW_PAGE = "new-step/"  # only the second deploy has it
FIRST_SUBJECT = "Thank you, and a quick question about the"
SECOND_SUBJECT = "Second deploy: a quick question about the"


def make_deploy(built: Path, target: Path, number: int) -> Path:
    """A copy of the built site marked as deploy ``number`` (see the module
    docstring), with its runtime record and service worker written again."""
    shutil.copytree(built, target)
    pyodide = target / layout.PYODIDE_DIR
    script = pyodide / "pyodide.asm.mjs"
    script.write_bytes(script.read_bytes() + f"\nself.__reboundDeploy = {number};\n".encode())
    name = b"rebound-deploy"
    payload = bytes([len(name)]) + name + str(number).encode()
    wasm = pyodide / "pyodide.asm.wasm.zst"
    marked = packed.unpack(wasm.read_bytes()) + b"\x00" + bytes([len(payload)]) + payload
    (pyodide / "pyodide.asm.wasm").write_bytes(marked)  # packed again by refresh()
    if number > 1:
        (wheel,) = pyodide.glob(f"{layout.WHEEL_PREFIX}*.whl")
        _replace_in_zip(wheel, "browser_py/worksheets/feedback.py", FIRST_SUBJECT, SECOND_SUBJECT)
        (target / NEW_PAGE).mkdir()
        shutil.copy(target / PAGE / "index.html", target / NEW_PAGE / "index.html")
    runtime_files.refresh(target)
    build_id.stamp(target)
    write_service_worker(target, **SETTINGS)
    # Deployed a minute apart: a host's Last-Modified (and so the browser's
    # If-Modified-Since) tells the two apart, as it would in real life.
    later = time.time() + 60 * number
    stamped = [*target.rglob("*.html"), target / layout.LAYOUT_SCRIPT]
    for path in (script, wasm, *pyodide.glob("*.whl"), target / layout.RUNTIME_FILES, *stamped):
        os.utime(path, (later, later))
    os.utime(target / layout.SERVICE_WORKER, (later, later))
    return target


def _replace_in_zip(path: Path, member: str, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == member:
                text = data.decode()
                assert old in text, f"{member} no longer says {old!r}"
                data = text.replace(old, new).encode()
            target.writestr(info, data)


@pytest.fixture(scope="module")
def deploys(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("deploys")
    return make_deploy(built_site, folder / "one", 1), make_deploy(built_site, folder / "two", 2)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


def compute(page: Page, url: str, role: str = "Analyst") -> None:
    """Open the feedback worksheet, type, and wait for Python's subject."""
    page.goto(url + PAGE)
    page.locator('[name="company"]').fill("Northwind")
    page.locator('[name="role"]').fill(role)
    expect(subject(page)).to_have_value(re.compile(role), timeout=SLOW_MS)


def settle(page: Page) -> None:
    """The service worker controls the page and kept the runtime, and the
    worker stored (or kept) its snapshot."""
    poll(page, "navigator.serviceWorker.controller !== null")
    poll(page, "window.__reboundOffline.runtimeCached === true")
    poll(page, "window.__rebound.snapshot !== null")


def worker_deploy(page: Page) -> object:
    """Which deploy's ``pyodide.asm.mjs`` the page's Python worker ran."""
    workers = [w for w in page.workers if w.url.endswith(layout.WORKER_SCRIPT.split("/")[-1])]
    assert len(workers) == 1, [w.url for w in page.workers]
    return workers[0].evaluate("self.__reboundDeploy")


#: Cache names, and for each the site paths and SHA-256 of what it holds.
CACHES = """async () => {
  const hex = (buffer) => Array.from(new Uint8Array(buffer),
    (b) => b.toString(16).padStart(2, "0")).join("");
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = {};
    for (const request of await cache.keys()) {
      const bytes = await (await cache.match(request)).arrayBuffer();
      out[name][request.url] = hex(await crypto.subtle.digest("SHA-256", bytes));
    }
  }
  return out;
}"""


def runtime_caches(page: Page, scope: str) -> dict[str, dict[str, str]]:
    found = page.evaluate(CACHES)
    return {
        name: entries
        for name, entries in found.items()
        if name.startswith(layout.cache_name("runtime-", scope))
    }


@pytest.mark.parametrize("caching", ["max-age=600", "last-modified"])
def test_a_redeploy_runs_the_new_version_after_the_reader_reloads_never_a_mix(
    context: BrowserContext, deploys: tuple[Path, Path], caching: str
) -> None:
    one, two = deploys
    with StaticServer(one, caching=caching) as server:
        page = context.new_page()
        compute(page, server.url + "/")
        expect(subject(page)).to_have_value(re.compile(FIRST_SUBJECT))
        settle(page)

        server.deploy(two)
        # The next visit still runs the first deploy whole (the browser's
        # caches hold its files for ten minutes, or guess a lifetime), while
        # the new version is stored, checked, and offered.
        page.reload()
        expect(subject(page)).to_have_value(re.compile(FIRST_SUBJECT), timeout=SLOW_MS)
        assert worker_deploy(page) == 1
        reload = page.get_by_role("button", name="Reload to use it")
        expect(reload).to_be_visible(timeout=SLOW_MS)
        status = page.get_by_role("status").filter(has=reload)
        expect(status).to_contain_text("A new version of this guide is ready")

        # The keyboard way: focus the button, press Enter; the page reloads.
        reload.focus()
        with page.expect_navigation(timeout=SLOW_MS):
            page.keyboard.press("Enter")
        page.locator('[name="role"]').fill("Curator")
        expect(subject(page)).to_have_value(re.compile(SECOND_SUBJECT), timeout=SLOW_MS)
        assert worker_deploy(page) == 2
        settle(page)

        expected = sw_settings(two)["expected"]
        caches = runtime_caches(page, "/")
        assert list(caches) == [layout.cache_name(sw_settings(two)["runtimeCache"])]
        (entries,) = caches.values()
        assert len(entries) >= 5
        for url, digest in entries.items():
            path = url.removeprefix(server.url + "/")
            assert digest == expected[path]["sha256"], f"{path} is not the second deploy's"


def test_two_deployments_on_one_origin_keep_their_own_caches_and_snapshot(
    context: BrowserContext, deploys: tuple[Path, Path]
) -> None:
    one, two = deploys
    with StaticServer(mounts={"/a/": one, "/b/": one}, caching="max-age=600") as server:
        a = context.new_page()
        # What a version from before scoped caches left: dropped, search URL and all.
        a.goto(server.url + "/a/privacy/")
        a.evaluate(
            """async () => {
              const old = await caches.open("rebound-shell-0123456789ab");
              await old.put("/a/privacy/?h=rejection", new Response("old"));
            }"""
        )
        compute(a, server.url + "/a/")
        settle(a)
        assert a.evaluate("window.__rebound.bootMode") == "cold"
        before = a.evaluate(CACHES)
        a_names = {name for name in before if name.startswith(layout.cache_name("", "/a/"))}
        assert layout.cache_name(layout.SNAPSHOT_CACHE, "/a/") in a_names
        assert len(a_names) == 3, before.keys()  # shell, runtime, snapshot
        assert "rebound-shell-0123456789ab" not in before

        b = context.new_page()
        compute(b, server.url + "/b/")
        settle(b)
        # /a/'s snapshot is of the same runtime, yet /b/ never reads it.
        assert b.evaluate("window.__rebound.bootMode") == "cold"

        # /b/ is redeployed; its new version takes over and cleans up.
        server.deploy(two, base="/b/")
        b.reload()
        reload = b.get_by_role("button", name="Reload to use it")
        expect(reload).to_be_visible(timeout=SLOW_MS)
        with b.expect_navigation(timeout=SLOW_MS):
            reload.click()
        b.locator('[name="role"]').fill("Curator")
        expect(subject(b)).to_have_value(re.compile(SECOND_SUBJECT), timeout=SLOW_MS)
        settle(b)

        after = b.evaluate(CACHES)
        for name in a_names:
            assert after.get(name) == before[name], f"/b/ changed /a/'s cache {name}"
        b_runtime = runtime_caches(b, "/b/")
        assert list(b_runtime) == [layout.cache_name(sw_settings(two)["runtimeCache"], "/b/")]
        assert not any("/a/" in url for entries in b_runtime.values() for url in entries)
        # And /a/ still restores its own snapshot, and runs its own deploy.
        a.reload()
        a.locator('[name="role"]').fill("Curator")
        expect(subject(a)).to_have_value(re.compile(FIRST_SUBJECT), timeout=SLOW_MS)
        poll(a, "window.__rebound.snapshot !== null")
        assert a.evaluate("window.__rebound.bootMode") == "snapshot"


def test_search_terms_are_never_stored_and_delete_all_clears_the_readers_traces(
    context: BrowserContext, deploys: tuple[Path, Path]
) -> None:
    one, _ = deploys
    with StaticServer(mounts={"/a/": one, "/other/": one}) as server:
        page = context.new_page()
        compute(page, server.url + "/a/")
        settle(page)
        page.goto(server.url + "/a/privacy/?h=rejection")
        expect(page.locator("h1")).to_be_visible()
        assert not any("?" in url for entries in page.evaluate(CACHES).values() for url in entries)

        # What a version from before scoped caches may have left, for this
        # site and for another one on the origin.
        page.evaluate(
            """async () => {
              const old = await caches.open("rebound-shell-0123456789ab");
              await old.put("/a/privacy/?h=rejection", new Response("mine"));
              await old.put("/other/privacy/?h=layoff", new Response("theirs"));
            }"""
        )
        snapshot = layout.cache_name(layout.SNAPSHOT_CACHE, "/a/")
        assert page.evaluate(CACHES)[snapshot], "the worker should have stored a snapshot"

        page.goto(server.url + "/a/workbook/")
        page.get_by_role("button", name="Delete all my answers").click()
        page.get_by_role("dialog").get_by_role("button", name="Delete all answers").click()
        expect(page.get_by_text("All your answers were deleted from this browser.")).to_be_visible()

        # The storage panel has looked again for a snapshot meanwhile.
        expect(page.locator(".workbook__snapshot")).to_have_attribute("data-snapshot-bytes", "none")
        left = page.evaluate(CACHES)
        assert snapshot not in left  # gone, not opened again empty
        urls = [url for entries in left.values() for url in entries]
        assert not any("h=rejection" in url for url in urls)
        assert any("h=layoff" in url for url in urls)  # another site's, not ours to delete

        # A later visit finds no snapshot from before: Python starts cold,
        # and stores a snapshot of its own.
        page.goto(server.url + "/a/workbook/")
        page.evaluate("window.__rebound.boot()")
        poll(page, "window.__rebound.state === 'ready'", timeout=SLOW_MS / 1000)
        assert page.evaluate("window.__rebound.bootMode") == "cold"
        poll(page, "window.__rebound.snapshot !== null")
        assert page.evaluate("window.__rebound.snapshot") == "saved"
        assert page.evaluate(CACHES)[snapshot]


def test_a_snapshot_stored_after_delete_all_is_deleted_too(
    context: BrowserContext, deploys: tuple[Path, Path]
) -> None:
    one, _ = deploys
    with StaticServer(one) as server:
        page = context.new_page()
        snapshot = layout.cache_name(layout.SNAPSHOT_CACHE)
        # The worker on this page booted cold and will store its snapshot
        # once idle: the reader deletes everything before (or while) it does.
        page.goto(server.url + "/workbook/")
        delete = page.get_by_role("button", name="Delete all my answers")
        expect(delete).to_be_visible(timeout=SLOW_MS)
        page.evaluate("window.__rebound.boot()")
        # Python has started (runtime.js counts the boot) before the reader
        # deletes: a worker that only starts after the deletion makes a new
        # snapshot, which is not the one this test is about.
        poll(page, "window.__rebound.boots > 0", timeout=SLOW_MS / 1000)
        delete.click()
        page.get_by_role("dialog").get_by_role("button", name="Delete all answers").click()
        expect(page.get_by_text("All your answers were deleted from this browser.")).to_be_visible()
        poll(page, "window.__rebound.snapshot !== null", timeout=SLOW_MS / 1000)
        deadline = time.monotonic() + 10
        # Only the names: CACHES opens each cache, and opening one the page
        # has just deleted would create it again, empty.
        while snapshot in page.evaluate("caches.keys()"):
            assert time.monotonic() < deadline, "the snapshot taken before Delete all stayed"
            page.wait_for_timeout(200)
        page.reload()
        page.evaluate("window.__rebound.boot()")
        poll(page, "window.__rebound.state === 'ready'", timeout=SLOW_MS / 1000)
        assert page.evaluate("window.__rebound.bootMode") == "cold"


def layout_build(site: Path) -> str:
    """The build id a deploy's ``layout.js`` carries."""
    (found,) = re.findall(
        r'^export const build = "([0-9a-f]+)";$',
        (site / layout.LAYOUT_SCRIPT).read_text(),
        flags=re.MULTILINE,
    )
    return found


#: The build ids of the page shown and of the scripts running it.
BUILDS = """async () => ({
  page: document.querySelector('meta[name="rebound-build"]')?.content ?? null,
  scripts: (await import(new URL("../layout.js",
    document.querySelector('script[src$="page/worksheets.js"]').src).href)).build,
})"""


def expect_nothing_mounted(page: Page) -> None:
    """The article reads, its worksheet is the plain form (it takes typing),
    and nothing of the machinery runs: no round bar, no worker, no boot."""
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("data-rebound-worksheets", "stale")
    field = page.locator('[name="company"]')
    field.fill("Northwind")
    expect(field).to_have_value("Northwind")
    page.wait_for_timeout(1500)  # what would mount has had its chance
    assert page.locator("form.worksheet[data-runtime]").count() == 0
    assert page.locator(".rebound-rounds").count() == 0
    worker = layout.WORKER_SCRIPT.split("/")[-1]
    assert not [w.url for w in page.workers if w.url.endswith(worker)]
    assert page.evaluate("window.__rebound.boots") == 0


def test_a_page_the_old_version_cannot_serve_runs_nothing_with_its_scripts(
    context: BrowserContext, deploys: tuple[Path, Path]
) -> None:
    one, two = deploys
    assert layout_build(one) != layout_build(two)
    with StaticServer(one, caching="max-age=600") as server:
        page = context.new_page()
        compute(page, server.url + "/")
        settle(page)
        server.deploy(two)

        # A page the first version's cache lost: the network has the second
        # deploy's, which the old worker checks, refuses, and shows anyway.
        page.evaluate(
            """async () => {
              for (const name of await caches.keys()) {
                if (name.includes(":shell-")) await (await caches.open(name)).delete(
                  new URL("/feel-it/", location.href).href);
              }
            }"""
        )
        page.goto(server.url + "/feel-it/")
        assert page.evaluate(BUILDS) == {"page": layout_build(two), "scripts": layout_build(one)}
        expect(page.locator("html")).to_have_attribute(
            "data-rebound-worksheets", "stale", timeout=SLOW_MS
        )

        # A page only the second deploy has, while the first one's service
        # worker still serves the scripts.
        page.goto(server.url + "/" + NEW_PAGE)
        assert page.evaluate(BUILDS) == {"page": layout_build(two), "scripts": layout_build(one)}
        expect_nothing_mounted(page)
        reload = page.get_by_role("button", name="Reload to use it")
        expect(reload).to_be_visible(timeout=SLOW_MS)
        expect(page.get_by_role("status").filter(has=reload)).to_contain_text(
            "A new version of this guide is ready"
        )

        # (The load event: Material's tracking may change the hash first.)
        with page.expect_event("load", timeout=SLOW_MS):
            reload.click()
        assert page.evaluate(BUILDS) == {"page": layout_build(two), "scripts": layout_build(two)}
        page.locator('[name="company"]').fill("Northwind")
        page.locator('[name="role"]').fill("Curator")
        expect(subject(page)).to_have_value(re.compile(SECOND_SUBJECT), timeout=SLOW_MS)
        expect(page.locator("html")).to_have_attribute("data-rebound-worksheets", "ready")
        assert worker_deploy(page) == 2
        expect(page.locator(".rebound-update")).to_have_count(0)
