"""A site file's entry in the build's checks: what a download must match.

The worker (``runtime-files.js``) and the service worker (``sw.js``) refuse
any download that is not exactly the build's file. Each file's entry::

    {"size": 638544, "sha256": "ab12..."}

A Zstandard frame (a name ending in :data:`ZSTD_SUFFIX`, which the runtime
ships for its largest files, :mod:`rebound_mkdocs.runtime.packed`) has one
more field, the size and SHA-256 of the file the frame holds::

    {"size": 638544, "sha256": "ab12...", "decoded": {"size": 2565224, "sha256": "cd34..."}}

Why: a host should send a ``.zst`` file as it is (the README's Publish
section), but one that sends it with ``Content-Encoding: zstd`` makes the
browser decode it on the way. The download then holds the file, not the
frame: ``worker/download.mjs`` checks such a response against ``decoded``
instead, and the worker skips its own decoding. Without this the reader
would be told "the file arrived damaged" on every visit, and no Retry could
mend it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import zstandard

from . import build_cache

ZSTD_SUFFIX = ".zst"

_decoded: dict[str, dict[str, object]] = {}  # the frame's SHA-256 -> "decoded"


def entry(path: Path) -> dict[str, object]:
    """``path``'s size and SHA-256, and for a frame, those of its content."""
    digest = build_cache.file_sha256(path)
    result: dict[str, object] = {"size": path.stat().st_size, "sha256": digest}
    if path.name.endswith(ZSTD_SUFFIX):
        if digest not in _decoded:
            _decoded[digest] = _content(path)
        if _decoded[digest]:
            result["decoded"] = dict(_decoded[digest])
    return result


def _content(frame: Path) -> dict[str, object]:
    """The size and SHA-256 of what ``frame`` holds; empty if it is no zstd
    frame, or one cut short (a file an author named so): no browser could
    decode it either."""
    decoder = zstandard.ZstdDecompressor().decompressobj()
    try:
        content = decoder.decompress(frame.read_bytes())
    except zstandard.ZstdError:
        return {}
    if not decoder.eof:
        return {}
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
