"""Reading content/: front matter parsing and validation into model objects."""
