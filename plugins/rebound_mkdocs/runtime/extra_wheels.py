"""Ship installed pure-Python packages to the browser as wheels loaded on demand.

Some features need a third-party package that Pyodide does not bundle in our
trimmed lock: filling in the workbook PDF needs ``pypdf``. The site cannot
fetch it from a package index at run time (nothing may leave the site's
origin), and the build must work offline, so the build re-packages the copy
that is installed in the build's own environment (``pip`` put it there as a
runtime dependency) as a ``py3-none-any`` wheel:

* the files come from :func:`importlib.metadata.distribution` (the
  distribution's ``RECORD``), without byte-code caches, installer records or
  anything installed outside ``site-packages`` (console scripts);
* a distribution that is not pure Python (a compiled extension, a wheel tag
  other than ``py3-none-any``) is refused: it could not run in Pyodide;
* the wheel is written by :func:`.wheel.write_wheel`, the same reproducible
  writer as the ``browser_py`` wheel, with a build tag made from a digest of
  the files, so equal installs give equal bytes and a changed install gets a
  new URL.

:func:`.wheel.prepare` then lists the wheel in the site's ``pyodide-lock.json``
next to ``browser_py``, so the worker loads it *by name* with
``pyodide.loadPackage("pypdf")`` and Pyodide checks its ``sha256``. The worker
never loads it at boot: only when a page asks (see ``worker.mjs``).

Each wheel is cached under ``<cache_dir>/on-demand/`` by its digest, so a build
with the same install only reads and hashes the files (a few milliseconds for
pypdf's 1.8 MB) and never re-compresses them.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

from .wheel import EXTRA_CACHE, WheelError, digest, wheel_metadata, write_wheel

#: Bump when the layout of these wheels changes, so old cache entries are ignored.
_LAYOUT = "1"

#: What an installer adds to ``*.dist-info`` that a wheel must not carry
#: (``RECORD`` is written anew, with the files actually shipped).
_INSTALLER_FILES = frozenset({"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"})

#: File kinds that mean the distribution is not pure Python.
_COMPILED = (".so", ".pyd", ".dylib", ".dll", ".wasm")

#: Tags a pure-Python wheel may carry.
_PURE_TAGS = frozenset({"py3-none-any", "py2.py3-none-any"})


@dataclass(frozen=True, slots=True)
class ExtraWheel:
    """One on-demand wheel in the cache."""

    name: str  # the distribution's canonical name, what the worker asks Pyodide for
    version: str
    wheel: Path
    from_cache: bool


def canonical_name(name: str) -> str:
    """PEP 503 normalisation: ``Typing_Extensions`` -> ``typing-extensions``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_prefix(name: str) -> str:
    """The distribution part of a wheel's file name (PEP 427/491)."""
    return canonical_name(name).replace("-", "_")


def distribution_files(name: str) -> tuple[str, str, list[tuple[str, Path]]]:
    """``(canonical name, version, [(name in the wheel, installed file)])`` of an
    installed distribution, sorted, with the installer's own files left out.

    Raises :class:`.wheel.WheelError` when it is not installed or not pure Python.
    """
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        raise WheelError(
            f"the on-demand package {name!r} is not installed in the build's "
            "Python environment: install the project's dependencies "
            "(`pip install -e .`)"
        ) from None
    project = canonical_name(dist.metadata["Name"] or name)
    version = dist.version
    wheel_info = HeaderParser().parsestr(dist.read_text("WHEEL") or "")
    tags = set(wheel_info.get_all("Tag") or [])
    if (
        wheel_info.get("Root-Is-Purelib", "").strip().lower() != "true"
        or not tags
        or not tags <= _PURE_TAGS
    ):
        raise WheelError(
            f"{project} {version} is not a pure-Python distribution (its wheel "
            f"tags are {', '.join(sorted(tags)) or 'missing'}), so Pyodide cannot "
            "load a re-packaged copy of it"
        )
    if dist.files is None:
        raise WheelError(f"{project} {version} has no RECORD of its installed files")

    dist_info = f"{_wheel_prefix(project)}-{version}.dist-info"
    files: list[tuple[str, Path]] = []
    for record in dist.files:
        parts = record.parts
        if not parts or parts[0] == ".." or record.is_absolute():
            continue  # console scripts and data installed outside site-packages
        if "__pycache__" in parts or record.suffix == ".pyc":
            continue
        if parts[0].endswith(".dist-info"):
            if len(parts) == 2 and parts[1] in _INSTALLER_FILES:
                continue
            # Normalise the folder name, in case the installer kept another spelling.
            arcname = "/".join((dist_info, *parts[1:]))
        else:
            arcname = record.as_posix()
        if record.name.endswith(_COMPILED):
            raise WheelError(
                f"{project} {version} contains the compiled file {arcname}, so it "
                "is not pure Python and cannot run in Pyodide"
            )
        path = Path(str(record.locate()))
        if not path.is_file():
            raise WheelError(
                f"{project} {version} is incompletely installed: {arcname} is missing; reinstall it"
            )
        files.append((arcname, path))
    if not any(arcname.endswith(".py") for arcname, _ in files):
        raise WheelError(f"{project} {version} has no Python modules to ship")
    return project, version, sorted(files)


def wheel_name(project: str, version: str, build_tag: str) -> str:
    return f"{_wheel_prefix(project)}-{version}-{build_tag}-py3-none-any.whl"


def build(
    project: str, version: str, files: list[tuple[str, bytes]], build_tag: str, out_dir: Path
) -> Path:
    """Write the wheel of one distribution's ``files`` (their bytes) into ``out_dir``.

    The distribution's own ``METADATA`` and licence files go in as installed;
    ``WHEEL`` is written anew with the build tag.
    """
    dist_info = f"{_wheel_prefix(project)}-{version}.dist-info"
    wheel_meta = wheel_metadata(build_tag)
    entries = [(name, data) for name, data in files if name != f"{dist_info}/WHEEL"]
    entries.append((f"{dist_info}/WHEEL", wheel_meta.encode()))
    if not any(name == f"{dist_info}/METADATA" for name, _ in entries):
        raise WheelError(f"{project} {version} has no METADATA file")
    return write_wheel(entries, dist_info, out_dir / wheel_name(project, version, build_tag))


def prepare(name: str, *, cache_dir: Path) -> ExtraWheel:
    """The wheel of the installed distribution ``name``, built only if not cached.

    ``cache_dir`` is the runtime's cache; the wheel lives in its
    ``on-demand`` folder, which :func:`.wheel.prepare` never prunes.
    """
    project, version, sources = distribution_files(name)
    files = [(arcname, path.read_bytes()) for arcname, path in sources]
    build_tag = f"0g{digest([('layout', _LAYOUT.encode()), *files])[:12]}"
    root = cache_dir / EXTRA_CACHE
    entry = root / f"{_wheel_prefix(project)}-{version}-{build_tag}"
    wheel = entry / wheel_name(project, version, build_tag)
    if wheel.is_file():
        return ExtraWheel(project, version, wheel, from_cache=True)

    root.mkdir(parents=True, exist_ok=True)
    scratch = root / f".building-{entry.name}-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        build(project, version, files, build_tag, scratch)
        shutil.rmtree(entry, ignore_errors=True)
        scratch.rename(entry)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # One entry per distribution: drop wheels of older installs of it.
    prefix = f"{_wheel_prefix(project)}-"
    for child in root.iterdir():
        if (
            child != entry
            and child.is_dir()
            and child.name.startswith(prefix)
            and not child.name.startswith(".building-")
        ):
            shutil.rmtree(child, ignore_errors=True)
    return ExtraWheel(project, version, wheel, from_cache=False)
