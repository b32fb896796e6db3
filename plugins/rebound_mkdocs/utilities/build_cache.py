"""Results the build derives from files, kept so the next build reuses them.

A build with no change to its inputs should cost little more than MkDocs
itself. Three results were made again on every build although their inputs
rarely change: the SHA-256 of every runtime file (about 15 MB, hashed by the
runtime plugin for ``runtime-files.js`` and again by the offline plugin for
``sw.js``), the install icons (Pillow), and the inline-script hashes of each
page's HTML (the security plugin's parse).

Two kinds of entry:

* :func:`file_sha256`: a file's digest, keyed on its identity and state
  ``(device, inode, size, mtime_ns)``. As Git does for its index, a file
  whose modification time is within :data:`RACY_SECONDS` of the moment it
  was hashed is never remembered: it could change again within the
  file system's timestamp granularity without its key changing. Any write
  after that moves ``mtime_ns``, so a remembered digest is never stale
  (short of someone setting a file's time back by hand). Kept in memory for
  the process (shared by the plugins, and by the rebuilds of ``mkdocs
  serve``) and on disk, in :data:`DIGESTS_FILE`.
* :class:`ContentCache`: values keyed by a hash of everything they are made
  from (a content key, :func:`content_key`), so a hit is always what the
  work would give again.

The disk cache lives in ``node_modules/.cache/`` beside the minifier's
(``rebound_mkdocs.minify``) and the runtime plugin's; without a
``node_modules`` folder only the memory cache is used. A damaged or
unreadable cache file counts as empty.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

#: Bump when the layout of the cache changes, so old entries are ignored.
SCHEMA = "rebound-build-cache/1"

#: A file modified this recently when hashed is hashed again next time.
RACY_SECONDS = 2.0

#: Entries :func:`file_sha256` keeps on disk (the site's runtime files and
#: shell, with room for a few deploys' worth of changes).
MAX_DIGESTS = 4000

PACKAGE_DIR = Path(__file__).resolve().parent.parent

_digests: dict[str, str] = {}  # file key -> hex digest, this process
_loaded = False
_dirty = False


@functools.cache
def cache_root() -> Path | None:
    """``node_modules/.cache`` of the project, or ``None`` when there is none."""
    for start in (PACKAGE_DIR, Path.cwd()):
        for folder in (start, *start.parents):
            if (folder / "node_modules").is_dir() and (folder / "package.json").is_file():
                return folder / "node_modules" / ".cache"
    return None


def _digests_file() -> Path | None:
    root = cache_root()
    return root / "rebound-build" / "digests.json" if root else None


def _file_key(stat: os.stat_result) -> str:
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    path = _digests_file()
    if path is None:
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return
    entries = data.get("digests")
    if isinstance(entries, dict):
        for key, value in entries.items():
            if isinstance(key, str) and isinstance(value, str) and len(value) == 64:
                _digests.setdefault(key, value)


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of the bytes of ``path``, from the cache when the file
    has not changed since it was hashed."""
    _load()
    before = path.stat()
    key = _file_key(before)
    known = _digests.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    after = path.stat()
    # Changed while it was read, or too recently to trust its time: not kept.
    settled = time.time_ns() - after.st_mtime_ns > RACY_SECONDS * 1e9
    if _file_key(after) == key and settled:
        global _dirty
        _digests[key] = value
        _dirty = True
    return value


def save_digests() -> None:
    """Write the digests learnt in this process to disk (once per build)."""
    global _dirty
    path = _digests_file()
    if not _dirty or path is None:
        return
    entries = dict(list(_digests.items())[-MAX_DIGESTS:])
    try:
        _write_atomic(path, json.dumps({"schema": SCHEMA, "digests": entries}).encode())
    except OSError:
        return  # a cache that cannot be written is only slower
    _dirty = False


def content_key(*parts: str | bytes) -> str:
    """SHA-256 over ``parts``, each length-prefixed so no two different lists
    of parts hash alike."""
    digest = hashlib.sha256(SCHEMA.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class ContentCache:
    """Byte strings by content key, in ``node_modules/.cache/rebound-build/NAME/``
    (and in memory); keeps the :data:`keep` most recently used."""

    def __init__(self, name: str, keep: int = 200) -> None:
        self.name = name
        self.keep = keep
        self._memory: dict[str, bytes] = {}

    @property
    def directory(self) -> Path | None:
        root = cache_root()
        return root / "rebound-build" / self.name if root else None

    def get(self, key: str) -> bytes | None:
        if key in self._memory:
            return self._memory[key]
        directory = self.directory
        if directory is None:
            return None
        try:
            data = (directory / key).read_bytes()
        except OSError:
            return None
        self._memory[key] = data
        return data

    def put(self, key: str, data: bytes) -> None:
        self._memory[key] = data
        directory = self.directory
        if directory is None:
            return
        try:
            _write_atomic(directory / key, data)
            entries = sorted(
                (p for p in directory.iterdir() if not p.name.endswith(".part")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for stale in entries[self.keep :]:
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written is only slower


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
