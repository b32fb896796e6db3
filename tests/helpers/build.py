"""The repository's root and ``mkdocs build`` run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rebound_mkdocs.utilities import editions

#: The repository: ``mkdocs.yml``, ``content/``, ``browser_py/``...
ROOT = Path(__file__).resolve().parents[2]


def mkdocs_build(
    config: Path, site_dir: Path, *, strict: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` as a user would, returning the finished process."""
    command = editions.build_command(
        str(config), str(site_dir), strict=strict, python=sys.executable
    )
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )
