"""Options of the ``rebound-install`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class InstallConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.install.plugin.InstallPlugin`."""

    enabled = opt.Type(bool, default=True)
    """Write the manifest and icons, and link the manifest from every page."""

    short_name = opt.Type(str, default="")
    """The name under an installed icon; the site's name when empty."""

    icon = opt.Optional(opt.File(exists=True))
    """The one source image (a square PNG, at least 512 px) every icon is
    made from. The plugin's own ``assets/icon.png`` when not set."""
