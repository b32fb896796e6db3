"""Rebound's MkDocs plugins, in the order ``mkdocs.yml`` lists them.

- :mod:`rebound_mkdocs.worksheets`: turns ```` ```worksheet ```` fences into
  accessible forms and writes the worksheet manifest.
- :mod:`rebound_mkdocs.workbook`: builds the fillable PDF workbook, links it
  from every page, and ships the workbook page's script.
- :mod:`rebound_mkdocs.runtime`: ships the self-hosted Pyodide, the
  ``browser_py`` wheel and the worksheets' page and worker scripts.
- :mod:`rebound_mkdocs.offline`: writes and registers the service worker.
- :mod:`rebound_mkdocs.security`: the pages' hashed Content-Security-Policy,
  ``_headers`` and the accessibility fixes.

They share :mod:`rebound_mkdocs.utilities.layout` (where each file lives in
the site) and :mod:`rebound_mkdocs.minify` (esbuild, for our scripts and
styles).
"""
