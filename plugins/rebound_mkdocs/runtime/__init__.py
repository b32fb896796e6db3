"""The runtime plugin: self-hosted Pyodide, the browser_py wheel, and the worksheet scripts."""
