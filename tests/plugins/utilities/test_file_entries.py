"""A site file's entry in the build's checks (utilities/file_entries.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import zstandard

from rebound_mkdocs.utilities import file_entries

CONTENT = b"".join(f"def f{n}(): return {n}\n".encode() for n in range(5_000))


def test_a_file_is_checked_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "pyodide.mjs"
    path.write_bytes(CONTENT)
    assert file_entries.entry(path) == {
        "size": len(CONTENT),
        "sha256": hashlib.sha256(CONTENT).hexdigest(),
    }


def test_a_frame_also_records_what_it_holds(tmp_path: Path) -> None:
    frame = zstandard.ZstdCompressor(level=3).compress(CONTENT)
    path = tmp_path / "pyodide.asm.wasm.zst"
    path.write_bytes(frame)
    assert file_entries.entry(path) == {
        "size": len(frame),
        "sha256": hashlib.sha256(frame).hexdigest(),
        "decoded": {"size": len(CONTENT), "sha256": hashlib.sha256(CONTENT).hexdigest()},
    }


def test_a_frame_without_its_content_size_is_still_read_whole(tmp_path: Path) -> None:
    """As a tool other than the build may write it (a streaming compressor)."""
    frame = zstandard.ZstdCompressor(level=3, write_content_size=False).compress(CONTENT)
    assert zstandard.get_frame_parameters(frame).content_size == zstandard.CONTENTSIZE_UNKNOWN
    path = tmp_path / "data.zst"
    path.write_bytes(frame)
    assert file_entries.entry(path)["decoded"] == {
        "size": len(CONTENT),
        "sha256": hashlib.sha256(CONTENT).hexdigest(),
    }


@pytest.mark.parametrize("kind", ["not zstd", "cut short"])
def test_a_file_named_like_a_frame_that_is_none_is_checked_as_it_is(
    tmp_path: Path, kind: str
) -> None:
    frame = zstandard.ZstdCompressor(level=3).compress(CONTENT)
    data = CONTENT if kind == "not zstd" else frame[: len(frame) // 2]
    path = tmp_path / "notes.zst"
    path.write_bytes(data)
    assert file_entries.entry(path) == {
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
