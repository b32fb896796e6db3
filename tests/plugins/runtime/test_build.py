"""The runtime plugin at build time: the pinned Pyodide, the reproducible
``browser_py`` wheel, the lock file that lists it, the cache, and the copies."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from browser_py.api import handle
from rebound_mkdocs.runtime import packed, pyodide_files, runtime_files, wheel
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT, mkdocs_build
from tests.helpers.responses import request
from tests.helpers.specs import real_specs

PYODIDE = ROOT / "node_modules" / "pyodide"
SHIPPED = {
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm.zst",
    "python_stdlib.zip.zst",
    "python_stdlib_more.zip",
    "python_stdlib_full.zip",
    "pyodide-lock.json",
}
WHEEL_NAME = re.compile(r"^rebound_browser_py-[0-9.]+-0g[0-9a-f]{12}-py3-none-any\.whl$")


def pinned() -> str:
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def small_project(root: Path, *, pyodide: Path | None, pin: str | None = None) -> Path:
    """A one-page project using only the runtime plugin. ``pyodide`` becomes its
    ``node_modules/pyodide`` (a link to the real one, or a fake directory)."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Hello\n")
    package = root / "browser_py"
    package.mkdir()
    (package / "__init__.py").write_text('"""Test package."""\n')
    (package / "api.py").write_text("def handle(request):\n    return request\n")
    (root / "package.json").write_text(
        json.dumps({"name": "t", "private": True, "dependencies": {"pyodide": pin or pinned()}})
    )
    if pyodide is not None:
        (root / "node_modules").mkdir()
        (root / "node_modules" / "pyodide").symlink_to(pyodide)
    config = root / "mkdocs.yml"
    config.write_text("site_name: Test\nplugins:\n  - rebound-runtime\n")
    return config


def test_build_fails_with_npm_hint_when_pyodide_is_missing(tmp_path: Path) -> None:
    config = small_project(tmp_path, pyodide=None)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "is not installed" in result.stderr
    assert "run `npm ci`" in result.stderr


def test_build_fails_when_installed_pyodide_is_not_the_pinned_one(tmp_path: Path) -> None:
    fake = tmp_path / "fake-pyodide"
    fake.mkdir()
    (fake / "package.json").write_text(json.dumps({"name": "pyodide", "version": "0.26.4"}))
    config = small_project(tmp_path / "project", pyodide=fake)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert f"holds Pyodide 0.26.4, but package.json pins {pinned()}" in result.stderr
    assert "run `npm ci`" in result.stderr


def test_build_refuses_a_version_range(tmp_path: Path) -> None:
    config = small_project(tmp_path, pyodide=PYODIDE, pin=f"^{pinned()}")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "must pin an exact pyodide version" in result.stderr


def test_build_ships_only_the_runtime_files_hard_linked_and_a_wheel_in_the_lock(
    tmp_path: Path,
) -> None:
    config = small_project(tmp_path, pyodide=PYODIDE)
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr

    shipped = {p.name for p in (site / "assets" / "pyodide").iterdir()}
    wheels = [name for name in shipped if name.endswith(".whl")]
    assert len(wheels) == 1 and WHEEL_NAME.match(wheels[0]), shipped
    assert shipped - set(wheels) == SHIPPED
    # Same file system: the files shipped as they are are linked, not copied.
    for name, source in (
        ("pyodide.asm.mjs", "pyodide.asm.mjs"),
        (layout.STDLIB_FULL_ZIP, "python_stdlib.zip"),
    ):
        shipped_file = site / "assets" / "pyodide" / name
        assert shipped_file.stat().st_ino == (PYODIDE / source).stat().st_ino
    # The WebAssembly ships packed, and decodes to Pyodide's own bytes.
    wasm = (site / "assets" / "pyodide" / "pyodide.asm.wasm.zst").read_bytes()
    assert packed.unpack(wasm) == (PYODIDE / "pyodide.asm.wasm").read_bytes()
    # The cut standard library, packed, is smaller than Pyodide's.
    cut = site / "assets" / "pyodide" / (layout.STDLIB_ZIP + ".zst")
    assert cut.stat().st_size < (PYODIDE / "python_stdlib.zip").stat().st_size / 3

    # The record of every runtime file: sizes and SHA-256 of what is there.
    record = runtime_files.read(site)
    assert set(record["files"]) == shipped
    for name, entry in record["files"].items():
        data = (site / "assets" / "pyodide" / name).read_bytes()
        digest = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if name.endswith(packed.SUFFIX):  # and what it holds, should a host decode it
            content = packed.unpack(data)
            digest["decoded"] = {
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        assert entry == digest
    assert record["boot"][-1] == wheels[0] and layout.STDLIB_ZIP in record["boot"]
    assert layout.STDLIB_FULL_ZIP not in record["boot"]
    assert record["packed"] == {
        name: {
            "file": name + ".zst",
            "size": len(
                packed.unpack((site / "assets" / "pyodide" / (name + ".zst")).read_bytes())
            ),
        }
        for name in packed.PACKED
    }

    lock = json.loads((site / "assets" / "pyodide" / "pyodide-lock.json").read_text())
    upstream = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    assert lock["info"] == upstream["info"]
    assert list(lock["packages"]) == [layout.WHEEL_DISTRIBUTION]
    entry = lock["packages"][layout.WHEEL_DISTRIBUTION]
    data = (site / "assets" / "pyodide" / wheels[0]).read_bytes()
    assert entry["file_name"] == wheels[0]
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["imports"] == ["browser_py"]
    assert entry["depends"] == []

    # Every page loads the entry script as a module and the worksheet styles.
    page = (site / "index.html").read_text()
    assert f'<script src="{layout.ENTRY_SCRIPT}" type="module">' in page
    assert f'href="{layout.WORKSHEETS_CSS}"' in page
    assert (site / layout.WORKER_SCRIPT).is_file()


def test_cache_is_reused_until_the_sources_change(tmp_path: Path) -> None:
    config = small_project(tmp_path, pyodide=PYODIDE)
    cache = tmp_path / "node_modules" / ".cache" / "rebound-runtime"
    assert mkdocs_build(config, tmp_path / "one").returncode == 0
    (entry,) = (p for p in cache.iterdir() if not p.name.startswith("stdlib-"))
    (first,) = entry.glob("*.whl")
    built_at = first.stat().st_mtime_ns

    assert mkdocs_build(config, tmp_path / "two").returncode == 0
    assert [p.name for p in cache.iterdir() if not p.name.startswith("stdlib-")] == [entry.name]
    assert first.stat().st_mtime_ns == built_at  # not rebuilt
    assert (
        tmp_path / "two" / "assets" / "pyodide" / first.name
    ).stat().st_ino == first.stat().st_ino

    (tmp_path / "browser_py" / "api.py").write_text("def handle(request):\n    return '{}'\n")
    assert mkdocs_build(config, tmp_path / "three").returncode == 0
    (new_entry,) = (p for p in cache.iterdir() if not p.name.startswith("stdlib-"))  # old pruned
    (second,) = new_entry.glob("*.whl")
    assert new_entry != entry and second.name != first.name
    shipped = tmp_path / "three" / "assets" / "pyodide"
    lock = json.loads((shipped / "pyodide-lock.json").read_text())
    assert lock["packages"][layout.WHEEL_DISTRIBUTION]["file_name"] == second.name
    assert not (shipped / first.name).exists()


def test_the_real_wheel_is_reproducible_and_holds_only_browser_py(tmp_path: Path) -> None:
    sources = [
        (name, path.read_bytes()) for name, path in wheel.package_sources(ROOT / "browser_py")
    ]
    one = wheel.build_wheel(sources, "0.1.0", "0gabc", _mkdir(tmp_path / "one"))
    two = wheel.build_wheel(sources, "0.1.0", "0gabc", _mkdir(tmp_path / "two"))
    assert one.read_bytes() == two.read_bytes()

    with zipfile.ZipFile(one) as archive:
        names = archive.namelist()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        record = archive.read("rebound_browser_py-0.1.0.dist-info/RECORD").decode()
    packaged = sorted(n for n in names if not n.startswith("rebound_browser_py-0.1.0.dist-info/"))
    expected = sorted(
        f"browser_py/{p.relative_to(ROOT / 'browser_py').as_posix()}"
        for p in (ROOT / "browser_py").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert packaged == expected
    assert all(f"{name}," in record for name in names)

    # A plain CPython can import the package straight from the wheel.
    probe = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import browser_py.core.spec as s; "
            "print(s.__file__)",
            str(one),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().startswith(str(one))


def test_link_or_copy_never_writes_through_an_existing_link(tmp_path: Path) -> None:
    source, protected, target = tmp_path / "new", tmp_path / "protected", tmp_path / "site.bin"
    source.write_bytes(b"new bytes")
    protected.write_bytes(b"node_modules bytes")
    os.link(protected, target)  # a previous build linked the target to another file

    assert pyodide_files.link_or_copy(source, target) == "linked"
    assert target.read_bytes() == b"new bytes"
    assert protected.read_bytes() == b"node_modules bytes"
    assert pyodide_files.link_or_copy(source, target) == "unchanged"


def test_pinned_version_reads_exact_pins_only(tmp_path: Path) -> None:
    manifest = tmp_path / "package.json"
    manifest.write_text(json.dumps({"dependencies": {"pyodide": "=314.0.7"}}))
    assert pyodide_files.pinned_version(manifest) == "314.0.7"
    manifest.write_text(json.dumps({"dependencies": {"react": "1"}}))
    with pytest.raises(pyodide_files.PyodideSetupError, match="does not list pyodide"):
        pyodide_files.pinned_version(manifest)
    manifest.write_text("{not json")
    with pytest.raises(pyodide_files.PyodideSetupError, match="cannot read"):
        pyodide_files.pinned_version(manifest)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_the_shipped_wheel_is_shrunk_and_computes_what_the_sources_compute(
    tmp_path: Path,
) -> None:
    bundle = wheel.prepare(
        package_dir=ROOT / "browser_py",
        base_lock=PYODIDE / "pyodide-lock.json",
        pyodide_version=pyodide_files.pinned_version(ROOT / "package.json"),
        project_version="0.1.0",
        cache_dir=tmp_path / "cache",
    )
    with zipfile.ZipFile(bundle.wheel) as archive:
        shipped = {
            name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".py")
        }
    assert shipped, "no module in the wheel"
    for name, text in shipped.items():
        source = (ROOT / name).read_text()
        # Every line where it was, so a traceback names the same line...
        assert text.count("\n") == source.count("\n"), name
        # ...and no comment or docstring left.
        assert not re.search(r"^\s*#", text, re.MULTILINE), name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                assert not ast.get_docstring(node), f"{name}: a docstring is left"
    assert sum(map(len, shipped.values())) < 0.8 * sum(
        len((ROOT / name).read_text()) for name in shipped
    )

    # Every worksheet, with the v1 fixture's answers (and the others as
    # context), gives the same response from the wheel as from the sources.
    saved = json.loads((ROOT / "tests" / "fixtures" / "v1" / "localstorage.json").read_text())
    answers = {
        key.removeprefix("rebound:v1:"): json.loads(value)["values"]
        for key, value in saved.items()
        if key.startswith("rebound:v1:")
    }
    requests = [
        request(worksheet, answers.get(worksheet, {}), context=answers)
        for worksheet in real_specs()
    ]
    probe = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import json, sys; sys.path.insert(0, sys.argv[1]);"
            "from browser_py.api import handle;"
            "print(json.dumps([handle(r) for r in json.load(sys.stdin)]))",
            str(bundle.wheel),
        ],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    from_wheel = json.loads(probe.stdout)
    assert from_wheel == [handle(one) for one in requests]
    assert all(json.loads(response)["ok"] for response in from_wheel)
