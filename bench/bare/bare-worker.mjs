// loadPyodide() + runPython("1+1") with the site's own Pyodide files, and
// Pyodide's own, whole standard library (the site's python_stdlib.zip is cut
// to what Rebound imports; the baseline is Pyodide as it ships).
const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
try {
  const {loadPyodide} = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({indexURL, stdLibURL: indexURL + "python_stdlib_full.zip"});
  self.postMessage({ok: true, value: pyodide.runPython("1+1")});
} catch (error) {
  self.postMessage({ok: false, error: String(error)});
}
