"""The static site served for real: nginx from Debian with the project's own configuration (deploy/nginx/site.conf)
on a loopback port, gzip and cache lifetimes and security headers as configured, and every page loaded through it in
Chromium with no request failing. Installs nothing: CI installs nginx (.ci/run); a machine without it skips."""
import gzip
import os
import re
import urllib.request

import duckdb
import pytest
from support import FIXTURE_TODAY
from support.site import page_paths

from smartisland.publishing.export import export_site
from smartisland.tools.site_server import NGINX, nginx_config, serve_with_nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(sample_db, tmp_path_factory):
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{NGINX} is missing: .ci/run installs Debian's nginx")
        pytest.skip(f"{NGINX} is not installed here (apt-get install nginx); CI installs it")
    site = tmp_path_factory.mktemp("site")
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        export_site(connection, site, today=FIXTURE_TODAY)
    with serve_with_nginx(site) as base:
        yield site, base


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_the_config_is_the_shipped_one_with_only_port_and_root_changed(tmp_path):
    rendered = nginx_config(tmp_path / "site", 8123, tmp_path)
    assert "listen 127.0.0.1:8123;" in rendered and f"root {tmp_path / 'site'};" in rendered
    assert "listen 80;" not in rendered and "/srv/smartisland-site/current" not in rendered
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in rendered


def test_nginx_sends_pages_gzipped_with_short_cache_and_hashed_assets_for_a_year(served):
    site, base = served
    status, headers, body = _get(f"{base}/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b'<html lang="id">' in gzip.decompress(body)
    assert headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    style = re.search(rb'href="(assets/style\.[0-9a-f]{10}\.css)"', gzip.decompress(body))[1].decode()
    status, headers, _ = _get(f"{base}/{style}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"].startswith("text/css") and headers["Content-Encoding"] == "gzip"
    chart = next((site / "charts").glob("*.svg")).name
    status, headers, _ = _get(f"{base}/charts/{chart}")
    assert headers["Content-Type"].startswith("image/svg+xml") and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"].endswith("immutable")
    status, headers, body = _get(f"{base}/en/feed.xml")
    assert headers["Content-Type"].startswith("application/atom+xml")
    status, headers, _ = _get(f"{base}/data/regions.csv", gzip_ok=False)
    assert headers["Cache-Control"] == "public, max-age=3600" and "Content-Encoding" not in headers
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(f"{base}/no-such-page.html")
    assert missing.value.code == 404


def test_every_page_loads_through_nginx_in_chromium_with_no_failed_request(browser, served):
    site, base = served
    page = browser.new_page(viewport={"width": 390, "height": 844})
    failed, errors = [], []
    page.on("response", lambda response: failed.append((response.status, response.url))
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append((request.failure, request.url)))
    page.on("pageerror", lambda error: errors.append(str(error)))
    pages = page_paths(site)
    assert len(pages) > 20
    for path in pages:
        page.goto(f"{base}/{path}")
        # idle, not only loaded: the site icon is fetched after the load, and the next page would abort it
        page.wait_for_load_state("networkidle")
        # every picture, lazy or not, is fetched and drawn
        for image in page.locator("img").all():
            image.scroll_into_view_if_needed()
            page.wait_for_function("image => image.complete && image.naturalWidth > 0",
                                   arg=image.element_handle(), timeout=10000)
        assert page.evaluate("document.querySelector('meta[name=build-id]').content")
    # the interactive chart on request, under the Content-Security-Policy
    page.goto(f"{base}/en/promises/wifi_points_active.html")
    page.get_by_role("button", name="Open the interactive chart").click()
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30000)
    assert failed == [] and errors == []
    page.close()
