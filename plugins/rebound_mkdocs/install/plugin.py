"""The ``rebound-install`` MkDocs plugin: makes the site installable.

It adds the web app manifest and its icons to the site as generated files
(so the service worker's precache list and ``mkdocs serve`` both see them),
and links the manifest from every page. The work is done by :mod:`.manifest`.

The manifest is linked by its absolute path under ``site_url`` rather than a
relative one: Material's instant navigation changes the page's URL without
reloading ``<head>``, and a relative link would then point elsewhere.
"""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from rebound_mkdocs.utilities import build_cache, editions, layout

from . import manifest
from .config import InstallConfig

log = logging.getLogger("mkdocs.plugins.rebound.install")

SOURCE_ICON = Path(__file__).parent / "assets" / "icon.png"
A11Y_SOURCE = Path(__file__).parents[1] / "security" / "assets" / "a11y.css"


class InstallPlugin(BasePlugin[InstallConfig]):
    """Write ``manifest.webmanifest`` and the icons; link them from every page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.tags = ""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        theme_color, background = self._colours(config)
        source = Path(self.config.icon) if self.config.icon else SOURCE_ICON
        try:
            icons = _icons(source)
        except manifest.IconError as error:
            raise PluginError(f"rebound-install: {error}") from None
        content = manifest.manifest_text(
            manifest.web_manifest(
                name=config.site_name,
                short_name=self.config.short_name,
                description=config.site_description or "",
                theme_color=theme_color,
                background_color=background,
                lang=config.theme.get("language") or "en",
            )
        )
        generated = {layout.WEB_MANIFEST: content, **icons}
        # Another language's pages link the site root's manifest: one
        # installed app for every language.
        if not editions.ships_shared(config):
            generated = {}
        for path, data in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"rebound-install: {config.docs_dir}/{path} clashes with a file the "
                    "plugin writes; rename it"
                )
            files.append(File.generated(config, path, content=data))
        base = editions.site_base(config.site_url or "", editions.of(config))
        self.tags = manifest.head_tags(
            # iOS masks home-screen icons itself and fills transparency with
            # black, so it gets the full-bleed (maskable) icon.
            base + layout.WEB_MANIFEST,
            base + layout.ICON_MASKABLE,
            theme_color,
        )
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        return manifest.add_to_head(output, self.tags)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        return manifest.add_to_head(output_content, self.tags)

    @staticmethod
    def _colours(config: MkDocsConfig) -> tuple[str, str]:
        """The theme colour and background of the first palette, as the site shows them."""
        palette = config.theme.get("palette") or {}
        first = palette[0] if isinstance(palette, list) and palette else palette
        primary = str(first.get("primary") or "indigo").replace(" ", "-")
        scheme = str(first.get("scheme") or "default")
        stylesheets = [
            path.read_text(encoding="utf-8")
            for folder in config.theme.dirs
            for path in sorted(Path(folder).glob("assets/stylesheets/palette*.css"))
        ]
        # The security plugin's fixes win (another language links the root's copy).
        if editions.shared_root(config) + layout.A11Y_CSS in config.extra_css:
            stylesheets.append(A11Y_SOURCE.read_text(encoding="utf-8"))
        colour = manifest.primary_color(primary, stylesheets)
        if colour is None:
            raise PluginError(
                f"rebound-install: no colour found for the palette's primary {primary!r}"
            )
        return colour, manifest.SCHEME_BACKGROUNDS.get(scheme, "#ffffff")


#: Scaling the icons with Pillow was most of a build's extra time; they
#: depend only on the source image, on manifest.py and on Pillow's version.
_ICONS = build_cache.ContentCache("icons", keep=8)


def _icons(source: Path) -> dict[str, bytes]:
    """:func:`manifest.render_icons`, cached by its inputs."""
    from PIL import __version__ as pillow

    try:
        data = source.read_bytes()
    except OSError:
        return manifest.render_icons(source)  # which says what is wrong
    key = build_cache.content_key(data, Path(manifest.__file__).read_bytes(), pillow)
    cached = _ICONS.get(key)
    if cached is not None:
        try:
            return {path: base64.b64decode(png) for path, png in json.loads(cached).items()}
        except (ValueError, AttributeError, TypeError):
            pass  # damaged: made again
    icons = manifest.render_icons(source)
    text = json.dumps({path: base64.b64encode(png).decode("ascii") for path, png in icons.items()})
    _ICONS.put(key, text.encode())
    return icons
