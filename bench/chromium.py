"""Debian's Chromium, the one browser of the benchmark and the browser tests.

Playwright's own browser download is unavailable here, so both launch the
system's ``chromium`` (``scripts/install-system-deps`` installs it) with the
same flags: nothing that talks to the network behind the page's back, and no
GPU or QUIC, so the figures and the tests see only the site's own requests.
"""

from __future__ import annotations

import shutil
from typing import Any

#: The executable: the one on PATH, else Debian's.
PATH = shutil.which("chromium") or "/usr/bin/chromium"

#: The command-line flags of every launch.
ARGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_args() -> dict[str, Any]:
    """Keyword arguments for Playwright's ``chromium.launch()``."""
    return {"executable_path": PATH, "args": list(ARGS)}
