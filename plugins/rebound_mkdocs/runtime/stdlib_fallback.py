"""The cut standard library's safety net, run inside Pyodide.

The build copies this file into the cut ``python_stdlib.zip`` as
``_rebound_stdlib_fallback.py`` and appends a call to :func:`_configure`
with the zips that hold what it left out, in order: the on-demand one (what
the workbook's actions and pypdf import) and Pyodide's full one, each with
its name, size, SHA-256 and the modules it adds (see
:mod:`rebound_mkdocs.runtime.stdlib`). The worker imports it once Python is
up; importing it puts :class:`Fallback` at the end of ``sys.meta_path``.

When Python imports a standard module the cut zip lacks, every ordinary
finder has already said no; :class:`Fallback` then asks the worker for the
first zip that holds it (``js.reboundStdlibZip()``: a synchronous, checked
download, once per visit and zip), writes it beside the cut one, adds it to
``sys.path`` (and to the ``__path__`` of a package whose other modules came
from an earlier zip), and lets the ordinary path finder import the module
from it. Only names the build knows are in a zip trigger a download, so
``try: import x`` of a module that exists nowhere costs nothing.

Plain Python with nothing imported but ``os`` and ``sys`` (frozen modules): it must work with the
smallest standard library, and it is in the worker's memory snapshot.
"""

import os
import sys

_zips = []  # [{"url", "size", "sha256", "modules": frozenset, "path", "mounted"}]


def _configure(zips):
    _zips[:] = [
        {**entry, "modules": frozenset(entry["modules"]), "path": f"/lib/{entry['url']}"}
        for entry in zips
    ]
    if Fallback not in sys.meta_path:
        sys.meta_path.append(Fallback)


def _path_finder():
    for finder in sys.meta_path:
        if getattr(finder, "__name__", "") == "PathFinder":
            return finder
    raise ImportError("Python's path finder is missing")


def _mount(entry):
    # (A memory snapshot keeps "mounted" but not the file: look again.)
    if entry.get("mounted") and os.path.exists(entry["path"]):
        return
    import js  # Pyodide's bridge to the worker's global scope

    try:
        data = js.reboundStdlibZip(entry["url"], entry["size"], entry["sha256"])
    except Exception as error:
        raise ImportError(
            f"part of the Python standard library did not load: {getattr(error, 'message', error)}"
        ) from None
    with open(entry["path"], "wb") as file:
        file.write(data.to_bytes())
    if entry["path"] not in sys.path:
        sys.path.append(entry["path"])
    entry["mounted"] = True


class Fallback:
    """A meta path finder of last resort: the full standard library."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        entry = next((entry for entry in _zips if name in entry["modules"]), None)
        if entry is None:
            return None
        _mount(entry)
        parent = name.rpartition(".")[0]
        if parent:
            package = sys.modules.get(parent)
            search = getattr(package, "__path__", None)
            if search is None:
                return None
            extra = f"{entry['path']}/{parent.replace('.', '/')}"
            if extra not in search:
                search.append(extra)
            path = search
        return _path_finder().find_spec(name, path, target)

    @classmethod
    def invalidate_caches(cls):
        pass
