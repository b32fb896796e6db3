"""The ``rebound-languages`` MkDocs plugin: one site, several languages.

Each language is its own MkDocs project, as Material advises ("one project in
a subfolder per language"): ``mkdocs.yml`` builds the English guide at the
site root, and ``mkdocs.zh.yml`` (``INHERIT: mkdocs.yml``, ``docs_dir:
content/zh``, its own ``nav`` and ``theme.language``) the Chinese one into
``zh/``. :mod:`rebound_mkdocs.utilities.editions` says what they share and why.

The primary build drives the others, so ``mkdocs build`` and ``mkdocs serve``
build the whole site:

* ``on_pre_build`` starts ``mkdocs build -f mkdocs.zh.yml`` for each edition,
  in a process of its own, into a folder beside the site (the primary build
  cleans its own folder later). A process, not a nested build: MkDocs keeps
  one instance of each plugin that has ``on_startup`` per process, so a
  second configuration in the same process would reconfigure the primary's
  plugins under its feet. The two builds also run side by side;
* ``on_files`` leaves the editions' Markdown (``content/zh/``) out of the
  primary build;
* ``on_post_build`` (priority -80: after the plugins that write files into the
  site, before ``rebound-security`` lists every page's policy in
  ``_headers`` and ``rebound-offline`` inventories the site for the service
  worker) waits for each edition, replays its messages, fails the build if
  it failed (``--strict`` is passed on), and moves it into its folder.

In every build, each page gets Material's language selector and ``<link
rel="alternate" hreflang>`` (``extra.alternate``) pointing at the same page in
every language (its source file of the same name), or at that language's
home page when it lacks one; ``tests/content/test_translations.py`` fails
when any page lacks one. Material's own "stay on page" switch, which would
probe ``sitemap.xml`` under each of those links, is turned off in each build's
copy of Material's bundle (:mod:`.stay_on_page`): the selector already links
the counterpart.

An edition's pages keep Material's settings (the light or dark palette) under
the site root's scope (``extra.scope``, see
:func:`rebound_mkdocs.utilities.editions.storage_scope`), as the primary
edition's do, so a reader's choice holds in every language.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from ..utilities import editions, layout
from ..utilities.editions import Edition
from . import stay_on_page
from .config import LanguagesConfig

log = logging.getLogger("mkdocs.plugins.rebound.languages")


@dataclass(slots=True)
class _Running:
    """An edition's build under way: its process and where it writes."""

    edition: Edition
    process: subprocess.Popen
    folder: Path


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    """Build every language of the site; see the module docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.editions: list[Edition] = []
        #: The language this configuration builds (``None`` when the plugin
        #: lists no languages: a one-language site).
        self.edition: Edition | None = None
        #: Per language, the site paths of its own files, for ``layout.js``
        #: (see :func:`rebound_mkdocs.utilities.layout.browser_layout`).
        self.own_files: dict[str, dict[str, str]] = {}
        self._docs: dict[str, Path] = {}
        self._root = Path.cwd()
        self._running: list[_Running] = []
        self._serving = False
        #: Whether this build sets Material's ``extra.scope`` (an edition's
        #: build, unless its configuration names a scope itself).
        self._scoped = False

    # -- hooks ---------------------------------------------------------------

    @event_priority(100)  # first: the other plugins ask which edition this is
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.editions, self._docs, self.own_files, self.edition = [], {}, {}, None
        if not self.config.languages:
            return None
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        wanted = self.config.build or self.config.languages[0].lang
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
            settings = _settings(self._root / language.config)
            if language.lang == wanted:
                docs = Path(config.docs_dir).resolve()
            else:
                docs = (self._root / language.config).parent / str(settings.get("docs_dir", "docs"))
            self._docs[language.lang] = docs.resolve()
            edition = Edition(
                lang=language.lang,
                name=language.name,
                path=path,
                config=language.config,
                docs_dir=os.path.relpath(docs, self._root),
            )
            self.editions.append(edition)
            self.own_files[edition.lang] = {
                "path": path,
                "manifest": path
                + (_option(settings, "rebound-worksheets", "spec_index") or layout.MANIFEST),
                "workbookPdf": path
                + (_option(settings, "rebound-workbook", "output") or layout.WORKBOOK_PDF),
            }
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
        self._scoped = not self.edition.primary and "scope" not in config.extra
        if self._scoped:
            # For templates rendered without a page (404.html), whose
            # base_url is absolute; pages get a relative one (on_page_context).
            config.extra["scope"] = editions.site_base(config.site_url or "", self.edition)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = editions.serving(command)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.edition is None or not self.edition.primary:
            return None
        # Editing another language's configuration rebuilds, as mkdocs.yml does.
        for edition in self.editions[1:]:
            server.watch(str(self._root / edition.config))
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.edition is None or not self.edition.primary:
            return
        self._stop()
        site = Path(config.site_dir).resolve()
        site.parent.mkdir(parents=True, exist_ok=True)
        for edition in self.editions[1:]:
            folder = Path(tempfile.mkdtemp(prefix=f".{site.name}-{edition.lang}-", dir=site.parent))
            command = editions.build_command(
                str(self._root / edition.config),
                str(folder),
                strict=bool(config.strict),
                python=sys.executable,
            )
            # As quiet (or as verbose) as the build that runs it.
            level = logging.getLogger("mkdocs").getEffectiveLevel()
            if level > logging.INFO:
                command.append("--quiet")
            elif level < logging.INFO:
                command.append("--verbose")
            env = {
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                # The edition adds its folder to the site's URL (editions.py).
                "SITE_URL": config.site_url or "",
                editions.SERVING_ENV: "1" if self._serving else "",
            }
            process = subprocess.Popen(
                command,
                cwd=self._root,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            self._running.append(_Running(edition, process, folder))

    @event_priority(100)  # before any plugin reads the pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.edition is None:
            return None
        # Every edition ships Material's bundle; in each, its "stay on page"
        # switch would probe <alternate>/sitemap.xml (stay_on_page.py).
        for file in files:
            if stay_on_page.BUNDLE.match(file.src_uri):
                try:
                    file.content_string = stay_on_page.quiet(file.content_string, file.src_uri)
                except stay_on_page.BundleChanged as error:
                    raise PluginError(str(error)) from None
        if not self.edition.primary:
            return files
        # The editions' Markdown sits inside content/ (content/zh/); it is
        # theirs to build, not the primary's.
        own = Path(config.docs_dir).resolve()
        theirs = tuple(
            self._docs[edition.lang].relative_to(own).as_posix() + "/"
            for edition in self.editions[1:]
            if self._docs[edition.lang].is_relative_to(own)
        )
        for file in list(files):
            if theirs and file.abs_src_path and file.src_uri.startswith(theirs):
                files.remove(file)
        return files

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.edition is None:
            return None
        config.extra["alternate"] = self._alternates(config, page)
        if self._scoped:
            # Relative, like Material's default, so the site works at any path.
            config.extra["scope"] = editions.storage_scope(context.get("base_url"), self.edition)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.edition is not None:
            # Templates rendered without a page (404.html) link the homes.
            config.extra["alternate"] = self._alternates(config, None)
        if self._scoped:
            config.extra["scope"] = editions.site_base(config.site_url or "", self.edition)
        return None

    @event_priority(-80)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        running, self._running = self._running, []
        failed = []
        for build in running:
            output, _ = build.process.communicate()
            # Its messages, as it wrote them (not logged again: a warning
            # counts once, in the edition's own --strict build).
            sys.stderr.write(output)
            sys.stderr.flush()
            if build.process.returncode != 0:
                failed.append(build)
                shutil.rmtree(build.folder, ignore_errors=True)
                continue
            target = Path(config.site_dir) / build.edition.path
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(build.folder, target)
            # mkdtemp made it private (0700); the site's folders are readable.
            target.chmod(0o755)
            log.info("The %s edition is in %s", build.edition.lang, build.edition.path)
        if failed:
            names = ", ".join(f"{b.edition.lang} ({b.edition.config})" for b in failed)
            raise PluginError(f"rebound-languages: the build of {names} failed; see above")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def on_shutdown(self) -> None:
        self._stop()

    # -- helpers -------------------------------------------------------------

    def _stop(self) -> None:
        """End the edition builds this plugin started and drop their folders."""
        running, self._running = self._running, []
        for build in running:
            if build.process.poll() is None:
                build.process.kill()
            build.process.communicate()
            shutil.rmtree(build.folder, ignore_errors=True)

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


def _settings(config_file: Path) -> dict:
    """Another language's configuration file as data (after its
    ``INHERIT``), read, not loaded: loading it would configure this
    process's shared plugin instances."""
    try:
        with open(config_file, "rb") as handle:
            return yaml_load(handle)
    except OSError as error:
        raise PluginError(f"rebound-languages: cannot read {config_file}: {error}") from None


def _option(settings: dict, plugin: str, option: str) -> str:
    """A plugin option in configuration data (mapping syntax), or ``""``."""
    plugins = settings.get("plugins")
    if isinstance(plugins, dict):
        value = (plugins.get(plugin) or {}).get(option)
        return value if isinstance(value, str) else ""
    return ""
