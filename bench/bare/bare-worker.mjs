// loadPyodide() + runPython("1+1") with the site's own Pyodide files.
const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
try {
  const {loadPyodide} = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({indexURL});
  self.postMessage({ok: true, value: pyodide.runPython("1+1")});
} catch (error) {
  self.postMessage({ok: false, error: String(error)});
}
