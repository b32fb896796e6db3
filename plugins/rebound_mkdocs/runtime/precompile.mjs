// Compile standard library modules to .pyc with Pyodide's own Python.
//
//   node precompile.mjs PYODIDE_DIR STDLIB_ZIP SOURCES_ZIP OUT_ZIP
//
// SOURCES_ZIP holds Python files under their names in the standard library
// zip (json/decoder.py); OUT_ZIP gets one entry per file, the same name plus
// "c" (json/decoder.pyc), stored. The build (rebound_mkdocs/runtime/stdlib.py)
// runs this once per set of inputs.
//
// Why Pyodide and not the build's CPython: a .pyc only loads in the Python
// version that wrote it (its magic number), and the build's is older.
// Each .pyc is an unchecked hash-based one (PEP 552): no source in the zip
// to check it against, and the header depends on the source's bytes only,
// so the same inputs give the same bytes. PYTHONNODEBUGRANGES drops the
// column tables (a quarter of the boot files' deflated .pyc: 1,136 kB ->
// 857 kB); line numbers stay, so a traceback still names the line.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
/* global process */

// Python run inside Pyodide: the sources zip in, the .pyc zip out (stored
// entries, as the boot zip holds them). Filenames in the code objects are
// where zipimport puts a module compiled from source, so tracebacks read the
// same either way.
const COMPILE = `
def _rebound_compile(sources_zip, out_zip):
    import marshal, sys, zipfile
    from importlib.util import MAGIC_NUMBER, source_hash
    # The flags word of PEP 552: hash-based (bit 0), not checked (bit 1 clear).
    flags = (1).to_bytes(4, "little")
    prefix = next(entry for entry in sys.path if entry.endswith(".zip"))
    with zipfile.ZipFile(sources_zip) as sources, zipfile.ZipFile(out_zip, "w") as out:
        for name in sources.namelist():
            source = sources.read(name)
            code = compile(source, f"{prefix}/{name}", "exec", dont_inherit=True, optimize=0)
            header = MAGIC_NUMBER + flags + source_hash(source)
            out.writestr(zipfile.ZipInfo(name + "c", (2020, 1, 1, 0, 0, 0)), header + marshal.dumps(code))
`;

async function main([pyodideDir, stdlibZip, sourcesZip, outZip]) {
  if (!outZip) {
    throw new Error("usage: node precompile.mjs PYODIDE_DIR STDLIB_ZIP SOURCES_ZIP OUT_ZIP");
  }
  const dir = path.resolve(pyodideDir) + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: dir,
    stdLibURL: path.resolve(stdlibZip),
    env: { PYTHONNODEBUGRANGES: "1" },
    stdout: () => {},
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  pyodide.runPython(COMPILE);
  pyodide.FS.writeFile("/tmp/sources.zip", new Uint8Array(await readFile(sourcesZip)));
  pyodide.runPython('_rebound_compile("/tmp/sources.zip", "/tmp/out.zip")');
  await writeFile(outZip, pyodide.FS.readFile("/tmp/out.zip"));
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exit(1);
});
