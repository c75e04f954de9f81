"""Export the transparency page as a self-contained static site, for any web server or CDN, or no server at all.

    python -m smartisland.publishing.export OUT_DIR [--db PATH]

Writes index.html (Indonesian) and en/index.html (English), every public promise with its chart and the chart's
numbers as a table, plotly.js once under assets/ (no CDN), and the open data: data/*.csv, data/*.parquet, the data
dictionaries, datapackage.json and the whole-package ZIP. Every link is relative, so the folder reads from disk.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import plotly.io
import plotly.offline

from smartisland import clock, province, province_setting, warehouse
from smartisland.config import warehouse_path
from smartisland.db import execute_query
from smartisland.i18n import LANGUAGES, format_date, format_number, set_language, t
from smartisland.kpis.charts import kpi_trajectory_figure, trajectory_table
from smartisland.kpis.display import (
    forecast_sentence,
    format_kpi_value,
    is_illustrative,
    kpi_definition_text,
    kpi_name,
    period_label,
    source_text,
    status_label,
)
from smartisland.kpis.scorecard import build_scorecard
from smartisland.kpis.status import COLOURS
from smartisland.publishing.disclosure import public_kpis
from smartisland.publishing.open_data import (
    DATAPACKAGE_FILE,
    OpenData,
    build_open_data,
    csv_path,
    dictionary_path,
    parquet_path,
    public_datasets,
    zip_file_name,
)
from smartisland.publishing.transparency import (
    datasets_behind,
    meaning_text,
    progress_share,
    progress_text,
    promise_text,
    promises_table,
    public_promises,
    summary_sentence,
)
from smartisland.text import data_text

PLOTLY_FILE = "assets/plotly.min.js"
PAGE_FILES = {"id": "index.html", "en": "en/index.html"}

STYLE = """
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1B2B2A; margin: 0; line-height: 1.5; }
main, header, footer { max-width: 1100px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
a { color: #005A8C; }
a:focus, summary:focus { outline: 3px solid #E69F00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.language { float: right; font-weight: 600; }
.notice { background: #FFF6DB; border-left: 4px solid #B07800; padding: .5rem .75rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #C9D3D2; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #EEF3F2; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
section.promise { border-top: 2px solid #C9D3D2; margin-top: 2rem; padding-top: .5rem; }
dl.words { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .5rem 1.5rem; }
dl.words dt { font-weight: 700; } dl.words dd { margin: 0; }
.status { display: inline-block; border: 2px solid; border-radius: .4rem; padding: .05rem .5rem; font-weight: 700;
          background: #fff; color: #1B2B2A; }
progress { width: 100%; max-width: 40rem; height: 1rem; accent-color: #0072B2; }
.small { color: #4A5A59; font-size: .92rem; }
details { margin: .5rem 0; }
"""


def _markdown(text: str) -> str:
    """The little markdown the locale texts use (**bold**), as safe HTML."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text))


def _table(frame: pd.DataFrame, caption: str | None = None, numeric: tuple[int, ...] = ()) -> str:
    """An accessible HTML table: a caption, header cells with scope, numbers aligned right."""
    head = "".join(f'<th scope="col">{html.escape(str(column))}</th>' for column in frame.columns)
    body = "".join(
        "<tr>" + "".join(f'<td class="number">{html.escape(str(value))}</td>' if index in numeric
                         else f"<td>{html.escape(str(value))}</td>" for index, value in enumerate(row)) + "</tr>"
        for row in frame.itertuples(index=False))
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{caption_html}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _status(status: str, language: str) -> str:
    return f'<span class="status" style="border-color:{COLOURS[status]}">{html.escape(status_label(status, language))}</span>'


def promise_section(row: dict, values: pd.DataFrame, today: date, language: str, prefix: str) -> str:
    """One promise: the words, status, progress, chart, its numbers, definition, sources and the data behind it."""
    kpi_id, unit = row["kpi_id"], row["unit"]
    name = kpi_name(row, language)
    figure = kpi_trajectory_figure(row, values, today, language)
    # A static page draws the chart once, before its automatic margins can settle: leave room for the labels.
    figure.update_layout(margin={"l": 80, "r": 20, "t": 50, "b": 50})
    chart = plotly.io.to_html(figure, include_plotlyjs=False, full_html=False, div_id=f"chart-{kpi_id}",
                              config={"displaylogo": False, "responsive": True})
    share = progress_share(row)
    progress = f'<progress max="100" value="{round(100 * share)}" aria-hidden="true"></progress>' if share is not None else ""
    period = period_label(row["latest_date"], row["update_frequency"], language)
    links = " · ".join(
        f'<a href="{prefix}{csv_path(dataset)}">{html.escape(t(f"dataset.{dataset.name}", language))} (CSV)</a>'
        f' · <a href="{prefix}{parquet_path(dataset)}">Parquet</a>'
        for dataset in public_datasets() if dataset.name in datasets_behind(row["method"]))
    parts = [
        f'<section class="promise" id="kpi-{kpi_id}" aria-labelledby="title-{kpi_id}">',
        f'<h3 id="title-{kpi_id}">{html.escape(name)}</h3>',
        '<dl class="words">',
        f"<div><dt>{html.escape(t('transparency.promised', language))}</dt><dd>{html.escape(promise_text(row, language))}</dd></div>",
        f"<div><dt>{html.escape(t('transparency.by_when', language))}</dt><dd>{html.escape(format_date(row['target_date'], language))}</dd></div>",
        f"<div><dt>{html.escape(t('transparency.meaning', language))}</dt><dd>{html.escape(meaning_text(row, language))}</dd></div>",
        "</dl>",
        f"<p>{_status(row['status'], language)} "
        f"{html.escape(forecast_sentence(row['forecast_kind'], row['forecast_date'], language))}</p>",
    ]
    if row["is_stale"]:
        parts.append(f'<p class="small">{html.escape(t("transparency.stale_note", language))}</p>')
    parts += [
        f"<p>{html.escape(t('transparency.progress', language))}: {html.escape(progress_text(row, language))}<br>{progress}</p>",
        "<p>" + _markdown(t("transparency.latest_line", language, value=format_kpi_value(row["latest_value"], unit, language),
                            period=period, target=format_kpi_value(row["target_value"], unit, language),
                            date=format_date(row["target_date"], language))) + "</p>",
        f'<figure aria-describedby="numbers-{kpi_id}">{chart}</figure>',
        f'<details><summary>{html.escape(t("common_extra.chart_data", language))}</summary><div id="numbers-{kpi_id}">'
        + _table(trajectory_table(values, unit, language), t("export.table_caption", language, name=name), (1,))
        + "</div></details>",
        f"<p><strong>{html.escape(t('transparency.definition', language))}</strong>: "
        f"{html.escape(kpi_definition_text(row, language))}</p>",
        f'<p class="small">{html.escape(t("transparency.source_line", language, source=source_text(row, language), period=period))}'
        "<br>" + html.escape(t("transparency.target_source_line", language,
                               source=data_text(row["target_source"], language))),
    ]
    if is_illustrative(row["target_source"]):
        parts.append(f'<br>{html.escape(t("transparency.illustrative_target", language))}')
    parts += [
        "</p>",
        f'<p class="small">{html.escape(t("export.data_files", language))}: {links}</p>',
        f'<p class="small"><a href="#kpi-{kpi_id}">{html.escape(t("export.link_to_promise", language))}</a></p>',
        "</section>",
    ]
    return "\n".join(parts)


def open_data_section(open_data: OpenData, language: str, prefix: str) -> str:
    rows = []
    for dataset in public_datasets():
        update = open_data.updates.get(dataset.name)
        origin = update.origin if update and update.origin else "none"
        rows.append(
            "<tr>"
            f"<td>{html.escape(t(f'dataset.{dataset.name}', language))}</td>"
            f"<td>{html.escape(t(f'dictionary.dataset.{dataset.name}', language))}</td>"
            f'<td class="number">{format_number(open_data.row_counts[dataset.name], 0, language)}</td>'
            f"<td>{html.escape(t(f'origin.{origin}', language))}</td>"
            f"<td>{html.escape(format_date(update.last_loaded_at, language) if update else t('common.no_data', language))}</td>"
            f'<td><a href="{prefix}{csv_path(dataset)}">CSV</a> · <a href="{prefix}{parquet_path(dataset)}">Parquet</a></td>'
            "</tr>")
    headers = [t(f"open_data.column_{key}", language) for key in ("dataset", "description", "rows", "origin", "updated")]
    head = "".join(f'<th scope="col">{html.escape(text)}</th>' for text in headers + [t("export.data_files", language)])
    package_links = " · ".join([
        f'<a href="{prefix}{DATAPACKAGE_FILE}">{html.escape(t("open_data.download_datapackage", language))}</a>',
        f'<a href="{prefix}{zip_file_name()}">{html.escape(t("open_data.download_zip", language))}</a>',
        *(f'<a href="{prefix}{dictionary_path(item)}">{html.escape(t(f"open_data.download_dictionary_{item}", language))}</a>'
          for item in LANGUAGES),
    ])
    return "\n".join([
        f'<section id="open-data"><h2>{html.escape(t("open_data.title", language))}</h2>',
        f"<p>{html.escape(t('open_data.intro', language))}</p>",
        f"<p>{html.escape(t('open_data.licence', language))}</p>",
        f'<p class="small">{html.escape(t("dictionary.note.csv_safety", language))}</p>',
        f"<table><caption>{html.escape(t('open_data.datasets_title', language))}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>",
        f'<h3>{html.escape(t("open_data.whole_package", language))}</h3><p>{package_links}</p>',
        "</section>",
    ])


def method_section(promises: pd.DataFrame, language: str) -> str:
    parts = [f'<section id="method"><h2>{html.escape(t("transparency.method_title", language))}</h2>',
             f"<p>{_markdown(t('transparency.method_intro', language))}</p>"]
    for area in promises["area"].drop_duplicates():
        parts.append(f"<h3>{html.escape(t(f'area.{area}', language))}</h3>")
        parts.append(f"<p>{html.escape(t(f'transparency.method.{area}', language))}</p><ul>")
        for _, item in promises[promises["area"] == area].iterrows():
            parts.append(f"<li><strong>{html.escape(kpi_name(item, language))}</strong>: "
                         f"{html.escape(kpi_definition_text(item, language))}</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


ACCESSIBILITY_PARTS = ("transparency.accessibility_done", "transparency.accessibility_limits",
                       "transparency.accessibility_contact")


def accessibility_section(language: str) -> str:
    """The accessibility statement of the public Transparency page: what was done, known limits, a contact."""
    paragraphs = "".join(f"<p>{_markdown(t(key, language))}</p>" for key in ACCESSIBILITY_PARTS)
    return (f'<section id="accessibility"><h2>{html.escape(t("transparency.accessibility_title", language))}</h2>'
            f"{paragraphs}</section>")


def render_page(promises: pd.DataFrame, values_by_kpi: dict, open_data: OpenData, today: date, language: str,
                is_sample: bool) -> str:
    """The whole static page in one language."""
    set_language(language)
    prefix = "../" * PAGE_FILES[language].count("/")
    other = next(item for item in LANGUAGES if item != language)
    other_link = prefix + PAGE_FILES[other]
    summary = promises_table(promises, language)
    links = "".join(f'<li><a href="#kpi-{row["kpi_id"]}">{html.escape(kpi_name(row, language))}</a> '
                    f'{_status(row["status"], language)}</li>' for _, row in promises.iterrows())
    sections = "\n".join(promise_section(row.to_dict(), values_by_kpi[row["kpi_id"]], today, language, prefix)
                         for _, row in promises.iterrows())
    notice = f'<p class="notice">{html.escape(t("export.sample_notice", language))}</p>' if is_sample else ""
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("transparency.title", language))}</title>
<style>{STYLE}</style>
<script src="{prefix}{PLOTLY_FILE}"></script>
</head>
<body>
<a class="skip" href="#content">{html.escape(t("export.skip_link", language))}</a>
<header>
<a class="language" href="{other_link}" hreflang="{other}" lang="{other}">{html.escape(t("export.language_link", language))}</a>
<p>{html.escape(t("app.title", language))} · {html.escape(t("app.subtitle", language))}</p>
</header>
<main id="content">
<h1>{html.escape(t("transparency.title", language))}</h1>
<p>{html.escape(t("transparency.intro", language))}</p>
<p class="small">{html.escape(t("transparency.as_of", language, date=format_date(today, language)))}</p>
{notice}
<nav aria-label="{html.escape(t("export.contents", language))}"><ul>
<li><a href="#summary">{html.escape(t("transparency.summary_title", language))}</a></li>
<li><a href="#method">{html.escape(t("transparency.method_title", language))}</a></li>
<li><a href="#open-data">{html.escape(t("open_data.title", language))}</a></li>
<li><a href="#accessibility">{html.escape(t("transparency.accessibility_title", language))}</a></li>
</ul></nav>
<section id="summary">
<h2>{html.escape(t("transparency.summary_title", language))}</h2>
<p>{html.escape(summary_sentence(promises, language))}</p>
{_table(summary, t("transparency.summary_title", language), (4, 5, 6))}
<ul>{links}</ul>
</section>
<section id="promises">
<h2>{html.escape(t("transparency.detail_title", language))}</h2>
{sections}
</section>
{method_section(promises, language)}
{open_data_section(open_data, language, prefix)}
{accessibility_section(language)}
</main>
<footer><p class="small">{html.escape(t("export.generated", language, date=format_date(today, language)))}</p></footer>
</body>
</html>
"""


def export_site(connection: duckdb.DuckDBPyConnection, out_dir: Path, today: date | None = None) -> list[Path]:
    """Write the static site into `out_dir`; the files written."""
    today = today or clock.today()

    def run(name: str, **params) -> pd.DataFrame:
        return execute_query(connection, name, **params)

    definitions = public_kpis(run("kpi_definitions"))
    card, values_by_kpi = build_scorecard(definitions, run, today)
    promises = public_promises(card) if len(card) else card
    open_data = build_open_data(connection)
    is_sample = int(run("data_origin").iloc[0]["fact_datasets_from_sample"]) > 0
    files: dict[str, bytes] = dict(open_data.files)
    files[zip_file_name()] = open_data.zip_bytes()
    files[PLOTLY_FILE] = plotly.offline.get_plotlyjs().encode("utf-8")
    for language in LANGUAGES:
        files[PAGE_FILES[language]] = render_page(promises, values_by_kpi, open_data, today, language,
                                                  is_sample).encode("utf-8")
    written = []
    for relative, data in files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--db", type=Path, default=None, help="the warehouse (default: SMARTISLAND_DB or data/)")
    args = parser.parse_args(argv)
    setting = province_setting.setting_problem()
    if setting:
        print(setting, file=sys.stderr)
        return 2
    db_path = args.db or warehouse_path()
    if not db_path.exists():
        print(t("common.warehouse_missing", "en", path=db_path), file=sys.stderr)
        return 1
    with duckdb.connect(str(db_path), read_only=True) as connection:
        stored = warehouse.other_province(connection)
        if stored is not None:
            print(f"{db_path}: {t('problem.other_province', 'en', stored=stored, served=province.province_code())}",
                  file=sys.stderr)
            return 2
        written = export_site(connection, args.out_dir)
    print(f"{len(written)} files written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
