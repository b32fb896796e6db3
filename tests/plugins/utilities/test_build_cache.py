"""The build's caches of derived results never hand back a stale one."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from rebound_mkdocs.install import manifest
from rebound_mkdocs.install import plugin as install_plugin
from rebound_mkdocs.security import csp
from rebound_mkdocs.security import plugin as security_plugin
from rebound_mkdocs.utilities import build_cache
from rebound_mkdocs.worksheets import plugin as worksheets_plugin
from rebound_mkdocs.worksheets.blocks import find_worksheet_fences


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh, empty cache in ``tmp_path``, for this test only."""
    root = tmp_path / "cache"
    monkeypatch.setattr(build_cache, "cache_root", lambda: root)
    monkeypatch.setattr(build_cache, "_digests", {})
    monkeypatch.setattr(build_cache, "_loaded", False)
    monkeypatch.setattr(build_cache, "_dirty", False)
    return root


def _age(path: Path, seconds: float = 60) -> None:
    """Make ``path`` look written ``seconds`` ago (a settled file)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_digest_is_the_files_sha256(cache, tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 3_000_000)
    assert build_cache.file_sha256(path) == _sha(b"x" * 3_000_000)


def test_a_settled_file_is_remembered_and_a_rewrite_is_hashed_again(cache, tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"first")
    _age(path)
    assert build_cache.file_sha256(path) == _sha(b"first")
    assert len(build_cache._digests) == 1
    # Same size, rewritten: the new modification time is a new key.
    path.write_bytes(b"other")
    assert build_cache.file_sha256(path) == _sha(b"other")


def test_a_file_changed_within_the_clocks_granularity_is_never_stale(cache, tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"first")
    assert build_cache.file_sha256(path) == _sha(b"first")
    assert build_cache._digests == {}  # too recent to trust its time
    stat = path.stat()
    path.write_bytes(b"other")
    # The worst case: same size and the very same timestamp.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert build_cache.file_sha256(path) == _sha(b"other")


def test_a_replaced_file_is_hashed_again(cache, tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"first")
    _age(path)
    stat = path.stat()
    assert build_cache.file_sha256(path) == _sha(b"first")
    replacement = tmp_path / "b.bin"
    replacement.write_bytes(b"other")
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, path)  # same size and time, another inode
    assert build_cache.file_sha256(path) == _sha(b"other")


def test_digests_survive_the_process_and_a_damaged_file_is_ignored(cache, tmp_path, monkeypatch):
    path = tmp_path / "a.bin"
    path.write_bytes(b"kept")
    _age(path)
    build_cache.file_sha256(path)
    build_cache.save_digests()
    stored = cache / "rebound-build" / "digests.json"
    assert stored.is_file()

    monkeypatch.setattr(build_cache, "_digests", {})
    monkeypatch.setattr(build_cache, "_loaded", False)
    build_cache._load()
    assert list(build_cache._digests.values()) == [_sha(b"kept")]

    stored.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(build_cache, "_digests", {})
    monkeypatch.setattr(build_cache, "_loaded", False)
    assert build_cache.file_sha256(path) == _sha(b"kept")


def test_content_cache_round_trip_and_pruning(cache):
    store = build_cache.ContentCache("things", keep=2)
    keys = [build_cache.content_key("part", str(n)) for n in range(3)]
    for number, key in enumerate(keys):
        store.put(key, f"value {number}".encode())
        time.sleep(0.01)  # distinct modification times, so pruning keeps the newest
    fresh = build_cache.ContentCache("things", keep=2)  # another build: disk only
    assert fresh.get(keys[2]) == b"value 2"
    assert fresh.get(keys[0]) is None
    assert build_cache.content_key("a", "bc") != build_cache.content_key("ab", "c")


def test_cached_icons_are_the_icons(cache):
    made = install_plugin._icons(install_plugin.SOURCE_ICON)
    install_plugin._ICONS._memory.clear()  # read back from disk
    assert any((cache / "rebound-build" / "icons").iterdir())
    again = install_plugin._icons(install_plugin.SOURCE_ICON)
    assert again == made == manifest.render_icons(install_plugin.SOURCE_ICON)


def test_cached_script_hashes_follow_the_html(cache):
    page = "<html><head><script>var a = 1;</script></head><body></body></html>"
    other = page.replace("a = 1", "a = 2")
    assert security_plugin._inline_script_hashes(page) == csp.inline_script_hashes(page)
    assert security_plugin._inline_script_hashes(page) == csp.inline_script_hashes(page)
    assert security_plugin._inline_script_hashes(other) == csp.inline_script_hashes(other)
    assert csp.inline_script_hashes(other) != csp.inline_script_hashes(page)


def test_cached_fences_follow_the_markdown(cache):
    page = "# Title\n\n```worksheet\nid: a\n```\n"
    moved = "# Title\n\nMore text.\n\n```worksheet\nid: a\n```\n"
    assert worksheets_plugin._find_fences(page) == find_worksheet_fences(page)
    assert worksheets_plugin._find_fences(page) == find_worksheet_fences(page)
    assert worksheets_plugin._find_fences(moved) == find_worksheet_fences(moved)
    assert find_worksheet_fences(moved)[0].start != find_worksheet_fences(page)[0].start
    assert worksheets_plugin._find_fences("no fence here") == []
