"""Find the pinned Pyodide in ``node_modules`` and put its runtime files in the site.

The npm package holds far more than a browser needs (TypeScript types, source
maps, consoles, a CommonJS build). The site gets only the files that
``loadPyodide`` fetches from a module worker; everything else stays behind.

Copies are cheap: a hard link when the site is on the same file system as
``node_modules`` (no bytes move; the ~13 MB runtime costs nothing per build),
a real copy otherwise, and nothing at all when the target is already the same
file. An existing target is unlinked before it is replaced, so a later writer
can never change ``node_modules`` through a shared inode.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: What ``loadPyodide`` fetches in a module worker, besides the lock file
#: (which the build rewrites, see :mod:`.wheel`).
RUNTIME_FILES: tuple[str, ...] = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)

#: Pyodide's lock file: the package index the runtime loads packages by name from.
LOCK_FILE = "pyodide-lock.json"

_NPM_HINT = "run `npm ci` in the project directory (or `make setup`)"

Outcome = Literal["linked", "copied", "unchanged"]


class PyodideSetupError(RuntimeError):
    """Pyodide is missing, incomplete or not the pinned version."""


@dataclass(frozen=True, slots=True)
class PyodideDist:
    """The installed Pyodide npm package, checked against the pin."""

    directory: Path
    version: str

    @property
    def lock_file(self) -> Path:
        return self.directory / LOCK_FILE

    def runtime_paths(self) -> list[Path]:
        return [self.directory / name for name in RUNTIME_FILES]


def pinned_version(package_json: Path) -> str:
    """The exact Pyodide version ``package.json`` pins.

    A range (``^314.0.7``) is refused: the lock file, the wheel tags and the
    tests are only valid for one runtime.
    """
    try:
        manifest = json.loads(package_json.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PyodideSetupError(
            f"{package_json} is missing: it pins the Pyodide version the site ships"
        ) from None
    except (OSError, ValueError) as error:
        raise PyodideSetupError(f"cannot read {package_json}: {error}") from None
    spec = (
        (manifest.get("dependencies") or {}).get("pyodide") if isinstance(manifest, dict) else None
    )
    if not isinstance(spec, str) or not spec.strip():
        raise PyodideSetupError(f'{package_json} does not list pyodide under "dependencies"')
    version = spec.strip().removeprefix("=").removeprefix("v")
    if not version[:1].isdigit() or any(c in version for c in "^~<>*| "):
        raise PyodideSetupError(
            f"{package_json} must pin an exact pyodide version "
            f'(for example "314.0.7"), not {spec!r}'
        )
    return version


def locate(pyodide_dir: Path, package_json: Path) -> PyodideDist:
    """Check that ``npm ci`` installed the pinned Pyodide with every file we ship."""
    pinned = pinned_version(package_json)
    manifest = pyodide_dir / "package.json"
    if not manifest.is_file():
        raise PyodideSetupError(
            f"Pyodide {pinned} is not installed ({pyodide_dir} is missing): {_NPM_HINT}"
        )
    try:
        installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError) as error:
        raise PyodideSetupError(f"cannot read {manifest} ({error}): {_NPM_HINT}") from None
    if installed != pinned:
        raise PyodideSetupError(
            f"{pyodide_dir} holds Pyodide {installed}, but {package_json.name} "
            f"pins {pinned}: {_NPM_HINT}"
        )
    missing = [name for name in (*RUNTIME_FILES, LOCK_FILE) if not (pyodide_dir / name).is_file()]
    if missing:
        raise PyodideSetupError(
            f"Pyodide {pinned} in {pyodide_dir} is incomplete (missing "
            f"{', '.join(missing)}): {_NPM_HINT}"
        )
    return PyodideDist(directory=pyodide_dir, version=pinned)


def link_or_copy(source: Path, target: Path) -> Outcome:
    """Make ``target`` hold the bytes of ``source`` as cheaply as possible."""
    try:
        if target.exists():
            if os.path.samefile(source, target):
                return "unchanged"
            src_stat, dst_stat = source.stat(), target.stat()
            if (
                src_stat.st_size == dst_stat.st_size
                and src_stat.st_mtime_ns == dst_stat.st_mtime_ns
            ):
                return "unchanged"
            target.unlink()
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return "linked"
    except OSError as error:
        # Another file system, or one without hard links: copy instead.
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
    shutil.copy2(source, target)
    return "copied"
