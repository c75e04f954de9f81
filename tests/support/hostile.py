"""A copy of the sample warehouse whose every free-text column holds hostile text: Markdown, HTML, LaTeX, Streamlit
directives and short codes, autolinks, and spreadsheet formulas. Keys and allowed values stay as they were."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from smartisland.contract import DATASETS_BY_NAME

# Each would show as something else than its text if a page read it as Markdown or HTML.
MARKDOWN_PAYLOADS = (
    "[x](https://evil.example/a)",
    "![i](http://evil.example/i.png)",
    "[j](javascript:alert(1))",
    "**bold**",
    "<b>html</b>",
    ":red[red]",
    "$x^2$",
    "# heading",
    "<img src=http://evil.example/raw.png>",
    "https://evil.example/plain",
    "www.evil.example",
    "someone@evil.example",
    ":material/thumb_up:",
    ":streamlit:",
)
# Each would run as a formula in a spreadsheet if written verbatim to a CSV.
FORMULA_PAYLOADS = ('=HYPERLINK("http://evil.example/f","f")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx")
PAYLOADS = MARKDOWN_PAYLOADS + FORMULA_PAYLOADS
# Invisible characters that change what a reader sees or a terminal does: C1 controls (NEL \x85, CSI \x9b), a tab
# inside the text, and the bidirectional controls that reorder it ("exe.pdf" shown for "fdp.exe"). The loader
# refuses each in every text column (tests/test_intake_text.py); they are kept out of PAYLOADS, which the pages
# are shown, because no file can bring them into a warehouse.
INVISIBLE_PAYLOADS = ("Wantilan\x85Baluk", "Wantilan\x9b31mBaluk", "Wantilan\tBaluk", "laporan\u202efdp.exe",
                      "\u202aWantilan", "Wantilan\u202b", "Wantilan\u202cBaluk", "Wantilan\u202dBaluk",
                      "\u2066Wantilan\u2069", "Wantilan\u2067Baluk", "Wantilan\u2068Baluk", "Wantilan\x7fBaluk",
                      "Wantilan\x80Baluk", "Wantilan\x9fBaluk", "Wantilan\x01Baluk", "Wantilan\x1bBaluk")

# Every free-text column a page, the open data or the export can show (not keys, codes, enums or query names).
HOSTILE_COLUMNS = {
    "regions": ("name",),
    "spbe_indicators": ("name", "domain", "aspect"),
    "services": ("name_id", "name_en", "agency"),
    "kpis": ("name_id", "name_en", "definition_id", "definition_en", "target_source", "owner_agency", "contact_unit",
             "contact_address"),
    "wifi_points": ("site_name",),
    "blank_spot_sites": ("owner",),
    "base_stations_yearly": ("source",),
    "spbe_assessments": ("owner_agency",),
    "spbe_published": ("source",),
    "kpi_values": ("source", "entered_by", "note"),
}


def make_hostile_warehouse(sample_db: Path, path: Path, negative_kpi_value: float | None = -5.0) -> Path:
    """Copy `sample_db` to `path` and fill every hostile column with payloads, cycling so that each column and
    each page meets every payload; with `negative_kpi_value`, the first entered KPI value becomes that number."""
    shutil.copy(sample_db, path)
    with duckdb.connect(str(path)) as connection:
        for offset, (table, columns) in enumerate(HOSTILE_COLUMNS.items()):
            for position, column in enumerate(columns):
                assert DATASETS_BY_NAME[table].column(column).type == "text"
                shift = 3 * offset + 7 * position
                # The row number after the payload keeps names distinct (pages key their choices by them).
                connection.execute(
                    f"update {table} set {column} = list_extract($payloads, "
                    f"(((rowid + $shift) % {len(PAYLOADS)}) + 1)::integer) || ' n' || rowid::varchar",
                    {"payloads": list(PAYLOADS), "shift": shift})
        if negative_kpi_value is not None:
            connection.execute("update kpi_values set value = $value where rowid = (select min(rowid) from kpi_values)",
                               {"value": negative_kpi_value})
    return path
