"""The build id (``rebound_mkdocs.offline.build_id``): one id per deploy,
in every page and in ``layout.js``, from content alone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from rebound_mkdocs.offline import build_id
from rebound_mkdocs.utilities import layout

META = re.compile(r'<meta name="rebound-build" content="([0-9a-f]*)">')
LAYOUT_BUILD = re.compile(r'^export const build = "([0-9a-f]*)";$', re.MULTILINE)


def small_site(root: Path) -> Path:
    """A site with two pages, a fragment, a script and the layout module."""
    (root / "step").mkdir(parents=True)
    (root / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>Home</title></head>'
        "<body>home</body></html>"
    )
    (root / "step" / "index.html").write_text(
        "<!doctype html><html><head><title>Step</title></head><body>step</body></html>"
    )
    (root / "fragment.html").write_text("<p>no head here</p>")
    script = root / layout.PAGE_DIR / "worksheets.js"
    script.parent.mkdir(parents=True)
    script.write_text("export const one = 1;\n")
    (root / layout.LAYOUT_SCRIPT).write_text(layout.layout_module(layout.browser_layout()))
    return root


def stamps(site: Path) -> tuple[dict[str, list[str]], str]:
    pages = {
        path.relative_to(site).as_posix(): META.findall(path.read_text())
        for path in sorted(site.rglob("*.html"))
    }
    (script,) = LAYOUT_BUILD.findall((site / layout.LAYOUT_SCRIPT).read_text())
    return pages, script


def test_every_page_and_the_layout_module_carry_one_id(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert stamps(site)[1] == ""  # the runtime plugin writes it empty
    build = build_id.stamp(site)
    assert re.fullmatch(r"[0-9a-f]{16}", build)
    pages, script = stamps(site)
    assert script == build
    assert pages == {"fragment.html": [], "index.html": [build], "step/index.html": [build]}
    # The charset declaration stays first in <head>.
    assert (
        (site / "index.html")
        .read_text()
        .startswith('<!doctype html><html><head><meta charset="utf-8">')
    )


def test_the_id_comes_from_the_scripts_content_not_from_when_or_where(tmp_path: Path) -> None:
    one = small_site(tmp_path / "one")
    two = small_site(tmp_path / "two")
    first = build_id.stamp(one)
    assert build_id.stamp(two) == first  # same files elsewhere, later: same id
    assert build_id.stamp(one) == first  # stamping again changes nothing
    assert stamps(one)[0]["index.html"] == [first]
    # A page's text does not count; a script's byte does.
    (two / "step" / "index.html").write_text(
        "<!doctype html><html><head><title>Other</title></head><body>new</body></html>"
    )
    assert build_id.stamp(two) == first
    (two / layout.PAGE_DIR / "worksheets.js").write_text("export const one = 2;\n")
    second = build_id.stamp(two)
    assert second != first
    pages, script = stamps(two)
    assert script == second
    assert pages["step/index.html"] == [second] and pages["index.html"] == [second]


def test_a_layout_module_without_a_build_line_is_refused(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    (site / layout.LAYOUT_SCRIPT).write_text("export const layout = {};\n")
    with pytest.raises(ValueError, match="no build line"):
        build_id.stamp(site)


def test_the_built_site_is_stamped_before_the_service_worker_hashes_it(
    built_site: Path, tmp_path: Path
) -> None:
    pages, script = stamps(built_site)
    assert script
    assert len(pages) >= 10
    for name, found in pages.items():
        assert found == [script], name
    # The id is what the site's files give (a rebuild gives the same).
    copy = shutil.copytree(built_site, tmp_path / "copy")
    assert build_id.compute(copy) == script
    # sw.js checks the stamped bytes (a page stamped after it would never pass).
    first_line = (built_site / layout.SERVICE_WORKER).read_text().splitlines()[0]
    expected = json.loads(first_line.removeprefix("const REBOUND = ").removesuffix(";"))
    page = built_site / "ask-for-feedback" / "index.html"
    assert expected["expected"]["ask-for-feedback/"]["size"] == page.stat().st_size
