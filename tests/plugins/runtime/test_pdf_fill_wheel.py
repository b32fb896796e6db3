"""pypdf for the browser: the on-demand wheel re-packaged from the installed
distribution (``rebound_mkdocs.runtime.extra_wheels``), listed in the site's
Pyodide lock beside ``browser_py``, reproducible and cached."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from rebound_mkdocs import minify
from rebound_mkdocs.runtime import extra_wheels, runtime_files, wheel, worker_bundle
from rebound_mkdocs.utilities import layout

WHEEL = "pypdf-{version}-0g"


def _pypdf_version() -> str:
    return metadata.version("pypdf")


def test_the_wheel_holds_the_installed_pypdf_and_nothing_of_the_installer(tmp_path: Path) -> None:
    built = extra_wheels.prepare("pypdf", cache_dir=tmp_path)
    assert built.name == "pypdf" and built.version == _pypdf_version()
    assert not built.from_cache
    assert built.wheel.name.startswith(WHEEL.format(version=built.version))
    assert built.wheel.name.endswith("-py3-none-any.whl")

    dist = metadata.distribution("pypdf")
    installed = {
        str(f)
        for f in dist.files or []
        if str(f).startswith("pypdf/") and not str(f).endswith(".pyc")
    }
    with zipfile.ZipFile(built.wheel) as archive:
        names = archive.namelist()
        assert {n for n in names if n.startswith("pypdf/")} == installed
        info = f"pypdf-{built.version}.dist-info"
        assert {n for n in names if n.startswith(info)} >= {
            f"{info}/METADATA",
            f"{info}/WHEEL",
            f"{info}/RECORD",
        }
        assert not [n for n in names if n.endswith((".pyc", "INSTALLER", "REQUESTED"))]
        assert archive.read(f"{info}/METADATA") == dist.read_text("METADATA").encode()
        assert b"Root-Is-Purelib: true" in archive.read(f"{info}/WHEEL")
        # Every file is in RECORD with its real hash and size.
        rows = list(csv.reader(io.StringIO(archive.read(f"{info}/RECORD").decode())))
        assert {row[0] for row in rows} == set(names)
        for name, digest, size in rows:
            if name.endswith("RECORD"):
                continue
            data = archive.read(name)
            assert int(size) == len(data)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == f"sha256={expected.decode()}"
        # Same source file, same bytes: nothing was rewritten on the way.
        sample = "pypdf/_writer.py"
        assert archive.read(sample) == Path(str(dist.locate_file(sample))).read_bytes()


def test_the_wheel_is_reproducible_and_cached(tmp_path: Path) -> None:
    one = extra_wheels.prepare("pypdf", cache_dir=tmp_path / "a")
    two = extra_wheels.prepare("pypdf", cache_dir=tmp_path / "b")
    assert one.wheel.name == two.wheel.name
    assert one.wheel.read_bytes() == two.wheel.read_bytes()
    built_at = one.wheel.stat().st_mtime_ns
    again = extra_wheels.prepare("pypdf", cache_dir=tmp_path / "a")
    assert again.from_cache and again.wheel == one.wheel
    assert again.wheel.stat().st_mtime_ns == built_at


def test_a_plain_python_imports_pypdf_from_the_wheel_alone(tmp_path: Path) -> None:
    built = extra_wheels.prepare("pypdf", cache_dir=tmp_path)
    code = (
        "import sys, pypdf, io; assert pypdf.__file__.startswith(sys.argv[1]), "
        "pypdf.__file__; w = pypdf.PdfWriter(); w.add_blank_page(10, 10); "
        "b = io.BytesIO(); w.write(b); print(pypdf.__version__, len(pypdf.PdfReader(b).pages))"
    )
    # -I -S: no site-packages, so pypdf can only come from the wheel on the path.
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path.insert(0, sys.argv[1]); {code}",
            str(built.wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [built.version, "1"]


def test_compiled_or_missing_distributions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(wheel.WheelError, match="not installed"):
        extra_wheels.prepare("no-such-distribution-here", cache_dir=tmp_path)
    with pytest.raises(wheel.WheelError, match="not a pure-Python distribution"):
        extra_wheels.prepare("MarkupSafe", cache_dir=tmp_path)  # ships a C speed-up


def test_the_site_lists_pypdf_in_its_lock_but_the_worker_does_not_load_it_at_boot(
    built_site: Path,
) -> None:
    shipped = built_site / "assets" / "pyodide"
    lock = json.loads((shipped / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == {layout.WHEEL_DISTRIBUTION, "pypdf"}
    entry = lock["packages"]["pypdf"]
    data = (shipped / entry["file_name"]).read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["imports"] == ["pypdf"] and entry["depends"] == []
    assert entry["version"] == _pypdf_version()
    # Boot loads only the worksheets' package; pypdf comes on request. (The
    # site's worker.mjs inlines runtime-files.js, which lists pypdf's wheel
    # among the files, not among the boot's: so the worker's own modules,
    # minified as they ship.)
    worker = (built_site / layout.WORKER_SCRIPT).read_text()
    code = "".join(
        minify.minify_files(
            {path.name: path.read_text() for path in worker_bundle.WORKER_SOURCES.glob("*.mjs")}
        ).values()
    )
    shared = (built_site / layout.LAYOUT_SCRIPT).read_text()
    assert f'"wheelDistribution":"{wheel.DISTRIBUTION}"' in shared
    assert "wheelDistribution" in worker
    assert "pypdf" not in code + shared
    assert [name for name in runtime_files.read(built_site)["boot"] if "pypdf" in name] == []
