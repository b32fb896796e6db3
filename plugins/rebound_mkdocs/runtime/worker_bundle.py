"""The Python worker as one file: ``worker/worker.mjs`` with every module it
imports inlined (``boot.mjs``, ``download.mjs``, ``snapshot.mjs``,
``unzip.mjs``, ``unpack.mjs`` with its zstd decoder, ``layout.js`` and
``runtime-files.js``).

Why: a module worker fetches its imports only once it has its own script,
and their imports only once it has those, each level one round trip, before
any of its code runs. The runtime's downloads, the longest part of a first
visit on a phone, start only then. One file is one round trip.

The bundle is written over the site's ``worker/worker.mjs`` after the build
wrote ``runtime-files.js`` (it inlines it), and again whenever that record
is (:func:`.runtime_files.refresh`). The separate modules stay in the site:
the workbook's storage panel imports ``snapshot.mjs``. ``layout.js`` finds
the site's root from its own URL, so the bundle gets a copy written for the
worker's path (:func:`rebound_mkdocs.utilities.layout.layout_module`), with
the data of the site's own ``layout.js``. Pyodide's own scripts are imported
by computed URLs and stay separate.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import minify
from ..utilities import layout
from . import packed

WORKER_SOURCES = Path(__file__).parent / "assets" / "worker"


#: How the site's ``layout.js`` starts: its data, as JSON, ends the line.
_LAYOUT_DATA = "export const layout = "


def site_layout(site: Path) -> dict:
    """The data of ``site``'s ``layout.js``."""
    first = (site / layout.LAYOUT_SCRIPT).read_text(encoding="utf-8").split("\n", 1)[0]
    if not first.startswith(_LAYOUT_DATA):
        raise ValueError(f"{layout.LAYOUT_SCRIPT} does not start with {_LAYOUT_DATA!r}")
    return json.loads(first.removeprefix(_LAYOUT_DATA).rstrip().rstrip(";"))


def sources(site: Path) -> dict[str, str]:
    """``{site path: source}`` of everything the worker imports."""
    return {
        layout.LAYOUT_SCRIPT: layout.layout_module(
            site_layout(site), served_as=layout.WORKER_SCRIPT
        ),
        layout.RUNTIME_FILES: (site / layout.RUNTIME_FILES).read_text(encoding="utf-8"),
        **{
            f"{layout.WORKER_DIR}/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(WORKER_SOURCES.glob("*.mjs"))
        },
        # Not ours (npm's fzstd): the build copied it into the site.
        packed.DECODER_SCRIPT: (site / packed.DECODER_SCRIPT).read_text(encoding="utf-8"),
    }


def write(site: Path) -> int:
    """Write the bundle over ``site``'s worker script; return its size in bytes."""
    text = minify.bundle(sources(site), layout.WORKER_SCRIPT)
    target = site / layout.WORKER_SCRIPT
    target.write_text(text, encoding="utf-8")
    return target.stat().st_size
