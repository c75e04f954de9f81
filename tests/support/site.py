"""The static site built from a warehouse and served over HTTP (gzip as a common web server sends it), for tests."""
from __future__ import annotations

import gzip
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".csv", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Files as they are, gzipped when the browser accepts it and the type compresses (as nginx's gzip does)."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


@contextmanager
def serve(directory: Path):
    """The folder served on a free loopback port; yields the base URL (no trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the site, relative to its root, Indonesian first."""
    return sorted((str(path.relative_to(site)) for path in site.rglob("*.html")),
                  key=lambda path: (path.startswith("en/"), path))
