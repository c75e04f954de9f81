"""The static site served over HTTP for the tests (Python's server with gzip; the nginx test uses nginx itself)."""
from __future__ import annotations

from pathlib import Path

from smartisland.tools.site_server import serve_with_python as serve  # noqa: F401  (the tests' name for it)


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the site, relative to its root, Indonesian first."""
    return sorted((str(path.relative_to(site)) for path in site.rglob("*.html")),
                  key=lambda path: (path.startswith("en/"), path))
