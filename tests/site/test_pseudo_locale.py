"""The pseudo-locale in the browser: no text the scripts or Python show
escapes translation.

The site is built with ``REBOUND_PSEUDO_LOCALE=true`` (the pseudo catalogue
ships as a catalogue file of its own, as every language's does, and the
``.qps-ploc.js`` modules are generated from the English messages modules,
``runtime/plugin.py`` ``MESSAGE_MODULES``) and each page is served with
``<html lang="qps-ploc">``. Every text the page's scripts and Python put in
the page (the workbook's overview and tools, the round bar, a worksheet's
status line and results) must then be wrapped pseudo text, or a word the
reader or the guide's author wrote (answers, the spec's labels, page titles).
The Markdown pages themselves are MkDocs's, per language, and not checked here.
The build-time words of the worksheet form's frame and the PDF (domain
``rebound-site``) are pseudo in such a build too: they are read from the
built files, no browser needed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from bench.static_server import StaticServer, free_port
from tests.helpers.browser_data import BOOT_MS, SAVED, seed, wait_ready
from tests.helpers.build import ROOT, mkdocs_build
from tests.helpers.specs import real_index, real_specs
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser

#: Text a reader or the guide's author wrote, and names that are data
#: ("First round" is the seeded round's saved label, tests/helpers/browser_data.py).
AUTHORED = {"Rebound", "First round"}
#: Data the storage panel shows as it is: a saved entry's key, and its date,
#: which Intl formats with its default locale for a tag it does not know.
_DATA = re.compile(r"rebound:v\d+:\S+|\b[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M\b")


@pytest.fixture(scope="module")
def pseudo_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def pseudo_build(tmp_path_factory: pytest.TempPathFactory, pseudo_port: int) -> Path:
    site = tmp_path_factory.mktemp("pseudo-site")
    result = mkdocs_build(
        ROOT / "mkdocs.yml",
        site,
        env={"SITE_URL": f"http://127.0.0.1:{pseudo_port}/", "REBOUND_PSEUDO_LOCALE": "true"},
    )
    assert result.returncode == 0, result.stderr
    assert (site / "assets/rebound/page/messages.qps-ploc.js").is_file()
    return site


@pytest.fixture(scope="module")
def pseudo_site(pseudo_build: Path, pseudo_port: int) -> Iterator[StaticServer]:
    with StaticServer(pseudo_build, port=pseudo_port) as server:
        yield server


def _as_pseudo(route: Route) -> None:
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch()
    body = response.text().replace('<html lang="en"', '<html lang="qps-ploc"', 1)
    route.fulfill(response=response, body=body)


@pytest.fixture
def page(browser: Browser, pseudo_site: StaticServer) -> Iterator[Page]:
    context = load_worksheets(browser.new_context(service_workers="block"))
    context.route(f"{pseudo_site.url}/**", _as_pseudo)
    yield context.new_page()
    context.close()


def _allowed() -> list[str]:
    words = set(AUTHORED)
    for worksheet in real_specs().values():

        def walk(node: object) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key not in ("id", "kind", "value", "scope", "when", "is"):
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, str):
                words.add(node)

        walk(worksheet.to_dict())
    for item in real_index()["worksheets"]:
        words.add(item["page_title"])
    for entry in SAVED.values():
        for value in entry["values"].values():
            words.update(value if isinstance(value, list) else [value])
    # An empty string would "remove" itself between every two letters,
    # leaving no English word for _leaks to find.
    words.discard("")
    return sorted(words, key=len, reverse=True)


_PSEUDO = re.compile(r"\[!! .*? !!\]", re.S)
_ENGLISH = re.compile(r"[A-Za-z]{2,}")


def _leaks(text: str) -> list[str]:
    text = _DATA.sub(" ", _PSEUDO.sub(" ", text))
    for known in _allowed():
        text = text.replace(known, " ")
    return [line.strip() for line in text.splitlines() if _ENGLISH.search(line)]


def test_the_workbook_page_says_nothing_in_english(page: Page, pseudo_site: StaticServer) -> None:
    seed(page, pseudo_site.url + "/workbook/", SAVED)
    assert page.evaluate("document.documentElement.lang") == "qps-ploc"
    wait_ready(page)
    text = page.locator("[data-rebound-workbook]").inner_text()
    text += "\n" + page.locator("[data-round-bar]").inner_text()
    assert "[!! " in text
    assert _leaks(text) == []


def test_a_worksheet_says_nothing_in_english(page: Page, pseudo_site: StaticServer) -> None:
    seed(page, pseudo_site.url + "/feel-it/", SAVED)
    form = page.locator("form.worksheet").first
    form.scroll_into_view_if_needed()  # the runtime starts when a worksheet comes into view
    page.wait_for_selector("form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS)
    result = form.locator("[data-worksheet-result]")
    page.wait_for_function(
        "(node) => node.textContent.includes('[!! ')", arg=result.element_handle(), timeout=BOOT_MS
    )
    text = result.inner_text() + "\n" + form.locator("[data-worksheet-status]").inner_text()
    text += "\n" + page.locator("[data-round-bar]").inner_text()
    assert _leaks(text) == []


class _FormText(HTMLParser):
    """The text inside every ``<form class="worksheet">`` of a page, and the
    legends of its row templates (inert ``<template>`` text included)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form" and ("class", "worksheet") in attrs:
            self.depth = 1
        elif self.depth and tag == "form":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "form":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def test_every_worksheet_frame_is_pseudo(pseudo_build: Path) -> None:
    root = pseudo_build
    forms = 0
    for path in sorted(root.glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        forms += html.count('<form class="worksheet"')
        parser = _FormText()
        parser.feed(html)
        text = "\n".join(parser.text).replace("{number}", " ")
        assert _leaks(text) == [], path.relative_to(root)
    assert forms >= 6


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_the_pdfs_own_words_are_pseudo(pseudo_build: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(pseudo_build / "downloads/rebound-workbook.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "[!! " in text
    # The pages' prose is the Markdown's; the workbook's own words are not English.
    for english in ("Using this workbook", "Contents", "Tick all that apply.", "Page 2 of"):
        assert english not in text, english
    assert not re.search(r"^Worksheet", text, re.M)
