// The Python side of the worksheets, in a module Web Worker.
//
// Loads the site's own Pyodide from assets/pyodide/ (never a CDN) with the
// worksheet package the site's lock file lists (its sha256 checked), or
// restores a memory snapshot of exactly that (boot.mjs), then answers
// {type: "call", id, request} with
// {type: "reply", id, response}, where response is what
// browser_py.api.handle(request) returned: a JSON string.
//
// A call names the page's language beside its request, {type: "call", id,
// request, language: <html lang>}. Before it reaches Python, the catalogue
// that language needs (runtime-files.js `catalogs`: not in the wheel, so
// only its readers download it) is downloaded, checked and written at its
// path in site-packages, once per worker. Which catalogue a tag needs is
// Python's decision (browser_py.core.i18n.code, with its aliases: "zh" and
// "zh-CN" are "zh_Hans"), asked once per tag. A catalogue that does not
// arrive fails that call with the code "catalogFailed" (its `fault` as a
// failed boot's), never an English answer; the next call tries again.
// {type: "language", lang} (the page says it as soon as it starts this
// worker) starts that language's download beside the boot's, so a first
// result in that language waits for nothing more.
//
// A call that carries bytes, {type: "call", id, request, data: ArrayBuffer}
// (the workbook PDF), goes to browser_py.api.handle_with_data instead; bytes
// it returns come back transferred as the reply's `data`.
//
// Packages the lock lists but boot does not load (pypdf, for the filled
// workbook) load only when a page asks: {type: "load", id, packages: [names]}
// -> {type: "reply", id, response: '{"ok": true}'} (or ok false and an error).
//
// Progress: {type: "progress", step} with step "download" (with `received`
// and `total` bytes of the runtime's files, as they arrive) -> "start" ->
// "packages", then {type: "ready", mode: "cold" | "snapshot"} or
// {type: "failed", error, code, params, fault}, where `fault` is a download's problem
// (download.mjs: {kind, file, status, received, size}) or null; later
// {type: "snapshot", state} once a new snapshot is stored ("saved") or not
// ("kept", "none", "failed").
//
// A failure (of the boot, or a reply's {ok: false}) carries a stable `code`
// and its `params` (a list), which the page words in the reader's language
// (page/messages.js `worker`, by code; runtime.js), and `error`, the English
// detail for the console. `code` is null for a failure only Pyodide or the
// browser describes (its `error` is all there is).
//
// The memory snapshot after a cold boot (boot.mjs, snapshot.mjs) must be of
// a Python that never saw an answer, and taking it (a copy of the whole
// memory) must not delay the first result. The page says {type: "idle"}
// when no call waits at "ready": the snapshot is taken here, at once. If a
// call or load comes first, it is answered first, and this worker never
// takes one: once it is quiet, a second, short-lived worker (this script as
// worker.mjs?snapshot, given the checked files and the compiled WebAssembly,
// so nothing is downloaded again) starts Python the same way, takes and
// stores the snapshot, and ends. Its {type: "snapshot", state} is passed on.
//
// Every runtime file is checked against the build's runtime-files.js
// (size and SHA-256) before Python sees it: this worker downloads them
// itself (download.mjs) and answers Pyodide's own fetches of them with the
// checked bytes. The WebAssembly and the standard library cross the wire as
// zstd frames (runtime-files.js `packed`, runtime/packed.py): the frame is
// what is checked, and it is decoded as it arrives (unpack.mjs), the
// WebAssembly compiled from the decoded pieces meanwhile (or, from a host
// that sends them with `Content-Encoding: zstd`, the browser decodes them
// and they are checked as such: download.mjs `entryFor`). Started as
// worker.mjs?retry (the reader's Retry), every download bypasses the HTTP
// cache and the service worker.

import { layout, siteUrl } from "../layout.js";
import { runtimeFiles } from "../runtime-files.js";
import { failure, saveWhenIdle, startPython, writeFiles } from "./boot.mjs";
import { download, downloadSync, entryFor } from "./download.mjs";
import { unpacker } from "./unpack.mjs";

const PYODIDE_URL = siteUrl(layout.pyodideDir);
const PACKAGE = layout.wheelDistribution;
const RELOAD = new URL(self.location.href).searchParams.has("retry");
const SNAPSHOT_ONLY = new URL(self.location.href).searchParams.has("snapshot");

const TYPES = { wasm: "application/wasm", json: "application/json", mjs: "text/javascript" };
const PROGRESS_EVERY_MS = 100;

// Names only: loadPackage would also take a URL, and nothing may come from
// anywhere but the site's own lock file.
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

let pyodide = null;
let sitePackages = null;
let handle = null;
let handleWithData = null;
let fatal = null; // the boot's failure, as described()
let takeSnapshot = null; // after a cold boot, until decided: startPython's takeSnapshot
let handover = null; // meanwhile, what a snapshot worker needs: {module, files}
const loading = new Map(); // package name -> promise of its loadPackage

function post(message) {
  self.postMessage(message);
}

function reply(id, response) {
  post({ type: "reply", id, response });
}

// {error, code, params} for a failure (see the top).
function described(error) {
  return {
    error: lastLine(error),
    code: typeof error?.code === "string" ? error.code : null,
    params: Array.isArray(error?.params) ? error.params : [],
  };
}

function refuse(id, error) {
  reply(id, JSON.stringify({ ok: false, ...described(error) }));
}

self.addEventListener("message", ({ data }) => {
  if (SNAPSHOT_ONLY) {
    if (data?.type === "handover" && !handover) receive(data);
    return;
  }
  if (data?.type === "idle") {
    decideSnapshot(true);
    return;
  }
  if (data?.type === "language") {
    expectLanguage(data.lang);
    return;
  }
  if (data?.type !== "call" && data?.type !== "load") return;
  // Before anything of the reader's reaches Python.
  decideSnapshot(false);
  if (!handle) {
    if (fatal) reply(data.id, JSON.stringify({ ok: false, ...fatal }));
    else refuse(data.id, failure("notReady", [], "the Python runtime is not ready"));
    return;
  }
  if (data.type === "load") {
    loadPackages(data.id, data.packages);
    return;
  }
  let catalog;
  try {
    catalog = catalogFor(data.language);
  } catch (error) {
    refuse(data.id, pythonFailed(error));
    return;
  }
  if (!catalog) {
    answer(data);
    return;
  }
  // Calls in one language keep their order: each waits on the same promise.
  catalog.then(
    () => answer(data),
    (error) =>
      reply(
        data.id,
        JSON.stringify({
          ok: false,
          ...described(error),
          fault: error?.fault ?? null,
        }),
      ),
  );
});

function answer(data) {
  if (data.data instanceof ArrayBuffer) {
    callWithData(data.id, data.request, data.data);
    return;
  }
  try {
    reply(data.id, String(handle(data.request)));
  } catch (error) {
    refuse(data.id, pythonFailed(error));
  }
}

// Each language's catalogue: code -> true once written, or the promise of
// its writing (forgotten if it fails, so a later call tries again).
const catalogs = runtimeFiles.catalogs ?? {};
const written = new Map();
const codes = new Map(); // language tag -> Python's catalogue code for it
const expected = new Set(); // codes the page announced (expectLanguage)

// null when the call may go to Python now; else a promise that the
// catalogue of `tag` is in place.
function catalogFor(tag) {
  const key = typeof tag === "string" ? tag : "";
  if (!codes.has(key)) {
    const i18n = pyodide.pyimport(layout.i18nModule);
    try {
      codes.set(key, String(i18n.code(key)));
    } finally {
      i18n.destroy();
    }
  }
  const code = codes.get(key);
  if (!Object.hasOwn(catalogs, code) || written.get(code) === true) return null;
  return writeCatalog(code);
}

function writeCatalog(code) {
  if (!written.has(code)) {
    const { file, path } = catalogs[code];
    const promise = getFile(file)
      .then(async (bytes) => {
        const { unzip } = await import("./unzip.mjs");
        const entry = (await unzip(bytes)).find((item) => item.path === path);
        if (!entry) {
          throw failure("catalogFailed", [path], `${file} does not hold ${path}`);
        }
        writeFiles(pyodide, sitePackages, [entry]);
        downloads.delete(file); // in Python's file system now
        written.set(code, true);
      })
      .catch((error) => {
        written.delete(code);
        if (error?.code === "catalogFailed") throw error;
        const detail = lastLine(error);
        throw Object.assign(
          failure("catalogFailed", [detail], `the catalogue ${file} did not arrive: ${detail}`),
          { fault: error?.kind ? error.toJSON() : null },
        );
      });
    written.set(code, promise);
  }
  return written.get(code);
}

// The page's <html lang>, said as it starts this worker: its catalogue
// downloads beside the boot's files, and is written once Python is up. An
// exact match is enough for a head start; each call's language, through
// Python's code(), is the authority.
function expectLanguage(lang) {
  const code = String(lang ?? "").replace(/-/g, "_");
  if (!Object.hasOwn(catalogs, code) || expected.has(code)) return;
  expected.add(code);
  getFile(catalogs[code].file).catch(() => {}); // a call reports it, and tries again
  if (handle) writeCatalog(code).catch(() => {});
}

function callWithData(id, request, buffer) {
  let result = null;
  try {
    result = handleWithData(request, buffer);
    const [response, bytes] = result.toJs();
    if (!(bytes instanceof Uint8Array)) {
      reply(id, String(response));
      return;
    }
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const out = whole ? bytes.buffer : bytes.slice().buffer;
    self.postMessage({ type: "reply", id, response: String(response), data: out }, [out]);
  } catch (error) {
    refuse(id, pythonFailed(error));
  } finally {
    result?.destroy();
  }
}

// Python raised: the traceback's last line is the detail.
function pythonFailed(error) {
  const detail = lastLine(error);
  return failure("pythonFailed", [detail], `Python failed: ${detail}`);
}

function loadPackages(id, packages) {
  const names = Array.isArray(packages) ? packages.map(String) : [];
  const bad = names.find((name) => !PACKAGE_NAME.test(name));
  if (!names.length || bad !== undefined) {
    const name = JSON.stringify(bad ?? "");
    refuse(
      id,
      failure(
        "notAPackage",
        [name],
        `cannot load ${name}: only packages listed in the site's lock file, by name`,
      ),
    );
    return;
  }
  Promise.all(names.map(loadOne)).then(
    () => reply(id, JSON.stringify({ ok: true })),
    (error) => refuse(id, error),
  );
}

// Each package loads (and is imported) once per worker; a failed load is
// forgotten, so a later request tries again.
function loadOne(name) {
  if (!loading.has(name)) {
    const problems = [];
    const promise = pyodide
      .loadPackage(name, {
        messageCallback: () => {},
        errorCallback: (message) => problems.push(message),
      })
      .then(() => {
        if (problems.length) {
          const detail = problems.join("; ");
          throw failure("packageFailed", [name, detail], `${name} did not load: ${detail}`);
        }
        // Import it now (the long part: compiling its modules), so the request
        // that uses it only does its own work, and a broken package says so here.
        for (const module of pyodide.lockfile?.packages?.[name]?.imports ?? []) {
          pyodide.pyimport(module).destroy();
        }
      });
    promise.catch(() => loading.delete(name));
    loading.set(name, promise);
  }
  return loading.get(name);
}

// The last line of a Python traceback is the part a reader can use.
function lastLine(error) {
  const text = String(error?.message ?? error).trim();
  return text.split("\n").pop() || text;
}

// The runtime's files, each downloaded once per worker and checked.
const nativeFetch = self.fetch.bind(self);
const downloads = new Map(); // name -> promise of its bytes
// A file the runtime asks for by `name` crosses the wire as `wire(name)`:
// itself, or its zstd frame (runtime-files.js `packed`), decoded here.
const packed = runtimeFiles.packed ?? {};
const wire = (name) => packed[name]?.file ?? name;
const total = runtimeFiles.boot.reduce((sum, name) => sum + runtimeFiles.files[wire(name)].size, 0);
const arrived = new Map(); // boot file name -> bytes received
let progressAt = 0;

function reportProgress(force = false) {
  const now = performance.now();
  if (!force && now - progressAt < PROGRESS_EVERY_MS) return;
  progressAt = now;
  let received = 0;
  for (const count of arrived.values()) received += count;
  post({ type: "progress", step: "download", received, total });
}

// The WebAssembly is compiled while it downloads, as instantiateStreaming
// would, from the same chunks that are checked; the compiled module is used
// only once the whole file passed (compiledFor), and dropped otherwise.
const compiledFor = new WeakMap(); // a Response our fetch made -> promise of its Module
const modules = new Map(); // wasm file name -> promise of its checked, compiled Module

function compiler() {
  let controller;
  const stream = new ReadableStream({ start: (c) => (controller = c) });
  const compiled = WebAssembly.compileStreaming(
    new Response(stream, { headers: { "content-type": TYPES.wasm } }),
  );
  compiled.catch(() => {}); // only used once the download passed
  return { compiled, controller };
}

function getFile(name) {
  if (!downloads.has(name)) {
    const expected = runtimeFiles.files[wire(name)];
    if (!expected) {
      return Promise.reject(
        failure("notInRuntime", [name], `${name} is not part of the site's runtime`),
      );
    }
    const counts = runtimeFiles.boot.includes(name);
    const wasm = name.endsWith(".wasm") ? compiler() : null;
    const toCompiler = (bytes) => wasm?.controller.enqueue(bytes);
    let unpacking = packed[name] ? unpacker(packed[name].size, toCompiler) : null;
    // The frame's share of the bytes that arrive: 1, or less when the
    // browser decoded the frame on the way (the host sent it encoded).
    let share = 1;
    const url = new URL(wire(name), PYODIDE_URL);
    const promise = download(url, expected, {
      reload: RELOAD,
      fetcher: nativeFetch,
      onResponse: (response) => {
        const entry = entryFor(response.headers, expected);
        if (entry === expected) return;
        unpacking = null;
        share = expected.size / entry.size;
      },
      onChunk: (chunk, received) => {
        if (unpacking) unpacking.push(chunk);
        else toCompiler(chunk);
        if (!counts) return;
        arrived.set(name, Math.round(received * share));
        reportProgress(arrived.get(name) === expected.size);
      },
    }).then((bytes) => (unpacking ? unpacking.finish(url) : bytes));
    if (wasm) {
      promise.then(
        () => wasm.controller.close(),
        (error) => wasm.controller.error(error),
      );
      const module = promise.then(() => wasm.compiled);
      // A failed download is reported by whoever awaits the bytes; left
      // unhandled here it would also reach the page as an uncaught error.
      module.catch(() => {});
      modules.set(name, module);
    }
    promise.catch(() => {
      downloads.delete(name); // a later request tries again
      modules.delete(name);
    });
    downloads.set(name, promise);
  }
  return downloads.get(name);
}

// Pyodide instantiates its WebAssembly from our fetch's Response: the
// module compiled meanwhile serves instead of compiling it again.
const nativeInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const compiled = compiledFor.get(response);
  if (!compiled) return nativeInstantiateStreaming(response, imports);
  const module = await compiled;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

// Pyodide fetches the wasm, the standard library and on-demand wheels
// itself: it gets the checked bytes. (It imports its two scripts instead;
// getFile checked them first, and the import finds them in the HTTP cache.)
self.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
  const name = url.href.startsWith(PYODIDE_URL.href) ? url.pathname.split("/").pop() : null;
  const known = name && (runtimeFiles.files[name] || packed[name]);
  if (!known || (input instanceof Request && input.method !== "GET")) {
    return nativeFetch(input, init);
  }
  const bytes = await getFile(name);
  const type = TYPES[name.split(".").pop()] ?? "application/octet-stream";
  const response = new Response(bytes, { headers: { "content-type": type } });
  if (modules.has(name)) compiledFor.set(response, modules.get(name));
  return response;
};

// For the standard library's fallback (runtime/stdlib_fallback.py), which
// Python calls synchronously from an import: the bytes of one more zip.
self.reboundStdlibZip = (name, size, sha256) =>
  downloadSync(new URL(name, PYODIDE_URL), { size: Number(size), sha256: String(sha256) });

// Who takes the snapshot of a cold boot: this worker, now (`here`: nothing
// of the reader's has reached Python), or a snapshot worker once this one is
// quiet (a call is about to be answered).
function decideSnapshot(here) {
  const take = takeSnapshot;
  takeSnapshot = null;
  if (!take) return;
  const report = (state) => post({ type: "snapshot", state });
  if (here) {
    handover = null;
    saveWhenIdle(take(), report);
  } else {
    saveWhenIdle(snapshotElsewhere, report, { quietFromNow: true });
  }
}

// How long a snapshot worker may take before it is given up.
const SNAPSHOT_WORKER_MS = 180_000;

// -> the snapshot worker's state ("saved", "kept", "none", "failed").
function snapshotElsewhere() {
  const given = handover;
  handover = null;
  if (typeof Worker === "undefined" || !given) return Promise.resolve("none");
  return new Promise((resolve) => {
    const url = new URL(self.location.href);
    url.search = "?snapshot";
    let child;
    try {
      child = new Worker(url, { type: "module", name: "rebound-python-snapshot" });
    } catch (error) {
      console.warn("Rebound: cannot start a worker for the Python snapshot.", error);
      resolve("none");
      return;
    }
    const done = (state) => {
      clearTimeout(timer);
      child.terminate();
      resolve(state);
    };
    const timer = setTimeout(() => done("failed"), SNAPSHOT_WORKER_MS);
    child.addEventListener("message", ({ data }) => {
      if (data?.type === "snapshot") done(String(data.state));
      else if (data?.type === "failed") {
        console.warn("Rebound: the snapshot worker could not start Python:", data.error);
        done("failed");
      }
    });
    child.addEventListener("error", (event) => {
      event.preventDefault();
      done("failed");
    });
    // The bytes move to the child (this worker has no more use for them).
    const transfer = [...new Set(Object.values(given.files).map((bytes) => bytes.buffer))];
    child.postMessage({ type: "handover", ...given }, transfer);
  });
}

// In a snapshot worker: the parent's checked files stand in for downloads.
function receive({ module, files }) {
  handover = { module, files };
  for (const name of runtimeFiles.boot) {
    if (name.endsWith(".wasm")) {
      downloads.set(name, Promise.resolve(new Uint8Array(0)));
      modules.set(name, Promise.resolve(module));
    } else if (files?.[name] instanceof Uint8Array) {
      downloads.set(name, Promise.resolve(files[name]));
    }
  }
  start();
}

// What a snapshot worker needs, kept from this worker's boot.
async function keepForHandover() {
  const wasm = runtimeFiles.boot.find((name) => name.endsWith(".wasm"));
  const files = {};
  for (const name of runtimeFiles.boot) {
    if (name !== wasm) files[name] = await downloads.get(name);
  }
  return { module: await modules.get(wasm), files };
}

async function boot() {
  post({ type: "progress", step: "download", received: 0, total });
  const started = await startPython({
    pyodideURL: PYODIDE_URL,
    packageName: PACKAGE,
    moduleName: layout.apiModule,
    files: {
      boot: runtimeFiles.boot,
      get: getFile,
      version: runtimeFiles.boot.map((name) => runtimeFiles.files[wire(name)].sha256).join(" "),
    },
    options: {
      packages: [],
      stdLibURL: new URL(layout.stdlibZip, PYODIDE_URL).href,
      stdout: () => {},
      stderr: (line) => console.warn(line),
    },
    // "start": downloaded and compiled, the interpreter is about to start
    // (the long synchronous part, so say so first); "packages": importing.
    onStep: (step) => post({ type: "progress", step }),
  });
  if (SNAPSHOT_ONLY) {
    // Nothing but the snapshot: no call ever reaches this Python.
    const state = await started.takeSnapshot()();
    post({ type: "snapshot", state });
    return;
  }
  const kept = started.mode === "cold" ? await keepForHandover() : null;
  const api = started.module;
  pyodide = started.pyodide;
  sitePackages = started.sitePackages;
  handle = api.handle;
  handleWithData = api.handle_with_data;
  // The boot's bytes are in Python now; the next use downloads them again.
  for (const name of runtimeFiles.boot) downloads.delete(name);
  modules.clear();
  post({ type: "ready", mode: started.mode });
  // The page's language, announced during the boot (a restored Python too:
  // the file system is not in the snapshot).
  for (const code of expected) writeCatalog(code).catch(() => {});
  if (started.mode !== "cold") {
    saveWhenIdle(started.takeSnapshot(), (state) => post({ type: "snapshot", state }));
    return;
  }
  // Decided by what the page sends first (decideSnapshot): "idle", or a call.
  // If it sends neither for a while, nothing has reached Python: take it here.
  handover = kept;
  takeSnapshot = started.takeSnapshot;
  setTimeout(() => decideSnapshot(true), SNAPSHOT_DECIDE_MS);
}

// How long after "ready" the snapshot waits for the page's word.
const SNAPSHOT_DECIDE_MS = 5_000;

function start() {
  boot().catch((error) => {
    fatal = described(error);
    post({ type: "failed", ...fatal, fault: error?.kind ? error.toJSON() : null });
  });
}

// A snapshot worker waits for its parent's files (receive).
if (!SNAPSHOT_ONLY) start();
