"""PDF figures: each language's workbook built cold (its cache off), as the
plugin logs it: ``pdf_seconds`` (English) and ``zh_pdf_seconds`` (Chinese,
set in Noto Sans CJK SC and subset), and the Chinese PDF's size. The two are
built side by side (README, "Languages"), so on a two-core machine each
figure includes some of the other's load."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .build import ROOT
from .stats import summary

#: The workbook plugin's log line, e.g.
#: "Workbook PDF built in 1.92 s (1.80 s CPU): downloads/rebound-workbook.pdf (714 kB)"
BUILT = re.compile(r"Workbook PDF built in ([0-9.]+) s \([0-9.]+ s CPU\): (\S+)")

#: Where each language's PDF is, relative to the site, by its log line's path.
PDFS = {
    "downloads/rebound-workbook.pdf": "pdf_seconds",
    "downloads/rebound-workbook.zh.pdf": "zh_pdf_seconds",
}


def measure_pdf(runs: int = 5) -> dict[str, object]:
    seconds: dict[str, list[float]] = {key: [] for key in PDFS.values()}
    zh_size = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-f",
                    str(ROOT / "mkdocs.yml"),
                    "-d",
                    str(Path(tmp, "site")),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "REBOUND_WORKBOOK_CACHE": "false"},
            )
            found = {PDFS[m.group(2)]: float(m.group(1)) for m in BUILT.finditer(result.stderr)}
            if set(found) != set(PDFS.values()):
                raise RuntimeError(
                    f"the workbook plugin did not report both PDFs:\n{result.stderr}"
                )
            for key, value in found.items():
                seconds[key].append(value)
            zh_size = Path(tmp, "site", "zh", "downloads", "rebound-workbook.zh.pdf").stat().st_size
    return {
        **{key: summary(values, 2) for key, values in seconds.items()},
        "zh_pdf_bytes": zh_size,
    }
