"""Where Rebound's files live in the built site: the one list of those facts.

Every plugin imports its paths and names from here, and so do the tests. The
browser code gets the ones it needs from the small module the runtime plugin
writes at :data:`LAYOUT_SCRIPT` (see :func:`browser_layout`), so no path is
spelled twice.

Paths are relative to the site root, without a leading slash.
"""

from __future__ import annotations

import json
import re
from posixpath import dirname, relpath

from browser_py.core.limits import MAX_IMPORT_BYTES

#: Our own scripts and styles.
ASSETS = "assets/rebound"

#: Page scripts (ES modules run by the page) and worker scripts (run by the
#: Python worker). Sibling folders: a module in one imports the other's with
#: ``../``.
PAGE_DIR = f"{ASSETS}/page"
WORKER_DIR = f"{ASSETS}/worker"

#: The module every page loads; it does nothing on a page without a worksheet.
ENTRY_SCRIPT = f"{PAGE_DIR}/worksheets.js"

#: The workbook page's script, shipped by the workbook plugin and loaded by
#: the entry script only on a page that has a workbook container.
WORKBOOK_SCRIPT = f"{PAGE_DIR}/workbook.js"

#: Modules of the workbook page, shipped by the workbook plugin beside it:
#: encrypted backups (the cryptography, and its part of the page) and the
#: storage panel, and the sentences they show (kept off the article pages).
BACKUP_SCRIPT = f"{PAGE_DIR}/backup.js"
BACKUP_UI_SCRIPT = f"{PAGE_DIR}/backup-ui.js"
STORAGE_PANEL_SCRIPT = f"{PAGE_DIR}/storage-panel.js"
WORKBOOK_MESSAGES_SCRIPT = f"{PAGE_DIR}/workbook-messages.js"

#: The script that registers the service worker (the offline plugin's).
OFFLINE_SCRIPT = f"{PAGE_DIR}/offline.js"

#: The Python worker. The one script allowed to compile WebAssembly.
WORKER_SCRIPT = f"{WORKER_DIR}/worker.mjs"

#: Generated: :func:`browser_layout` as an ES module.
LAYOUT_SCRIPT = f"{ASSETS}/layout.js"

#: The deploy a page and the scripts belong to: every page carries
#: ``<meta name="rebound-build" content="ID">`` and :data:`LAYOUT_SCRIPT`
#: ``export const build = "ID";`` (empty until the offline plugin stamps
#: them; :mod:`rebound_mkdocs.offline.build_id`). The entry script mounts
#: nothing on a page whose ID is not its own.
BUILD_META = "rebound-build"

#: Stylesheets.
WORKSHEETS_CSS = f"{ASSETS}/worksheets.css"
PRINT_CSS = f"{ASSETS}/print.css"
A11Y_CSS = f"{ASSETS}/a11y.css"

#: The worksheet manifest (every worksheet's spec and page), written by the
#: worksheets plugin.
MANIFEST = f"{ASSETS}/worksheets.json"

#: The Pyodide runtime, our wheel and the lock file that lists them.
PYODIDE_DIR = "assets/pyodide"

#: The standard library Pyodide starts with: cut to the files Rebound imports
#: (see :mod:`rebound_mkdocs.runtime.stdlib`), and the whole one, fetched
#: only if Python imports something the cut one lacks.
STDLIB_ZIP = "python_stdlib.zip"
STDLIB_FULL_ZIP = "python_stdlib_full.zip"

#: The build's record of every runtime file (size and SHA-256), which the
#: worker and the service worker check every download against.
RUNTIME_FILES = f"{ASSETS}/runtime-files.js"

#: The distribution the worker installs at boot, and its wheels' file-name prefix.
WHEEL_DISTRIBUTION = "rebound-browser-py"
WHEEL_PREFIX = WHEEL_DISTRIBUTION.replace("-", "_") + "-"

#: The module whose ``handle`` the worker calls.
API_MODULE = "browser_py.api"

#: The module whose ``code(tag)`` names the catalogue a language tag needs
#: (the worker asks it, so the aliases live in Python only).
I18N_MODULE = "browser_py.core.i18n"

#: Each language's compiled Python catalogue ships in :data:`PYODIDE_DIR`
#: as a file of its own (not inside the wheel, so a reader downloads only
#: their page's language), a zip of the one ``.mo`` (see
#: :mod:`rebound_mkdocs.runtime.catalogs` for why):
#: ``rebound-<code>-<12 hex digits of its SHA-256>.zip``.
CATALOG_FILE = re.compile(r"^rebound-(?P<code>[A-Za-z0-9_]+)-(?P<digest>[0-9a-f]{12})\.zip$")


def catalog_file(code: str, sha256: str) -> str:
    """The site file name of the catalogue of ``code`` whose bytes hash to
    ``sha256`` (hex): the content in the name, so a redeploy never meets a
    stale HTTP-cached copy."""
    return f"rebound-{code}-{sha256[:12]}.zip"


#: The blank PDF workbook (the workbook plugin's default ``output``).
WORKBOOK_PDF = "downloads/rebound-workbook.pdf"

#: The service worker, at the site root so its scope covers the whole site.
SERVICE_WORKER = "sw.js"

#: Cache Storage names are the deployment's own: "rebound:" + the site's
#: path (its service worker's scope: "/" or "/a/") + ":" + what the cache
#: holds. Two deployments on one origin (``user.github.io/a/`` and ``/b/``)
#: never open, nor delete, each other's caches. See :func:`cache_name`.
CACHE_PREFIX = "rebound:"

#: What the cache of the worker's Python memory snapshot holds (its name is
#: ``cache_name(SNAPSHOT_CACHE, scope)``).
SNAPSHOT_CACHE = "snapshot"

#: Cache names from before they were scoped, which a service worker drops
#: (they may hold search URLs and nothing in them is the reader's answers).
LEGACY_CACHE_PATTERN = r"^rebound-(shell-[0-9a-f]{12}|runtime-[0-9a-f]{12}|snapshot)$"


def cache_name(what: str, scope: str = "/") -> str:
    """The Cache Storage name of ``what`` for the site served at path ``scope``."""
    return f"{CACHE_PREFIX}{scope}:{what}"


#: The web app manifest. At the site root: its URLs (``start_url``, ``scope``,
#: the icons) are relative to it, so ``./`` is the site root under any subpath.
WEB_MANIFEST = "manifest.webmanifest"

#: The installed site's icons, made from one source image by the install plugin.
ICONS_DIR = f"{ASSETS}/icons"
ICON_192 = f"{ICONS_DIR}/icon-192.png"
ICON_512 = f"{ICONS_DIR}/icon-512.png"
ICON_MASKABLE = f"{ICONS_DIR}/icon-maskable-512.png"

#: The key prefix of everything the site keeps in localStorage.
STORAGE_PREFIX = "rebound:"

#: The "forget my answers after N days" setting (runtime/assets/page/forget.js).
FORGET_KEY = f"{STORAGE_PREFIX}settings:forget"


def browser_layout(
    *,
    manifest: str = MANIFEST,
    workbook_pdf: str = WORKBOOK_PDF,
    languages: dict[str, dict[str, str]] | None = None,
) -> dict:
    """The facts the browser code needs (site-relative paths and names, and
    the import limit from :mod:`browser_py.core.limits`).

    ``languages`` maps each language's ``lang`` (``en``, ``zh-Hans``, as
    ``<html lang>`` says it) to the site paths of its own files: ``path``
    (its pages' folder, ``""`` or ``"zh/"``), ``manifest`` and
    ``workbookPdf`` (see :mod:`rebound_mkdocs.utilities.editions`). The
    runtime, storage and caches are the same for every language."""
    return {
        "languages": languages or {},
        "manifest": manifest,
        "workbookPdf": workbook_pdf,
        "workbookScript": WORKBOOK_SCRIPT,
        "workerScript": WORKER_SCRIPT,
        "serviceWorker": SERVICE_WORKER,
        "buildMeta": BUILD_META,
        "pyodideDir": f"{PYODIDE_DIR}/",
        "wheelDistribution": WHEEL_DISTRIBUTION,
        "apiModule": API_MODULE,
        "i18nModule": I18N_MODULE,
        "cachePrefix": CACHE_PREFIX,
        "snapshotCache": SNAPSHOT_CACHE,
        "legacyCaches": LEGACY_CACHE_PATTERN,
        "storagePrefix": STORAGE_PREFIX,
        "forgetKey": FORGET_KEY,
        "stdlibZip": STDLIB_ZIP,
        "stdlibFullZip": STDLIB_FULL_ZIP,
        "runtimeFiles": RUNTIME_FILES,
        # The largest file an import reads, as Python enforces and states it.
        "maxImportBytes": MAX_IMPORT_BYTES,
    }


def layout_module(layout: dict, *, served_as: str = LAYOUT_SCRIPT) -> str:
    """:data:`LAYOUT_SCRIPT`'s source: ``layout`` as data, ``siteUrl(path)``,
    the absolute URL of a site path, found from this module's own URL (so the
    site works under any base path), ``cacheName(what)``, the site's own
    name for a Cache Storage cache (:func:`cache_name` for the site's path),
    ``languageFiles(lang)``, the page's language's own files (``layout.languages``
    by ``<html lang>`` unless given; the primary language's ``manifest`` and
    ``workbookPdf`` for a language it does not list, or in a worker), and
    ``build``, the deploy's id (see :data:`BUILD_META`).

    ``served_as``: the site path of the file this source ends up in, when it
    is not :data:`LAYOUT_SCRIPT` (the worker's bundle inlines it)."""
    root = relpath(".", dirname(served_as)) + "/"
    data = json.dumps(layout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        f"export const layout = {data};\n"
        f"const root = new URL({json.dumps(root)}, import.meta.url);\n"
        "export const siteUrl = (path) => new URL(path, root);\n"
        "export const cacheName = (what) =>\n"
        f"  {json.dumps(CACHE_PREFIX)} + root.pathname + {json.dumps(':')} + what;\n"
        "export const languageFiles = (lang = globalThis.document?.documentElement.lang) =>\n"
        "  layout.languages[lang] ?? layout;\n"
        # Stamped after the build (rebound_mkdocs.offline.build_id).
        'export const build = "";\n'
    )
