"""The build-time words (domain ``rebound-site``): the template is current,
every language's catalogue is complete, and the worksheet form takes its
frame from the build's catalogue (English unchanged without one)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from browser_py.core.spec import parse_worksheet
from rebound_mkdocs.runtime import catalogs
from rebound_mkdocs.utilities import site_text
from rebound_mkdocs.worksheets.render import FormRenderer
from tests.helpers import catalogs as catalogs_helper

ROOT = Path(__file__).resolve().parents[3]

#: The worksheet form's English frame (the strings a Chinese page must not show).
FORM_ENGLISH = (
    "Your answers stay in this browser.",
    "Saving and the summary need JavaScript.",
    "Your summary appears here as you fill in the worksheet.",
    ">Your summary<",
    ">Worksheet<",
    "(required)",
    "Application 1",
)

SPEC = {
    "id": "demo",
    "title": "Demo",
    "fields": [
        {"id": "note", "kind": "text", "label": "A note", "required": True},
        {
            "id": "apps",
            "kind": "list",
            "label": "Applications",
            "item_label": "Application",
            "fields": [{"id": "company", "kind": "text", "label": "Company"}],
        },
    ],
}


def test_the_template_is_up_to_date(tmp_path: Path) -> None:
    fresh = catalogs_helper.extract(
        "SITE_PYBABEL_EXTRACT", "plugins/rebound_mkdocs", tmp_path / "rebound-site.pot"
    )
    assert catalogs_helper.messages(fresh) == catalogs_helper.messages(site_text.TEMPLATE), (
        "run `make messages` and commit"
    )
    # The PDF's templates are extracted too (the Jinja extractor is wired).
    ids = {message[1] for message in catalogs_helper.messages(fresh)}
    assert repr("Using this workbook") in ids


@pytest.mark.parametrize("lang", ["zh-Hans"])
def test_every_catalogue_is_complete(lang: str) -> None:
    assert catalogs.problems(site_text.po_path(lang), site_text.TEMPLATE) == []


def _form(lang: str | None, *, pseudo: bool = False) -> str:
    worksheet = parse_worksheet(SPEC)
    return FormRenderer(worksheet, text=site_text.translations(lang, pseudo=pseudo)).render()


def test_english_form_keeps_its_words() -> None:
    html = _form(None)
    assert html == _form("en") == FormRenderer(parse_worksheet(SPEC)).render()
    for english in FORM_ENGLISH:
        assert english in html
    assert "Application {number}</legend>" in html  # the runtime's row template


def test_chinese_form_has_no_english_frame() -> None:
    html = _form("zh-Hans")
    for english in FORM_ENGLISH:
        assert english not in html
    for chinese in ("练习表", "你的小结", "（必填）", "你的回答只保存在这个浏览器中。"):
        assert chinese in html
    # The legend's order agrees with the JS list messages ("已添加第3项投递。").
    assert "第1项Application</legend>" in html
    assert "第{number}项Application</legend>" in html


def test_pseudo_form_wraps_every_word() -> None:
    html = _form(None, pseudo=True)
    for english in FORM_ENGLISH[:-1]:
        assert english not in html
    assert "[!! Ŵóŕķšĥééŧ !!]" in html
    assert "[!! {item_label} {number} !!]" not in html
    assert "[!! Application 1 !!]" in html
    assert "[!! Application {number} !!]" in html


# ---------------------------------------------------------------------------
# The built Chinese edition
# ---------------------------------------------------------------------------

CHINESE_PDF = "zh/downloads/rebound-workbook.zh.pdf"


def _english_words() -> list[str]:
    """Every build-time message that is a whole phrase (no placeholder; a
    capital or a bracket first, so not "workbook", which is also a URL)."""
    with site_text.TEMPLATE.open("rb") as handle:
        catalog = read_po(handle)
    return [
        message.id
        for message in catalog
        if isinstance(message.id, str)
        and len(message.id) > 3
        and "{" not in message.id
        and message.id[0] in "(ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    ]


def test_the_chinese_pages_hold_no_english_frame(built_site: Path) -> None:
    words = _english_words()
    assert "Your summary" in words and "Using this workbook" in words
    pages = sorted((built_site / "zh").glob("**/index.html"))
    assert len(pages) >= 11
    forms = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        forms += html.count('<form class="worksheet"')
        for english in (*words, "Switch to dark mode", "Switch to light mode"):
            assert english not in html, f"{path.relative_to(built_site)}: {english!r}"
        assert not re.search(r'row-legend">[A-Za-z ]+ (\d+|\{number\})<', html), path
    assert forms >= 6


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test"
)
def test_the_chinese_pdf_holds_no_english_frame(built_site: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(built_site / CHINESE_PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "如何使用这本练习册" in text and "第2页，共" in text
    for english in (*_english_words(), "YYYY", "Page 2 of", "Worksheet:"):
        assert english not in text, english
    # The English PDF keeps its words.
    english_text = subprocess.run(
        ["pdftotext", str(built_site / "downloads/rebound-workbook.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for english in ("Using this workbook", "Contents", "Page 2 of", "Tick all that apply."):
        assert english in english_text, english


def test_the_pdf_footer_is_unchanged_in_english_and_translated_in_chinese() -> None:
    from rebound_mkdocs.workbook.plugin import TEMPLATES, page_footer

    css = (TEMPLATES / "workbook.css").read_text(encoding="utf-8")
    assert page_footer(css, site_text.translations(None)) == css
    chinese = page_footer(css, site_text.translations("zh-Hans"))
    assert 'string(book) " \\00B7  第" counter(page) "页，共" counter(pages) "页";' in chinese
    pseudo = page_footer(css, site_text.translations(None, pseudo=True))
    assert '" \\00B7  [!! Þàĝé " counter(page) " óƒ " counter(pages) " !!]";' in pseudo
