"""The workbook PDF of the real site, read back with pypdf and checked by qpdf:
its fillable fields against the specs, its contents page against its pages,
its accessibility metadata, and the download link on every page."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_py.core.spec import Field, worksheet_from_dict
from rebound_mkdocs.utilities import layout
from rebound_mkdocs.workbook.fields import expected_fields, expected_tooltips
from rebound_mkdocs.workbook.plugin import LINK_TEXT, chapter_anchor, format_size

PDF = layout.WORKBOOK_PDF
LIST_ROWS = 5  # mkdocs.yml: list_rows

RADIO = 1 << 15
MULTILINE = 1 << 12


@pytest.fixture(scope="module")
def pdf_path(built_site: Path) -> Path:
    path = built_site / PDF
    assert path.is_file(), "the build wrote no workbook PDF"
    return path


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def index(built_site: Path) -> list[dict]:
    """worksheets.json: every worksheet with its page, as the build saw them."""
    data = json.loads((built_site / layout.MANIFEST).read_text("utf-8"))
    return data["worksheets"]


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    return [_norm(page.extract_text()) for page in reader.pages]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pdf_type(field: dict) -> str:
    kind, flags = field.get("/FT"), int(field.get("/Ff", 0) or 0)
    if kind == "/Tx":
        return "textarea" if flags & MULTILINE else "text"
    if kind == "/Btn":
        return "radio" if flags & RADIO else "checkbox"
    if kind == "/Ch":
        return "choice"
    return f"unknown {kind}"


class _H1(HTMLParser):
    """The text of a page's first <h1>, without Material's permalink anchor."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self._in_h1 = self._done = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and not self._done:
            self._in_h1 = True
        elif self._in_h1 and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1, self._done = False, True
        elif tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self._skip:
            self.text += data


@cache
def _page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _h1(site: Path, url: str) -> str:
    parser = _H1()
    parser.feed(_page_html(site, url))
    return _norm(parser.text)


# -- fields ---------------------------------------------------------------------


def test_fields_are_exactly_those_the_specs_give(reader: PdfReader, index: list[dict]) -> None:
    specs = [worksheet_from_dict(item["spec"]) for item in index]
    expected = expected_fields(specs, LIST_ROWS)
    fields = reader.get_fields() or {}
    actual = {name: _pdf_type(field) for name, field in fields.items()}
    assert actual == expected
    # Real AcroForm fields, one entry per name (radio buttons are widgets of
    # their group, not fields of their own).
    roots = [ref.get_object() for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    names = [str(root["/T"]) for root in roots]
    assert sorted(names) == sorted(expected)


def test_tooltips_are_the_labels(reader: PdfReader, index: list[dict]) -> None:
    specs = [worksheet_from_dict(item["spec"]) for item in index]
    fields = reader.get_fields() or {}
    tips = {name: str(field.get("/TU", "")) for name, field in fields.items()}
    assert tips == expected_tooltips(specs, LIST_ROWS)
    for spec in specs:  # a plain question is announced with its label, verbatim
        for field in spec.fields:
            if field.kind not in ("multi", "list"):
                assert tips[f"{spec.id}.{field.id}"] == field.label


def _values(field: Field) -> list[str]:
    if field.kind == "scale":
        return [str(v) for v in field.scale_values()]
    return list(field.option_values())


def test_choices_and_scales_export_their_values(reader: PdfReader, index: list[dict]) -> None:
    """Radio groups export the option values (or the scale's points); the
    drop-downs of list rows offer the same values after an empty one."""
    fields = reader.get_fields() or {}
    radios = drop_downs = 0
    for item in index:
        spec = worksheet_from_dict(item["spec"])
        for field in spec.fields:
            if field.kind in ("scale", "choice"):
                group = fields[f"{spec.id}.{field.id}"]
                assert [str(v) for v in group["/Opt"]] == _values(field)
                assert len(group["/Kids"]) == len(_values(field))
                radios += 1
            if field.kind != "list":
                continue
            for sub in field.fields:
                if sub.kind not in ("scale", "choice"):
                    continue
                for row in range(max(field.min_rows, min(field.max_rows, LIST_ROWS), 1)):
                    box = fields[f"{spec.id}.{field.id}.{row}.{sub.id}"]
                    assert [str(pair[0]) for pair in box["/Opt"]] == ["", *_values(sub)]
                    drop_downs += 1
    # The site has both: this test saw them.
    assert radios >= 5 and drop_downs >= 5


# -- text, contents and page numbers ------------------------------------------------


def test_every_strategy_heading_is_in_the_pdf(
    built_site: Path, index: list[dict], page_texts: list[str]
) -> None:
    urls = {item["page"] for item in index}
    assert len(urls) >= 6
    whole = " ".join(page_texts[2:])  # after the cover and the contents
    for url in urls:
        heading = _h1(built_site, url)
        assert heading, f"no <h1> on {url}"
        assert heading in whole, f"{heading!r} is not in the PDF"


def test_contents_page_numbers_match_the_pages(
    built_site: Path, reader: PdfReader, index: list[dict], page_texts: list[str]
) -> None:
    total = len(reader.pages)
    # The footer of every page says where it is.
    for number, text in enumerate(page_texts[1:], start=2):
        assert f"Rebound workbook · Page {number} of {total}" in text
    assert "Page 1 of" not in page_texts[0]  # the cover has no footer

    toc = page_texts[1]
    assert toc.startswith("Contents")
    destinations = {
        name: reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    entries: list[tuple[str, str]] = []  # (text in the contents, anchor)
    for url in dict.fromkeys(item["page"] for item in index):
        entries.append((_h1(built_site, url), chapter_anchor(url)))
        entries += [
            (f"Worksheet: {item['spec']['title']}", f"wb-ws-{item['spec']['id']}")
            for item in index
            if item["page"] == url
        ]
    found: list[tuple[int, int]] = []  # (place in the contents, page number)
    for text, anchor in entries:
        match = re.search(re.escape(text) + r"[ .]*?(\d+)(?: |$)", toc)
        assert match, f"{text!r} is not in the contents"
        printed = int(match.group(1))
        found.append((match.start(), printed))
        assert 2 < printed <= total
        # The number printed is the page the heading is on.
        assert destinations[anchor] == printed, text
        assert text.removeprefix("Worksheet: ") in page_texts[printed - 1]
        # ... and the chapter starts there: its running header begins on
        # that page, and the page before belongs to something else.
        if anchor.startswith("chapter-"):
            header = f"{text} Rebound workbook · Page {{}} of {total}"
            assert header.format(printed) in page_texts[printed - 1]
            assert header.format(printed - 1) not in page_texts[printed - 2]
    numbers = [number for _, number in sorted(found)]
    assert numbers == sorted(numbers), "the contents are not in page order"


def test_qpdf_finds_no_problem(pdf_path: Path) -> None:
    result = subprocess.run(
        ["/usr/bin/qpdf", "--check", str(pdf_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_tagged_pdf_with_metadata(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    meta = reader.metadata or {}
    assert meta.get("/Title") == "Rebound workbook"
    assert meta.get("/Author")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert reader.pdf_header == "%PDF-1.7"


def test_a4_by_default(reader: PdfReader) -> None:
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# -- the site links it ---------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str], str]] = []
        self._open: dict[str, str] | None = None
        self._text = ""
        self.size_text: list[str] = []
        self._in_size = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a":
            self._open, self._text = values, ""
        if tag == "span" and "rebound-workbook-download__size" in values.get("class", ""):
            self._in_size = True
            self.size_text.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._open, self._text))
            self._open = None
        if tag == "span":
            self._in_size = False

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data
        if self._in_size:
            self.size_text[-1] += data


def test_every_page_links_the_pdf_with_its_size(built_site: Path, pdf_path: Path) -> None:
    size = format_size(pdf_path.stat().st_size)
    # The English pages (the Chinese ones link the Chinese PDF: test_languages.py).
    pages = sorted(
        p for p in built_site.rglob("index.html") if not p.is_relative_to(built_site / "zh")
    )
    assert len(pages) >= 8
    for html_file in pages:
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        links = [attrs for attrs, text in parser.links if text.strip() == LINK_TEXT]
        rel = html_file.relative_to(built_site).as_posix()
        assert len(links) == 1, f"{rel}: {len(links)} workbook links"
        href = links[0]["href"]
        assert not href.startswith(("/", "http")), "the link must be relative"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
        assert target == PDF, f"{rel}: {href} points to {target}"
        assert links[0]["type"] == "application/pdf"
        assert parser.size_text == [size], rel


def test_web_print_stylesheet_is_linked(built_site: Path) -> None:
    css = (built_site / layout.PRINT_CSS).read_text(encoding="utf-8")
    assert "@media print" in css
    for html_file in sorted(built_site.rglob("index.html")):
        depth = len(html_file.relative_to(built_site).parts) - 1
        assert f'href="{"../" * depth}{layout.PRINT_CSS}"' in html_file.read_text(
            encoding="utf-8"
        ), html_file
