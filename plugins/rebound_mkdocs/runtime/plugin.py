"""The ``rebound-runtime`` MkDocs plugin: the worksheets' Python, in the browser.

At build time it

1. checks that ``npm ci`` installed exactly the Pyodide ``package.json``
   pins, and fails the build with what to run if not (``on_config``);
2. adds the small, framework-free scripts and the worksheet styles to every
   page: page modules under ``assets/rebound/page/``, the Python worker's under
   ``assets/rebound/worker/`` (:mod:`rebound_mkdocs.utilities.layout` names
   every path), and ``assets/rebound/layout.js``, which tells them those paths;
   they do nothing on a page without a worksheet;
3. after the build, puts the Pyodide runtime files, the ``browser_py`` wheel
   and a lock file listing it into ``site/assets/pyodide/`` (see
   :mod:`.wheel` for why a wheel, and :mod:`.pyodide_files` for the copying),
   each language's compiled catalogue as a file of its own (:mod:`.catalogs`),
   with the ``on_demand`` packages' wheels in the same lock
   (:mod:`.extra_wheels`; the worker loads them only when a page asks), the
   standard library cut to what Rebound imports (:mod:`.stdlib`), and
   ``assets/rebound/runtime-files.js``, the size and SHA-256 of every one of
   those files, which the browser checks each download against
   (:mod:`.runtime_files`); then the worker's script becomes one file with
   the modules it imports (:mod:`.worker_bundle`).

In the browser, ``page/worksheets.js`` saves answers to ``localStorage`` as the
reader types and starts one module worker per visit (``worker/worker.mjs``) the
first time a worksheet is seen or focused; the worker loads Pyodide and the
wheel, and answers ``browser_py.api.handle`` calls. Nothing leaves the site's
origin.
"""

from __future__ import annotations

import logging
import time
from importlib import metadata
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .. import minify
from ..utilities import build_cache, editions, layout
from . import (
    catalogs,
    extra_wheels,
    packed,
    pseudo_messages,
    pyodide_files,
    runtime_files,
    stdlib,
    wheel,
    worker_bundle,
)
from .config import RuntimeConfig

log = logging.getLogger("mkdocs.plugins.rebound.runtime")

#: The browser code and styles: source folder -> site folder.
ASSETS_DIR = Path(__file__).parent / "assets"
ASSET_FOLDERS = {
    ASSETS_DIR: layout.ASSETS,
    ASSETS_DIR / "page": layout.PAGE_DIR,
    ASSETS_DIR / "worker": layout.WORKER_DIR,
}


class RuntimePlugin(BasePlugin[RuntimeConfig]):
    """Ship Pyodide, the ``browser_py`` wheel and the worksheet scripts."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.root = Path.cwd()
        self.pyodide: pyodide_files.PyodideDist | None = None
        self.bundle: wheel.Bundle | None = None

    # -- hooks ---------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            self.pyodide = pyodide_files.locate(
                self._path(self.config.pyodide_dir), self._path(self.config.package_json)
            )
        except pyodide_files.PyodideSetupError as error:
            raise PluginError(f"rebound-runtime: {error}") from None
        # Another language's pages use the site root's scripts (one runtime,
        # one storage namespace: see utilities/editions.py).
        root = editions.shared_root(config)
        if root + layout.WORKSHEETS_CSS not in config.extra_css:
            config.extra_css.append(root + layout.WORKSHEETS_CSS)
        if all(str(script) != root + layout.ENTRY_SCRIPT for script in config.extra_javascript):
            script = ExtraScriptValue(root + layout.ENTRY_SCRIPT)
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or not editions.ships_shared(config):
            return None
        sources = {
            f"{folder}/{source.name}": source
            for source_dir, folder in ASSET_FOLDERS.items()
            for source in sorted(source_dir.iterdir())
            if source.is_file() and source.suffix in (".js", ".mjs", ".css")
        }
        shrunk = minify.minify_files(
            {uri: source.read_text(encoding="utf-8") for uri, source in sources.items()}
        )
        generated = {**shrunk, layout.LAYOUT_SCRIPT: layout.layout_module(_browser_layout(config))}
        if self.config.pseudo_locale:
            generated.update(_pseudo_messages())
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"rebound-runtime: {config.docs_dir}/{uri} clashes with the "
                    "runtime's own file of that name; rename it"
                )
            files.append(File.generated(config, uri, content=content))
        return files

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        # Editing the worksheets' Python rebuilds the wheel, like editing a page.
        server.watch(str(self._path(self.config.package_dir)))
        return server

    @event_priority(50)  # before plugins that list or rewrite the site's files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.pyodide is None or not editions.ships_shared(config):
            return
        started = time.perf_counter()
        try:
            cache_dir = self._path(self.config.cache_dir)
            extras = [
                extra_wheels.prepare(name, cache_dir=cache_dir) for name in self.config.on_demand
            ]
            self.bundle = wheel.prepare(
                package_dir=self._path(self.config.package_dir),
                base_lock=self.pyodide.lock_file,
                pyodide_version=self.pyodide.version,
                project_version=_project_version(),
                cache_dir=cache_dir,
                extra_wheels=[extra.wheel for extra in extras],
            )
            shipped = catalogs.prepare(
                self._path(self.config.package_dir) / "locale",
                cache_dir,
                with_pseudo=self.config.pseudo_locale,
            )
        except catalogs.CatalogError as error:
            raise PluginError(
                f"rebound-runtime: a translation catalogue cannot be compiled: {error}"
            ) from None
        except (wheel.WheelError, OSError) as error:
            raise PluginError(f"rebound-runtime: {error}") from None

        target = Path(config.site_dir) / layout.PYODIDE_DIR
        full_stdlib = self.pyodide.directory / layout.STDLIB_ZIP
        sources = [
            *(path for path in self.pyodide.runtime_paths() if path != full_stdlib),
            self.bundle.wheel,
            *self.bundle.extra_wheels,
            self.bundle.lock,
            *(item.file for item in shipped),
        ]
        outcomes: dict[str, int] = {}
        for source in sources:
            outcome = pyodide_files.link_or_copy(source, target / source.name)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        try:
            cut = stdlib.write_cut(full_stdlib, target, cache_dir=cache_dir)
        except (stdlib.StdlibError, OSError) as error:
            raise PluginError(f"rebound-runtime: {error}") from None
        try:
            packs = {name: packed.pack(target, name) for name in packed.PACKED}
            packed.copy_decoder(self.pyodide.directory.parent, Path(config.site_dir))
        except OSError as error:
            raise PluginError(f"rebound-runtime: {error}") from None
        boot = [
            *(path.name for path in self.pyodide.runtime_paths()),
            self.bundle.lock.name,
            self.bundle.wheel.name,
        ]
        _drop_old_catalogs(target, keep={item.file.name for item in shipped})
        runtime_files.write(
            Path(config.site_dir),
            boot=boot,
            catalogs={item.language: item.entry() for item in shipped},
            packed=packs,
        )
        try:
            worker_bundle.write(Path(config.site_dir))
        except (minify.MinifyError, ValueError) as error:
            raise PluginError(f"rebound-runtime: {error}") from None
        build_cache.save_digests()
        log.debug(
            "Standard library cut to %d files at boot (%d bytes packed), %d on demand",
            cut.boot_files,
            (target / packs[layout.STDLIB_ZIP]["file"]).stat().st_size,
            cut.more_files,
        )
        log.debug(
            "Pyodide %s and %s (%s) in %s: %s, %.0f ms",
            self.pyodide.version,
            self.bundle.wheel.name,
            "cached" if self.bundle.from_cache else "built",
            layout.PYODIDE_DIR,
            ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())),
            (time.perf_counter() - started) * 1000,
        )

    # -- helpers -------------------------------------------------------------

    def _path(self, option: str) -> Path:
        return (self.root / option).resolve()


def _drop_old_catalogs(folder: Path, *, keep: set[str]) -> None:
    """Remove catalogue files an earlier build left in ``folder`` (a build
    without ``--clean``, ``mkdocs serve``): the service worker would list them."""
    for path in folder.iterdir():
        if layout.CATALOG_FILE.match(path.name) and path.name not in keep:
            path.unlink(missing_ok=True)


def _browser_layout(config: MkDocsConfig) -> dict:
    """:func:`layout.browser_layout`, with the manifest and PDF paths the
    worksheets and workbook plugins were configured with."""
    options = {}
    worksheets = config.plugins.get("rebound-worksheets")
    if worksheets is not None:
        options["manifest"] = worksheets.config.spec_index
    workbook = config.plugins.get("rebound-workbook")
    if workbook is not None:
        options["workbook_pdf"] = workbook.config.output
    return layout.browser_layout(**options, languages=_languages(config))


def _languages(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """Per language, the site paths of its own files (its pages' folder,
    worksheet manifest and blank PDF), for ``layout.js``; empty on a
    one-language site."""
    plugin = config.plugins.get("rebound-languages")
    return dict(getattr(plugin, "own_files", None) or {})


def _project_version() -> str:
    """The guide's version, the public part of the wheel's version."""
    try:
        return metadata.version("rebound-guide")
    except metadata.PackageNotFoundError:
        return "0"


#: The English messages modules, by the name the page loads them under.
MESSAGE_MODULES = {
    "messages": ASSETS_DIR / "page" / "messages.js",
    "language-messages": ASSETS_DIR / "page" / "language-messages.js",
    "workbook-messages": ASSETS_DIR.parent.parent / "workbook" / "assets" / "workbook-messages.js",
}


def _pseudo_messages() -> dict[str, str]:
    """The pseudo-locale's JavaScript messages (see :mod:`.pseudo_messages`)."""
    try:
        return {
            f"{layout.PAGE_DIR}/{name}.qps-ploc.js": pseudo_messages.pseudo_module(
                source.read_text(encoding="utf-8"), name
            )
            for name, source in MESSAGE_MODULES.items()
        }
    except (pseudo_messages.PseudoMessagesError, OSError) as error:
        raise PluginError(f"rebound-runtime: {error}") from None
