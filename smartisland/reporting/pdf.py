"""HTML to a one-page PDF (WeasyPrint: text selectable, tagged for screen readers) and a PNG of it (pdftoppm).

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0) and pdftoppm comes with
poppler-utils; .ci/run installs them.
"""
from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

# Tagged PDF (PDF/UA-1): headings, paragraphs, tables and the language are read out in order by a screen reader.
PDF_OPTIONS = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}
# Wide enough to read on a phone, small enough to send: 1,240 pixels across an A4 page.
PNG_DPI = 150


class PageOverflow(Exception):
    """No layout of a document fits on one page."""


def one_page_pdf(layouts: Iterable[str]) -> bytes:
    """The PDF of the first HTML layout that fits on one page; PageOverflow when none does."""
    from weasyprint import HTML  # imported on use: a page that never makes a PDF does not load it

    for layout in layouts:
        document = HTML(string=layout).render(**PDF_OPTIONS)
        if len(document.pages) == 1:
            return document.write_pdf(**PDF_OPTIONS)
    raise PageOverflow("no layout fits on one page")


def png_of(pdf_path: Path, dpi: int = PNG_DPI) -> Path:
    """The first page of a PDF as a PNG beside it (same name, .png)."""
    stem = pdf_path.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-f", "1", "-l", "1", str(pdf_path),
                    str(stem)], check=True, capture_output=True)
    return stem.with_suffix(".png")
