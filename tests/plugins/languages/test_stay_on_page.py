"""Material's "stay on page" switch is turned off in its bundle (stay_on_page.py),
and an edition's pages keep Material's settings under the site root's scope."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest

from rebound_mkdocs.languages import stay_on_page
from rebound_mkdocs.utilities.editions import Edition, storage_scope

BUNDLES = sorted(
    (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob(
        "bundle.*.min.js"
    )
)
CHINESE = Edition(lang="zh-Hans", name="简体中文", path="zh/", config="mkdocs.zh.yml", docs_dir="c")
ENGLISH = Edition(lang="en", name="English", path="", config="mkdocs.yml", docs_dir="content")


def test_the_installed_material_has_the_call_we_rewrite() -> None:
    assert len(BUNDLES) == 1, BUNDLES
    assert stay_on_page.BUNDLE.match("assets/javascripts/" + BUNDLES[0].name)
    source = BUNDLES[0].read_text(encoding="utf-8")
    quiet = stay_on_page.quiet(source)
    assert stay_on_page.HOOK not in quiet
    assert quiet.count(stay_on_page.QUIET) == 1
    # Only that call changes: Material's sitemap reader and the rest stay.
    assert quiet.replace(stay_on_page.QUIET, stay_on_page.HOOK) == source
    assert 'new URL("sitemap.xml"' in quiet


def test_the_rewrite_keeps_every_position_so_the_source_map_holds() -> None:
    source = BUNDLES[0].read_text(encoding="utf-8")
    quiet = stay_on_page.quiet(source)
    # A source map names positions by line and column: none may move.
    assert len(stay_on_page.QUIET) == len(stay_on_page.HOOK)
    assert len(quiet) == len(source)
    assert [len(line) for line in quiet.splitlines()] == [len(line) for line in source.splitlines()]
    changed = [i for i, (a, b) in enumerate(zip(source, quiet, strict=True)) if a != b]
    start = source.index(stay_on_page.HOOK)
    assert changed and start <= changed[0] and changed[-1] < start + len(stay_on_page.HOOK)


@pytest.mark.parametrize("copies", [0, 2])
def test_a_bundle_without_exactly_one_call_fails_with_a_sentence(copies: int) -> None:
    with pytest.raises(stay_on_page.BundleChanged, match=f"has {copies} copies"):
        stay_on_page.quiet("let a=1;" + stay_on_page.HOOK * copies, "bundle.x.min.js")


def test_the_built_bundles_probe_no_alternate(built_site: Path) -> None:
    bundles = sorted(built_site.glob("**/assets/javascripts/bundle.*.min.js"))
    assert [b.parent.parent.parent.relative_to(built_site).as_posix() for b in bundles] == [
        ".",
        "zh",
    ]
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        assert stay_on_page.HOOK not in text and stay_on_page.QUIET in text, bundle


@pytest.mark.parametrize(
    ("base_url", "scope"), [("..", "../.."), (".", ".."), ("../..", "../../.."), ("", "..")]
)
def test_an_edition_page_scopes_its_settings_to_the_site_root(base_url: str, scope: str) -> None:
    assert storage_scope(base_url, CHINESE) == scope
    assert storage_scope(base_url, ENGLISH) == (base_url or ".")


def test_every_page_of_both_languages_shares_one_scope(built_site: Path) -> None:
    scope = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')
    found = {}
    for html in built_site.glob("**/index.html"):
        page = html.parent.relative_to(built_site).as_posix()
        url = "http://h/" + ("" if page == "." else page + "/")
        match = scope.search(html.read_text(encoding="utf-8"))
        if match:
            found[page] = urljoin(url, match.group(1))
    assert "zh/feel-it" in found and "feel-it" in found
    assert set(found.values()) == {"http://h/"}, found
