"""The Chinese edition's one spacing style (the #14 plan's style rule): no
space between Chinese characters and Latin letters, digits or a
placeholder ("练习册PDF", "第3轮", "第{number}步"), in every place the
reader's Chinese comes from: the pages, ``mkdocs.zh.yml``, the Python and
build-time catalogues, and the page's messages modules. A space inside
Latin text stays ("{size} MB", "ISO 8601")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.helpers.build import ROOT

CJK = "\u4e00-\u9fff"
#: A space between a Chinese character and a letter, digit or placeholder.
SPACED = re.compile(rf"[{CJK}] +[A-Za-z0-9{{$%.]|[A-Za-z0-9}}%] +[{CJK}]")

PLUGINS = ROOT / "plugins" / "rebound_mkdocs"
CATALOGUES = [
    ROOT / "browser_py" / "locale" / "zh_Hans" / "LC_MESSAGES" / "rebound.po",
    PLUGINS / "locale" / "zh_Hans" / "LC_MESSAGES" / "rebound-site.po",
]
TEXTS = [
    *sorted((ROOT / "content" / "zh").glob("*.md")),
    ROOT / "mkdocs.zh.yml",
    PLUGINS / "runtime" / "assets" / "page" / "messages.zh-Hans.js",
    PLUGINS / "workbook" / "assets" / "workbook-messages.zh-Hans.js",
]


#: Not words: Markdown's attribute lists (``{ #step-1 }``), code spans and
#: link targets.
NOT_WORDS = re.compile(r"\{\s*[#.:][^}]*\}|`[^`]*`|\]\([^)]*\)")


def _spaced(text: str) -> list[str]:
    return [match.group(0) for match in SPACED.finditer(NOT_WORDS.sub("\x00", text))]


def test_the_pattern_finds_both_sides() -> None:
    assert _spaced("练习册 PDF 已加密，第 {number} 轮") == ["册 P", "F 已", "第 {", "} 轮"]
    assert _spaced("练习册PDF已加密，第{number}轮，{size} MB") == []
    assert _spaced("# 第1步：请求反馈 { #step-1 }") == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.name)
def test_the_catalogues_put_no_space_beside_chinese(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if _spaced(string or ""):
                found.append(f"{message.id!r}: {string!r}")
    assert found == []


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_pages_and_scripts_put_no_space_beside_chinese(path: Path) -> None:
    found = [
        f"{path.name}:{number}: {line.strip()[:80]}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _spaced(line)
    ]
    assert found == []
