"""The manifest and icons the install plugin writes, from the MkDocs-free
module and from the built site."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from PIL import Image

from rebound_mkdocs.install import manifest
from rebound_mkdocs.install.plugin import SOURCE_ICON
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python/name tags read as nothing."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_icons_have_their_sizes_and_only_any_icons_are_rounded() -> None:
    icons = manifest.render_icons(SOURCE_ICON)
    assert set(icons) == {layout.ICON_192, layout.ICON_512, layout.ICON_MASKABLE}
    for path, size, purpose in manifest.ICONS:
        image = Image.open(io.BytesIO(icons[path]))
        assert image.format == "PNG" and image.size == (size, size)
        corner = image.convert("RGBA").getpixel((0, 0))
        # A maskable icon is full-bleed (the platform masks it); an "any" icon
        # has transparent rounded corners.
        assert corner[3] == (255 if purpose == "maskable" else 0), path


def test_the_mark_stays_in_the_maskable_safe_zone() -> None:
    """Outside the central circle of radius 40 %, the maskable icon is only
    its background colour, so no platform mask cuts the mark."""
    image = Image.open(io.BytesIO(manifest.render_icons(SOURCE_ICON)[layout.ICON_MASKABLE]))
    image = image.convert("RGB")
    size = image.size[0]
    background = image.getpixel((0, 0))
    centre = (size - 1) / 2
    for x in range(0, size, 4):
        for y in range(0, size, 4):
            if (x - centre) ** 2 + (y - centre) ** 2 > (0.4 * size) ** 2:
                pixel = image.getpixel((x, y))
                assert max(abs(a - b) for a, b in zip(pixel, background, strict=True)) < 8, (x, y)


@pytest.mark.parametrize(
    ("size", "message"), [((600, 500), "must be square"), ((256, 256), "at least 512 px")]
)
def test_a_bad_source_image_is_refused_with_a_reason(
    tmp_path: Path, size: tuple[int, int], message: str
) -> None:
    source = tmp_path / "icon.png"
    Image.new("RGB", size, "white").save(source)
    with pytest.raises(manifest.IconError, match=message):
        manifest.render_icons(source)
    source.write_text("not a picture")
    with pytest.raises(manifest.IconError, match="not an image"):
        manifest.render_icons(source)


def test_the_manifest_works_under_any_subpath() -> None:
    data = manifest.web_manifest(
        name="Rebound",
        short_name="",
        description="d",
        theme_color="#00796b",
        background_color="#ffffff",
    )
    assert data["short_name"] == "Rebound"  # falls back to the name
    assert data["start_url"] == data["scope"] == data["id"] == "./"
    assert data["display"] == "standalone"
    assert all(not icon["src"].startswith(("/", "http")) for icon in data["icons"])
    assert [icon["purpose"] for icon in data["icons"]] == ["any", "any", "maskable"]
    assert "/" not in layout.WEB_MANIFEST  # at the root, so "./" is the site's root


def test_primary_colour_takes_the_last_rule_that_sets_it() -> None:
    material = "[data-md-color-primary=teal]{--md-primary-fg-color:#009485;--x:1}"
    ours = '[data-md-color-primary="teal"] {\n  --md-primary-fg-color: #00796B;\n}'
    assert manifest.primary_color("teal", [material]) == "#009485"
    assert manifest.primary_color("teal", [material, ours]) == "#00796b"
    assert manifest.primary_color("indigo", [material, ours]) is None


def test_head_tags_go_in_once() -> None:
    tags = manifest.head_tags("/m.webmanifest", "/i.png", "#00796b")
    html = "<html><head><title>x</title></head><body></body></html>"
    once = manifest.add_to_head(html, tags)
    assert once.count('rel="manifest"') == 1 and once.index(tags) < once.index("</head>")
    assert manifest.add_to_head(once, tags) == once
    assert manifest.add_to_head("<p>fragment</p>", tags) == "<p>fragment</p>"


def test_the_built_site_links_a_manifest_in_the_palette_colours(built_site: Path) -> None:
    data = json.loads((built_site / layout.WEB_MANIFEST).read_text(encoding="utf-8"))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _AnyTagLoader)
    palette = config["theme"]["palette"][0]
    assert palette["primary"] == "teal" and palette["scheme"] == "default"
    a11y = (ROOT / "plugins/rebound_mkdocs/security/assets/a11y.css").read_text(encoding="utf-8")
    # The header colour the site shows (a11y.css's contrast fix of Material's teal).
    assert data["theme_color"] == manifest.primary_color("teal", [a11y]) == "#00796b"
    assert data["background_color"] == "#ffffff"
    assert data["name"] == config["site_name"]
    for path, size, _ in manifest.ICONS:
        assert Image.open(built_site / path).size == (size, size)
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('<link rel="manifest" href="/manifest.webmanifest">') == 1, page
        assert '<meta name="theme-color" content="#00796b">' in html, page
