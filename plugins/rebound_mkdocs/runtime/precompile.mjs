// Compile standard library modules to .pyc with Pyodide's own Python.
//
//   node precompile.mjs PYODIDE_DIR STDLIB_ZIP SOURCES_ZIP OUT_ZIP
//
// SOURCES_ZIP holds Python files under their names in the standard library
// zip (json/decoder.py); OUT_ZIP gets one entry per file, the same name plus
// "c" (json/decoder.pyc), stored. The build (rebound_mkdocs/runtime/stdlib.py)
// runs this once per set of inputs; scripts/trace-stdlib.mjs imports
// compileZip to rank the modules.
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
// entries: the build deflates them with the rest), and each file's compile
// times (seconds, one per repetition). Filenames in the code objects are
// where zipimport puts a module compiled from source, so tracebacks read the
// same either way.
const COMPILE = `
def _rebound_compile(sources_zip, out_zip, repeat):
    import marshal, sys, time, zipfile
    from importlib.util import MAGIC_NUMBER, source_hash
    # The flags word of PEP 552: hash-based (bit 0), not checked (bit 1 clear).
    flags = (1).to_bytes(4, "little")
    prefix = next(entry for entry in sys.path if entry.endswith(".zip"))
    seconds = {}
    with zipfile.ZipFile(sources_zip) as sources, zipfile.ZipFile(out_zip, "w") as out:
        for name in sources.namelist():
            source = sources.read(name)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                code = compile(source, f"{prefix}/{name}", "exec", dont_inherit=True, optimize=0)
                times.append(time.perf_counter() - started)
            header = MAGIC_NUMBER + flags + source_hash(source)
            out.writestr(zipfile.ZipInfo(name + "c", (2020, 1, 1, 0, 0, 0)), header + marshal.dumps(code))
            seconds[name] = times
    return seconds
`;

/** Start Pyodide from `pyodideDir` with `stdlibZip` as its library, set up
 * to compile: column tables off. */
export async function compilerPyodide(pyodideDir, stdlibZip) {
  const dir = pyodideDir.endsWith(path.sep) ? pyodideDir : pyodideDir + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: dir,
    stdLibURL: stdlibZip,
    env: { PYTHONNODEBUGRANGES: "1" },
    stdout: () => {},
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  pyodide.runPython(COMPILE);
  return pyodide;
}

/** Compile the files of the zip at `sourcesZip` (a path in Pyodide's file
 * system) into a zip of .pyc at `outZip` (same); returns {name: seconds[]}. */
export function compileZip(pyodide, sourcesZip, outZip, repeat = 1) {
  const compile = pyodide.globals.get("_rebound_compile");
  try {
    const result = compile(sourcesZip, outZip, repeat);
    const seconds = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
    return seconds;
  } finally {
    compile.destroy();
  }
}

async function main([pyodideDir, stdlibZip, sourcesZip, outZip]) {
  if (!outZip) {
    throw new Error("usage: node precompile.mjs PYODIDE_DIR STDLIB_ZIP SOURCES_ZIP OUT_ZIP");
  }
  const pyodide = await compilerPyodide(path.resolve(pyodideDir), path.resolve(stdlibZip));
  pyodide.FS.writeFile("/tmp/sources.zip", new Uint8Array(await readFile(sourcesZip)));
  compileZip(pyodide, "/tmp/sources.zip", "/tmp/out.zip");
  await writeFile(outZip, pyodide.FS.readFile("/tmp/out.zip"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error?.message ?? error}\n`);
    process.exit(1);
  });
}
