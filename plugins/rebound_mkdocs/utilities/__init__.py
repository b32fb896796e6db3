"""MkDocs-free helpers the plugins share."""
