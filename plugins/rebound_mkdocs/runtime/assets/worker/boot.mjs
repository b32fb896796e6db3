// Start Python in the worker: the site's own Pyodide, our wheel, our module.
//
// Two ways, and the result is the same Python either way:
//
// - cold (a first visit, or no usable snapshot): loadPyodide starts Python.
//   Every file is downloaded at once by `files.get` (worker.mjs, which checks
//   each against the build's runtime-files.js with download.mjs, and serves
//   the checked bytes to Pyodide's own fetches); the wheel is unpacked
//   meanwhile (unzip.mjs);
//   its files are written into the virtual file system as soon as Python is
//   up, so nothing waits for a package install. Then the module is
//   imported; takeSnapshot() takes a memory snapshot, which saveWhenIdle()
//   stores later (snapshot.mjs). The caller calls it BEFORE it answers any
//   call, or never (worker.mjs then has a snapshot worker take one).
// - snapshot (a repeat visit with a snapshot of this exact runtime):
//   loadPyodide restores that memory instead of starting Python, with the
//   module already imported. The file system is not part of the snapshot, so
//   the wheel's files are written again the same way: a module imported
//   later still finds its file.
//
// Any problem with a snapshot (missing, damaged, from another runtime, a
// failed restore) means a cold boot, and a note in the console, never a
// message to the reader.

// snapshot.mjs and unzip.mjs are imported when startPython runs, beside
// Pyodide and the lock file, not statically: each level of a worker's module
// graph is one more round trip before any of its code runs.

// How long the worker must have been quiet after its first call before a new
// snapshot is stored, and the longest it waits for that.
const SAVE_IDLE_MS = 300;
const SAVE_LATEST_MS = 5_000;

// -> {pyodide, module (a PyProxy), mode: "cold" | "snapshot", takeSnapshot(),
// sitePackages (the folder the wheel's files went into)}.
// `options` go to loadPyodide; `onStep(step)` hears "start" and "packages".
// `files`: {boot: [names], get(name) -> promise of the checked bytes,
// version: what a snapshot depends on besides the lock}; a
// download's DownloadError rejects the boot as it happens.
//
// takeSnapshot() -> an async save() for saveWhenIdle(). Privacy: call it in
// the same task that hands the module to callers (after posting "ready" is
// fine: the page's first call cannot be handled before that task ends), so
// the snapshot is of a Python that has never seen an answer.
export async function startPython({
  pyodideURL,
  packageName,
  moduleName,
  files,
  options = {},
  onStep = () => {},
}) {
  const snapshotModule = import("./snapshot.mjs");
  const stored = snapshotModule
    .then((module) => module.find())
    .catch((error) => {
      console.warn("Rebound: cannot open the saved Python snapshot:", error);
      return null;
    });
  // Every file the boot needs, downloaded at once and checked (download.mjs)
  // before any of it is used: a failure rejects here as soon as it is known,
  // instead of inside loadPyodide, which would only log it and wait.
  const downloads = Promise.all(files.boot.map((name) => files.get(name)));
  downloads.catch(() => {}); // awaited below
  // Pyodide's large script is imported (parsed, run) as soon as it passed,
  // while the WebAssembly still downloads, instead of inside loadPyodide.
  const createModule = files
    .get("pyodide.asm.mjs")
    .then(() => import(new URL("pyodide.asm.mjs", pyodideURL).href))
    .then((module) => module.default);
  createModule.catch(() => {}); // awaited below
  const lockName = files.boot.find((name) => name.endsWith(".json"));
  const wheelName = files.boot.find((name) => name.endsWith(".whl"));
  const [{ loadPyodide, version }, lockText, snapshots, { unzip }] = await Promise.all([
    files.get("pyodide.mjs").then(() => import(new URL("pyodide.mjs", pyodideURL).href)),
    files.get(lockName).then((bytes) => new TextDecoder().decode(bytes)),
    snapshotModule,
    import("./unzip.mjs"),
  ]);
  const entry = JSON.parse(lockText).packages?.[packageName];
  if (entry?.file_name !== wheelName) {
    throw failure(
      "lockMismatch",
      [packageName, wheelName],
      `the site's lock file does not list ${packageName} as ${wheelName}`,
    );
  }
  const wheelFiles = files.get(wheelName).then(unzip);
  wheelFiles.catch(() => {}); // reported where it is awaited
  const key = await snapshots.keyFor(version, lockText, moduleName, files.version);
  await downloads;
  const createPyodideModule = await createModule;

  const common = {
    ...options,
    indexURL: pyodideURL.href,
    lockFileContents: lockText,
    createPyodideModule,
    packageBaseUrl: pyodideURL.href,
  };
  const start = async (restore) => {
    const install = installer(wheelFiles, onStep);
    const pyodide = await loadPyodide({ ...common, ...restore, fsInit: install.hook });
    await install.done(pyodide);
    // The cut standard library's safety net (runtime/stdlib_fallback.py):
    // before anything else is imported, and so in the snapshot too.
    pyodide.runPython("import _rebound_stdlib_fallback");
    onStep("packages");
    return { pyodide, module: pyodide.pyimport(moduleName), sitePackages: install.sitePackages };
  };

  const saved = await stored;
  if (saved && !snapshots.isFor(saved, key)) {
    console.info(
      "Rebound: the saved Python snapshot is from another version of the site; " +
        "starting Python from scratch.",
    );
  } else if (saved) {
    try {
      const bytes = snapshots.read(saved);
      bytes.catch(() => {}); // loadPyodide awaits it, a little later
      const { pyodide, module, sitePackages } = await start({ _loadSnapshot: bytes });
      checkFiles(pyodide, module);
      return {
        pyodide,
        module,
        sitePackages,
        mode: "snapshot",
        takeSnapshot: () => async () => "kept",
      };
    } catch (error) {
      console.warn(
        "Rebound: the saved Python snapshot could not be used; starting Python " +
          "from scratch instead.",
        error,
      );
      snapshots.forget().catch(() => {});
    }
  }

  const { pyodide, module, sitePackages } = await start({ _makeSnapshot: true });
  const takeSnapshot = () => {
    let bytes = null;
    try {
      bytes = pyodide.makeMemorySnapshot();
    } catch (error) {
      console.warn("Rebound: cannot take a Python snapshot; the next visit starts cold.", error);
    }
    return async () => {
      const taken = bytes;
      bytes = null; // at most once, and let the memory go
      if (!taken) return "none";
      return (await snapshots.save(key, taken)) ? "saved" : "none";
    };
  };
  return { pyodide, module, sitePackages, mode: "cold", takeSnapshot };
}

// Call `save` (from a startPython result's takeSnapshot()) once the worker
// has answered its first call and then been quiet for a moment, or at the
// latest a few seconds after boot, so storing it never delays a result.
// With `quietFromNow`, the call being answered now counts as that first call.
// `report(state)`: "saved", "kept" (restored from one), "none" or "failed".
export function saveWhenIdle(save, report = () => {}, { quietFromNow = false } = {}) {
  let idle = 0;
  const run = () => {
    self.removeEventListener("message", onMessage);
    clearTimeout(idle);
    clearTimeout(latest);
    save().then(report, (error) => {
      console.warn("Rebound: cannot store the Python snapshot; the next visit starts cold.", error);
      report("failed");
    });
  };
  // Registered after the worker's own listener, so this runs once the call
  // has been answered.
  const onMessage = ({ data }) => {
    if (data?.type !== "call") return;
    clearTimeout(idle);
    idle = setTimeout(run, SAVE_IDLE_MS);
  };
  self.addEventListener("message", onMessage);
  const latest = setTimeout(run, SAVE_LATEST_MS);
  if (quietFromNow) idle = setTimeout(run, SAVE_IDLE_MS);
}

// Writes the wheel's files into site-packages once loadPyodide is done. Not
// from its fsInit hook, before Python starts: Pyodide would then list the
// package as loaded, and a snapshot must be taken with nothing loaded.
function installer(files, onStep) {
  let sitePackages = null;
  return {
    hook: async (FS, info) => {
      sitePackages = info?.sitePackages ?? null;
      onStep("start");
    },
    get sitePackages() {
      return sitePackages;
    },
    async done(pyodide) {
      const list = await files;
      // (runPython would be simpler, but its first use is slow.)
      sitePackages ??= callPython(pyodide, "sysconfig", (sysconfig) =>
        sysconfig.get_path("purelib"),
      );
      writeFiles(pyodide, sitePackages, list);
      // Python may have listed site-packages already: make it look again.
      // (Not importlib.invalidate_caches(), which imports importlib.metadata.)
      pyodide.runPython(
        "import sys\nfor path, finder in sys.path_importer_cache.items():\n" +
          "    if path.endswith('site-packages') and finder: finder.invalidate_caches()",
      );
    },
  };
}

// Write {path, bytes} files (paths relative to `folder`) into Python's file
// system: the wheel's at boot, a language's catalogue later (worker.mjs).
export function writeFiles(pyodide, folder, files) {
  for (const { path, bytes } of files) {
    const target = `${folder}/${path}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, bytes);
  }
}

// After a restore: the module is the one from the snapshot, and its files are
// back where Python will look for anything it imports later.
function checkFiles(pyodide, module) {
  const file = module.__file__;
  if (!callPython(pyodide, "os.path", (path) => path.isfile(file))) {
    throw failure("missingAfterRestore", [file], `${file} is missing after the restore`);
  }
}

// A failure that may reach the reader: a stable `code` and its `params`, which
// the page words in the reader's language (messages.js `worker`, by code),
// and an English message, the developers' detail for the console.
export function failure(code, params, detail) {
  return Object.assign(new Error(detail), { code, params });
}

// f(module) for a Python module, letting go of the proxy afterwards.
function callPython(pyodide, name, f) {
  const module = pyodide.pyimport(name);
  try {
    return f(module);
  } finally {
    module.destroy();
  }
}
