"""The parts of a fast boot that need no browser.

* ``browser_py.api`` imports only what every compute needs: each worksheet's
  module and the workbook's modules load on first use, and nothing pulls in the standard
  library's HTTP/email stack (``xml.sax.saxutils`` did, for a second of
  Pyodide's boot).
* ``unzip.mjs`` (the worker writes the wheel's files itself) reads exactly
  what Python's ``zipfile`` reads, and refuses what it does not understand.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.build import ROOT

UNZIP = ROOT / "plugins" / "rebound_mkdocs" / "runtime" / "assets" / "worker" / "unzip.mjs"

#: Modules that made the worker's boot slow, or that only the workbook needs.
HEAVY = (
    "browser_py.workbook",
    "browser_py.workbook.exchange",
    "browser_py.workbook.overview",
    "browser_py.workbook.calendar_ics",
    "browser_py.workbook.pdf_fill",
    "xml.sax",
    "urllib.request",
    "http.client",
    "email",
)


def test_the_api_imports_nothing_the_first_compute_does_not_need() -> None:
    script = "import json, sys\nimport browser_py.api\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = json.loads(result.stdout)
    # The import did happen. (That each worksheet's own module waits for its
    # first request is test_browser_py_api's test_worksheet_modules_load_on_first_use_only.)
    assert "browser_py.core.spec" in loaded and "browser_py.core.answers" in loaded
    slow = [name for name in loaded if name.startswith(HEAVY)]
    assert slow == []


def test_workbook_actions_are_all_listed_and_load_on_first_use() -> None:
    script = """
import json, sys
from browser_py import api
before = "browser_py.workbook" in sys.modules
answer = json.loads(api.handle(json.dumps({"action": "plan_import", "text": "not json"})))
from browser_py.workbook import actions as workbook
from rebound_mkdocs.utilities import layout
print(json.dumps({"before": before, "after": "browser_py.workbook" in sys.modules,
                  "listed": sorted(api.WORKBOOK_ACTIONS), "actions": sorted(workbook.ACTIONS),
                  "answer": answer}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    seen = json.loads(result.stdout)
    assert seen["before"] is False and seen["after"] is True
    assert seen["listed"] == seen["actions"]
    # Answered by the workbook module itself (a refusal of its own, not "unknown action").
    assert seen["answer"]["ok"] is False
    assert "unknown action" not in seen["answer"]["error"]


def _node() -> str:
    node = shutil.which("node")
    assert node, "node is needed to build the site (npm ci) and to run these tests"
    return node


def unzip(archive: Path) -> dict[str, object]:
    """Run unzip.mjs on ``archive`` under node: {path: base64} or {"error":
    message, "code": code, "params": [...]}."""
    script = f"""
import {{ unzip }} from {json.dumps(UNZIP.as_uri())};
import fs from "node:fs";
try {{
  const files = await unzip(fs.readFileSync({json.dumps(str(archive))}));
  console.log(JSON.stringify(Object.fromEntries(
    files.map((f) => [f.path, Buffer.from(f.bytes).toString("base64")]))));
}} catch (error) {{
  console.log(JSON.stringify({{
    error: `${{error.name}}: ${{error.message}}`, code: error.code, params: error.params,
  }}));
}}
"""
    result = subprocess.run(
        [_node(), "--input-type=module"],
        input=script,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_unzip_reads_what_zipfile_reads(tmp_path: Path) -> None:
    archive = tmp_path / "pkg-1.0-py3-none-any.whl"
    big = ("def f():\n    return 'caf\u00e9'\n" * 2000).encode()
    with zipfile.ZipFile(archive, "w") as wheel:
        wheel.writestr("pkg/", b"")  # a directory entry: skipped
        wheel.writestr("pkg/__init__.py", b"", compress_type=zipfile.ZIP_STORED)
        wheel.writestr("pkg/big.py", big, compress_type=zipfile.ZIP_DEFLATED)
        wheel.writestr("pkg/data/raw.bin", bytes(range(256)) * 4, compress_type=zipfile.ZIP_STORED)
        wheel.writestr(
            "pkg-1.0.dist-info/METADATA", b"Name: pkg\n", compress_type=zipfile.ZIP_DEFLATED
        )
        wheel.comment = b"a comment moves the end record"
    files = unzip(archive)
    with zipfile.ZipFile(archive) as wheel:
        expected = {
            info.filename: base64.b64encode(wheel.read(info)).decode()
            for info in wheel.infolist()
            if not info.is_dir()
        }
    assert files == expected
    assert len(expected) == 4


@pytest.mark.parametrize(
    "name", ["../evil.py", "pkg/../../evil.py", "/etc/evil", "pkg//x.py", "pkg/./x.py", "pkg\\x.py"]
)
def test_unzip_refuses_names_that_could_leave_site_packages(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "bad.whl"
    with zipfile.ZipFile(archive, "w") as wheel:
        wheel.writestr("pkg/ok.py", b"x = 1\n")
        wheel.writestr(name, b"boom")
    result = unzip(archive)
    assert result.get("error", "").startswith("ZipError: the wheel holds an unsafe name")


def test_unzip_refuses_other_compression_and_non_zips(tmp_path: Path) -> None:
    archive = tmp_path / "bz.whl"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_BZIP2) as wheel:
        wheel.writestr("pkg/x.py", b"x = 1\n" * 50)
    refused = unzip(archive)
    assert "compression method 12" in str(refused["error"])
    # The page words it by code, in the reader's language (messages.worker).
    assert (refused["code"], refused["params"]) == ("zipMethod", ["pkg/x.py", 12])
    junk = tmp_path / "junk.whl"
    junk.write_bytes(b"PK" + bytes(100))
    refused = unzip(junk)
    assert refused["error"] == "ZipError: not a zip archive"
    assert (refused["code"], refused["params"]) == ("notZip", [])
