"""Cut Pyodide's standard library to the files Rebound imports.

Pyodide's ``python_stdlib.zip`` holds about 600 files (2.5 MB, already
deflated, so HTTP compression gains nothing on it); Pyodide's start-up and a
worksheet's summary use about 130 of them. The build writes three zips into
the Pyodide folder:

* ``python_stdlib.zip`` (:data:`~rebound_mkdocs.utilities.layout.STDLIB_ZIP`),
  what ``loadPyodide`` mounts (``stdLibURL``): the ``[boot]`` files of
  :data:`FILES_LIST`, compiled (see below), plus
  ``_rebound_stdlib_fallback.py`` (:mod:`.stdlib_fallback`), configured with
  the two zips below. Its entries are stored: the site ships it as one zstd
  frame (:mod:`.packed`), which compresses the whole better than deflate
  does entry by entry (378 kB against 474 kB for the same sources);
* ``python_stdlib_more.zip``: the ``[on-demand]`` files (what the workbook's
  actions and pypdf add), fetched the first time Python imports one;
* ``python_stdlib_full.zip``: Pyodide's own, unchanged, fetched only if
  Python imports a standard module neither holds.

``python_stdlib_more.zip`` is deflated, entry by entry, as Pyodide's own is:
typical static hosts compress by content type, and ``application/zip`` is
not on their lists. Its Python files are shrunk (:func:`shrink_source`):
docstrings and comments go, line numbers stay.

Python's start was most of what a throttled phone's first visit spent after
the downloads (``bench/phone.py``: 1.75 s of about 6), nearly all of it
compiling the boot modules from source. So every ``[boot]`` Python file
``x.py`` ships as ``x.pyc`` instead (zipimport prefers it;
:func:`module_name` and the fallback read both as module ``x``). That start
then takes about 0.45 s. A ``.pyc`` is bigger than its shrunk source: the
packed boot zip is 638 kB instead of 378 kB, a price the packing more than
pays for. The build compiles them with Pyodide's own Python under Node
(``precompile.mjs``: a ``.pyc`` loads only in the Python that wrote it),
from the same shrunk source, without column tables
(``PYTHONNODEBUGRANGES``; line numbers stay), as unchecked hash-based
``.pyc`` (PEP 552: there is no source to check, and the same source gives
the same bytes). Node and ``node_modules/pyodide`` are then needed to
build (a clear error says so).

:data:`FILES_LIST` is not written by hand: ``node scripts/trace-stdlib.mjs
SITE`` runs every action of ``browser_py.api`` in the real Pyodide (Node) and
lists the zip files the imported modules came from. The file is committed,
so the build needs no tracing; ``tests/plugins/runtime/test_stdlib.py`` runs
the trace again and fails when the list is out of date.

Format of :data:`FILES_LIST`: ``[boot]`` and ``[on-demand]`` section lines,
each followed by one zip entry a line; ``#`` starts a comment line.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import tokenize
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..utilities import build_cache, layout

#: The traced list: ``[boot]`` and ``[on-demand]``, one zip entry a line.
FILES_LIST = Path(__file__).with_name("stdlib_files.txt")

#: The Node script that compiles with Pyodide's own Python.
PRECOMPILE_SCRIPT = Path(__file__).with_name("precompile.mjs")

#: The fallback finder, and its name inside the cut zip.
FALLBACK_SOURCE = Path(__file__).with_name("stdlib_fallback.py")
FALLBACK_NAME = "_rebound_stdlib_fallback.py"

#: The zip of the on-demand files.
MORE_ZIP = "python_stdlib_more.zip"

#: Pyodide's own packages keep their docstrings: its start-up reads some.
KEEP_DOCSTRINGS = ("_pyodide/", "pyodide/")

#: Fixed, so the same inputs give the same bytes (and the same SHA-256;
#: zlib's output is stable for one zlib version).
_EPOCH = (2020, 1, 1, 0, 0, 0)


class StdlibError(RuntimeError):
    """The traced list is malformed or names a file the full zip lacks."""


@dataclass(frozen=True, slots=True)
class CutStdlib:
    """What :func:`write_cut` wrote: each zip's path and number of files."""

    boot: Path
    boot_files: int
    more: Path
    more_files: int
    full: Path


def traced_files(text: str | None = None) -> dict[str, list[str]]:
    """``{"boot": [...], "on-demand": [...]}`` from :data:`FILES_LIST`."""
    sections: dict[str, list[str]] = {}
    current = None
    for raw in (FILES_LIST.read_text(encoding="utf-8") if text is None else text).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise StdlibError(f"{FILES_LIST.name}: {line} comes before any [section]")
        else:
            current.append(line)
    if set(sections) != {"boot", "on-demand"}:
        raise StdlibError(
            f"{FILES_LIST.name} must have a [boot] and an [on-demand] section, nothing else"
        )
    return sections


def module_name(entry: str) -> str | None:
    """``json/decoder.py`` -> ``json.decoder``; ``json/__init__.py`` -> ``json``.

    A ``.pyc`` names the same module as its ``.py``: zipimport finds either.
    """
    if not entry.endswith((".py", ".pyc")):
        return None
    parts = entry.removesuffix(".pyc").removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or None


def shrink_source(source: str) -> str:
    """``source`` without docstrings and comments, every line where it was.

    A docstring becomes ``...`` (over as many lines), so ``__doc__`` is None,
    as under ``python -OO``, which the standard library supports; a module's
    docstring followed by ``from __future__`` imports becomes an empty one
    (``""``; such imports must come first, after the docstring if any), so
    its ``__doc__`` is ``""``. Anything the build's Python cannot parse (a
    newer syntax) is left as it is.
    """
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError, ValueError):
        return source
    lines = source.splitlines(keepends=True)
    # (first line, start, last line, end, empty): empty is None for a comment.
    spans: list[tuple[int, int, int, int, bool | None]] = []
    future = any(
        isinstance(node, ast.ImportFrom) and node.module == "__future__" for node in tree.body
    )
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
            and first.end_lineno is not None
            and first.end_col_offset is not None
        ):
            # ast counts UTF-8 bytes in a line; strings count characters.
            start = len(lines[first.lineno - 1].encode()[: first.col_offset].decode())
            end = len(lines[first.end_lineno - 1].encode()[: first.end_col_offset].decode())
            empty = future and isinstance(node, ast.Module)
            spans.append((first.lineno, start, first.end_lineno, end, empty))
    for token in tokens:
        # Lines 1-2 may declare the file's encoding: kept.
        if token.type == tokenize.COMMENT and token.start[0] > 2:
            spans.append((*token.start, *token.end, None))
    for first_line, start, last_line, end, empty in sorted(spans, reverse=True):
        head, tail = lines[first_line - 1][:start], lines[last_line - 1][end:]
        if empty is None:  # a comment
            text = head.rstrip() + tail if head.strip() else tail
        else:
            filler = '""' if empty else "..."
            text = (
                head
                + (
                    filler
                    if first_line == last_line
                    else f"({filler}" + "\n" * (last_line - first_line) + ")"
                )
                + tail
            )
        lines[first_line - 1 : last_line] = [text]
    shrunk = "".join(lines)
    if shrunk.count("\n") != source.count("\n"):
        return source
    try:
        compile(shrunk, "<shrunk>", "exec", dont_inherit=True)
    except SyntaxError:
        return source
    return shrunk


def write_cut(
    full_zip: Path,
    folder: Path,
    *,
    cache_dir: Path | None = None,
    files: dict[str, list[str]] | None = None,
    leave_out: frozenset[str] = frozenset(),
    pyodide_dir: Path | None = None,
    precompile: bool = True,
) -> CutStdlib:
    """Write the three zips into ``folder`` from Pyodide's ``full_zip``.

    ``files``: as :func:`traced_files` (its default); ``leave_out``: module
    names to leave out of both cut zips even so (the tests prove the
    fallback with it); ``pyodide_dir``: the Pyodide that compiles the
    boot files (``pyodide.mjs`` and its runtime; by default the
    folder of ``full_zip``); ``precompile=False`` ships the boot files as
    sources instead, a zip any Python reads (the fallback's tests run it
    under CPython). With ``cache_dir``, the cut zips are made once per set of
    inputs and linked from there (shrinking and compiling take a few
    seconds).
    """
    traced = traced_files() if files is None else files
    compiler = None
    if precompile:
        compiler = full_zip.parent if pyodide_dir is None else pyodide_dir
    full_target = folder / layout.STDLIB_FULL_ZIP
    _link_or_copy(full_zip, full_target)
    if cache_dir is None:
        return _write_cut(full_target, folder, traced, leave_out, compiler)
    full_bytes = full_target.read_bytes()
    key = hashlib.sha256()
    parts = [
        full_bytes,
        json.dumps([traced, sorted(leave_out)]).encode(),
        FALLBACK_SOURCE.read_bytes(),
        Path(__file__).read_bytes(),
    ]
    if compiler is not None:
        # The compiler: its script, and the Python that writes the .pyc.
        _check_compiler(compiler)
        parts += [PRECOMPILE_SCRIPT.read_bytes(), (compiler / "pyodide.mjs").read_bytes()]
        parts.append(build_cache.file_sha256(compiler / "pyodide.asm.wasm").encode())
    for part in parts:
        key.update(hashlib.sha256(part).digest())
    cached = cache_dir / f"stdlib-{key.hexdigest()[:16]}"
    if not (cached / "done.json").is_file():
        for old in cache_dir.glob("stdlib-*"):
            shutil.rmtree(old, ignore_errors=True)  # made from other inputs
        cached.mkdir(parents=True, exist_ok=True)
        made = _write_cut(full_target, cached, traced, leave_out, compiler)
        counts = {"boot_files": made.boot_files, "more_files": made.more_files}
        (cached / "done.json").write_text(json.dumps(counts), encoding="utf-8")
    counts = json.loads((cached / "done.json").read_text(encoding="utf-8"))
    for name in (layout.STDLIB_ZIP, MORE_ZIP):
        _link_or_copy(cached / name, folder / name)
    return CutStdlib(
        boot=folder / layout.STDLIB_ZIP,
        boot_files=counts["boot_files"],
        more=folder / MORE_ZIP,
        more_files=counts["more_files"],
        full=full_target,
    )


def _write_cut(
    full_target: Path,
    folder: Path,
    traced: dict[str, list[str]],
    leave_out: frozenset[str],
    compiler: Path | None,
) -> CutStdlib:
    full_bytes = full_target.read_bytes()
    with zipfile.ZipFile(io.BytesIO(full_bytes)) as full:
        names = [info.filename for info in full.infolist() if not info.is_dir()]
        missing = sorted(set(traced["boot"] + traced["on-demand"]) - set(names))
        if missing:
            raise StdlibError(
                f"{FILES_LIST.name} names files Pyodide's standard library does not hold "
                f"({', '.join(missing[:5])}); run scripts/trace-stdlib.mjs again"
            )

        def kept(section: str) -> list[str]:
            wanted = set(traced[section])
            return [n for n in names if n in wanted and module_name(n) not in leave_out]

        boot, more = kept("boot"), kept("on-demand")
        more_target = folder / MORE_ZIP
        _write_zip(more_target, {name: _shrunk(name, full.read(name)) for name in more})
        more_bytes = more_target.read_bytes()
        in_cut = set(boot) | set(more)
        zips = [
            _zip_entry(MORE_ZIP, more_bytes, more),
            _zip_entry(layout.STDLIB_FULL_ZIP, full_bytes, [n for n in names if n not in in_cut]),
        ]
        fallback = FALLBACK_SOURCE.read_text(encoding="utf-8") + (
            f"\n_configure({json.dumps(zips, sort_keys=True)})\n"
        )
        boot_entries = {name: _shrunk(name, full.read(name)) for name in boot}
        pycs = {}
        if compiler is not None:
            pycs = _precompile(
                {name: data for name, data in boot_entries.items() if name.endswith(".py")},
                compiler,
                full_target,
            )
        boot_target = folder / layout.STDLIB_ZIP
        _write_zip(
            boot_target,
            {
                **{
                    name + "c" if name in pycs else name: pycs.get(name, data)
                    for name, data in boot_entries.items()
                },
                FALLBACK_NAME: fallback.encode(),
            },
            stored=True,  # packed whole (packed.py)
        )
    return CutStdlib(
        boot=boot_target,
        boot_files=len(boot) + 1,
        more=more_target,
        more_files=len(more),
        full=full_target,
    )


def _check_compiler(pyodide_dir: Path) -> None:
    if not (pyodide_dir / "pyodide.mjs").is_file():
        raise StdlibError(
            f"cannot precompile the standard library: {pyodide_dir} does not hold Pyodide "
            "(pyodide.mjs); run `npm ci` (or `make setup`)"
        )
    if shutil.which("node") is None:
        raise StdlibError(
            "cannot precompile the standard library: Node.js is not installed "
            "(the build runs Pyodide under Node to compile the boot modules); "
            "install Node.js 20 or newer"
        )


def _precompile(sources: dict[str, bytes], pyodide_dir: Path, stdlib_zip: Path) -> dict[str, bytes]:
    """``{name.py: .pyc bytes}`` for ``sources``, compiled by Pyodide's own
    Python (:data:`PRECOMPILE_SCRIPT`)."""
    if not sources:
        return {}
    _check_compiler(pyodide_dir)
    with tempfile.TemporaryDirectory(prefix="rebound-pyc-") as work:
        source_zip, out_zip = Path(work, "sources.zip"), Path(work, "out.zip")
        with zipfile.ZipFile(source_zip, "w") as out:
            for name, data in sources.items():
                out.writestr(zipfile.ZipInfo(name, _EPOCH), data)
        result = subprocess.run(
            [
                "node",
                str(PRECOMPILE_SCRIPT),
                str(pyodide_dir),
                str(stdlib_zip),
                str(source_zip),
                str(out_zip),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StdlibError(
                "Pyodide could not compile the boot zip's standard library modules:\n"
                + result.stderr.strip()
            )
        with zipfile.ZipFile(out_zip) as made:
            pycs = {name.removesuffix("c"): made.read(name) for name in made.namelist()}
    if set(pycs) != set(sources):
        raise StdlibError("Pyodide compiled other files than it was given")
    return pycs


def _zip_entry(url: str, data: bytes, entries: list[str]) -> dict[str, object]:
    modules = sorted({name for name in map(module_name, entries) if name})
    return {
        "url": url,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "modules": modules,
    }


def _shrunk(name: str, data: bytes) -> bytes:
    if not name.endswith(".py") or name.startswith(KEEP_DOCSTRINGS):
        return data
    try:
        return shrink_source(data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return data


def _write_zip(target: Path, entries: dict[str, bytes], *, stored: bool = False) -> None:
    """Deflated entries, or ``stored`` ones for a zip compressed whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()  # it may be a hard link into node_modules
    kind = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(target, "w") as out:
        for name, data in entries.items():
            out.writestr(zipfile.ZipInfo(name, _EPOCH), data, compress_type=kind, compresslevel=9)


def _link_or_copy(source: Path, target: Path) -> None:
    from .pyodide_files import link_or_copy

    link_or_copy(source, target)
