"""Rebound's benchmark: `make bench` (python -m bench).

Every figure is measured against a baseline taken in the same run, on the same
machine, and reported as min / median / max over repeated runs. Nothing here
fails a test; it reports.
"""
