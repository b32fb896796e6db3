"""The Chinese workbook (zh/downloads/rebound-workbook.zh.pdf): set in Noto
Sans CJK SC, embedded as a subset, every character covered by a font, and
the same form fields as the English workbook, so the filled PDF made in the
browser fills either."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from rebound_mkdocs.utilities import layout
from rebound_mkdocs.workbook import pdf

CHINESE_PDF = "zh/downloads/rebound-workbook.zh.pdf"


def fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: name, embedded and subset per font."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name ... emb sub uni object ID: the flags are the 5th to 3rd from the end.
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


@pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils is installed by make test"
)
def test_the_chinese_pdf_embeds_a_subset_of_noto_sans_cjk_sc(built_site: Path) -> None:
    found = fonts(built_site / CHINESE_PDF)
    cjk = [row for row in found if "Noto-Sans-CJK-SC" in row["name"]]
    assert cjk, found
    assert all(row["emb"] == "yes" and row["sub"] == "yes" for row in found), found
    # A subset: the whole Noto Sans CJK font is some 16 MB per weight.
    assert (built_site / CHINESE_PDF).stat().st_size < 4_000_000


def values(field) -> list[str]:
    """A field's export values (a drop-down's ``[value, words]`` pairs cut to the value)."""
    return [str(o[0]) if isinstance(o, list) else str(o) for o in field.get("/Opt") or []]


def test_the_chinese_pdf_has_the_english_pdfs_fields(built_site: Path) -> None:
    english = PdfReader(built_site / layout.WORKBOOK_PDF).get_fields() or {}
    chinese = PdfReader(built_site / CHINESE_PDF).get_fields() or {}
    assert len(english) > 50
    assert sorted(chinese) == sorted(english)
    for name, field in english.items():
        assert chinese[name].get("/FT") == field.get("/FT"), name
        # Export values are the same; a drop-down's shown words are translated.
        assert values(chinese[name]) == values(field), name
    # Its text is Chinese, and is text (not drawn shapes).
    text = "".join(page.extract_text() for page in PdfReader(built_site / CHINESE_PDF).pages[:3])
    assert "面试被拒" in text


def test_a_character_no_font_has_fails_the_pdf() -> None:
    html = '<!DOCTYPE html><html lang="en"><body><p>A \u0378 B</p></body></html>'
    with pytest.raises(pdf.WorkbookPdfError, match=r"\.notdef.*fonts-noto-cjk"):
        pdf.render_pdf(html, [], paper_size="a4", base_url="file:///")


def test_chinese_text_alone_renders_with_every_glyph() -> None:
    html = '<!DOCTYPE html><html lang="zh-Hans"><body><p>被拒不等于失败。“练习册”</p></body></html>'
    css = (Path(pdf.__file__).parent / "templates" / "workbook.css").read_text(encoding="utf-8")
    data = pdf.render_pdf(html, [css], paper_size="a4", base_url="file:///")
    assert data.startswith(b"%PDF-")
