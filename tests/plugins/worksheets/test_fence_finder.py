"""The fence finder's quick check never hides a worksheet that the full parse finds."""

from __future__ import annotations

import pytest

from rebound_mkdocs.worksheets import blocks
from tests.helpers.build import ROOT

TRICKY = [
    "```worksheet\nid: a\n```\n",
    "~~~~ worksheet {.wide}\nid: a\n~~~~\n",
    "!!! note\n\n    ```worksheet\n    id: a\n    ```\n",
    '=== "Tab"\n\n    ```\tworksheet\n    id: a\n    ```\n',
    "- item\n\n    ```worksheet\n    id: a\n    ```\n",
    "> ```worksheet\n> id: a\n> ```\n",
    "```worksheet",  # never closed
    "```worksheets\nid: a\n```\n",
    "```yaml\nworksheet: a\n```\n",
    "Prose about a worksheet, and `worksheet` in code.\n",
]


def full_parse(markdown: str) -> list[blocks.FenceBlock]:
    """The finder without its quick check."""
    original = blocks._MAYBE_FENCE
    try:
        blocks._MAYBE_FENCE = type("Always", (), {"search": staticmethod(lambda _: True)})()
        return blocks.find_worksheet_fences(markdown)
    finally:
        blocks._MAYBE_FENCE = original


@pytest.mark.parametrize(
    "markdown",
    TRICKY + [page.read_text(encoding="utf-8") for page in sorted((ROOT / "content").glob("*.md"))],
)
def test_the_quick_check_agrees_with_the_full_parse(markdown: str) -> None:
    assert blocks.find_worksheet_fences(markdown) == full_parse(markdown)


def test_pages_without_a_fence_are_not_parsed() -> None:
    assert not blocks._MAYBE_FENCE.search((ROOT / "content" / "privacy.md").read_text())
    assert blocks._MAYBE_FENCE.search((ROOT / "content" / "feel-it.md").read_text())


def test_the_tricky_cases_include_real_worksheets() -> None:
    found = [bool(full_parse(markdown)) for markdown in TRICKY]
    assert sum(found) >= 5, found
