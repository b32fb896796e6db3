"""The cut standard library (rebound_mkdocs/runtime/stdlib.py), its fallback
finder (stdlib_fallback.py, run here under CPython with a stand-in for the
worker), the build's record of runtime files, and the traced list being
current (scripts/trace-stdlib.mjs, in the real Pyodide under Node)."""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

from rebound_mkdocs.runtime import runtime_files, stdlib
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT

SAMPLE = '''#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring,
over two lines."""

import os  # a comment after code


class Thing:
    """One line."""

    def method(self):
        """Several
        lines
        here."""
        return "# not a comment"  # but this is


def later():
    x = 1
    return x
'''


def test_shrink_drops_docstrings_and_comments_and_keeps_every_line() -> None:
    shrunk = stdlib.shrink_source(SAMPLE)
    assert shrunk.count("\n") == SAMPLE.count("\n")
    assert "docstring" not in shrunk and "One line" not in shrunk and "Several" not in shrunk
    assert "a comment after code" not in shrunk and "but this is" not in shrunk
    assert '"# not a comment"' in shrunk  # strings are code
    assert shrunk.splitlines()[:2] == SAMPLE.splitlines()[:2]  # the coding line stays
    for before, after in zip(SAMPLE.splitlines(), shrunk.splitlines(), strict=True):
        if "return x" in before or "def later" in before:
            assert before == after
    namespace: dict = {}
    exec(compile(shrunk, "sample", "exec"), namespace)
    assert namespace["Thing"].__doc__ is None and namespace["Thing"]().method() == "# not a comment"
    assert ast.dump(ast.parse(shrunk).body[-1]) == ast.dump(ast.parse(SAMPLE).body[-1])


def test_shrink_keeps_a_future_import_first() -> None:
    source = (
        '"""A module docstring,\nover two lines."""\n\n'
        "from __future__ import annotations\n\n"
        "def f(x: Later) -> int:\n"
        '    """Gone."""\n'
        "    return 1\n"
    )
    shrunk = stdlib.shrink_source(source)
    assert shrunk != source and "docstring" not in shrunk and "Gone" not in shrunk
    assert shrunk.count("\n") == source.count("\n")
    namespace: dict = {}
    exec(compile(shrunk, "sample", "exec"), namespace)  # the future import still comes first
    assert namespace["f"](0) == 1 and namespace["f"].__annotations__ == {
        "x": "Later",
        "return": "int",
    }
    assert namespace["__doc__"] == "" and namespace["f"].__doc__ is None


def test_shrink_leaves_what_it_cannot_parse_alone() -> None:
    newer = 'x = t"template {y}"  # a newer syntax\n'
    assert stdlib.shrink_source("def f(:\n") == "def f(:\n"
    assert stdlib.shrink_source(newer) in (newer, 'x = t"template {y}"\n')


def test_the_traced_list_has_both_sections_and_no_overlap() -> None:
    traced = stdlib.traced_files()
    assert len(traced["boot"]) > 50 and traced["on-demand"]
    assert not set(traced["boot"]) & set(traced["on-demand"])
    assert "json/__init__.py" in traced["boot"] and "_pyodide/__init__.py" in traced["boot"]
    with pytest.raises(stdlib.StdlibError):
        stdlib.traced_files("json.py\n")
    with pytest.raises(stdlib.StdlibError):
        stdlib.traced_files("[boot]\njson.py\n")


def fake_stdlib(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("alpha.py", '"""Alpha."""\nVALUE = "alpha"\n')
        zf.writestr("beta.py", "VALUE = 'beta'\n")
        zf.writestr("pkg/__init__.py", "")
        zf.writestr("pkg/kept.py", "VALUE = 'kept'\n")
        zf.writestr("pkg/more.py", "VALUE = 'more'\n")
        zf.writestr("pkg/rare.py", "VALUE = 'rare'\n")
        zf.writestr("gamma.py", "VALUE = 'gamma'\n")
    return path


FILES = {
    "boot": ["alpha.py", "pkg/__init__.py", "pkg/kept.py"],
    "on-demand": ["beta.py", "pkg/more.py"],
}


def test_write_cut_splits_boot_on_demand_and_the_rest(tmp_path: Path) -> None:
    full = fake_stdlib(tmp_path / "full.zip")
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    cut = stdlib.write_cut(full, out, files=FILES, cache_dir=cache, precompile=False)
    boot = zipfile.ZipFile(cut.boot)
    assert sorted(boot.namelist()) == sorted([*FILES["boot"], stdlib.FALLBACK_NAME])
    # Stored: the site packs the boot zip whole (packed.py); the others deflated.
    assert {i.compress_type for i in boot.infolist()} == {zipfile.ZIP_STORED}
    assert {i.compress_type for i in zipfile.ZipFile(cut.more).infolist()} == {zipfile.ZIP_DEFLATED}
    assert boot.read("alpha.py").decode().count("\n") == 2 and b"Alpha" not in boot.read("alpha.py")
    assert sorted(zipfile.ZipFile(cut.more).namelist()) == sorted(FILES["on-demand"])
    assert (out / layout.STDLIB_FULL_ZIP).read_bytes() == full.read_bytes()
    zips = configured(boot)
    assert [z["url"] for z in zips] == [stdlib.MORE_ZIP, layout.STDLIB_FULL_ZIP]
    assert zips[0]["modules"] == ["beta", "pkg.more"]
    assert zips[1]["modules"] == ["gamma", "pkg.rare"]
    more_bytes = cut.more.read_bytes()
    assert zips[0]["size"] == len(more_bytes)
    assert zips[0]["sha256"] == hashlib.sha256(more_bytes).hexdigest()
    # Cached: the same inputs give the same bytes, without making them again.
    again = stdlib.write_cut(
        full, tmp_path / "again", files=FILES, cache_dir=cache, precompile=False
    )
    assert again.boot.read_bytes() == cut.boot.read_bytes()
    # A module left out on purpose goes to the full zip's list.
    left = stdlib.write_cut(
        full, tmp_path / "left", files=FILES, leave_out=frozenset({"beta"}), precompile=False
    )
    assert "beta.py" not in zipfile.ZipFile(left.more).namelist()
    assert "beta" in configured(zipfile.ZipFile(left.boot))[1]["modules"]


def test_write_cut_refuses_a_list_naming_missing_files(tmp_path: Path) -> None:
    full = fake_stdlib(tmp_path / "full.zip")
    with pytest.raises(stdlib.StdlibError, match="trace-stdlib"):
        stdlib.write_cut(
            full, tmp_path / "out", files={"boot": ["nope.py"], "on-demand": []}, precompile=False
        )


def configured(boot: zipfile.ZipFile) -> list[dict]:
    source = boot.read(stdlib.FALLBACK_NAME).decode()
    call = source.rstrip().splitlines()[-1]
    assert call.startswith("_configure(")
    return json.loads(call.removeprefix("_configure(").removesuffix(")"))


def test_the_fallback_finder_mounts_the_first_zip_that_holds_a_module(tmp_path: Path) -> None:
    """The finder as Pyodide runs it, under CPython: the cut zip on sys.path,
    a stand-in for the worker's synchronous download, a module from the
    on-demand zip, a submodule of a package the cut zip holds in part, and
    one from the full zip, each zip fetched once."""
    full = fake_stdlib(tmp_path / "full.zip")
    out = tmp_path / "site"
    cut = stdlib.write_cut(full, out, files=FILES, precompile=False)
    zips = configured(zipfile.ZipFile(cut.boot))
    fetched: list[str] = []

    class Bytes:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def to_bytes(self) -> bytes:
            return self.data

    def download(name: str, size: int, sha256: str) -> Bytes:
        fetched.append(name)
        data = (out / name).read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == sha256
        return Bytes(data)

    spec = importlib.util.spec_from_file_location("rebound_fallback_test", stdlib.FALLBACK_SOURCE)
    finder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(finder)
    names = ("alpha", "beta", "gamma", "pkg", "pkg.kept", "pkg.more", "pkg.rare")
    saved = (list(sys.path), list(sys.meta_path), sys.modules.get("js"))
    sys.modules["js"] = types.SimpleNamespace(reboundStdlibZip=download)
    sys.path.insert(0, str(cut.boot))
    try:
        finder._configure([{**z, "url": z["url"]} for z in zips])
        for z in finder._zips:
            z["path"] = str(tmp_path / "mounted" / z["url"])
        (tmp_path / "mounted").mkdir()
        assert importlib.import_module("alpha").VALUE == "alpha" and fetched == []
        assert importlib.import_module("pkg.kept").VALUE == "kept" and fetched == []
        assert importlib.import_module("pkg.more").VALUE == "more"
        assert importlib.import_module("beta").VALUE == "beta"
        assert fetched == [stdlib.MORE_ZIP]
        assert importlib.import_module("pkg.rare").VALUE == "rare"
        assert importlib.import_module("gamma").VALUE == "gamma"
        assert fetched == [stdlib.MORE_ZIP, layout.STDLIB_FULL_ZIP]
        with pytest.raises(ImportError):
            importlib.import_module("no_such_module_anywhere")
        assert len(fetched) == 2  # an unknown name costs no download
    finally:
        sys.path[:], sys.meta_path[:] = saved[0], saved[1]
        if saved[2] is None:
            sys.modules.pop("js", None)
        for name in names:
            sys.modules.pop(name, None)


def test_runtime_files_record_sizes_and_hashes(tmp_path: Path) -> None:
    folder = tmp_path / layout.PYODIDE_DIR
    folder.mkdir(parents=True)
    (folder / "a.wasm").write_bytes(b"\0asm")
    (folder / "b.json").write_text("{}")
    data = runtime_files.write(tmp_path, boot=["a.wasm", "b.json"])
    assert data == runtime_files.read(tmp_path)
    assert data["files"]["a.wasm"] == {"size": 4, "sha256": hashlib.sha256(b"\0asm").hexdigest()}
    (folder / "b.json").write_text('{"x": 1}')
    assert runtime_files.refresh(tmp_path)["files"]["b.json"]["size"] == 8
    with pytest.raises(ValueError, match="missing"):
        runtime_files.write(tmp_path, boot=["c.mjs"])


def test_runtime_files_lists_a_packed_file_by_the_name_the_runtime_asks_for(
    tmp_path: Path,
) -> None:
    """A packed file: its frame under ``files``, its own name in ``boot``, and
    the frame's name and decoded size under ``packed``; a frame that is not
    there is refused, as a boot file that is not."""
    folder = tmp_path / layout.PYODIDE_DIR
    folder.mkdir(parents=True)
    (folder / "a.wasm.zst").write_bytes(b"frame")
    entry = {"file": "a.wasm.zst", "size": 4}
    data = runtime_files.write(tmp_path, boot=["a.wasm"], packed={"a.wasm": entry})
    assert set(data["files"]) == {"a.wasm.zst"} and data["packed"] == {"a.wasm": entry}
    assert runtime_files.refresh(tmp_path)["packed"] == {"a.wasm": entry}
    assert runtime_files.wire_name(data, "a.wasm") == "a.wasm.zst"
    assert runtime_files.wire_name(data, "b.json") == "b.json"
    with pytest.raises(ValueError, match="packed files missing"):
        runtime_files.write(tmp_path, boot=[], packed={"b.wasm": {"file": "b.wasm.zst", "size": 1}})
    with pytest.raises(ValueError, match="boot files missing"):
        runtime_files.write(tmp_path, boot=["a.wasm"])


def test_the_traced_list_is_current(built_site: Path) -> None:
    """scripts/trace-stdlib.mjs, run again on the real site, writes the
    committed list, byte for byte: a change to browser_py's imports or to
    Pyodide must come with a new list."""
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "trace-stdlib.mjs"), str(built_site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == stdlib.FILES_LIST.read_text(encoding="utf-8"), (
        "the standard library Rebound imports changed: run `node scripts/trace-stdlib.mjs "
        "site > plugins/rebound_mkdocs/runtime/stdlib_files.txt`"
    )
