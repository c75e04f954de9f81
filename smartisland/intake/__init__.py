"""Real files in: templates, column mapping and region names resolved to codes, before the loader checks a file."""
