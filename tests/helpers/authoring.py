"""Helpers for tests that build small MkDocs projects the way an author would."""

from __future__ import annotations

import textwrap
from pathlib import Path

#: The Markdown extensions of the real site, so containers nest the same way.
MKDOCS_YML = """\
site_name: Test
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - rebound-worksheets
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""

MARK = "# <- HERE"


def make_project(root: Path, pages: dict[str, str], config: str = MKDOCS_YML) -> Path:
    """Write ``mkdocs.yml`` and ``content/<name>`` pages; return the config path."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def marked_line(path: Path) -> int:
    """1-based number of the line carrying the ``# <- HERE`` marker: where the
    author's mistake is, so the expected line is never typed by hand."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, 1) if MARK in line]
    assert len(hits) == 1, f"{path} must mark exactly one line"
    return hits[0]
