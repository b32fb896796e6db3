"""The real worksheets, read from the site's own pages, for every suite.

The pages are those ``mkdocs.yml``'s nav lists, in nav order: the reader's
order, in which the build numbers the worksheets (``step``) in its manifest.
The worksheet fences in them are found by the worksheets plugin's own fence
finder and compiled as the plugin compiles them. So a test reads exactly what
the site ships, and a worksheet added to a page in the nav is seen here with no
list of pages to update.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from browser_py.core.spec import Worksheet
from rebound_mkdocs.worksheets.blocks import find_worksheet_fences
from rebound_mkdocs.worksheets.compile import compile_fence
from tests.helpers.build import ROOT


@dataclass(frozen=True)
class RealWorksheet:
    """One worksheet of the site, as the build's ``worksheets.json`` lists it."""

    step: int
    #: The page's URL, relative to the site's root: ``feel-it/``.
    page: str
    #: The page's title in the nav: ``1. Feel it``.
    page_title: str
    worksheet: Worksheet

    @property
    def slug(self) -> str:
        """The page's path without its slashes: ``feel-it``."""
        return self.page.strip("/")


def _page_url(src: str) -> str:
    """The URL MkDocs gives a page (``use_directory_urls``): ``a/b.md`` -> ``a/b/``."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _nav_entries(nav: Any) -> list[tuple[str | None, str]]:
    """``(title, src)`` for every Markdown page of a nav, in order."""
    found: list[tuple[str | None, str]] = []
    for item in nav:
        if isinstance(item, str):
            title, target = None, item
        else:
            ((title, target),) = item.items()
        if isinstance(target, list):
            found += _nav_entries(target)
        elif target.endswith(".md"):
            found.append((title, target))
    return found


@functools.cache
def _config() -> dict[str, Any]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        return yaml_load(stream)


def docs_dir() -> Path:
    """The site's Markdown pages (``content/``)."""
    return ROOT / _config().get("docs_dir", "docs")


@functools.cache
def nav_pages() -> tuple[tuple[str, str], ...]:
    """``(title, src)`` of the pages ``mkdocs.yml``'s nav lists, in nav order."""
    docs = docs_dir()
    pages = []
    for title, src in _nav_entries(_config()["nav"]):
        if title is None:
            # Without a nav title, MkDocs shows the page's first heading.
            lines = (docs / src).read_text(encoding="utf-8").splitlines()
            title = next(line[2:].strip() for line in lines if line.startswith("# "))
        pages.append((title, src))
    return tuple(pages)


@functools.cache
def real_worksheets() -> tuple[RealWorksheet, ...]:
    """Every worksheet of the site, in nav order, numbered as the build numbers them."""
    docs = docs_dir()
    found: list[RealWorksheet] = []
    for title, src in nav_pages():
        for fence in find_worksheet_fences((docs / src).read_text(encoding="utf-8")):
            worksheet, _ = compile_fence(fence.body)
            found.append(RealWorksheet(len(found) + 1, _page_url(src), title, worksheet))
    return tuple(found)


@functools.cache
def real_specs() -> dict[str, Worksheet]:
    """``{id: Worksheet}`` for every worksheet of the site, in nav order."""
    return {real.worksheet.id: real.worksheet for real in real_worksheets()}


@functools.cache
def pages_by_worksheet() -> dict[str, str]:
    """``{worksheet id: its page's slug}`` (``feel-it``), in nav order."""
    return {real.worksheet.id: real.slug for real in real_worksheets()}


@functools.cache
def real_index() -> dict:
    """The ``worksheets.json`` manifest (schema 2) the build writes for these pages."""
    return {
        "schema": 2,
        "worksheets": [
            {
                "step": real.step,
                "page": real.page,
                "page_title": real.page_title,
                "spec": real.worksheet.to_dict(),
            }
            for real in real_worksheets()
        ],
    }


def envelope(worksheet: str, values: dict, saved_at: str = "2026-11-20T18:00:00.000Z") -> dict:
    return {"schema": 1, "worksheet": worksheet, "saved_at": saved_at, "values": values}


def envelope_v2(
    worksheet: str,
    values: dict,
    round_id: str | None = "r0",
    saved_at: str = "2026-11-20T18:00:00.000Z",
) -> dict:
    """A saved-data schema 2 envelope (``round_id`` None: search-scoped)."""
    return {
        "schema": 2,
        "worksheet": worksheet,
        "round": round_id,
        "saved_at": saved_at,
        "values": values,
    }
