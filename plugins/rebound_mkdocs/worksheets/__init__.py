"""The worksheet plugin: fenced YAML specs in Markdown become accessible forms."""
