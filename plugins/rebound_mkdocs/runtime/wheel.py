"""Ship ``browser_py`` to the browser as a wheel listed in Pyodide's lock file.

Why a wheel in the lock file, and not loose ``.py`` files: the lock names it
and carries its ``sha256``. The worker (``assets/boot.mjs``) looks the name up
in ``pyodide-lock.json``, fetches ``file_name`` next to the lock file while
Pyodide downloads, and checks the bytes against the lock's ``sha256`` before
it writes a single file into Python's file system (it unpacks the wheel itself
so that a memory snapshot can be taken with no package "loaded"; on-demand
wheels go through ``pyodide.loadPackage`` by name, which makes the same
check). A truncated, stale or tampered download fails loudly instead of
running.

The lock is what ``pyodide lockfile add-wheels`` writes. We call the same
library function, :func:`pyodide_lock.utils.add_wheels_to_spec`, in-process:
spawning the CLI costs a Python start-up on every build, which the
benchmark's build time would show. Before adding our wheel, the lock
is trimmed to the packages the site actually hosts (the npm package lists
hundreds of wheels it does not contain, which would only be 404s and JSON
the worker must download and parse on every visit).

The wheel is reproducible: entries in sorted order, fixed timestamps and
permissions, so the same sources always give the same bytes and hash. Its
file name carries a digest of the sources as the wheel *build tag*
(``rebound_browser_py-0.1.0-0g1a2b3c4d5e6f-py3-none-any.whl``), so the URL
changes whenever the code does and a browser can never pair a new lock with
an old cached wheel. (A local version, ``0.1.0+g…``, would say the same, but
some static hosts read ``+`` in a path as a space.)

The modules go in shrunk (:func:`shipped`): no docstrings, no comments,
every line where it was (:func:`.stdlib.shrink_source`, as for the cut
standard library). A phone downloads about a third less of them (50 kB), and
Python compiles less before the first result; a traceback still names the
same file and line, with the code of that line. The sources (and the
translations' extraction) keep their documentation.

The translations are not in the wheel: each language's compiled catalogue
is a runtime file of its own (:mod:`.catalogs`), which only that language's
readers download. The wheel is what every reader downloads before the first
result.

Both files are cached under ``cache_dir`` by a key over the sources, the
pinned Pyodide and its lock; a build with nothing changed only hashes a few
small files and hard-links two.

The same lock also lists the *on-demand* wheels (:mod:`.extra_wheels`, e.g.
pypdf for the filled workbook), written by the same :func:`write_wheel`; they
are linked into the cache entry beside the lock, and the worker loads them
only when a page asks.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..utilities import layout
from . import catalogs
from .pyodide_files import LOCK_FILE, RUNTIME_FILES, link_or_copy
from .stdlib import shrink_source

#: The distribution name the worker asks Pyodide for.
DISTRIBUTION = layout.WHEEL_DISTRIBUTION

_WHEEL_PREFIX = DISTRIBUTION.replace("-", "_")

#: Bump when the wheel or lock layout changes, so old cache entries are ignored
#: (it is part of the build tag too: the same sources, shipped differently,
#: get another file name).
_LAYOUT = "3"

#: The earliest date a zip entry can hold: the same for every build.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

_SUMMARY = "Rebound's worksheet logic, run in the reader's browser by Pyodide."


class WheelError(RuntimeError):
    """The package cannot be turned into a wheel, or the lock cannot take it."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """The wheel and the lock file for one build (both in the cache)."""

    wheel: Path
    lock: Path
    version: str
    build_tag: str
    from_cache: bool
    #: The on-demand wheels listed in the same lock (see :mod:`.extra_wheels`).
    extra_wheels: tuple[Path, ...] = ()


def package_sources(package_dir: Path) -> list[tuple[str, Path]]:
    """``(name in the wheel, file)`` for every module of the package, sorted.

    Only Python files (and a ``py.typed`` marker) go in: no caches, no dot
    files, nothing a build left behind, no translations (they ship as files
    of their own, :mod:`.catalogs`).
    """
    if not package_dir.is_dir():
        raise WheelError(f"the browser package {package_dir} does not exist")
    sources = []
    for path in package_dir.rglob("*"):
        relative = path.relative_to(package_dir)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file() and (path.suffix == ".py" or path.name == "py.typed"):
            sources.append((f"{package_dir.name}/{relative.as_posix()}", path))
    if not sources:
        raise WheelError(f"the browser package {package_dir} has no Python files")
    return sorted(sources)


def wheel_files(package_dir: Path) -> list[tuple[str, bytes]]:
    """Everything the wheel carries from ``package_dir``: its modules
    (:func:`package_sources`), sorted by name."""
    return [(name, path.read_bytes()) for name, path in package_sources(package_dir)]


def shipped(files: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """``files`` as the wheel carries them: each ``.py`` module shrunk by
    :func:`.stdlib.shrink_source` (docstrings and comments out, lines kept)."""
    return [
        (
            name,
            shrink_source(data.decode("utf-8")).encode("utf-8") if name.endswith(".py") else data,
        )
        for name, data in files
    ]


def digest(items: Iterable[tuple[str, bytes]]) -> str:
    """A SHA-256 over ``(name, bytes)`` pairs, each length-prefixed so no two
    different lists hash alike: the wheels' build tags and the cache keys."""
    sha = hashlib.sha256()
    for name, data in items:
        encoded = name.encode()
        sha.update(len(encoded).to_bytes(4, "big") + encoded)
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


def wheel_name(version: str, build_tag: str) -> str:
    return f"{_WHEEL_PREFIX}-{version}-{build_tag}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def build_wheel(
    files: list[tuple[str, bytes]], version: str, build_tag: str, out_dir: Path
) -> Path:
    """Write a reproducible ``py3-none-any`` wheel of ``files`` into ``out_dir``."""
    top_levels = sorted({name.split("/", 1)[0] for name, _ in files})
    dist_info = f"{_WHEEL_PREFIX}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {DISTRIBUTION}\n"
        f"Version: {version}\n"
        f"Summary: {_SUMMARY}\n"
        "Requires-Python: >=3.12\n"
    )
    wheel_meta = wheel_metadata(build_tag)
    entries = [
        *files,
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", wheel_meta.encode()),
        (f"{dist_info}/top_level.txt", ("\n".join(top_levels) + "\n").encode()),
    ]
    return write_wheel(entries, dist_info, out_dir / wheel_name(version, build_tag))


def wheel_metadata(build_tag: str) -> str:
    """The ``WHEEL`` file of every wheel we write: pure Python, any platform,
    with the build tag that names the sources' digest."""
    return (
        "Wheel-Version: 1.0\n"
        "Generator: rebound-runtime\n"
        "Root-Is-Purelib: true\n"
        f"Build: {build_tag}\n"
        "Tag: py3-none-any\n"
    )


def write_wheel(entries: list[tuple[str, bytes]], dist_info: str, target: Path) -> Path:
    """Write ``entries`` and their ``RECORD`` as a reproducible zip at ``target``.

    Shared by every wheel the site ships (``browser_py`` here, the on-demand
    packages in :mod:`.extra_wheels`): entries in the order given, fixed
    timestamps and permissions, so equal inputs always give equal bytes.
    ``dist_info`` is the ``NAME-VERSION.dist-info`` folder the record goes in.
    """
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    entries = [*entries, (f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode())]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return target


def build_lock(
    base_lock: Path,
    wheel: Path,
    target: Path,
    *,
    hosted: Iterable[str],
    extra_wheels: Sequence[Path] = (),
) -> None:
    """Write ``target``: ``base_lock`` trimmed to the ``hosted`` files, plus ``wheel``
    and ``extra_wheels`` (which must sit in the same folder as ``wheel``).

    Same result as ``pyodide lockfile add-wheels`` on the trimmed lock; the
    wheel's dependencies are resolved against what the site hosts, so a
    wheel that needs a package we do not ship fails the build, not the reader.
    """
    # Imported here: these pull in attrs, cattrs and packaging, which
    # a cached build never needs.
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    spec = PyodideLockSpec.from_json(base_lock)
    keep = set(hosted)
    spec.packages = {
        name: package for name, package in spec.packages.items() if package.file_name in keep
    }
    try:
        spec = add_wheels_to_spec(spec, [wheel, *extra_wheels], base_path=wheel.parent)
        spec.check_wheel_filenames()
    except (RuntimeError, ValueError) as error:
        names = ", ".join(path.name for path in (wheel, *extra_wheels))
        raise WheelError(f"cannot add {names} to the Pyodide lock file: {error}") from None
    spec.to_json(target)


def prepare(
    *,
    package_dir: Path,
    base_lock: Path,
    pyodide_version: str,
    project_version: str,
    cache_dir: Path,
    extra_wheels: Sequence[Path] = (),
) -> Bundle:
    """The wheel and lock for the current sources, built only if not cached.

    ``extra_wheels`` (see
    :mod:`.extra_wheels`) are listed in the same lock and linked into the
    cache entry next to it; their names carry a digest of their contents, so
    the names are enough for the cache key.
    """
    sources = wheel_files(package_dir)
    version = project_version
    # A build tag must start with a digit.
    build_tag = f"0g{digest([('layout', _LAYOUT.encode()), *sources])[:12]}"
    key = digest(
        [
            ("layout", _LAYOUT.encode()),
            ("version", version.encode()),
            ("build", build_tag.encode()),
            ("pyodide", pyodide_version.encode()),
            ("lock", base_lock.read_bytes()),
            *(("extra", extra.name.encode()) for extra in extra_wheels),
            *sources,
        ]
    )[:24]
    entry = cache_dir / key
    wheel, lock = entry / wheel_name(version, build_tag), entry / LOCK_FILE
    extras = tuple(entry / extra.name for extra in extra_wheels)
    if wheel.is_file() and lock.is_file() and all(extra.is_file() for extra in extras):
        return Bundle(
            wheel=wheel,
            lock=lock,
            version=version,
            build_tag=build_tag,
            from_cache=True,
            extra_wheels=extras,
        )

    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = cache_dir / f".building-{key}-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        built = build_wheel(shipped(sources), version, build_tag, scratch)
        linked = [scratch / extra.name for extra in extra_wheels]
        for extra, target in zip(extra_wheels, linked, strict=True):
            link_or_copy(extra, target)
        build_lock(
            base_lock,
            built,
            scratch / LOCK_FILE,
            hosted=(*RUNTIME_FILES, built.name, *(path.name for path in linked)),
            extra_wheels=linked,
        )
        shutil.rmtree(entry, ignore_errors=True)
        scratch.rename(entry)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(cache_dir, keep=entry)
    return Bundle(
        wheel=wheel,
        lock=lock,
        version=version,
        build_tag=build_tag,
        from_cache=False,
        extra_wheels=extras,
    )


#: The sub-folder of the cache that :mod:`.extra_wheels` keeps its wheels in.
EXTRA_CACHE = "on-demand"


def _prune(cache_dir: Path, *, keep: Path) -> None:
    """Drop older entries: the cache holds one build, not a history."""
    for child in cache_dir.iterdir():
        if (
            child != keep
            and child.is_dir()
            and not child.name.startswith(".building-")
            and child.name not in (EXTRA_CACHE, catalogs.CACHE)
        ):
            shutil.rmtree(child, ignore_errors=True)
