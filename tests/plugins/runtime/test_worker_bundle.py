"""The worker's script ships as one file with the modules it imports."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from rebound_mkdocs.runtime import packed, runtime_files, worker_bundle
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT

#: A static import, or a dynamic import of a relative path.
RELATIVE_IMPORT = re.compile(r"""(\bfrom\s*["']|\bimport\s*\(\s*["']\.|\bimport\s*["'])""")


def test_the_site_worker_imports_nothing_of_ours_and_holds_this_builds_record(
    built_site: Path,
) -> None:
    text = (built_site / layout.WORKER_SCRIPT).read_text()
    assert not RELATIVE_IMPORT.search(text), RELATIVE_IMPORT.search(text)
    # runtime-files.js as the build wrote it, after the wheel was built.
    for name, entry in runtime_files.read(built_site)["files"].items():
        assert entry["sha256"] in text, name
    # Pyodide's own scripts stay separate: imported by URL.
    assert '"pyodide.mjs"' in text and '"pyodide.asm.mjs"' in text
    # The separate modules stay for the pages that import them.
    assert (built_site / layout.WORKER_DIR / "snapshot.mjs").is_file()


def test_the_inlined_layout_finds_the_site_root_from_the_worker_path(tmp_path: Path) -> None:
    (tmp_path / layout.RUNTIME_FILES).parent.mkdir(parents=True)
    (tmp_path / layout.RUNTIME_FILES).write_text(
        'export const runtimeFiles = {"boot": [], "files": {}};\n'
    )
    (tmp_path / layout.LAYOUT_SCRIPT).write_text(
        layout.layout_module({"pyodideDir": "assets/pyodide/"})
    )
    packed.copy_decoder(ROOT / "node_modules", tmp_path)
    sources = worker_bundle.sources(tmp_path)
    # The layout module alone, evaluated as if it were served at the
    # worker's path: its siteUrl must still name the site's own root.
    module = tmp_path / "served" / layout.WORKER_SCRIPT
    module.parent.mkdir(parents=True)
    module.write_text(sources[layout.LAYOUT_SCRIPT])
    run = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            f"const m = await import({str(module.as_uri())!r});"
            "console.log(m.siteUrl('assets/pyodide/').href);",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (tmp_path / "served" / "assets" / "pyodide").as_uri() + "/"


def test_a_refreshed_record_is_in_the_worker_too(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    lock = site / layout.PYODIDE_DIR / "pyodide-lock.json"
    lock.write_text(lock.read_text().replace("{", "{ ", 1))  # as a deploy might
    record = runtime_files.refresh(site)
    text = (site / layout.WORKER_SCRIPT).read_text()
    assert record["files"]["pyodide-lock.json"]["sha256"] in text
    assert runtime_files.read(built_site)["files"]["pyodide-lock.json"]["sha256"] not in text
