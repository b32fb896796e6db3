"""The runtime files that cross the wire as Zstandard frames: ``NAME.zst``.

Why: on a phone's first visit, the downloads are most of the wait
(``bench/phone.py``), and the largest file is Pyodide's WebAssembly. Typical
static hosts compress it with gzip at level 6 (9.6 MB to 3.56 MB); a zstd
frame at :data:`LEVEL` is 2.89 MB. The cut standard library gains twice: a
zip of *stored* entries, compressed whole, is smaller than one deflated entry
by entry, and small enough that every module it holds can ship as ``.pyc``
(:mod:`.stdlib`), which takes the compiling out of Python's start.

Hosts leave ``.zst`` alone (it is not text, and ``application/zstd`` is on no
host's list to compress), so what the build writes is what crosses the wire,
on every host. Browsers decode zstd only as a ``Content-Encoding``, never in
``DecompressionStream`` (Chromium 156 offers gzip and deflate), so the worker
decodes it itself as it arrives (``worker/unpack.mjs``, with the ``fzstd``
package from npm, bundled into the worker), feeding the WebAssembly compiler
as it goes. A host set up to send ``.zst`` with ``Content-Encoding: zstd``
still works: the browser decodes the frame, and the worker checks and uses
what it holds (:mod:`rebound_mkdocs.utilities.file_entries`).

Format: one zstd frame holding the whole file, with its content size. The
plain file is not in the site: ``runtime-files.js`` lists the ``.zst`` file
under ``files`` (checked like every download: size and SHA-256 of the bytes
that crossed the wire), and under ``packed`` the name the runtime asks for,
with the size the decoded bytes must have::

    "packed": {"pyodide.asm.wasm": {"file": "pyodide.asm.wasm.zst", "size": 9598218}}
"""

from __future__ import annotations

import json
from pathlib import Path

import zstandard

from .. import minify
from ..utilities import build_cache, file_entries, layout

#: The files shipped packed, by the name Pyodide asks for.
PACKED = ("pyodide.asm.wasm", layout.STDLIB_ZIP)

#: zstd's level: 19 is the highest without ``--ultra`` (whose larger windows
#: a phone would have to allocate); higher gains under 0.1 % here.
LEVEL = 19

#: The frame's suffix, by which the checks know a frame (a host may decode
#: it on the way: :mod:`rebound_mkdocs.utilities.file_entries`).
SUFFIX = file_entries.ZSTD_SUFFIX

#: The decoder the worker bundles: the npm package ``fzstd`` (package.json),
#: its ES module, copied into the site beside the worker's own modules.
DECODER_SOURCE = Path("fzstd") / "esm" / "index.mjs"
DECODER_SCRIPT = f"{layout.WORKER_DIR}/fzstd.mjs"

_cache = build_cache.ContentCache("packed", keep=8)


def pack(folder: Path, name: str) -> dict[str, object]:
    """Replace ``folder/name`` by ``folder/name.zst``; return its ``packed``
    entry. The frame is made once per content (compressing takes seconds)."""
    source = folder / name
    data = source.read_bytes()
    key = build_cache.content_key("zstd", str(LEVEL), zstandard.__version__, data)
    frame = _cache.get(key)
    if frame is None:
        frame = zstandard.ZstdCompressor(level=LEVEL, write_content_size=True).compress(data)
        _cache.put(key, frame)
    target = folder / (name + SUFFIX)
    target.unlink(missing_ok=True)  # it may be a hard link into a cache
    target.write_bytes(frame)
    source.unlink()
    return {"file": target.name, "size": len(data)}


def unpack(frame: bytes) -> bytes:
    """The bytes a ``.zst`` runtime file holds (for tests and the bench)."""
    return zstandard.ZstdDecompressor().decompress(frame)


def copy_decoder(node_modules: Path, site: Path) -> None:
    """Put the zstd decoder at :data:`DECODER_SCRIPT` in ``site``, headed by
    its licence notice as a legal comment (``/*!``), which esbuild keeps in
    the worker's bundle."""
    package = node_modules / DECODER_SOURCE.parts[0]
    source = node_modules / DECODER_SOURCE
    if not source.is_file():
        raise OSError(
            f"the zstd decoder {source} is missing: run `npm ci` in the project "
            "directory (or `make setup`)"
        )
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    notice = [
        line.strip()
        for line in (package / "LICENSE").read_text(encoding="utf-8").splitlines()
        if line.startswith(("MIT License", "Copyright"))
    ]
    head = f"/*! {package.name} {version}: {'; '.join(notice)} (npm package) */\n"
    target = site / DECODER_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    # Minified as the site's other scripts are (the legal comment stays).
    text = minify.minify(target.name, head + source.read_text(encoding="utf-8"))
    target.write_text(text, encoding="utf-8")
