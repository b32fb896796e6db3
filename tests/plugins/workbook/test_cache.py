"""The workbook's cache and options, on a small MkDocs project of its own: an
unchanged build reuses the PDF, a changed spec rebuilds it, a page without a
worksheet does not matter, and ``cache: false`` / ``paper_size: letter`` do
what they say. Also: laying out the PDF never reaches the network."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from rebound_mkdocs.utilities import layout
from rebound_mkdocs.workbook.pdf import WorkbookPdfError, render_pdf
from tests.helpers.build import mkdocs_build

CONFIG = """\
site_name: Cache test
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - rebound-worksheets
  - rebound-workbook:
      cache_dir: .cache/wb
      list_rows: 2
{extra}
nav:
  - Home: index.md
  - Step: step.md
"""

STEP = """\
# A step

Some text for the step.

```worksheet
id: mini
title: Mini sheet
fields:
  - id: name
    label: {label}
    kind: text
  - id: mood
    label: Mood
    kind: scale
    min: 1
    max: 3
    min_label: Low
    max_label: High
  - id: items
    label: Items
    kind: list
    fields:
      - {{id: what, label: What, kind: text}}
```
"""

BUILT = re.compile(r"Workbook PDF built in [\d.]+ s \([\d.]+ s CPU\)")
REUSED = re.compile(r"Workbook PDF reused from cache in [\d.]+ s \([\d.]+ s CPU\)")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (tmp_path / "docs/step.md").write_text(STEP.format(label="Your name"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(extra=""), encoding="utf-8")
    return tmp_path


def _build(project: Path, site: str = "site") -> tuple[str, bytes]:
    result = mkdocs_build(project / "mkdocs.yml", project / site)
    assert result.returncode == 0, result.stderr
    return result.stderr, (project / site / layout.WORKBOOK_PDF).read_bytes()


def test_cache_reuses_and_rebuilds(project: Path) -> None:
    log, first = _build(project)
    assert BUILT.search(log) and not REUSED.search(log)
    assert len(list((project / ".cache/wb").glob("*.pdf"))) == 1

    log, second = _build(project)
    assert REUSED.search(log) and not BUILT.search(log)
    assert second == first

    # A page without a worksheet is not in the PDF: still a hit.
    (project / "docs/index.md").write_text("# Home\n\nWelcome back.\n", encoding="utf-8")
    log, third = _build(project)
    assert REUSED.search(log)
    assert third == first

    # A changed label changes the PDF: a miss, and the new label is in it.
    (project / "docs/step.md").write_text(STEP.format(label="Full name"), encoding="utf-8")
    log, fourth = _build(project)
    assert BUILT.search(log) and not REUSED.search(log)
    fields = PdfReader(project / "site" / layout.WORKBOOK_PDF).get_fields() or {}
    assert fields["mini.name"]["/TU"] == "Full name"
    assert set(fields) == {"mini.name", "mini.mood", "mini.items.0.what", "mini.items.1.what"}
    assert fourth != first


def test_cache_off_and_letter_paper(project: Path) -> None:
    extra = "      cache: false\n      paper_size: letter"
    (project / "mkdocs.yml").write_text(CONFIG.format(extra=extra), encoding="utf-8")
    for _ in range(2):
        log, _ = _build(project)
        assert BUILT.search(log) and not REUSED.search(log)
    assert not (project / ".cache/wb").exists()
    box = PdfReader(project / "site" / layout.WORKBOOK_PDF).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_bad_option_fails_the_build(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        CONFIG.format(extra="      paper_size: a3"), encoding="utf-8"
    )
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode != 0
    assert "paper_size" in result.stderr


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def trap() -> Iterator[str]:
    """A local server that records every request made to it."""
    _Counter.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_layout_never_fetches(trap: str) -> None:
    html = (
        f'<html lang="en"><title>t</title><link rel="stylesheet" href="{trap}/a.css">'
        f'<body><img src="{trap}/b.png" alt="b"><p>x</p>'
        f'<input type="text" name="a.b" title="A">'
        f'<p style="background: url({trap}/c.png)">y</p></body></html>'
    )
    data = render_pdf(
        html,
        [f"@import url({trap}/d.css); p {{ color: black }}"],
        paper_size="a4",
        base_url=f"{trap}/",
    )
    assert data.startswith(b"%PDF-")
    assert _Counter.hits == []


def test_unlabelled_field_is_refused() -> None:
    html = '<html lang="en"><title>t</title><body><input type="text" name="a.b"></body></html>'
    with pytest.raises(WorkbookPdfError, match="no tooltip"):
        render_pdf(html, [], paper_size="a4", base_url="file:///tmp/")


def test_split_radio_group_is_refused() -> None:
    """A radio group across two pages would become two fields with one name."""
    radios = (
        '<input type="radio" name="w.g" value="{v}" title="G"><div style="break-after: page"></div>'
    )
    html = (
        '<html lang="en"><title>t</title><body>'
        + radios.format(v=1)
        + radios.format(v=2)
        + "</body></html>"
    )
    with pytest.raises(WorkbookPdfError, match="appears twice"):
        render_pdf(html, [], paper_size="a4", base_url="file:///tmp/")
