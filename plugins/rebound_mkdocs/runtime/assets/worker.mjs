// The Python side of the worksheets, in a module Web Worker.
//
// Loads the site's own Pyodide from ../pyodide/ (never a CDN), installs the
// worksheet package by name through the site's lock file (Pyodide checks its
// sha256 before installing), then answers {type: "call", id, request} with
// {type: "reply", id, response}, where response is what
// browser_py.api.handle(request) returned: a JSON string.
//
// Progress: {type: "progress", step} with step "download" -> "start" ->
// "packages", then {type: "ready"} or {type: "failed", error}.

const PYODIDE_URL = new URL("../pyodide/", import.meta.url);
const PACKAGE = "rebound-browser-py";

let handle = null;
let fatal = null;

function post(message) {
  self.postMessage(message);
}

function reply(id, response) {
  post({ type: "reply", id, response });
}

self.addEventListener("message", ({ data }) => {
  if (data?.type !== "call") return;
  if (!handle) {
    reply(data.id, JSON.stringify({ ok: false, error: fatal || "the Python runtime is not ready" }));
    return;
  }
  try {
    reply(data.id, String(handle(data.request)));
  } catch (error) {
    reply(data.id, JSON.stringify({ ok: false, error: `Python failed: ${lastLine(error)}` }));
  }
});

// The last line of a Python traceback is the part a reader can use.
function lastLine(error) {
  const text = String(error?.message ?? error).trim();
  return text.split("\n").pop() || text;
}

async function boot() {
  post({ type: "progress", step: "download" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_URL).href);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_URL.href,
    lockFileURL: new URL("pyodide-lock.json", PYODIDE_URL).href,
    packages: [],
    stdout: () => {},
    stderr: (line) => console.warn(line),
    // Called once the runtime is downloaded and compiled, just before the
    // interpreter starts: the long synchronous part, so say so first.
    fsInit: async () => post({ type: "progress", step: "start" }),
  });
  post({ type: "progress", step: "packages" });
  const problems = [];
  await pyodide.loadPackage(PACKAGE, {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join("; "));
  handle = pyodide.pyimport("browser_py.api").handle;
  post({ type: "ready" });
}

boot().catch((error) => {
  fatal = lastLine(error);
  post({ type: "failed", error: fatal });
});
