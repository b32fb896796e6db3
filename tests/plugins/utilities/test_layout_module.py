"""layout.js's ``languageFiles``: the page's language's own files (its
manifest and PDF), by ``<html lang>``; the primary language's for a language
the site does not have, and in a worker (no document)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from rebound_mkdocs.utilities import layout

LANGUAGES = {
    "en": {"path": "", "manifest": layout.MANIFEST, "workbookPdf": layout.WORKBOOK_PDF},
    "zh-Hans": {
        "path": "zh/",
        "manifest": f"zh/{layout.MANIFEST}",
        "workbookPdf": "zh/downloads/rebound-workbook.zh.pdf",
    },
}

SCRIPT = """
const { languageFiles } = await import(process.argv[2]);
const pick = (lang) => {
  if (lang === undefined) delete globalThis.document;
  else globalThis.document = { documentElement: { lang } };
  const { manifest, workbookPdf } = languageFiles();
  return { manifest, workbookPdf };
};
console.log(JSON.stringify({
  zh: pick("zh-Hans"), en: pick("en"), other: pick("fr"), worker: pick(undefined),
  given: languageFiles("zh-Hans").manifest,
}));
"""


def test_language_files_follow_the_pages_language(tmp_path: Path) -> None:
    module = tmp_path / "layout.js"
    module.write_text(
        layout.layout_module(layout.browser_layout(languages=LANGUAGES)), encoding="utf-8"
    )
    node = shutil.which("node")
    assert node
    out = subprocess.run(
        [node, "--input-type=module", "-", module.as_uri()],
        input=SCRIPT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(out.stdout)
    primary = {"manifest": layout.MANIFEST, "workbookPdf": layout.WORKBOOK_PDF}
    assert found["zh"] == {
        "manifest": "zh/assets/rebound/worksheets.json",
        "workbookPdf": "zh/downloads/rebound-workbook.zh.pdf",
    }
    assert found["en"] == primary
    assert found["other"] == primary
    assert found["worker"] == primary
    assert found["given"] == "zh/assets/rebound/worksheets.json"
