"""The shared core: spec model, answers, saved data, result blocks, words, dates, drawings.

Nothing here imports a worksheet, the workbook or the API. The build's plugins
use only :mod:`browser_py.core.spec` (the spec model and its controls).
"""
