"""The ``rebound-offline`` MkDocs plugin.

After the build it writes ``sw.js`` at the site root with what it may store
baked in:

* the *shell*: every page and asset except the Python runtime. It is
  precached when the service worker installs, so every page reads offline
  after the first visit;
* the *runtime*: Pyodide, our wheel and each language's Python catalogue.
  Never precached, so a reader who only reads articles never downloads it.
  It is cached when a worksheet first fetches it, and served from the cache
  from then on; when a worksheet has booted, the page asks for the rest of
  it to be kept, every language's catalogue included (so a Chinese page works
  offline after an English visit);
* ``expected``: the size and SHA-256 of every file of the site. The service
  worker fetches what it stores afresh (bypassing the HTTP cache) and stores
  it only if it is exactly the build's (``worker/download.mjs`` checks it, the
  same code that checks the worker's runtime downloads), so a cache never
  holds a file of another deploy.

Each cache name carries a hash of the files it holds: a new build with a
change gets a new service worker (its bytes differ). It installs the new
shell, complete and checked, and then waits: the page offers "A new version
is ready" and the reader's Reload switches to it, so no page runs one
deploy's HTML with another's scripts; a page the old version does not have
carries the new build id (:mod:`.build_id`), which the entry script checks.
On activation it deletes its own caches that no current list refers to.
The runtime cache survives a deploy that does not change the runtime. Cache
names are scoped to the site's path (see
:func:`rebound_mkdocs.utilities.layout.cache_name`; ``sw.js`` adds the path
from its own scope), so two deployments on one origin never touch each
other's caches.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from rebound_mkdocs.minify import minify_files
from rebound_mkdocs.utilities import build_cache, editions, file_entries, layout

from . import build_id
from .config import OfflineConfig

log = logging.getLogger("mkdocs.plugins.rebound.offline")

SW_NAME = layout.SERVICE_WORKER
REGISTER_SCRIPT = layout.OFFLINE_SCRIPT


class OfflinePlugin(BasePlugin[OfflineConfig]):
    """Write the service worker and register it on every page."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = editions.serving(command)

    @property
    def _active(self) -> bool:
        return self.config.enabled and (self.config.on_serve or not self._serving)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self._active:
            return None
        # Another language's pages register the site root's service worker.
        register = editions.shared_root(config) + REGISTER_SCRIPT
        if all(str(script) != register for script in config.extra_javascript):
            config.extra_javascript.append(_module_script(register))
        return config

    @event_priority(-90)  # after every plugin that writes files into the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._active or not editions.ships_shared(config):
            return
        site = Path(config.site_dir)
        register = site / REGISTER_SCRIPT
        register.parent.mkdir(parents=True, exist_ok=True)
        register.write_text(_minified("offline.js"), encoding="utf-8")
        # Every file is final now (the security plugin ran at -85): the build
        # id covers them, and sw.js then hashes the stamped pages.
        build = build_id.stamp(site)
        worker = write_service_worker(
            site,
            runtime_prefixes=self.config.runtime_prefixes,
            boot_wheels=self.config.boot_wheels,
            exclude_suffixes=self.config.exclude_suffixes,
            exclude_prefixes=_in_every_language(config, self.config.exclude_prefixes),
        )
        log.info(
            "Service worker: %d shell files (%s), %d runtime files (%s), build %s",
            len(worker.shell),
            worker.shell_cache,
            len(worker.runtime),
            worker.runtime_cache,
            build,
        )
        build_cache.save_digests()


def _in_every_language(config: MkDocsConfig, prefixes: list[str]) -> list[str]:
    """``prefixes`` (Material's own folders, such as its search stemmers),
    also inside each other language's folder, where its build put its own
    copy of the theme."""
    plugin = config.plugins.get("rebound-languages")
    folders = [edition.path for edition in getattr(plugin, "editions", []) if edition.path]
    return [*prefixes, *(folder + prefix for folder in folders for prefix in prefixes)]


@dataclass(frozen=True, slots=True)
class ServiceWorker:
    """What :func:`write_service_worker` baked into ``sw.js``."""

    shell: list[str]
    runtime: list[str]  # every runtime file (cache names hash them all)
    shell_cache: str  # without the site's path, which sw.js adds
    runtime_cache: str


def write_service_worker(
    site: Path,
    *,
    runtime_prefixes: list[str],
    exclude_suffixes: list[str],
    exclude_prefixes: list[str],
    boot_wheels: list[str] | None = None,
) -> ServiceWorker:
    """Inventory the built ``site`` and write ``sw.js`` at its root.

    The cache names carry a hash of the names and bytes of the files each
    cache holds, so any change to the site renames the shell cache (and makes
    ``sw.js`` differ, which is how browsers notice a new deploy), while the
    runtime cache keeps its name unless the runtime itself changed.
    """
    shell, runtime = [], []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if (
            relative == SW_NAME
            or relative.endswith(tuple(exclude_suffixes))
            or relative.startswith(tuple(exclude_prefixes))
        ):
            continue
        (runtime if relative.startswith(tuple(runtime_prefixes)) else shell).append(relative)
    worker = ServiceWorker(
        shell=shell,
        runtime=runtime,
        shell_cache=f"shell-{_version(site, shell)}",
        runtime_cache=f"runtime-{_version(site, runtime)}",
    )
    everything = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).as_posix() != SW_NAME
    ]
    settings = {
        "shell": [_url(path) for path in shell],
        "shellCache": worker.shell_cache,
        "runtime": [
            path
            for path in runtime
            if (not path.endswith(".whl") or Path(path).name.startswith(tuple(boot_wheels or ())))
            # Fetched only if Python imports what the cut library lacks.
            and Path(path).name != layout.STDLIB_FULL_ZIP
        ],
        "runtimePrefixes": runtime_prefixes,
        "runtimeCache": worker.runtime_cache,
        "cachePrefix": layout.CACHE_PREFIX,
        "snapshotCache": layout.SNAPSHOT_CACHE,
        "legacyCaches": layout.LEGACY_CACHE_PATTERN,
        # Keyed by URL path (pages as `dir/`): what a request asks for.
        "expected": {_url(path): _expected(site / path) for path in everything},
    }
    header = f"const REBOUND = {json.dumps(settings, separators=(',', ':'))};\n"
    (site / SW_NAME).write_text(header + _service_worker_source(), encoding="utf-8")
    return worker


def _url(relative: str) -> str:
    """Pages are requested as ``dir/``, not ``dir/index.html`` (the home
    page as ``./``)."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def _version(site: Path, files: list[str]) -> str:
    """A short hash of the names and bytes of ``files``."""
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.encode())
        # Cached per file (utilities/build_cache.py): the runtime plugin hashed
        # the same runtime files moments ago.
        digest.update(bytes.fromhex(build_cache.file_sha256(site / relative)))
    return digest.hexdigest()[:12]


def _expected(path: Path) -> dict[str, object]:
    """A file's size and SHA-256 (and a frame's content's), which the service
    worker checks a download against before caching it."""
    return file_entries.entry(path)


#: The runtime's download checks, shared with the Python worker.
DOWNLOAD_MODULE = (
    Path(__file__).resolve().parent.parent / "runtime" / "assets" / "worker" / "download.mjs"
)


def _service_worker_source() -> str:
    """``sw.js`` with ``download.mjs`` inlined before it, minified. The module
    is written for this: top-level ``export`` declarations and no imports, so
    dropping the word ``export`` makes it a classic script's prelude."""
    shared = DOWNLOAD_MODULE.read_text(encoding="utf-8")
    if re.search(r"^\s*import\b", shared, flags=re.MULTILINE):
        raise ValueError(f"{DOWNLOAD_MODULE.name} must not import anything: sw.js inlines it")
    prelude = re.sub(r"^export ", "", shared, flags=re.MULTILINE)
    own = resources.files(__package__).joinpath("assets", "sw.js").read_text(encoding="utf-8")
    return minify_files({"sw.js": prelude + "\n" + own})["sw.js"]


def _minified(name: str) -> str:
    """One of this plugin's scripts, minified."""
    source = resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
    return minify_files({name: source})[name]


def _module_script(path: str):
    """An ``extra_javascript`` entry loaded as an ES module (MkDocs 1.5+)."""
    from mkdocs.config.config_options import ExtraScriptValue

    script = ExtraScriptValue(path)
    script.type = "module"
    return script
