"""The boot zip's precompiled modules (rebound_mkdocs/runtime/stdlib.py with
precompile.mjs): every boot module is a .pyc, the same inputs give the same
bytes, and Pyodide imports them (in Node) with tracebacks that still name the
line."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from rebound_mkdocs.runtime import packed, stdlib
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"
FULL = PYODIDE / "python_stdlib.zip"

#: A small real cut: json.
FILES = {
    "boot": ["json/__init__.py", "json/decoder.py", "json/scanner.py", "json/encoder.py"],
    "on-demand": ["textwrap.py"],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_module_names_of_compiled_entries() -> None:
    assert stdlib.module_name("json/decoder.pyc") == "json.decoder"
    assert stdlib.module_name("json/__init__.pyc") == "json"
    assert stdlib.module_name("json/decoder.py") == "json.decoder"
    assert stdlib.module_name("LICENSE.txt") is None


def test_the_list_has_a_boot_and_an_on_demand_section_and_nothing_else() -> None:
    text = "[boot]\na.py\nb.py\n[on-demand]\nc.py\n"
    assert stdlib.traced_files(text) == {"boot": ["a.py", "b.py"], "on-demand": ["c.py"]}
    # An older list's [compiled] section (every boot file is compiled now).
    with pytest.raises(stdlib.StdlibError, match="nothing else"):
        stdlib.traced_files(text + "[compiled]\nb.py\n")


def test_write_cut_ships_every_boot_module_as_pyc_and_the_same_bytes_twice(
    tmp_path: Path,
) -> None:
    first = stdlib.write_cut(FULL, tmp_path / "one", files=FILES)
    names = set(zipfile.ZipFile(first.boot).namelist())
    assert names == {name + "c" for name in FILES["boot"]} | {stdlib.FALLBACK_NAME}
    pyc = zipfile.ZipFile(first.boot).read("json/decoder.pyc")
    # An unchecked hash-based .pyc (PEP 552): flags 1, then the source's hash.
    assert int.from_bytes(pyc[4:8], "little") == 1
    # The fallback's list of what the full zip adds knows json.decoder is here.
    source = zipfile.ZipFile(first.boot).read(stdlib.FALLBACK_NAME).decode()
    assert '"json.decoder"' not in source
    second = stdlib.write_cut(FULL, tmp_path / "two", files=FILES)
    assert sha256(first.boot) == sha256(second.boot)
    # Cached, the same bytes; sources only is another zip, not the cached one.
    cache = tmp_path / "cache"
    cached = stdlib.write_cut(FULL, tmp_path / "three", files=FILES, cache_dir=cache)
    assert sha256(cached.boot) == sha256(first.boot)
    plain = stdlib.write_cut(
        FULL, tmp_path / "four", files=FILES, cache_dir=cache, precompile=False
    )
    assert set(zipfile.ZipFile(plain.boot).namelist()) == {*FILES["boot"], stdlib.FALLBACK_NAME}


def test_a_build_without_pyodide_or_node_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(stdlib.StdlibError, match=r"does not hold Pyodide.*npm ci"):
        stdlib.write_cut(FULL, tmp_path / "out", files=FILES, pyodide_dir=tmp_path)
    monkeypatch.setattr(stdlib.shutil, "which", lambda name: None)
    with pytest.raises(stdlib.StdlibError, match=r"Node\.js is not installed"):
        stdlib.write_cut(FULL, tmp_path / "out", files=FILES)
    # Sources only need neither.
    stdlib.write_cut(FULL, tmp_path / "plain", files=FILES, precompile=False)


def site_boot_zip(site: Path, folder: Path) -> Path:
    """The site's boot zip, decoded from the frame it ships as, in ``folder``."""
    frame = site / layout.PYODIDE_DIR / (layout.STDLIB_ZIP + packed.SUFFIX)
    target = folder / layout.STDLIB_ZIP
    target.write_bytes(packed.unpack(frame.read_bytes()))
    return target


def test_the_site_boot_zip_holds_every_boot_module_compiled(
    built_site: Path, tmp_path: Path
) -> None:
    """The built site's boot zip: a .pyc for every [boot] Python file, no
    source but the fallback's; a fresh build, with no cache, writes the same
    bytes."""
    traced = stdlib.traced_files()
    boot = site_boot_zip(built_site, tmp_path)
    names = set(zipfile.ZipFile(boot).namelist())
    assert {n for n in names if n.endswith(".pyc")} == {
        n + "c" for n in traced["boot"] if n.endswith(".py")
    }
    assert {n for n in names if n.endswith(".py")} == {stdlib.FALLBACK_NAME}
    fresh = stdlib.write_cut(FULL, tmp_path / "fresh")
    assert sha256(fresh.boot) == sha256(boot)


IMPORT_CHECK = r"""
const [dir, zip] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: dir + "/", stdLibURL: zip });
pyodide.globals.set("COMPILED", process.env.COMPILED);
process.stdout.write(pyodide.runPython(`
import importlib, json, sys, traceback
compiled = json.loads(COMPILED)
# Each a call that raises inside the module: a traceback through its code.
RAISES = {
    "re._parser": lambda: importlib.import_module("re").compile("("),
    "re._compiler": lambda: importlib.import_module("re").compile("("),
    "json": lambda: importlib.import_module("json").loads(5),
    "json.decoder": lambda: importlib.import_module("json").loads("[1,"),
    "annotationlib": lambda: importlib.import_module("annotationlib").get_annotations(5),
    "typing": lambda: importlib.import_module("typing").NamedTuple("X", 5),
    "inspect": lambda: importlib.import_module("inspect").signature(5),
    "shutil": lambda: importlib.import_module("shutil").copyfile("/no/such", "/tmp/x"),
    "functools": lambda: importlib.import_module("functools").singledispatch(len).register(5),
    "enum": lambda: importlib.import_module("enum").Enum("X", 5),
    "collections": lambda: importlib.import_module("collections").namedtuple("X", "1a"),
    "dataclasses": lambda: importlib.import_module("dataclasses").fields(5),
}
result = {"origins": {}, "tracebacks": {}}
for name in compiled:
    module = importlib.import_module(name)
    result["origins"][name] = module.__spec__.origin
    if name in RAISES:
        try:
            RAISES[name]()
        except Exception as error:
            frames = traceback.extract_tb(error.__traceback__)
            result["tracebacks"][name] = [[frame.filename, frame.lineno] for frame in frames]
json.dumps(result)
`));
"""


def test_pyodide_imports_the_compiled_modules_with_line_numbers(
    built_site: Path, tmp_path: Path
) -> None:
    """The site's boot zip in Pyodide (Node): every boot module comes from
    its .pyc, and a traceback through one names its file and line."""
    compiled = [name for name in stdlib.traced_files()["boot"] if name.endswith(".py")]
    modules = [stdlib.module_name(name) for name in compiled]
    result = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            IMPORT_CHECK,
            str(PYODIDE),
            str(site_boot_zip(built_site, tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COMPILED": json.dumps(modules)},
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    for name, origin in answer["origins"].items():
        assert origin.endswith(".pyc"), f"{name} came from {origin}"
    assert answer["tracebacks"], (
        f"none of {modules} is in the test's table of calls that raise inside a module: add one"
    )
    for name, frames in answer["tracebacks"].items():
        path = compiled[modules.index(name)]
        inside = [line for file, line in frames if file.endswith("/" + path)]
        assert inside, f"no frame of {path} in the traceback {frames}"
        assert all(isinstance(line, int) and line > 0 for line in inside), frames
