"""Rebound's test suites, laid out like the code they test (see the README)."""
