"""The public site's audit: Lighthouse 12.2.3 (mobile defaults: simulated slow 4G, 4x CPU slowdown) on every page of
the static site, served by nginx with deploy/nginx/site.conf (Python's server with gzip where nginx is absent), and,
in the same run, on the Streamlit app's public Transparency page as the baseline. A benchmark, not a test.

    make audit                      # python -m smartisland.tools.audit [--db PATH] [--only PATH ...]

Writes docs/performance-public.md (every page: performance, accessibility, best practices, SEO, first-view KB) and the
summary table between the markers in docs/performance.md. Needs node's npx (it fetches lighthouse@12.2.3 from npm) and
Chromium at /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smartisland import clock
from smartisland.config import warehouse_path
from smartisland.publishing.export import export_site
from smartisland.tools.site_server import NGINX, free_port, serve_with_nginx, serve_with_python

ROOT = Path(__file__).resolve().parent.parent.parent
LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = "/usr/bin/chromium"
REPORT = ROOT / "docs" / "performance-public.md"
SUMMARY_PAGE = ROOT / "docs" / "performance.md"
SUMMARY_START, SUMMARY_END = "<!-- audit:start -->", "<!-- audit:end -->"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
FIRST_VIEW_KB = 300
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
INDEX = "index.html"


@dataclass(frozen=True)
class Audit:
    page: str
    scores: dict[str, int]
    first_view_kb: float
    first_contentful_paint_s: float

    def meets_targets(self) -> bool:
        return all(self.scores[name] >= target for name, target in TARGETS.items()) \
            and self.first_view_kb <= FIRST_VIEW_KB


def lighthouse(url: str) -> dict:
    """One Lighthouse run with mobile defaults, as JSON."""
    command = ["npx", "-y", LIGHTHOUSE, url, f"--chrome-path={CHROMIUM}",
               "--chrome-flags=--headless=new --no-sandbox", "--output=json", "--output-path=stdout", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def audit_of(page: str, report: dict) -> Audit:
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    transferred = report["audits"]["total-byte-weight"]["numericValue"]
    paint = report["audits"]["first-contentful-paint"]["numericValue"] / 1000
    return Audit(page, scores, round(transferred / 1024, 1), round(paint, 1))


def _row(audit: Audit) -> str:
    scores = " | ".join(str(audit.scores[name]) for name in CATEGORIES)
    return f"| {audit.page} | {scores} | {audit.first_view_kb:,.0f} | {audit.first_contentful_paint_s:.1f} s |"


HEADER = ("| page | performance | accessibility | best practices | SEO | first view (KB, gzip) | first contentful paint |\n"
          "|---|---|---|---|---|---|---|")


def write_report(static: list[Audit], baseline: Audit | None, server: str, day: str) -> None:
    meeting = sum(audit.meets_targets() for audit in static)
    lines = [
        "# The public site's audit",
        "",
        f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile defaults (simulated slow 4G, 4x CPU slowdown), run by "
        f"`make audit` on {day}: every page of the static site served by {server} with `deploy/nginx/site.conf`'s "
        "gzip, and the Streamlit app's public Transparency page as the baseline, in the same run. First view is "
        "what the page transfers until it has loaded (Lighthouse's total byte weight), compressed as sent.",
        "",
        f"Targets: performance >= {TARGETS['performance']}, accessibility {TARGETS['accessibility']}, best practices "
        f">= {TARGETS['best-practices']}, SEO >= {TARGETS['seo']}, first view <= {FIRST_VIEW_KB} KB. "
        f"{meeting} of {len(static)} static pages meet them all.",
        "",
        HEADER,
    ]
    if baseline is not None:
        lines.append(_row(baseline).replace(f"| {baseline.page} |", f"| **{baseline.page}** (baseline) |", 1))
    lines += [_row(audit) for audit in static]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = _summary(static, baseline, meeting)
    text = SUMMARY_PAGE.read_text(encoding="utf-8")
    if SUMMARY_START in text and SUMMARY_END in text:
        before, rest = text.split(SUMMARY_START, 1)
        text = before + SUMMARY_START + "\n" + summary + "\n" + SUMMARY_END + rest.split(SUMMARY_END, 1)[1]
        SUMMARY_PAGE.write_text(text, encoding="utf-8")


def _summary(static: list[Audit], baseline: Audit | None, meeting: int) -> str:
    def worst(name: str) -> int:
        return min(audit.scores[name] for audit in static)

    lines = ["| | performance | accessibility | best practices | SEO | first view (KB) |", "|---|---|---|---|---|---|"]
    if static:
        lines.append(f"| static site, worst of {len(static)} pages | {worst('performance')} | {worst('accessibility')} | "
                     f"{worst('best-practices')} | {worst('seo')} | "
                     f"{max(audit.first_view_kb for audit in static):,.0f} |")
        lines.append(f"| static site, median page | {_median(static, 'performance')} | "
                     f"{_median(static, 'accessibility')} | {_median(static, 'best-practices')} | "
                     f"{_median(static, 'seo')} | {sorted(a.first_view_kb for a in static)[len(static) // 2]:,.0f} |")
    if baseline is not None:
        lines.append("| Streamlit Transparency page (baseline) | " + " | ".join(
            str(baseline.scores[name]) for name in CATEGORIES) + f" | {baseline.first_view_kb:,.0f} |")
    lines.append("")
    lines.append(f"{meeting} of {len(static)} static pages meet every target; each page: "
                 "[performance-public.md](performance-public.md).")  # a neighbour of docs/performance.md
    return "\n".join(lines)


def _median(audits: list[Audit], name: str) -> int:
    return sorted(audit.scores[name] for audit in audits)[len(audits) // 2]


def _start_streamlit(db_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {**os.environ, "SMARTISLAND_DB": str(db_path), "SMARTISLAND_MODE": "public"}
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                                str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                               cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("the Streamlit app did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="the warehouse (default: SMARTISLAND_DB or data/)")
    parser.add_argument("--only", nargs="*", default=None, help="audit only these site paths (e.g. index.html)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the Streamlit page")
    parser.add_argument("--results", type=Path, default=None,
                        help="a file of results (JSON lines): pages already in it are not measured again, new ones "
                             "are added, so an interrupted audit goes on where it stopped")
    args = parser.parse_args(argv)
    db_path = args.db or warehouse_path()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="smartisland-audit-") as folder:
        site = Path(folder) / "site"
        base = f"http://127.0.0.1:{port}"
        with duckdb.connect(str(db_path), read_only=True) as connection:
            export_site(connection, site, site_address=base + "/")
        pages = args.only or sorted((str(path.relative_to(site)) for path in site.rglob("*.html")),
                                    key=lambda path: (path.startswith("en/"), path))
        serving = serve_with_nginx(site, port) if NGINX.exists() else serve_with_python(site, port)
        server = "nginx" if NGINX.exists() else "Python's http.server (gzip)"
        static, failures = [], []
        done = {}
        if args.results and args.results.exists():
            for line in args.results.read_text(encoding="utf-8").splitlines():
                audit = Audit(**json.loads(line))
                done[audit.page] = audit
        with serving as served:
            for page in pages:
                if page in done:
                    static.append(done[page])
                    continue
                is_folder = page == INDEX or page.endswith("/" + INDEX)  # not promises/..._index.html
                address = f"{served}/{page[:-len(INDEX)] if is_folder else page}"
                try:
                    audit = audit_of(page, lighthouse(address))
                except RuntimeError as error:  # one page's failure is reported; the others are still measured
                    print(error, file=sys.stderr, flush=True)
                    failures.append(page)
                    continue
                print(_row(audit), flush=True)
                static.append(audit)
                if args.results:
                    with open(args.results, "a", encoding="utf-8") as handle:
                        handle.write(json.dumps(audit.__dict__) + "\n")
    baseline = None
    if not args.no_baseline:
        process, url = _start_streamlit(db_path)
        try:
            lighthouse(f"{url}/")  # a first run warms the server's caches, as a visitor after others would find it
            baseline = audit_of("Streamlit Transparency page", lighthouse(f"{url}/"))
            print(_row(baseline), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=20)
    write_report(static, baseline, server, clock.today().isoformat())
    print(f"written: {REPORT.relative_to(ROOT)} and {SUMMARY_PAGE.relative_to(ROOT)}")
    if failures:
        print(f"not measured: {', '.join(failures)}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
