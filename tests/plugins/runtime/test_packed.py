"""Runtime files packed as zstd frames (rebound_mkdocs/runtime/packed.py) and
decoded by the worker as they arrive (worker/unpack.mjs, with npm's fzstd)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import zstandard

from rebound_mkdocs.runtime import packed
from rebound_mkdocs.utilities import file_entries, layout
from tests.helpers.build import ROOT

WORKER = ROOT / "plugins" / "rebound_mkdocs" / "runtime" / "assets" / "worker"

#: Bytes that compress, and a tail that does not, larger than fzstd's blocks.
DATA = (
    b"".join(f"line {n}: {'rebound ' * (n % 7)}\n".encode() for n in range(40_000))
    + bytes(range(256)) * 512
)


def test_pack_replaces_the_file_by_a_frame_of_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "big.wasm").write_bytes(DATA)
    entry = packed.pack(tmp_path, "big.wasm")
    assert entry == {"file": "big.wasm.zst", "size": len(DATA)}
    assert not (tmp_path / "big.wasm").exists()
    frame = (tmp_path / "big.wasm.zst").read_bytes()
    assert len(frame) < len(DATA) / 3
    assert packed.unpack(frame) == DATA
    # One frame, with its content size (the worker allocates from the record).
    params = zstandard.get_frame_parameters(frame)
    assert params.content_size == len(DATA)


def test_pack_makes_a_frame_once_per_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.zip").write_bytes(DATA)
    first = packed.pack(tmp_path, "a.zip")
    frame = (tmp_path / "a.zip.zst").read_bytes()

    class Refuse:
        def __init__(self, **_options: object) -> None:
            raise AssertionError("compressed again")

    monkeypatch.setattr(packed.zstandard, "ZstdCompressor", Refuse)
    (tmp_path / "a.zip").write_bytes(DATA)
    assert packed.pack(tmp_path, "a.zip") == first
    assert (tmp_path / "a.zip.zst").read_bytes() == frame


def test_a_missing_decoder_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"fzstd.*npm ci"):
        packed.copy_decoder(tmp_path / "node_modules", tmp_path / "site")
    packed.copy_decoder(ROOT / "node_modules", tmp_path / "site")
    copied = (tmp_path / "site" / packed.DECODER_SCRIPT).read_text(encoding="utf-8")
    assert copied.startswith("/*! fzstd 0.1.1: MIT License; Copyright (c) ")


def test_the_worker_bundle_carries_the_decoders_licence(built_site: Path) -> None:
    bundle = (built_site / layout.WORKER_SCRIPT).read_text(encoding="utf-8")
    assert "/*! fzstd 0.1.1: MIT License; Copyright (c) " in bundle


@pytest.fixture(scope="module")
def unpack_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """unpack.mjs with what it imports, laid out as the site has them."""
    folder = tmp_path_factory.mktemp("worker")
    for name in ("unpack.mjs", "download.mjs"):
        shutil.copy(WORKER / name, folder / name)
    shutil.copy(ROOT / "node_modules" / packed.DECODER_SOURCE, folder / "fzstd.mjs")
    return folder / "unpack.mjs"


def run_unpacker(module: Path, frame: Path, size: int, chunk: int) -> dict[str, object]:
    """Push ``frame`` into unpacker(size) ``chunk`` bytes at a time, under Node."""
    script = f"""
import {{ unpacker }} from {json.dumps(module.as_uri())};
import fs from "node:fs";
const frame = fs.readFileSync(process.env.FRAME);
const pieces = [];
const unpacking = unpacker(Number(process.env.SIZE), (piece) => pieces.push(piece.slice()));
let threw = false;
for (let at = 0; at < frame.length; at += Number(process.env.CHUNK)) {{
  try {{
    unpacking.push(frame.subarray(at, at + Number(process.env.CHUNK)));
  }} catch {{
    threw = true;
  }}
}}
try {{
  const bytes = unpacking.finish("https://example.test/x.zst");
  const joined = Buffer.concat(pieces);
  console.log(JSON.stringify({{
    ok: true, threw, size: bytes.length, pieces: pieces.length,
    same: Buffer.compare(Buffer.from(bytes), fs.readFileSync(process.env.PLAIN)) === 0,
    piecesSame: Buffer.compare(joined, Buffer.from(bytes)) === 0,
  }}));
}} catch (error) {{
  console.log(JSON.stringify({{ ok: false, threw, name: error.name, kind: error.kind }}));
}}
"""
    return run_node(
        script,
        FRAME=str(frame),
        SIZE=str(size),
        CHUNK=str(chunk),
        PLAIN=str(frame.with_suffix(".plain")),
    )


def run_node(script: str, **env: str) -> dict:
    """What ``script`` (an ES module, given ``env``) prints, as JSON."""
    result = subprocess.run(
        ["node", "--input-type=module"],
        input=script,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, **env},
    )
    return json.loads(result.stdout)


@pytest.fixture
def frame(tmp_path: Path) -> Path:
    target = tmp_path / "data.zst"
    target.write_bytes(zstandard.ZstdCompressor(level=3, write_content_size=True).compress(DATA))
    target.with_suffix(".plain").write_bytes(DATA)
    return target


@pytest.mark.parametrize("chunk", [1_000, 16_384, 10_000_000])
def test_the_worker_decodes_a_frame_however_it_arrives(
    unpack_module: Path, frame: Path, chunk: int
) -> None:
    """Pieces in order, as the WebAssembly compiler reads them, that make up
    exactly the file."""
    seen = run_unpacker(unpack_module, frame, len(DATA), chunk)
    assert seen == {
        "ok": True,
        "threw": False,
        "size": len(DATA),
        "pieces": seen["pieces"],
        "same": True,
        "piecesSame": True,
    }
    assert seen["pieces"] >= 1


@pytest.mark.parametrize(
    "damage",
    ["cut short", "recorded size too small", "recorded size too large", "not zstd"],
)
def test_a_frame_that_does_not_decode_is_damaged_never_a_throw_midway(
    unpack_module: Path, frame: Path, damage: str
) -> None:
    """push() never throws (the download's own checks judge the bytes first);
    finish() says "damaged"."""
    size = len(DATA)
    data = frame.read_bytes()
    if damage == "cut short":
        frame.write_bytes(data[: len(data) // 2])
    elif damage == "recorded size too small":
        size -= 1
    elif damage == "recorded size too large":
        size += 1
    else:
        frame.write_bytes(b"PK\x03\x04" + data[4:])
    seen = run_unpacker(unpack_module, frame, size, 16_384)
    assert seen == {"ok": False, "threw": False, "name": "DownloadError", "kind": "damaged"}


def run_download(module: Path, body: Path, entry: dict[str, object], encoding: str | None) -> dict:
    """download.mjs's download() (``module``) of a response with ``body`` and
    the header ``Content-Encoding: encoding``, checked against ``entry``,
    under Node."""
    script = f"""
import {{ download }} from {json.dumps(module.as_uri())};
import fs from "node:fs";
const headers = process.env.ENCODING ? {{ "content-encoding": process.env.ENCODING }} : {{}};
const fetcher = async () => new Response(fs.readFileSync(process.env.BODY), {{ headers }});
try {{
  const bytes = await download("https://example.test/x.zst", JSON.parse(process.env.ENTRY), {{
    fetcher,
  }});
  console.log(JSON.stringify({{ ok: true, size: bytes.length }}));
}} catch (error) {{
  console.log(JSON.stringify({{ ok: false, kind: error.kind }}));
}}
"""
    return run_node(script, BODY=str(body), ENTRY=json.dumps(entry), ENCODING=encoding or "")


@pytest.mark.parametrize(
    ("body", "encoding", "expected"),
    [
        ("frame", None, {"ok": True, "size": "frame"}),
        # The host labelled the frame as an encoding: the browser decoded it.
        ("plain", "zstd", {"ok": True, "size": "plain"}),
        ("damaged plain", "zstd", {"ok": False, "kind": "damaged"}),
        ("frame", "zstd", {"ok": False, "kind": "incomplete"}),
        # No label, so the frame was due, and the decoded file is not it.
        ("plain", None, {"ok": False, "kind": "damaged"}),
        # Labelled, but not by zstd: the browser's decoding gave the frame.
        ("frame", "gzip", {"ok": True, "size": "frame"}),
    ],
)
def test_a_frame_the_browser_decoded_on_the_way_is_checked_against_what_it_holds(
    unpack_module: Path,
    tmp_path: Path,
    frame: Path,
    body: str,
    encoding: str | None,
    expected: dict,
) -> None:
    plain = frame.with_suffix(".plain")
    bodies = {"frame": frame, "plain": plain, "damaged plain": tmp_path / "damaged"}
    bodies["damaged plain"].write_bytes(DATA[:-1] + b"!")
    entry = file_entries.entry(frame)
    assert entry["decoded"] == {"size": len(DATA), "sha256": hashlib.sha256(DATA).hexdigest()}
    sizes = {"frame": frame.stat().st_size, "plain": len(DATA)}
    want = {**expected, "size": sizes[expected["size"]]} if "size" in expected else expected
    download = unpack_module.with_name("download.mjs")
    assert run_download(download, bodies[body], entry, encoding) == want


def test_a_file_that_is_no_frame_is_checked_as_it_is_whatever_the_encoding(
    unpack_module: Path, tmp_path: Path
) -> None:
    """A host may send any file zstd-encoded: the browser hands over the file."""
    path = tmp_path / "pyodide.asm.mjs"
    path.write_bytes(DATA)
    entry = file_entries.entry(path)
    assert "decoded" not in entry
    download = unpack_module.with_name("download.mjs")
    assert run_download(download, path, entry, "zstd") == {"ok": True, "size": len(DATA)}
