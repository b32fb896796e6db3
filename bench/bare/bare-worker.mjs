// loadPyodide() + runPython("1+1") with Pyodide's files as npm ships them, and
// its own, whole standard library (the site's are packed, and its
// python_stdlib.zip is cut to what Rebound imports; the baseline is Pyodide
// as it ships). bench/__main__.py copies them into ./pyodide/.
const indexURL = new URL("./pyodide/", import.meta.url).href;
try {
  const {loadPyodide} = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({indexURL, stdLibURL: indexURL + "python_stdlib_full.zip"});
  self.postMessage({ok: true, value: pyodide.runPython("1+1")});
} catch (error) {
  self.postMessage({ok: false, error: String(error)});
}
