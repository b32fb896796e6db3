"""Rebound's MkDocs plugins.

- :mod:`rebound_mkdocs.worksheets`: turns ```` ```worksheet ```` fences into accessible forms.
"""
