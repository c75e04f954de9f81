"""The static site served on a loopback port, for the tests and the audit: through nginx with the project's own
configuration (deploy/nginx/site.conf, rendered for a temporary prefix and port), or, where nginx is absent,
through Python's http.server with gzip as a common web server sends it."""
from __future__ import annotations

import grp
import gzip
import io
import os
import pwd
import re
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "site.conf"
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".csv", ".txt")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(site_root: Path, port: int, prefix: Path) -> str:
    """A whole nginx.conf around deploy/nginx/site.conf: its server block as shipped, listening on the loopback
    port and serving `site_root`; pid, logs and temporary files under `prefix`."""
    server = SITE_CONF.read_text(encoding="utf-8")
    server = re.sub(r"^\s*listen \[::\]:80;\n", "", server, flags=re.M)
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = re.sub(r"root [^;]+;", f"root {site_root};", server, count=1)
    user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
    # The master runs as whoever starts it; as root, its workers would be `nobody` and could not read a private
    # temporary folder, so they run as the same user.
    user_line = f"user {user} {group};" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(f"    {kind}_temp_path {prefix / kind};" for kind in
                           ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""worker_processes 1;
{user_line}
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix / "access.log"};
{temp_paths}
{server}
}}
"""


def _wait_for(url: str, process: subprocess.Popen | None = None, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def serve_with_nginx(site_root: Path, port: int | None = None) -> Iterator[str]:
    """nginx in the foreground on a loopback port (a free one by default); yields the base URL (no trailing
    slash)."""
    with tempfile.TemporaryDirectory(prefix="smartisland-nginx-") as folder:
        prefix = Path(folder)
        port = port or free_port()
        config = prefix / "nginx.conf"
        config.write_text(nginx_config(Path(site_root).resolve(), port, prefix), encoding="utf-8")
        process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_for(f"http://127.0.0.1:{port}/robots.txt", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


class GzipHandler(SimpleHTTPRequestHandler):
    """Files as they are, gzipped when the browser accepts it and the type compresses (as nginx's gzip does)."""

    def log_message(self, *args) -> None:
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
        return io.BytesIO(body)


@contextmanager
def serve_with_python(site_root: Path, port: int | None = None) -> Iterator[str]:
    """The folder served by Python on a loopback port (a free one by default); yields the base URL (no trailing
    slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", port or 0), partial(GzipHandler, directory=str(site_root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve(site_root: Path):
    """nginx where it is installed, Python's server otherwise."""
    return serve_with_nginx(site_root) if NGINX.exists() else serve_with_python(site_root)
