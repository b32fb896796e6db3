"""Rebound's worksheet logic, standard library only.

The same package runs at build time (CPython, to read the specs), in the
tests (CPython) and in the reader's browser (Pyodide in a Web Worker), so
nothing here may import a third-party package or touch the network. The one
entry point the browser calls is :func:`browser_py.api.handle`.
"""
