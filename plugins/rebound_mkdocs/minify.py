"""Shrink our own scripts and styles as they are copied into the site.

Readers of an article that never boots Python still download these files.
The sources stay commented for developers; the site gets them minified by
esbuild (pinned in ``package.json``, installed by ``npm ci``), one file at a
time: no bundling, so every ``.js`` and ``.mjs`` stays the ES module it was
and imports its neighbours by the same relative URLs (the page loads the
workbook's and the results' modules only where they are used).

One exception, :func:`bundle`: the Python worker's modules become one file,
because a module worker fetches each level of its import graph one round
trip after the last, before any of its code runs (on a phone, ~100 ms a
level, all of it before the runtime's download can start).

esbuild runs at most once per build: the first file it has not seen before
sends every script and stylesheet of this package to one ``esbuild`` process,
and the results are kept by content hash in ``node_modules/.cache/`` (and in
memory), so a build with no change to them starts no process at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: Every file :func:`minify_files` minifies, by how its name ends.
SUFFIXES = (".js", ".mjs", ".css")

#: The same options for every file; the loader follows the file's suffix.
#: ``--format=esm`` lets esbuild shorten top-level names, safe because every
#: script is a module, or (the service worker) a script whose top level is
#: read by nothing else.
ESBUILD_OPTIONS = ("--minify", "--format=esm", "--charset=utf8", "--log-level=warning")

_memory: dict[str, str] = {}


class MinifyError(RuntimeError):
    """esbuild is missing or refused a file."""


def minify_files(sources: Mapping[str, str]) -> dict[str, str]:
    """``{name: source}`` -> ``{name: minified}``; a name that does not end in
    one of :data:`SUFFIXES` passes through unchanged."""
    keys = {name: _key(name, source) for name, source in sources.items() if _minifiable(name)}
    cache = _cache_dir()
    missing = {}
    for name, key in keys.items():
        if key not in _memory and cache is not None and (cache / key).is_file():
            _memory[key] = (cache / key).read_text(encoding="utf-8")
        if key not in _memory:
            missing[name] = sources[name]
    if missing:
        _run_esbuild({**_package_sources(), **missing}, cache)
    return {
        name: _memory[keys[name]] if name in keys else source for name, source in sources.items()
    }


def bundle(sources: Mapping[str, str], entry: str) -> str:
    """``sources`` (``{relative path: source}``, as they import each other)
    bundled from ``entry`` into one minified ES module: every static and
    dynamic import of a relative path is inlined; an import of a computed URL
    stays as it is. Cached like :func:`minify_files`."""
    digest = hashlib.sha256(f"{_esbuild_version()}\n{ESBUILD_OPTIONS}\nbundle {entry}\n".encode())
    for name in sorted(sources):
        digest.update(f"{name}\n{len(sources[name])}\n{sources[name]}".encode())
    key = f"{digest.hexdigest()[:32]}{Path(entry).suffix}"
    cache = _cache_dir()
    if key not in _memory and cache is not None and (cache / key).is_file():
        _memory[key] = (cache / key).read_text(encoding="utf-8")
    if key not in _memory:
        with tempfile.TemporaryDirectory(prefix="rebound-bundle-") as tmp:
            for name, source in sources.items():
                (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
                (Path(tmp) / name).write_text(source, encoding="utf-8")
            bundled = _esbuild_run(["--bundle", entry], tmp, f"esbuild could not bundle {entry}")
        _remember(key, bundled, cache)
    return _memory[key]


def minify(name: str, source: str) -> str:
    """Minify one file by its type; other files pass through unchanged."""
    return minify_files({name: source})[name]


def _minifiable(name: str) -> bool:
    return name.endswith(SUFFIXES)


def _key(name: str, source: str) -> str:
    suffix = Path(name).suffix
    digest = hashlib.sha256(f"{_esbuild_version()}\n{ESBUILD_OPTIONS}\n".encode())
    digest.update(source.encode())
    return f"{digest.hexdigest()[:32]}{suffix}"


def _package_sources() -> dict[str, str]:
    """Every script and stylesheet the plugins ship, so the first esbuild run
    of a build also minifies the ones other plugins ask for later."""
    return {
        path.relative_to(PACKAGE_DIR).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE_DIR.glob("*/assets/**/*"))
        if path.is_file() and _minifiable(path.name)
    }


def _run_esbuild(sources: Mapping[str, str], cache: Path | None) -> None:
    by_key = {_key(name, source): source for name, source in sources.items()}
    with tempfile.TemporaryDirectory(prefix="rebound-minify-") as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir()
        for key, source in by_key.items():
            (src / key).write_text(source, encoding="utf-8")
        _esbuild_run([f"--outdir={out}", *sorted(by_key)], src, "esbuild failed")
        for key in by_key:
            # esbuild names every script's output ``.js``.
            output = out / (Path(key).stem + (".css" if key.endswith(".css") else ".js"))
            _remember(key, output.read_text(encoding="utf-8"), cache)


def _esbuild_run(args: list[str], cwd: str | Path, failure: str) -> str:
    """esbuild with our options and ``args`` in ``cwd``; its output, or a
    MinifyError that starts with ``failure`` and gives esbuild's own words."""
    result = subprocess.run(
        [str(_esbuild()), *ESBUILD_OPTIONS, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise MinifyError(f"{failure}:\n{result.stderr.strip()}")
    return result.stdout


def _remember(key: str, text: str, cache: Path | None) -> None:
    """Keep esbuild's output for ``key`` in memory and in the on-disk cache."""
    _memory[key] = text
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / key).write_text(text, encoding="utf-8")


@functools.cache
def _node_modules() -> Path | None:
    """The ``node_modules`` that holds esbuild: the project's, found from this
    package (an editable install) or from the working directory."""
    for start in (PACKAGE_DIR, Path.cwd()):
        for folder in (start, *start.parents):
            if (folder / "node_modules" / "esbuild" / "package.json").is_file():
                return folder / "node_modules"
    return None


def _esbuild() -> Path:
    modules = _node_modules()
    binary = modules / ".bin" / "esbuild" if modules else None
    if binary is None or not binary.exists():
        raise MinifyError("esbuild is not installed: run `npm ci` (or `make setup`)")
    return binary


@functools.cache
def _esbuild_version() -> str:
    modules = _node_modules()
    if modules is None:
        return "none"
    return json.loads((modules / "esbuild" / "package.json").read_text())["version"]


def _cache_dir() -> Path | None:
    modules = _node_modules()
    return modules / ".cache" / "rebound-minify" if modules else None
