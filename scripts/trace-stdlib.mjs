// Trace which files of Pyodide's standard library Rebound really imports.
//
//   node scripts/trace-stdlib.mjs SITE_DIR \
//     > plugins/rebound_mkdocs/runtime/stdlib_files.txt
//
// Runs the real Pyodide in Node (node_modules/pyodide: the site ships its
// WebAssembly packed), with the site's FULL standard library, and loads the
// site's wheels (SITE_DIR/assets/pyodide) by name from its lock file, as the worker does (browser_py, and pypdf for the filled PDF),
// and answers every action of browser_py.api with the answers of the
// committed v1 fixture (every worksheet filled in) and the site's own
// worksheet index and workbook PDF. Then it prints, one a line, every file
// of the standard library zip that a module now in sys.modules came from:
// Pyodide's own start-up imports and everything the API needed.
//
// Why Node and not the browser: it is the same Pyodide and the same Python,
// started in seconds with no browser; why not at every build: it needs the
// built site (the wheel and the PDF) and a few seconds we do not want in
// every build. The list is committed; tests/plugins/runtime/test_stdlib.py
// runs this again and fails when the list is out of date. A module missed
// here still works in the browser (the worker's fallback fetches the full
// library), only slower.
//
// Every [boot] Python file ships compiled (rebound_mkdocs/runtime/stdlib.py).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
/* global process */

const positionals = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, "..");
const runtimeDir = path.join(root, "node_modules", "pyodide") + path.sep;
const site = path.resolve(positionals[0] ?? "site");
const pyodideDir = path.join(site, "assets", "pyodide") + path.sep;
const fixtures = path.join(root, "tests", "fixtures", "v1");
const fullZip = positionals[1] ?? "python_stdlib_full.zip";

const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileContents: await readFile(path.join(pyodideDir, "pyodide-lock.json"), "utf8"),
  packageBaseUrl: pyodideDir,
  stdLibURL: path.join(pyodideDir, fullZip),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// The wheel goes in as the worker puts it (boot.mjs: unpacked in JavaScript),
// so the package installer's imports are not counted as the boot's.
const lock = JSON.parse(await readFile(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
const wheel = await readFile(
  path.join(pyodideDir, lock.packages["rebound-browser-py"].file_name),
);
const { unzip } = await import(
  pathToFileURL(
    path.resolve(
      import.meta.dirname,
      "../plugins/rebound_mkdocs/runtime/assets/worker/unzip.mjs",
    ),
  ).href
);
const sitePackages = pyodide.runPython(
  "import sys; f'/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages'",
);
for (const { path: name, bytes } of await unzip(new Uint8Array(wheel))) {
  const target = `${sitePackages}/${name}`;
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, bytes);
}

const saved = {};
for (const [key, value] of Object.entries(
  JSON.parse(await readFile(path.join(fixtures, "localstorage.json"), "utf8")),
)) {
  const match = /^rebound:v1:(.+)$/.exec(key);
  if (match) saved[match[1]] = JSON.parse(value);
}
pyodide.globals.set("SAVED", JSON.stringify(saved));
pyodide.globals.set(
  "INDEX",
  await readFile(path.join(site, "assets", "rebound", "worksheets.json"), "utf8"),
);
pyodide.globals.set(
  "EXPORT",
  await readFile(path.join(fixtures, "export.json"), "utf8"),
);
pyodide.globals.set(
  "PDF",
  new Uint8Array(await readFile(path.join(site, "downloads", "rebound-workbook.pdf"))),
);

const LIST = `
def stdlib_files():
    import sys
    prefix = next(entry for entry in sys.path if entry.endswith(".zip")) + "/"
    found = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(prefix):
            found.add(origin[len(prefix):])
    return found
`;
const boot = pyodide.runPython(`
${LIST}
import json, sys
from browser_py import api

index = json.loads(INDEX)
saved = json.loads(SAVED)
common = {"index": index, "saved": saved, "today": "2026-12-01", "now": "2026-12-01T10:00:00Z"}
answers = []
for step in index.get("steps", index.get("worksheets", [])):
    spec = step.get("spec", step)
    worksheet = spec.get("id")
    entry = saved.get(worksheet, {})
    request = {"action": "compute", "worksheet": worksheet, "spec": spec,
               "values": entry.get("values", {}), "context": {}, "today": "2026-12-01"}
    answers.append(json.loads(api.handle(json.dumps(request))))
# The error paths too: an unknown worksheet, an unknown action, bad JSON.
for request in ({**common, "action": "compute", "worksheet": "no-such-worksheet", "spec": {}},
                {"action": "no-such-action"}):
    assert not json.loads(api.handle(json.dumps(request)))["ok"]
assert not json.loads(api.handle("{not json"))["ok"]
# What the worker itself imports (boot.mjs: is the module's file there).
import os.path
"\\n".join(sorted(stdlib_files()))
`);
await pyodide.loadPackage(["pypdf"], { messageCallback: () => {} });
const later = pyodide.runPython(`
# Every round's answers, as storage.snapshot() gives them (the progress action).
shared = {"saved_at": "2026-12-01T10:00:00Z"}
snapshot = {"current": "r0", "worksheets": {}, "rounds": [
    {"id": "r0", "label": "First round", "company": "", "role": "", "date": "",
     "created": "2026-12-01T10:00:00Z",
     "worksheets": {ws: {**shared, "values": entry.get("values", {})}
                    for ws, entry in saved.items()}}]}
for action in api.WORKBOOK_ACTIONS:
    request = {**common, "action": action, "file": EXPORT, "snapshot": snapshot}
    if action == "fill_pdf":
        answers.append(json.loads(api.handle_with_data(json.dumps(request), PDF.to_py())[0]))
    else:
        answers.append(json.loads(api.handle(json.dumps(request))))
failed = [answer for answer in answers if not answer.get("ok", True)]
assert not failed, failed
assert len(answers) > len(api.WORKBOOK_ACTIONS), "no worksheet was computed"
"\\n".join(sorted(stdlib_files()))
`);
const bootSet = new Set(boot.split("\n"));
process.stdout.write(
  "# Written by scripts/trace-stdlib.mjs: the standard library files Rebound imports.\n" +
    "[boot]\n" +
    `${[...bootSet].join("\n")}\n` +
    "[on-demand]\n" +
    `${later
      .split("\n")
      .filter((name) => !bootSet.has(name))
      .join("\n")}\n`,
);
