"""PDF figure: the workbook built cold (its cache off), as the plugin logs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .build import ROOT
from .stats import summary

#: The workbook plugin's log line, e.g. "Workbook PDF built in 1.92 s (1.80 s CPU): ..."
BUILT = re.compile(r"Workbook PDF built in ([0-9.]+) s")


def measure_pdf(runs: int = 5) -> dict[str, object]:
    seconds = []
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
            match = BUILT.search(result.stderr)
            if match is None:
                raise RuntimeError(f"the workbook plugin did not report a build:\n{result.stderr}")
            seconds.append(float(match.group(1)))
    return {"pdf_seconds": summary(seconds, 2)}
