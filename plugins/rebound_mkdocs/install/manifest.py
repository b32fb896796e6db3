"""The web app manifest and its icons, free of MkDocs so they unit-test alone.

The manifest (``manifest.webmanifest`` at the site root, see
:data:`rebound_mkdocs.utilities.layout.WEB_MANIFEST`) is JSON::

    {
      "id": "./", "start_url": "./", "scope": "./",
      "name": SITE NAME, "short_name": SHORT NAME, "description": ...,
      "lang": "en", "dir": "ltr", "display": "standalone",
      "theme_color": "#RRGGBB", "background_color": "#RRGGBB",
      "icons": [
        {"src": "assets/rebound/icons/icon-192.png", "sizes": "192x192",
         "type": "image/png", "purpose": "any"},
        {"src": ".../icon-512.png", "sizes": "512x512", ... "purpose": "any"},
        {"src": ".../icon-maskable-512.png", "sizes": "512x512", ... "purpose": "maskable"}
      ]
    }

Every URL in it is relative, and a manifest's URLs resolve against the
manifest's own URL: since the manifest sits at the site root, ``./`` is the
site root wherever the site is deployed (``/`` or ``/rebound/``), with no
build option to get wrong.

The icons are made at build time from one square source image with Pillow.
The source is drawn full-bleed with its mark inside the central circle of
radius 40 % (the maskable "safe zone", which any mask a platform applies keeps),
so the maskable icon is the source scaled; the "any" icons get rounded corners,
as an icon shown unmasked looks best that way.

The colours follow the theme: the palette's primary colour as the site shows
it (``theme_color``, the colour of the header) and its page background
(``background_color``, shown behind the splash screen).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from PIL import Image, ImageDraw

from rebound_mkdocs.utilities import layout

#: Icon sizes and purposes, and where each goes in the site.
ICONS: tuple[tuple[str, int, str], ...] = (
    (layout.ICON_192, 192, "any"),
    (layout.ICON_512, 512, "any"),
    (layout.ICON_MASKABLE, 512, "maskable"),
)

#: Smallest source that scales down to every icon without upscaling.
MIN_SOURCE = max(size for _, size, _ in ICONS)

#: Material's page background for each colour scheme (its
#: ``--md-default-bg-color``): white, and "slate" (hsl 232° 15% 14%).
SCHEME_BACKGROUNDS = {"default": "#ffffff", "slate": "#1e2029"}

#: The rounding of an "any" icon's corners, as a share of its size.
CORNER = 0.18


class IconError(ValueError):
    """The source image cannot make the icons; the message says why."""


def render_icons(source: Path) -> dict[str, bytes]:
    """Every icon in :data:`ICONS` as PNG bytes, by site path."""
    try:
        with Image.open(source) as opened:
            image = opened.convert("RGBA")
    except (OSError, ValueError) as error:
        raise IconError(f"{source}: not an image Pillow can read ({error})") from None
    width, height = image.size
    if width != height:
        raise IconError(f"{source}: the icon source must be square, not {width}x{height} px")
    if width < MIN_SOURCE:
        raise IconError(f"{source}: the icon source must be at least {MIN_SOURCE} px wide")
    icons = {}
    for path, size, purpose in ICONS:
        icon = image.resize((size, size), Image.Resampling.LANCZOS)
        if purpose == "any":
            icon.putalpha(_rounded_mask(size))
        icons[path] = _png(icon)
    return icons


def _rounded_mask(size: int) -> Image.Image:
    # Drawn at 4x and scaled down, so the corners are smooth.
    big = Image.new("L", (size * 4, size * 4), 0)
    ImageDraw.Draw(big).rounded_rectangle(
        (0, 0, size * 4 - 1, size * 4 - 1), radius=round(size * 4 * CORNER), fill=255
    )
    return big.resize((size, size), Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def web_manifest(
    *,
    name: str,
    short_name: str,
    description: str,
    theme_color: str,
    background_color: str,
    lang: str = "en",
) -> dict:
    """The manifest's content (see the module docstring)."""
    return {
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "name": name,
        "short_name": short_name or name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
        "icons": [
            {
                # Site paths are URLs relative to the manifest, at the site root.
                "src": path,
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for path, size, purpose in ICONS
        ],
    }


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def primary_color(name: str, stylesheets: list[str]) -> str | None:
    """The ``--md-primary-fg-color`` that ``stylesheets`` give the palette
    colour ``name`` (``[data-md-color-primary="teal"]``), the last one winning
    as in the browser; None when none sets it."""
    rule = re.compile(
        r'\[data-md-color-primary=["\']?' + re.escape(name) + r'["\']?\]\s*\{([^}]*)\}'
    )
    found = None
    for css in stylesheets:
        for block in rule.findall(css):
            colour = re.search(r"--md-primary-fg-color\s*:\s*(#[0-9a-fA-F]{6})\b", block)
            if colour:
                found = colour.group(1).lower()
    return found


def head_tags(manifest_url: str, icon_url: str, theme_color: str) -> str:
    """What every page's ``<head>`` gets: the manifest link, the browser's
    toolbar colour and the icon iOS uses for "Add to Home Screen"."""
    return (
        f'<link rel="manifest" href="{manifest_url}">'
        f'<meta name="theme-color" content="{theme_color}">'
        f'<link rel="apple-touch-icon" href="{icon_url}">'
    )


def add_to_head(html: str, tags: str) -> str:
    """``html`` with ``tags`` at the end of its ``<head>`` (unchanged when it
    has no ``</head>`` or already links a manifest)."""
    if 'rel="manifest"' in html:
        return html
    at = html.find("</head>")
    return html if at < 0 else html[:at] + tags + html[at:]
