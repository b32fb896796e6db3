"""The offline plugin: a versioned service worker that caches the site and, after
first use, the Python runtime, so repeat visits fetch nothing and the site
works offline."""
