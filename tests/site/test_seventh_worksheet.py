"""The README's "Adding a worksheet", done for real: one fence and one module
in a temporary copy of the site, nothing else edited, built with ``--strict``
and driven in Chromium through every place a worksheet appears (the form and
its result, autosave, the workbook's overview, export and import, the
calendar, the blank and the filled PDF).

The fence and the module are read from README.md, so the example there is
the one that is proven to work.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from bench.static_server import StaticServer, free_port
from rebound_mkdocs.utilities import layout
from tests.browser_py.workbook.test_pdf_fill import read_answers
from tests.helpers.browser_data import BOOT_MS, WORKBOOK, saved_entries, wait_ready
from tests.helpers.build import ROOT
from tests.helpers.rounds import file_worksheets
from tests.helpers.worksheet_pages import fill, load_worksheets

pytestmark = pytest.mark.browser

#: What a build reads from the repository, besides the installed plugins and node_modules.
SOURCES = ("mkdocs.yml", "mkdocs.zh.yml", "package.json", "content", "overrides", "browser_py")

PAGE = "content/keep-going.md"
#: Its translation, which must carry the same worksheets (README, "Languages");
#: the test gives it the fence as it is (a translator would translate its words).
TRANSLATED_PAGE = "content/zh/keep-going.md"
MODULE = "browser_py/worksheets/small_wins.py"
ID = "small-wins"

#: Booting Pyodide, loading pypdf and filling on a busy two-core machine.
SLOW_MS = 180_000

#: What the reader types: a text, a scale, a date and two list rows.
VALUES = {
    "win": "Finished my portfolio",
    "pride": "4",
    "celebrate_on": "2026-12-04",
    "others.0.what": "Walked every day",
    "others.1.what": "Called a friend",
}


def readme_example() -> tuple[str, str]:
    """(the fence's Markdown, the module's Python) of README's "Adding a worksheet"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Adding a worksheet\n") :]
    fence = re.search(r"^````markdown\n(.*?\n)````$", section, re.MULTILINE | re.DOTALL)
    module = re.search(r"^```python\n(.*?\n)```$", section, re.MULTILINE | re.DOTALL)
    assert fence is not None and module is not None, "README's example is incomplete"
    assert f"id: {ID}" in fence.group(1)
    return fence.group(1), module.group(1)


def files_of(root: Path) -> dict[str, bytes]:
    """Every source file the build reads, by its path from ``root``."""
    found: dict[str, bytes] = {}
    for name in SOURCES:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@dataclass
class Site:
    root: Path
    server: StaticServer

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A copy of the site's sources with README's fence and module added,
    built with ``--strict`` for the address it is then served at."""
    copy = tmp_path_factory.mktemp("seventh")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    # Pyodide from the repository's npm install; the runtime's cache (the
    # wheels) then lives in the copy's own node_modules, not the repository's.
    (copy / "node_modules").mkdir()
    (copy / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")

    fence, module = readme_example()
    page = copy / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n" + fence, encoding="utf-8")
    translated = copy / TRANSLATED_PAGE
    translated.write_text(translated.read_text(encoding="utf-8") + "\n" + fence, encoding="utf-8")
    (copy / MODULE).write_text(module, encoding="utf-8")

    # One fence and one module, and nothing else edited.
    before, after = files_of(ROOT), files_of(copy)
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    assert changed == sorted([MODULE, PAGE, TRANSLATED_PAGE])
    assert after[PAGE].startswith(before[PAGE])  # the page only gains the fence
    assert after[TRANSLATED_PAGE].startswith(before[TRANSLATED_PAGE])

    port = free_port()
    site_dir = copy / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=copy,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
        check=False,
    )
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    with StaticServer(site_dir, port=port) as server:
        yield Site(site_dir, server)


def test_the_build_ships_it_as_step_seven(site: Site) -> None:
    manifest = json.loads((site.root / layout.MANIFEST).read_text(encoding="utf-8"))
    last = manifest["worksheets"][-1]
    assert (last["step"], last["page"], last["spec"]["id"]) == (7, "keep-going/", ID)
    # The wheel is packed from the copy's browser_py, new module included.
    (wheel,) = (site.root / layout.PYODIDE_DIR).glob("rebound_browser_py-*.whl")
    assert "browser_py/worksheets/small_wins.py" in zipfile.ZipFile(wheel).namelist()
    # The blank PDF workbook has its fields (the list with the plugin's five rows).
    pdf = PdfReader(site.root / layout.WORKBOOK_PDF)
    fields = set(pdf.get_fields() or {})
    assert {f"{ID}.win", f"{ID}.pride", f"{ID}.celebrate_on"} <= fields
    assert {f"{ID}.others.{row}.what" for row in range(5)} <= fields
    assert any("Small wins" in page.extract_text() for page in pdf.pages[-4:])


def form(page: Page) -> Locator:
    return page.locator(f'form.worksheet[data-worksheet="{ID}"]')


def result(page: Page) -> Locator:
    return form(page).locator("[data-worksheet-result]")


def expect_answers(page: Page) -> None:
    for name, value in VALUES.items():
        controls = form(page).locator(f'[name="{name}"]')
        if name == "pride":
            expect(controls.and_(page.locator(f'[value="{value}"]'))).to_be_checked()
        else:
            expect(controls).to_have_value(value)


def expect_result(page: Page) -> None:
    # Python starts when a worksheet first scrolls into view; this one is last on its page.
    form(page).scroll_into_view_if_needed()
    shown = result(page)
    expect(shown).to_contain_text("Your small wins", timeout=BOOT_MS)
    expect(shown.locator("dd")).to_have_text(["3", "4 of 5"])
    expect(shown.locator("li")).to_have_text(
        [VALUES["win"], VALUES["others.0.what"], VALUES["others.1.what"]]
    )
    expect(shown).to_contain_text("You will celebrate on Friday 4 December 2026")


def wait_saved(page: Page) -> None:
    page.wait_for_function(
        "([key, values]) => { const text = localStorage.getItem(key);"
        " return text !== null && JSON.stringify(JSON.parse(text).values) ==="
        " JSON.stringify(values); }",
        arg=[f"rebound:v2:r0:{ID}", VALUES],
        timeout=15_000,
    )


def download(page: Page, button: str) -> bytes:
    with page.expect_download(timeout=SLOW_MS) as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def test_in_chromium_it_appears_everywhere(
    site: Site, browser: Browser, browser_context_args: dict
) -> None:
    context = browser.new_context(**browser_context_args)
    load_worksheets(context)
    try:
        page = context.new_page()
        # The form: fill it in as a reader would, a second list row included.
        page.goto(f"{site.url}/keep-going/")
        fill(page, {key: value for key, value in VALUES.items() if key != "others.1.what"})
        form(page).get_by_role("button", name="Add a win").click()
        fill(page, {"others.1.what": VALUES["others.1.what"]})
        expect_result(page)
        wait_saved(page)
        assert saved_entries(page)[ID]["values"] == VALUES

        # Autosave: a reload restores the answers and the result.
        page.reload()
        expect_answers(page)
        expect_result(page)

        # The workbook: a seventh row with its summary.
        page.goto(f"{site.url}/workbook/")
        wait_ready(page)
        root = page.locator(WORKBOOK)
        row = root.locator(f'li.workbook__step[data-worksheet="{ID}"]')
        expect(root.locator("li.workbook__step")).to_have_count(7)
        expect(root.locator("li.workbook__step").last).to_have_attribute("data-worksheet", ID)
        expect(row.get_by_role("link")).to_have_text("Keep going: Small wins")
        expect(row.locator(".workbook__line").first).to_have_text("Wins: 3; Pride: 4 of 5")
        expect(row).to_have_attribute("data-status", "complete")
        expect(root.locator(".workbook__total")).to_contain_text("1 of 7 worksheets started")

        # Export: its answers in the file.
        exported = download(page, "Export answers (.json)")
        assert file_worksheets(json.loads(exported))[ID]["values"] == VALUES

        # The calendar: its event, on its day, from step 7.
        calendar = icalendar.Calendar.from_ical(download(page, "Download calendar (.ics)"))
        (event,) = [
            event
            for event in calendar.walk("VEVENT")
            if str(event["SUMMARY"]) == f"Celebrate: {VALUES['win']}"
        ]
        assert event.decoded("DTSTART") == date(2026, 12, 4)
        assert str(event["DESCRIPTION"]).endswith("From step 7 of the Rebound guide: Small wins.")

        # The filled PDF: its answers in its fields, and nothing else filled in.
        filled = download(page, "Download my filled workbook (PDF)")
        assert read_answers(filled) == {f"{ID}.{name}": value for name, value in VALUES.items()}
    finally:
        context.close()

    # Import into a fresh browser profile: the answers come back.
    context = browser.new_context(**browser_context_args)
    load_worksheets(context)
    try:
        page = context.new_page()
        page.goto(f"{site.url}/workbook/")
        wait_ready(page)
        page.set_input_files(
            "#rebound-import-file",
            files=[{"name": "answers.json", "mimeType": "application/json", "buffer": exported}],
        )
        plan = page.locator(WORKBOOK).locator(".workbook__plan")
        expect(plan).to_contain_text("Small wins: 4 answered questions, new", timeout=BOOT_MS)
        page.get_by_role("button", name="Import these answers").click()
        expect(page.locator(WORKBOOK).locator(".workbook__status")).to_have_text(
            "Imported 1 worksheet."
        )
        assert saved_entries(page)[ID]["values"] == VALUES
        wait_ready(page, updates=2)
        expect(page.locator(f'li[data-worksheet="{ID}"] .workbook__line').first).to_have_text(
            "Wins: 3; Pride: 4 of 5"
        )
        page.goto(f"{site.url}/keep-going/")
        expect_answers(page)
        expect_result(page)
    finally:
        context.close()
