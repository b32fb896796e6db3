"""Options of the ``rebound-languages`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class LanguageConfig(Config):
    """One language of the site."""

    lang = opt.Type(str)
    """Its BCP 47 tag, as pages carry it: ``en``, ``zh-Hans``."""

    name = opt.Type(str)
    """Its name in the language selector, in that language: ``简体中文``."""

    path = opt.Type(str, default="")
    """Its folder in the site: ``""`` for the first (primary) language,
    built at the site root; ``zh/`` for the Chinese edition."""

    config = opt.Type(str)
    """Its MkDocs configuration file, relative to the primary ``mkdocs.yml``
    (the primary's own file for the first language)."""


class LanguagesConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.languages.plugin.LanguagesPlugin`."""

    languages = opt.ListOfItems(opt.SubConfig(LanguageConfig), default=[])
    """Every language of the site, the primary one first."""

    build = opt.Type(str, default="")
    """The ``lang`` of the language this configuration builds; the first
    one when empty. An edition's configuration file sets it."""
