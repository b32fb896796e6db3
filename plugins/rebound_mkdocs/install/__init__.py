"""The install plugin: a web app manifest and its icons, so browsers can
install the site to a home screen or app list."""
