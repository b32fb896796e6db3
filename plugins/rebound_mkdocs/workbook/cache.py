"""A small on-disk cache of finished PDFs, keyed by a hash of their inputs.

Laying out the workbook is the slowest step of the build, yet most builds
change nothing that goes into it. The key covers everything the PDF is made
from (the print HTML, which already contains the page text and the print
worksheets, the CSS, the specs, the paper size and the versions of the
libraries that draw it), so a hit is always the PDF a fresh build would give.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: Bump when the plugin changes how it draws or finishes the PDF.
CACHE_SCHEMA = "rebound-workbook/1"

#: Entries kept; a couple let someone switch paper size back and forth cheaply.
KEEP = 4


def cache_key(*parts: str | bytes) -> str:
    """SHA-256 over ``parts``; each is length-prefixed so no two different
    lists of parts can hash alike."""
    digest = hashlib.sha256(CACHE_SCHEMA.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class PdfCache:
    """Finished PDFs in ``directory``, one file per key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        """The cached PDF, or ``None`` when there is none (or it is unreadable)."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        # A file cut short (a build killed mid-write) is a miss, not a PDF.
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            return None
        os.utime(self.path(key))  # most recently used: pruned last
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store atomically (a reader never sees half a file) and prune."""
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        entries = sorted(
            self.directory.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
