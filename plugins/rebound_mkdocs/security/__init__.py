"""The ``rebound-security`` plugin: Content-Security-Policy, ``_headers`` and
accessibility fixes."""
