"""Build-time figures: the real site with and without our plugins."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .stats import ratio_summary, summary

ROOT = Path(__file__).resolve().parent.parent


def timed_build(site_dir: Path, *, plugins: bool, extra_env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one `mkdocs build` run as a user runs it."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "REBOUND_PLUGINS": "true" if plugins else "false",
        **(extra_env or {}),
    }
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return time.perf_counter() - start


def measure_build(runs: int = 5) -> dict[str, object]:
    """Interleave builds with and without our plugins, so both see the same
    machine state; one warm-up of each is discarded."""
    with tempfile.TemporaryDirectory() as tmp:
        with_dir, without_dir = Path(tmp, "with"), Path(tmp, "without")
        timed_build(with_dir, plugins=True)
        timed_build(without_dir, plugins=False)
        with_plugins, without_plugins = [], []
        for _ in range(runs):
            with_plugins.append(timed_build(with_dir, plugins=True))
            without_plugins.append(timed_build(without_dir, plugins=False))
    return {
        "build_seconds_with_plugins": summary(with_plugins),
        "build_seconds_without_plugins": summary(without_plugins),
        "build_ratio": ratio_summary(with_plugins, without_plugins),
    }
