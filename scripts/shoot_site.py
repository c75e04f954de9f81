"""Screenshots of the static site (full pages) at a phone's and a desktop's width, for looking at and for README.

    python scripts/shoot_site.py BASE_URL OUT_DIR [PATH ...]   (default paths: the home page in both languages)
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str]) -> int:
    base, out_dir, paths = argv[0].rstrip("/"), Path(argv[1]), argv[2:] or ["index.html", "en/index.html"]
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width in (390, 1440):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(f"{base}/{path}")
                page.wait_for_load_state("load")
                # scroll through the page so that lazily loaded charts are drawn too
                height = page.evaluate("document.documentElement.scrollHeight")
                for offset in range(0, height, 600):
                    page.evaluate(f"window.scrollTo(0, {offset})")
                    page.wait_for_timeout(60)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_function("[...document.images].every(image => image.complete)", timeout=15000)
                name = path.replace("/", "-").removesuffix(".html")
                page.screenshot(path=str(out_dir / f"site-{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
