"""The build's record of the Python runtime it ships: ``runtime-files.js``.

Format (an ES module at :data:`rebound_mkdocs.utilities.layout.RUNTIME_FILES`,
imported by the worker and the page)::

    export const runtimeFiles = {
      "files": {"pyodide.mjs": {"size": 14385, "sha256": "ab12..."}, ...},
      "boot": ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", ...],
      "packed": {
        "pyodide.asm.wasm": {"file": "pyodide.asm.wasm.zst", "size": 9598218}, ...
      },
      "catalogs": {
        "zh_Hans": {
          "file": "rebound-zh_Hans-0123456789ab.zip",
          "path": "browser_py/locale/zh_Hans/LC_MESSAGES/rebound.mo"
        }
      }
    };

``files``: every file in ``assets/pyodide/`` (names relative to it), with
its exact size in bytes and the hex SHA-256 of its bytes (a ``.zst`` file's
entry also has ``decoded``, in case a host decodes it on the way:
:mod:`rebound_mkdocs.utilities.file_entries`). The worker
(``worker/download.mjs``) refuses any download that differs, and the service
worker never caches one. ``boot``: the files a cold boot downloads, in the
order the worker starts them; their sizes add up to the "1.8 of 4.1 MB" the
reader sees.

``catalogs``: each language's compiled Python catalogue
(:mod:`.catalogs`), by the code :func:`browser_py.core.i18n.code` gives
its tags (``zh``, ``zh-CN`` and ``zh-Hans`` are all ``zh_Hans``). ``file``
is in ``files`` (so it is checked and kept offline like every runtime
file) and never in ``boot``: only a page in that language needs it. It is
a zip holding one file, named ``path`` (relative to site-packages), where
the worker writes it before the first call in that language reaches Python. The file name
carries its content's hash (:func:`rebound_mkdocs.utilities.layout.catalog_file`).
Empty on a site with no translations.

``packed``: the files that cross the wire as a zstd frame (:mod:`.packed`),
by the name the runtime asks for: ``file``, the frame's name in ``files``,
and ``size``, what its decoded bytes must add up to. The plain file is not
in the site; ``boot`` names it, and its download is the frame's (so the
reader's "of 4.1 MB" counts the frame's size).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..utilities import file_entries, layout
from . import packed, worker_bundle


def describe(folder: Path) -> dict[str, dict[str, object]]:
    """``{name: entry}`` for every file in ``folder``
    (:func:`rebound_mkdocs.utilities.file_entries.entry`)."""
    return {
        path.name: file_entries.entry(path) for path in sorted(folder.iterdir()) if path.is_file()
    }


def write(
    site: Path,
    *,
    boot: list[str],
    catalogs: dict[str, dict[str, str]] | None = None,
    packed: dict[str, dict[str, object]] | None = None,
) -> dict[str, object]:
    """Write ``runtime-files.js`` for ``site``'s Pyodide folder; return its data."""
    files = describe(site / layout.PYODIDE_DIR)
    catalogs = dict(catalogs or {})
    packed = dict(packed or {})
    unknown = [entry["file"] for entry in packed.values() if entry["file"] not in files]
    if unknown:
        raise ValueError(f"packed files missing from {layout.PYODIDE_DIR}: {', '.join(unknown)}")
    unknown = [name for name in boot if name not in files and name not in packed]
    if unknown:
        raise ValueError(f"boot files missing from {layout.PYODIDE_DIR}: {', '.join(unknown)}")
    unknown = [entry["file"] for entry in catalogs.values() if entry["file"] not in files]
    if unknown:
        raise ValueError(f"catalogue files missing from {layout.PYODIDE_DIR}: {', '.join(unknown)}")
    data = {"files": files, "boot": boot, "catalogs": catalogs, "packed": packed}
    target = site / layout.RUNTIME_FILES
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), sort_keys=True)
    target.write_text(f"export const runtimeFiles = {text};\n", encoding="utf-8")
    return data


def refresh(site: Path) -> dict[str, object]:
    """Write ``site``'s record again after its runtime files changed (as a
    deploy would), keeping its list of boot files, and the worker's script,
    which carries a copy of it (:mod:`.worker_bundle`). A packed file written
    anew in its plain form is packed again."""
    old = read(site)
    boot, catalogs, packs = old["boot"], old.get("catalogs", {}), old.get("packed", {})
    assert isinstance(boot, list) and isinstance(catalogs, dict) and isinstance(packs, dict)
    folder = site / layout.PYODIDE_DIR
    for name in packs:
        if (folder / name).is_file():
            packs[name] = packed.pack(folder, name)
    record = write(site, boot=boot, catalogs=catalogs, packed=packs)
    if (site / layout.WORKER_SCRIPT).is_file():
        worker_bundle.write(site)
    return record


def wire_name(record: dict[str, object], name: str) -> str:
    """The file that crosses the wire for runtime file ``name``: its frame if
    ``record`` (a :func:`read` result) lists it as packed, else itself (as
    the worker's ``wire()`` does)."""
    packs = record.get("packed") or {}
    assert isinstance(packs, dict)
    return packs[name]["file"] if name in packs else name


def read(site: Path) -> dict[str, object]:
    """The data of ``site``'s ``runtime-files.js`` (for tests and the bench)."""
    text = (site / layout.RUNTIME_FILES).read_text(encoding="utf-8")
    return json.loads(text.removeprefix("export const runtimeFiles = ").rstrip().rstrip(";"))
