"""`make bench`: build, serve and measure Rebound against same-run baselines.

Writes ``bench/results/latest.json`` and ``bench/results/latest.md``, and puts
the table into the README between ``<!-- bench:start -->`` and
``<!-- bench:end -->``. It reports; it never fails on a missed target.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import chromium
from .browser import chromium as chromium_browser
from .browser import measure_browser
from .build import ROOT, measure_build, timed_build
from .pdf import measure_pdf
from .phone import measure_phone
from .report import TARGETS, markdown_table, update_readme
from .static_server import StaticServer

RESULTS = ROOT / "bench" / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    # 9 by default: on a 2-core virtual machine a figure's spread between
    # runs is easily 30 %, and the median of 5 moved across targets.
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (at least 5)")
    parser.add_argument("--skip-build", action="store_true", help="skip the build-time figures")
    parser.add_argument(
        "--only-phone", action="store_true", help="only the phone figures (and no build figures)"
    )
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)
    started = time.perf_counter()

    results: dict[str, object] = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            "chromium": _chromium_version(),
        },
        "runs": runs,
    }
    with tempfile.TemporaryDirectory(prefix="rebound-bench-") as tmp:
        site, plain = Path(tmp, "site"), Path(tmp, "plain")
        print("bench: building the site and a plain Material build of the same content")
        timed_build(site, plugins=True)
        timed_build(plain, plugins=False)
        _bare_baseline(site)
        results.update(stdlib_figures(site))
        if not args.only_phone:
            with StaticServer(site) as ours, StaticServer(plain) as baseline:
                print("bench: browser figures")
                results.update(
                    measure_browser(ours.url + "/", site, baseline.url + "/", plain, runs=runs)
                )
        print("bench: phone figures (throttled link and CPU)")
        with chromium_browser() as browser:
            results.update(measure_phone(browser, site, runs))
    if not args.skip_build and not args.only_phone:
        print("bench: build figures")
        results.update(measure_build(runs))
        print("bench: PDF figures")
        results.update(measure_pdf(runs))
    results["bench_seconds"] = round(time.perf_counter() - started, 1)

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(results)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    update_readme(ROOT / "README.md", table)
    print(table)
    missing = [key for key in TARGETS if key not in results]
    if missing:
        print(f"bench: missing figures: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


def _bare_baseline(site: Path) -> None:
    """``site/__bench__/``: the bare baseline, with Pyodide as npm ships it
    (the site's own WebAssembly and standard library are packed, packed.py),
    the site's small lock file (the bare boot loads no package) and the whole
    standard library."""
    from rebound_mkdocs.utilities import layout

    bare = site / "__bench__"
    shutil.copytree(ROOT / "bench" / "bare", bare)
    pyodide = bare / "pyodide"
    pyodide.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, pyodide / name)
    for name in ("pyodide-lock.json", layout.STDLIB_FULL_ZIP):
        shutil.copyfile(site / layout.PYODIDE_DIR / name, pyodide / name)


def stdlib_figures(site: Path) -> dict[str, object]:
    """The cut standard library the site ships, and Pyodide's whole one: files,
    bytes, and bytes on the wire (the zstd frame the cut one ships as; gzip
    for the whole one, if a host compressed it)."""
    import gzip
    import io
    import zipfile

    from rebound_mkdocs.runtime import packed, runtime_files
    from rebound_mkdocs.utilities import layout

    folder = site / layout.PYODIDE_DIR
    packs = runtime_files.read(site).get("packed", {})
    figures: dict[str, object] = {}
    for key, name in (
        ("stdlib_zip", layout.STDLIB_ZIP),
        ("stdlib_full_zip", layout.STDLIB_FULL_ZIP),
    ):
        if name in packs:
            wire = (folder / packs[name]["file"]).read_bytes()
            data = packed.unpack(wire)
        else:
            data = (folder / name).read_bytes()
            wire = gzip.compress(data, 6, mtime=0)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = len([info for info in archive.infolist() if not info.is_dir()])
        figures[key] = {"files": files, "bytes": len(data), "wire_bytes": len(wire)}
    return figures


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _chromium_version() -> str:
    try:
        return subprocess.run(
            [chromium.PATH, "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=20,
        ).stdout.strip()
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
