"""The ``rebound-languages`` plugin: the site in several languages (see :mod:`.plugin`)."""
