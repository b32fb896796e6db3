"""The ``rebound-languages`` MkDocs plugin: one site, several languages.

Each language is its own MkDocs project, as Material advises ("one project in
a subfolder per language"): ``mkdocs.yml`` builds the English guide at the
site root, and ``mkdocs.zh.yml`` (``INHERIT: mkdocs.yml``, ``docs_dir:
content/zh``, its own ``nav`` and ``theme.language``) the Chinese one into
``zh/``. :mod:`rebound_mkdocs.utilities.editions` says what they share and why.

The primary build drives the others, so ``mkdocs build`` and ``mkdocs serve``
build the whole site:

* ``on_config`` loads each edition's configuration (fresh plugin instances:
  no plugin state is shared between languages), with the primary's
  ``site_dir`` + the edition's folder, ``site_url`` + the folder, and
  ``strict``;
* ``on_files`` leaves the editions' Markdown (``content/zh/``) out of the
  primary build;
* ``on_post_build`` (priority -80: after the plugins that write files into the
  site, before ``rebound-security`` lists every page's policy in
  ``_headers`` and ``rebound-offline`` inventories the site for the service
  worker) builds each edition into its folder.

In every build, each page gets Material's language selector and ``<link
rel="alternate" hreflang>`` (``extra.alternate``) pointing at the same page in
every language (its source file of the same name), or at that language's
home page when it lacks one; ``tests/content/test_translations.py`` fails
when any page lacks one.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from ..utilities import editions
from ..utilities.editions import Edition
from .config import LanguagesConfig

log = logging.getLogger("mkdocs.plugins.rebound.languages")


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    """Build every language of the site; see the module docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.editions: list[Edition] = []
        #: The language this configuration builds (``None`` when the plugin
        #: lists no languages: a one-language site).
        self.edition: Edition | None = None
        #: The other editions' configurations (primary build only).
        self.configs: dict[str, MkDocsConfig] = {}
        self._command = "build"
        self._dirty = False
        self._docs: dict[str, Path] = {}

    # -- hooks ---------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    @event_priority(100)  # first: the other plugins ask which edition this is
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.languages:
            return None
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        wanted = self.config.build or self.config.languages[0].lang
        self.editions, self._docs = [], {}
        for number, language in enumerate(self.config.languages):
            try:
                path = editions.check_path(language.path)
            except ValueError as error:
                raise PluginError(f"rebound-languages: {language.lang}: {error}") from None
            if (path == "") != (number == 0):
                raise PluginError(
                    "rebound-languages: the first language is built at the site root "
                    f"(path ''), every other one in a folder; {language.lang} has {path!r}"
                )
            config_file = (root / language.config).resolve()
            if language.lang == wanted:
                docs = Path(config.docs_dir).resolve()
            else:
                docs = _docs_dir(config_file)
            self._docs[language.lang] = docs
            self.editions.append(
                Edition(
                    lang=language.lang,
                    name=language.name,
                    path=path,
                    config=language.config,
                    docs_dir=os.path.relpath(docs, root),
                )
            )
        found = [edition for edition in self.editions if edition.lang == wanted]
        if not found:
            raise PluginError(
                f"rebound-languages: 'build: {wanted}' names no language of 'languages'"
            )
        self.edition = found[0]
        theme_language = config.theme.get("language")
        if theme_language != self.edition.lang and not (
            self.edition.primary and theme_language == "en"
        ):
            log.warning(
                "%s: theme.language is %r but this configuration builds %s; set "
                "theme.language: %s so the pages say their language",
                config.config_file_path,
                theme_language,
                self.edition.lang,
                self.edition.lang,
            )
        config.site_url = editions.edition_site_url(config.site_url or "", self.edition)
        config.extra["alternate"] = self._alternates(config, None)
        self.configs = {}
        if self.edition.primary:
            for edition in self.editions[1:]:
                self.configs[edition.lang] = load_config(
                    config_file=str(root / edition.config),
                    site_dir=str(Path(config.site_dir) / edition.path),
                    site_url=editions.edition_site_url(config.site_url or "", edition) or None,
                    strict=config.strict,
                    use_directory_urls=config.use_directory_urls,
                )
        return config

    @event_priority(100)  # before any plugin reads the pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.edition is None or not self.edition.primary:
            return None
        # The editions' Markdown sits inside content/ (content/zh/); it is
        # theirs to build, not the primary's.
        own = Path(config.docs_dir).resolve()
        theirs = [
            self._docs[edition.lang].relative_to(own).as_posix() + "/"
            for edition in self.editions[1:]
            if self._docs[edition.lang].is_relative_to(own)
        ]
        for file in list(files):
            if file.abs_src_path and file.src_uri.startswith(tuple(theirs)):
                files.remove(file)
        return files

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.edition is None:
            return None
        config.extra["alternate"] = self._alternates(config, page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.edition is not None:
            # Templates rendered without a page (404.html) link the homes.
            config.extra["alternate"] = self._alternates(config, None)
        return None

    @event_priority(-80)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.edition is None or not self.edition.primary:
            return
        for edition in self.editions[1:]:
            edition_config = self.configs[edition.lang]
            log.info("Building the %s edition into %s", edition.lang, edition.path)
            edition_config.plugins.on_startup(command=self._command, dirty=self._dirty)
            try:
                build_site(edition_config, dirty=self._dirty)
            finally:
                edition_config.plugins.on_shutdown()

    # -- helpers -------------------------------------------------------------

    def _alternates(self, config: MkDocsConfig, page: Page | None) -> list[dict[str, str]]:
        base = editions.site_base(config.site_url or "", self.edition)
        src = page.file.src_uri if page is not None and page.file.abs_src_path else None
        translated = {
            edition.lang: src is not None and (self._docs[edition.lang] / src).is_file()
            for edition in self.editions
        }
        return editions.alternates(
            page.url if src is not None else None, self.editions, base, translated
        )


def _docs_dir(config_file: Path) -> Path:
    """The ``docs_dir`` another language's configuration file sets (after
    its ``INHERIT``), resolved against the file's folder as MkDocs does."""
    try:
        with open(config_file, "rb") as handle:
            data = yaml_load(handle)
    except OSError as error:
        raise PluginError(f"rebound-languages: cannot read {config_file}: {error}") from None
    return (config_file.parent / str(data.get("docs_dir", "docs"))).resolve()
