"""The public's front door: a static site in both languages, light on any phone, for any web server or CDN.

    python -m smartisland.publishing.export OUT_DIR [--db PATH] [--site-url URL] [--app-url URL]

Indonesian at the root, English under en/: the promises (a summary and one page per promise), connectivity,
SPBE, services, open data and the accessibility statement, each in the words and figures of the app's own view
builders (no second copy of a rule). Charts and the map are pre-rendered SVG (publishing/svg.py), so every page reads
with JavaScript off; the interactive chart loads only when asked. Assets carry a hash of their content in their
names (style.<hash>.css), so a server may cache them for a year; pages are small and cached briefly. Every page
carries the build's id (`<meta name="build-id">`), an Atom feed per language, sitemap.xml and an Open Graph image.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from smartisland import province, province_setting, warehouse
from smartisland.chart_style import FigureRecipe
from smartisland.comparison import charts as comparison_charts
from smartisland.comparison import sections as comparison_sections
from smartisland.config import app_url, province_code, site_url, warehouse_path
from smartisland.connectivity import logic as connectivity_logic
from smartisland.connectivity import sections as connectivity_sections
from smartisland.db import execute_query
from smartisland.disclosure import public_kpis
from smartisland.i18n import (
    LANGUAGES,
    current_language,
    format_date,
    format_number,
    format_percent,
    t,
    translations,
)
from smartisland.kpis.charts import kpi_trajectory_figure, trajectory_table
from smartisland.kpis.display import (
    format_kpi_value,
    kpi_definition_text,
    kpi_name,
    period_label,
    source_text,
    target_kind_label,
)
from smartisland.kpis.scorecard import build_scorecard
from smartisland.kpis.sections import status_line
from smartisland.publishing import feed, og_image, svg
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
    progress_bar,
    progress_text,
    promise_text,
    promises_table,
    public_promises,
    summary_sentence,
)
from smartisland.report_context import ReportContext, using
from smartisland.reporting.brief import public_brief_files
from smartisland.reporting.citizen_reports import report_link
from smartisland.services import sections as services_sections
from smartisland.spbe import charts as spbe_charts
from smartisland.spbe import sections as spbe_sections
from smartisland.text import data_text

ASSETS = Path(__file__).resolve().parent / "site_assets"
LANGUAGE_ROOTS = {"id": "", "en": "en/"}
# The pages of each language, in the order of the navigation: name -> file under the language's root.
PAGES = {"home": "index.html", "connectivity": "connectivity.html", "spbe": "spbe.html",
         "services": "services.html", "open_data": "open-data.html", "accessibility": "accessibility.html"}
PAGE_FILES = {language: f"{root}index.html" for language, root in LANGUAGE_ROOTS.items()}
PROMISE_DIR = "promises"
# The map's table alternative: thousands of rows, kept off the map's page and cut into pages a phone reads quickly.
MAP_TABLE_PAGE = "connectivity-map-{number}.html"
MAP_TABLE_ROWS = 300
FEED_FILE = "feed.xml"
SITEMAP_FILE = "sitemap.xml"
WIDE, NARROW = (720, 400), (360, 300)  # the SVG charts' sizes: a wide screen's and a phone's
NARROW_MEDIA = "(max-width: 560px)"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def hashed_name(stem: str, suffix: str, data: bytes) -> str:
    """`assets/style.3f2a9c01be.css`: the content's hash in the name, so the file can be cached for good."""
    return f"{stem}.{content_hash(data)}{suffix}"


# ---------------------------------------------------------------- small HTML helpers


def _escape(value) -> str:
    return html.escape(str(value), quote=True)


_BADGE = re.compile(r":([a-z]+)-badge\[([^\]]*)\]")


def markdown_html(text: str) -> str:
    """The little Markdown the app's texts use (**bold**, *italic*, badges, line breaks, escapes) as safe HTML."""
    text = re.sub(r":material/[a-z_]+:\s*", "", str(text)).replace("\u2060", "")
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!:|~<>$])", r"\1", text)
    escaped = html.escape(text, quote=False)
    escaped = _BADGE.sub(lambda match: f'<span class="badge badge-{match.group(1)}">{match.group(2)}</span>', escaped)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", escaped)
    return escaped.replace("  \n", "<br>").replace("\n\n", "<br>")


def legend_html(markdown: str) -> str:
    """A map legend written for Streamlit (Markdown with coloured symbol spans) as HTML: the spans kept, the text
    escaped."""
    spans: list[str] = []

    def keep(match: re.Match) -> str:
        colour = re.search(r"color:(#[0-9A-Fa-f]{6})", match.group(0))
        ring = re.search(r"stroke:[\d.]+px (#[0-9A-Fa-f]{6})", match.group(0))
        style = f"color:{colour.group(1)}" if colour else ""
        if ring:
            style += f";-webkit-text-stroke:1.5px {ring.group(1)}"
        spans.append(f'<span class="swatch" aria-hidden="true" style="{style}">{html.escape(match.group(1))}</span>')
        return f"\0{len(spans) - 1}\0"

    text = re.sub(r"<span style='[^']*'>([^<]*)</span>", keep, markdown)
    lines = [markdown_html(line) for line in text.split("\n")]
    body = "<br>".join(line for line in lines if line.strip())
    return re.sub(r"\x00(\d+)\x00", lambda match: spans[int(match.group(1))], body)


@dataclass
class Build:
    """What one build writes: files by relative path, and the pages' paths per language (for the sitemap)."""
    build_id: str
    site_url: str | None
    app_url: str | None
    files: dict[str, bytes] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  # Indonesian paths; the English ones are under en/
    chart_count: int = 0
    icon_path: str = ""
    extra_pages: dict[str, Page] = field(default_factory=dict)  # per language: a page another page makes
    briefs: dict[str, str] = field(default_factory=dict)  # per language: the path of its one-page brief (PDF)

    def asset(self, stem: str, suffix: str, data: bytes) -> str:
        path = hashed_name(stem, suffix, data)
        self.files[path] = data
        return path


def table_html(frame: pd.DataFrame, caption: str, numeric: tuple[int, ...] = (),
               stacked: bool = False, long: bool = False) -> str:
    """An accessible table that fits a phone: in a focusable region that scrolls sideways with a visible hint, or
    (`stacked`) one card per row on a narrow screen, each cell labelled by its column. A `long` table is laid out
    by its first rows (fixed layout), so a browser paints it before it has read every row."""
    columns = [str(column) for column in frame.columns]
    head = "".join(f'<th scope="col">{_escape(column)}</th>' for column in columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for index, value in enumerate(row):
            shown = t("common.no_data") if value is None or (isinstance(value, float) and pd.isna(value)) \
                else value
            css = ' class="number"' if index in numeric else ""
            tag = "th" if index == 0 and stacked else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f'<{tag}{css}{scope} data-label="{_escape(columns[index])}">{_escape(shown)}</{tag}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = (f'<table class="{"stacked" if stacked else "wide"}{" long" if long else ""}"><caption>{_escape(caption)}</caption>'
             f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if stacked:
        return table
    return (f'<div class="scroll" role="region" tabindex="0" aria-label="{_escape(caption)}">{table}</div>'
            f'<p class="hint" aria-hidden="true">{_escape(t("site.scroll_hint"))}</p>')


def chart_html(build: Build, name: str, figure: go.Figure | FigureRecipe, table: pd.DataFrame | None, title: str, numeric: tuple[int, ...] = (1,), eager: bool = False) -> str:
    """A chart (a figure, or a view builder's recipe of one) as a pre-rendered SVG picture (narrow and wide), its
    legend in words, its numbers as a table, and a button (shown only with JavaScript) that loads the interactive
    chart on request. Links to files are written `{prefix}...`: page_html fills in the way up to the site's root."""
    if isinstance(figure, FigureRecipe):
        figure = figure.draw()
    build.chart_count += 1
    wide = svg.figure_svg(figure, *WIDE, title=title).encode("utf-8")
    narrow = svg.figure_svg(figure, *NARROW, title=title).encode("utf-8")
    wide_path = build.asset(f"charts/{name}", ".svg", wide)
    narrow_path = build.asset(f"charts/{name}-narrow", ".svg", narrow)
    data_path = build.asset(f"charts/{name}", ".json", figure.to_json().encode("utf-8"))
    legend = "".join(f'<li><span class="key key-{kind}" style="--key:{colour}" aria-hidden="true"></span>'
                     f"{_escape(label)}</li>" for label, colour, kind in svg.legend_items(figure))
    parts = [f'<figure class="chart" data-chart="{{prefix}}{data_path}">',
             f'<picture><source media="{NARROW_MEDIA}" srcset="{{prefix}}{narrow_path}" width="{NARROW[0]}" '
             f'height="{NARROW[1]}">',
             f'<img src="{{prefix}}{wide_path}" width="{WIDE[0]}" height="{WIDE[1]}" '
             + ('fetchpriority="high" ' if eager else 'loading="lazy" decoding="async" ')
             + f'alt="{_escape(title)}"></picture>',
             f'<figcaption>{_escape(title)}</figcaption>']
    if legend:
        parts.append(f'<ul class="legend">{legend}</ul>')
    parts.append(f'<button type="button" class="interactive" hidden>{_escape(t("site.interactive"))}'
                 "</button></figure>")
    if table is not None and not table.empty:
        parts.append(f'<details><summary>{_escape(t("common_extra.chart_data"))}</summary>'
                     + table_html(table, t("export.table_caption", name=title), numeric)
                     + "</details>")
    return "\n".join(parts)


# ---------------------------------------------------------------- the page frame


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language's root, e.g. promises/wifi_points_active.html
    title: str
    description: str
    body: str
    nav: str  # which navigation entry is current


def page_url(build: Build, language: str, path: str) -> str:
    relative = LANGUAGE_ROOTS[language] + path
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[:-len("index.html")]  # a folder's address, as a server answers it
    return (build.site_url.rstrip("/") + "/" + relative) if build.site_url else "/" + relative


def page_html(build: Build, page: Page, style_path: str, script_path: str, og_path: str,
              is_sample: bool) -> str:
    icon_path = build.icon_path
    depth = (LANGUAGE_ROOTS[current_language()] + page.path).count("/")
    prefix = "../" * depth
    other = next(item for item in LANGUAGES if item != current_language())
    to_root = "../" * page.path.count("/")
    other_link = prefix + LANGUAGE_ROOTS[other] + page.path
    nav = "".join(
        f'<li><a href="{to_root}{path}"' + (' aria-current="page"' if key == page.nav else "")
        + f">{_escape(t(f'site.nav.{key}'))}</a></li>" for key, path in PAGES.items())
    app_link = (f'<li><a href="{_escape(build.app_url)}" rel="external">{_escape(t("site.app_link"))}'
                "</a></li>") if build.app_url else ""
    alternates = "".join(
        f'<link rel="alternate" hreflang="{item}" href="{_escape(page_url(build, item, page.path))}">'
        for item in LANGUAGES) + (f'<link rel="alternate" hreflang="x-default" '
                                  f'href="{_escape(page_url(build, "id", page.path))}">')
    og_url = (build.site_url.rstrip("/") + "/" + og_path) if build.site_url else "/" + og_path
    notice = f'<p class="notice">{_escape(t("export.sample_notice"))}</p>' if is_sample else ""
    body = page.body.replace("{prefix}", prefix)
    return f"""<!DOCTYPE html>
<html lang="{current_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="build-id" content="{_escape(build.build_id)}">
<title>{_escape(page.title)}</title>
<meta name="description" content="{_escape(page.description)}">
<link rel="canonical" href="{_escape(page_url(build, current_language(), page.path))}">
{alternates}
<link rel="alternate" type="application/atom+xml" title="{_escape(t("site.feed_title"))}" href="{prefix}{LANGUAGE_ROOTS[current_language()]}{FEED_FILE}">
<meta property="og:type" content="website">
<meta property="og:title" content="{_escape(page.title)}">
<meta property="og:description" content="{_escape(page.description)}">
<meta property="og:url" content="{_escape(page_url(build, current_language(), page.path))}">
<meta property="og:image" content="{_escape(og_url)}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:locale" content="{"id_ID" if current_language() == "id" else "en_GB"}">
<meta name="twitter:card" content="summary_large_image">
<meta name="theme-color" content="#005A8C">
<link rel="icon" href="{prefix}{icon_path}" type="image/svg+xml">
<link rel="stylesheet" href="{prefix}{style_path}">
<script src="{prefix}{script_path}" defer></script>
</head>
<body>
<a class="skip" href="#content">{_escape(t("export.skip_link"))}</a>
<header>
<div class="bar"><p class="site-name"><a href="{to_root}index.html">{_escape(t("app.title"))}</a></p>
<a class="language" href="{other_link}" hreflang="{other}" lang="{other}">{_escape(t("export.language_link"))}</a></div>
<nav aria-label="{_escape(t("export.contents"))}"><ul>{nav}{app_link}</ul></nav>
</header>
<main id="content">
{notice}
{body}
</main>
<footer><p class="small">{_escape(t("site.footer"))}</p>
<p class="small"><a href="{prefix}{LANGUAGE_ROOTS[current_language()]}{FEED_FILE}">{_escape(t("site.feed_link"))}</a></p></footer>
</body>
</html>
"""


# ---------------------------------------------------------------- the pages


@dataclass
class SiteData:
    """Everything the pages show, read once from the warehouse through the app's view builders."""
    context: ReportContext  # the warehouse asked and the day of the build; each language's pages in its own
    promises: pd.DataFrame
    values_by_kpi: dict
    open_data: OpenData
    is_sample: bool
    data_through: object
    last_loaded_at: object

    @property
    def run(self) -> Callable[..., pd.DataFrame]:
        return self.context.run

    @property
    def today(self) -> date:
        return self.context.today


def _status_html(row) -> str:
    return markdown_html(status_line(row))


def home_page(build: Build, data: SiteData) -> Page:
    promises = data.promises
    title = t("transparency.title")
    if promises.empty:
        return Page("index.html", title, t("transparency.intro"),
                    f"<h1>{_escape(title)}</h1><p>{_escape(t('transparency.no_promises'))}</p>", "home")
    summary = promises_table(promises)
    cards = "".join(
        f'<li><a href="{PROMISE_DIR}/{row["kpi_id"]}.html">{_escape(kpi_name(row))}</a> '
        f'<span class="status-line">{_status_html(row)}</span></li>' for _, row in promises.iterrows())
    sentence = summary_sentence(promises)
    body = f"""<h1>{_escape(title)}</h1>
<p>{_escape(t("transparency.intro"))}</p>
<p class="small">{_escape(as_of_text(data))}</p>
<section aria-labelledby="summary"><h2 id="summary">{_escape(t("transparency.summary_title"))}</h2>
<p class="verdict">{_escape(sentence)}</p>
{table_html(summary, t("transparency.summary_title"), (3, 4, 5), stacked=True)}
</section>
<section aria-labelledby="each"><h2 id="each">{_escape(t("site.each_promise"))}</h2>
<ul class="promises">{cards}</ul></section>
{brief_html(build)}
<section aria-labelledby="more"><h2 id="more">{_escape(t("site.more_title"))}</h2>
<ul class="more">{"".join(f'<li><a href="{path}">{_escape(t(f"site.nav.{key}"))}</a>: '
                          f'{_escape(t(f"site.about.{key}"))}</li>' for key, path in PAGES.items()
                          if key != "home")}</ul></section>"""
    return Page("index.html", title, sentence, body, "home")


def brief_html(build: Build) -> str:
    """The link to the Governor's one-page brief (PDF, and its picture for messaging apps), when the build has it."""
    language = current_language()
    pdf_path = build.briefs.get(language)
    if not pdf_path:
        return ""
    prefix = "../" if LANGUAGE_ROOTS[language] else ""
    png_path = pdf_path.removesuffix(".pdf") + ".png"
    return f"""<section aria-labelledby="brief"><h2 id="brief">{_escape(t("site.brief_title"))}</h2>
<p>{_escape(t("site.brief_intro"))}</p>
<p><a href="{prefix}{pdf_path}">{_escape(t("site.brief_pdf"))}</a></p>
<p><a href="{prefix}{png_path}">{_escape(t("site.brief_png"))}</a></p></section>"""


def report_html(build: Build, kpi_id: str) -> str:
    """The way to flag this figure: the app's report form, pre-filled (only when the app's address is known)."""
    if not build.app_url:
        return ""
    return (f'<p><a href="{_escape(report_link(build.app_url, kpi_id, current_language()))}" rel="external">'
            f'{_escape(t("citizen.report.title"))}</a></p>')


def as_of_text(data: SiteData) -> str:
    """The data's latest period and the day it was loaded (not the day of the build)."""
    through = format_date(data.data_through, "month") if data.data_through is not None \
        and str(data.data_through) != "NaT" else t("common.no_data")
    loaded = format_date(data.last_loaded_at) if data.last_loaded_at is not None \
        and str(data.last_loaded_at) != "NaT" else t("common.no_data")
    return t("site.as_of", through=through, loaded=loaded)


def promise_page(build: Build, data: SiteData, row: dict) -> Page:
    kpi_id, unit = row["kpi_id"], row["unit"]
    name = kpi_name(row)
    values = data.values_by_kpi[kpi_id]
    figure = kpi_trajectory_figure(row, values, data.today)
    # the page's main picture, in the first screen on a desktop: fetched at once, not lazily
    chart = chart_html(build, f"promise-{kpi_id}-{current_language()}", figure, trajectory_table(values, unit),
                       name, eager=True)
    period = period_label(row["latest_date"], row["update_frequency"])
    links = " · ".join(
        f'<a href="{{prefix}}{csv_path(dataset)}">{_escape(t(f"dataset.{dataset.name}"))} (CSV)</a>'
        for dataset in public_datasets() if dataset.name in datasets_behind(row["method"]))
    share = progress_bar(row)
    body = f"""<p class="crumb"><a href="../index.html">{_escape(t("transparency.summary_title"))}</a></p>
<h1>{_escape(name)}</h1>
<p class="status-line">{_status_html(row)}</p>
<p>{_escape(t("site.target_kind"))}: {_escape(target_kind_label(row["target_kind"]))}</p>
<dl class="words">
<div><dt>{_escape(t("transparency.promised"))}</dt><dd>{_escape(promise_text(row))}</dd></div>
<div><dt>{_escape(t("transparency.by_when"))}</dt><dd>{_escape(format_date(row["target_date"]))}</dd></div>
<div><dt>{_escape(t("transparency.meaning"))}</dt><dd>{_escape(meaning_text(row))}</dd></div>
</dl>
<p>{_escape(t("transparency.progress"))}: {_escape(progress_text(row))}</p>
<div class="bar-track" aria-hidden="true"><div class="bar-fill" style="width:{round(100 * share)}%"></div></div>
<p>{markdown_html(t("transparency.latest_line", value=format_kpi_value(row["latest_value"], unit),
                                           period=period, target=format_kpi_value(row["target_value"], unit),
                                           date=format_date(row["target_date"])))}</p>
{chart}
<h2>{_escape(t("transparency.definition"))}</h2>
<p>{_escape(kpi_definition_text(row))}</p>
<h2>{_escape(t("site.source_title"))}</h2>
<p>{_escape(t("transparency.source_line", source=source_text(row), period=period))}<br>
{_escape(t("transparency.target_source_line", source=data_text(row["target_source"])))}</p>
<p>{_escape(t("export.data_files"))}: {links}</p>
{report_html(build, kpi_id)}"""
    description = f"{name}: {promise_text(row)}"
    return Page(f"{PROMISE_DIR}/{kpi_id}.html", f"{name} · {t('transparency.nav_title')}", description,
                body, "home")


def connectivity_page(build: Build, data: SiteData) -> Page:
    context = data.context
    title = t("connectivity.title")
    parts = [f"<h1>{_escape(title)}</h1>", f"<p>{_escape(t('connectivity.intro'))}</p>"]
    if data.data_through is None or str(data.data_through) == "NaT":
        parts.append(f"<p>{_escape(t('connectivity.no_facts'))}</p>")
        return Page("connectivity.html", title, t("connectivity.intro"), "\n".join(parts), "connectivity")
    data_month_end = connectivity_logic.month_end(data.data_through)
    region = province_code()
    head = connectivity_sections.headline(context, region, data_month_end)
    facts = [(t("kpi_labels.points_installed"), format_number(head.points_in_service, 0)),
             (t("connectivity.metric.down"), format_number(head.points_down, 0)),
             (t("connectivity.metric.good_signal"), format_percent(head.good_signal_percent, 0)),
             (t("connectivity.metric.late_sites"),
              f"{format_number(head.late_sites, 0)} / {format_number(head.open_sites, 0)}")]
    parts.append(f'<p class="small">{_escape(t("connectivity.as_of", date=format_date(data_month_end)))}</p>')
    parts.append('<dl class="facts">' + "".join(f"<div><dt>{_escape(label)}</dt><dd>{_escape(value)}</dd></div>"
                                                for label, value in facts) + "</dl>")
    # the map: Wi-Fi points counted per district and the blank spots by stage, over the villages' signal
    shown = connectivity_sections.map_view(context, region, data_month_end, "village", ["wifi_points", "blank_spots"])
    map_title = t("site.map_title")
    wide_map = svg.deck_svg(shown.deck, 720, map_title).encode("utf-8")
    narrow_map = svg.deck_svg(shown.deck, 400, map_title).encode("utf-8")
    wide_path = build.asset("charts/map", ".svg", wide_map)
    narrow_path = build.asset("charts/map-narrow", ".svg", narrow_map)
    size = re.search(rb'width="(\d+)" height="(\d+)"', wide_map)
    narrow_size = re.search(rb'width="(\d+)" height="(\d+)"', narrow_map)
    parts.append(f'<h2>{_escape(map_title)}</h2><figure class="map"><picture>'
                 f'<source media="{NARROW_MEDIA}" srcset="{{prefix}}{narrow_path}" width="{int(narrow_size[1])}" '
                 f'height="{int(narrow_size[2])}">'
                 f'<img src="{{prefix}}{wide_path}" width="{int(size[1])}" height="{int(size[2])}" fetchpriority="high" '
                 f'alt="{_escape(map_title)}"></picture>'
                 f'<figcaption class="legend-text">{legend_html(shown.legend)}</figcaption></figure>')
    parts.append(f'<h3>{_escape(t("connectivity.map.table_alternative"))}</h3>')
    parts.append(map_table_pages(build, connectivity_sections.every_map_item(
        context, region, data_month_end, "village", ["wifi_points", "blank_spots"]), title))
    wifi = connectivity_sections.wifi_view(context, region, data_month_end, True)
    parts.append(f"<h2>{_escape(t('connectivity.wifi.in_service_title'))}</h2>")
    parts.append(chart_html(build, f"wifi-{current_language()}", wifi.in_service_figure, wifi.in_service_table,
                            t("connectivity.wifi.in_service_title")))
    parts.append(f'<p class="small">{_escape(t("connectivity.wifi.targets_note"))}</p>')
    if wifi.by_area_figure is not None:
        parts.append(f"<h2>{_escape(t('connectivity.wifi.by_area_title'))}</h2>")
        parts.append(chart_html(build, f"wifi-area-{current_language()}", wifi.by_area_figure, wifi.by_area_table,
                                t("connectivity.wifi.by_area_title")))
    blank = connectivity_sections.blank_spot_view(context, region, data_month_end)
    parts.append(f"<h2>{_escape(t('connectivity.blank.title'))}</h2>")
    parts.append(chart_html(build, f"blank-{current_language()}", blank.pipeline_figure, blank.pipeline_table,
                            t("connectivity.blank.title")))
    parts.append(f"<p>{markdown_html(t('connectivity.blank.late_count', late=format_number(blank.late_sites, 0), open=format_number(blank.open_sites, 0)))}</p>")
    parts.append(table_html(blank.sites_table, t("connectivity.blank.title")))
    return Page("connectivity.html", title, t("connectivity.intro"), "\n".join(parts), "connectivity")


def map_table_pages(build: Build, items: pd.DataFrame, connectivity_title: str) -> str:
    """The map's items as tables, a few hundred rows a page, layer by layer; the list of links to them."""
    name = t("connectivity.map.table_alternative")
    parts = []
    for layer, rows in items.groupby(items.columns[0], sort=False):
        for start in range(0, len(rows), MAP_TABLE_ROWS):
            chunk = rows.iloc[start:start + MAP_TABLE_ROWS, 1:]
            label = t("site.map_table_part", layer=layer, first=format_number(start + 1, 0),
                      last=format_number(start + len(chunk), 0),
                      total=format_number(len(rows), 0))
            parts.append((MAP_TABLE_PAGE.format(number=len(parts) + 1), label, chunk))
    links = "".join(f'<li><a href="{path}">{_escape(label)}</a></li>' for path, label, _ in parts)
    pages = []
    for path, label, chunk in parts:
        body = (f'<p class="crumb"><a href="connectivity.html">{_escape(connectivity_title)}</a></p>'
                f"<h1>{_escape(name)}: {_escape(label)}</h1>"
                + table_html(chunk, label, long=True)
                + f'<h2>{_escape(t("site.map_table_parts"))}</h2><ul class="more">{links}</ul>')
        pages.append(Page(path, f"{name}: {label} · {connectivity_title}",
                          f'{t("site.map_table_description")} {label}.', body, "connectivity"))
    build.extra_pages[current_language()] = pages
    return f'<ul class="more">{links}</ul>'


def comparison_html(build: Build, data: SiteData, measure: str) -> str:
    provinces = comparison_sections.province_comparison(data.run, measure)
    parts = [f"<h2>{_escape(t('comparison.heading'))}</h2>",
             f"<p>{_escape(t(f'comparison.intro_{measure}'))}</p>"]
    if provinces.headline:
        parts.append(f"<p>{_escape(provinces.headline)}</p>")
    if provinces.points.empty:
        parts.append(f"<p>{_escape(t('site.comparison_none'))}</p>")
        return "\n".join(parts)
    figure = comparison_charts.comparison_figure(provinces.points, measure)
    parts.append(chart_html(build, f"comparison-{measure}-{current_language()}", figure,
                            comparison_charts.comparison_table(provinces.points),
                            t("comparison.heading"), ()))
    parts.append(f'<p class="small">{_escape(t("comparison.sources", sources="; ".join(provinces.sources)))}</p>')
    return "\n".join(parts)


def spbe_page(build: Build, data: SiteData) -> Page:
    title = t("spbe.title")
    spbe = spbe_sections.spbe_data(data.context, include_internal=False)
    trend = spbe_sections.province_trend(spbe)
    parts = [f"<h1>{_escape(title)}</h1>", f"<p>{_escape(t('spbe.intro'))}</p>",
             f"<h2>{_escape(t('spbe.trend.heading'))}</h2>"]
    if trend.latest_index is not None:
        facts = [(t("spbe.trend.latest", year=trend.latest_year),
                  spbe_charts.index_with_predicate(trend.latest_index))]
        if trend.next_bound is None:
            facts.append((t("spbe.predicate_label"), t("spbe.trend.top_band")))
        else:
            facts.append((t("spbe.trend.gap_to_next", predicate=spbe_charts.predicate_text(
                spbe_charts.predicate(trend.next_bound))), format_number(trend.next_bound - trend.latest_index, 2)))
        parts.append('<dl class="facts">' + "".join(f"<div><dt>{_escape(label)}</dt><dd>{_escape(value)}</dd></div>"
                                                    for label, value in facts) + "</dl>")
    parts.append(chart_html(build, f"spbe-trend-{current_language()}", spbe_charts.trend_figure(trend.frame),
                            spbe_charts.trend_table(trend.frame), t("spbe.trend.heading"), ()))
    parts.append(f'<p class="small">{_escape(t("spbe.trend.sources", sources="; ".join(trend.sources)))}</p>')
    parts.append(comparison_html(build, data, "spbe_index"))
    years = spbe_sections.regency_years(spbe.indices, spbe.published)
    if years:
        regencies = spbe_sections.regency_comparison(spbe, years[-1])
        if not regencies.entities.empty:
            parts.append(f"<h2>{_escape(t('spbe.compare.heading'))} ({years[-1]})</h2>")
            parts.append(chart_html(build, f"spbe-regencies-{current_language()}",
                                    spbe_charts.entities_figure(regencies.entities, regencies.national),
                                    spbe_charts.entities_table(regencies.entities),
                                    t("spbe.compare.heading"), ()))
    return Page("spbe.html", title, t("spbe.intro"), "\n".join(parts), "spbe")


def services_page(build: Build, data: SiteData) -> Page:
    title = t("services.title")
    parts = [f"<h1>{_escape(title)}</h1>", f"<p>{_escape(t('services.intro'))}</p>"]
    choices = services_sections.choices(data.context)
    if choices.catalog.empty:
        parts.append(f"<p>{_escape(t('services.no_catalog'))}</p>")
        return Page("services.html", title, t("services.intro"), "\n".join(parts), "services")
    figures = services_sections.figures(data.context, province_code(), "quarter")
    summary = services_sections.summary(choices, figures, figures.default_period)
    parts.append(f"<h2>{_escape(t('services.summary.heading', area=choices.area_names.get(province_code(), province.current().short_name), period=summary.period_text))}</h2>")
    facts = [(t("services.summary.online"), format_number(summary.catalog.service_count, 0),
              t("services.summary.online_detail", integrated=format_number(summary.catalog.integrated_count, 0),
                transaction=format_number(summary.catalog.transaction_or_above, 0)))]
    facts += [(shown.label, shown.value, shown.reporting) for shown in summary.measures]
    parts.append('<dl class="facts">' + "".join(
        f"<div><dt>{_escape(label)}</dt><dd>{_escape(value)}<span class=\"small\">{_escape(note)}</span></dd></div>"
        for label, value, note in facts) + "</dl>")
    catalog = services_sections.catalog_view(data.context, choices)
    parts.append(f"<h2>{_escape(t('site.services_stages'))}</h2>")
    parts.append('<ul class="stages">' + "".join(
        f"<li><strong>{_escape(label)}</strong> ({format_number(count, 0)}): {_escape(meaning)}</li>"
        for label, count, meaning in catalog.stages) + "</ul>")
    parts.append(chart_html(build, f"services-stages-{current_language()}", catalog.stages_figure, catalog.stages_table,
                            t("site.services_stages"), (1, 2)))
    parts.append(f"<h2>{_escape(t('site.services_catalog'))}</h2>")
    parts.append(table_html(catalog.table, t("site.services_catalog")))
    return Page("services.html", title, t("services.intro"), "\n".join(parts), "services")


def open_data_page(build: Build, data: SiteData) -> Page:
    open_data = data.open_data
    title = t("open_data.title")
    rows = []
    for dataset in public_datasets():
        rows.append({
            t("open_data.column_dataset"): t(f"dataset.{dataset.name}"),
            t("open_data.column_description"): t(f"dictionary.dataset.{dataset.name}"),
            t("open_data.column_rows"): format_number(open_data.row_counts[dataset.name], 0),
        })
    downloads = "".join(
        f'<li>{_escape(t(f"dataset.{dataset.name}"))}: <a href="{{prefix}}{csv_path(dataset)}">CSV</a> · '
        f'<a href="{{prefix}}{parquet_path(dataset)}">Parquet</a></li>' for dataset in public_datasets())
    package_links = "".join([
        f'<li><a href="{{prefix}}{DATAPACKAGE_FILE}">{_escape(t("open_data.download_datapackage"))}</a></li>',
        f'<li><a href="{{prefix}}{zip_file_name()}">{_escape(t("open_data.download_zip"))}</a></li>',
        *(f'<li><a href="{{prefix}}{dictionary_path(item)}">{_escape(t(f"open_data.download_dictionary_{item}"))}'
          "</a></li>" for item in LANGUAGES)])
    body = f"""<h1>{_escape(title)}</h1>
<p>{_escape(t("open_data.intro"))}</p>
<p>{_escape(t("open_data.licence"))}</p>
<p class="small">{_escape(t("dictionary.note.csv_safety"))}</p>
{table_html(pd.DataFrame(rows), t("open_data.datasets_title"), (2,), stacked=True)}
<h2>{_escape(t("export.data_files"))}</h2>
<ul class="downloads">{downloads}</ul>
<h2>{_escape(t("open_data.whole_package"))}</h2>
<ul class="downloads">{package_links}</ul>"""
    return Page("open-data.html", title, t("open_data.intro"), body, "open_data")


ACCESSIBILITY_PARTS = ("transparency.accessibility_done", "transparency.accessibility_limits",
                       "transparency.accessibility_contact")


def accessibility_page(build: Build, data: SiteData) -> Page:
    title = t("transparency.accessibility_title")
    paragraphs = "".join(f"<p>{markdown_html(t(key))}</p>" for key in ACCESSIBILITY_PARTS)
    body = (f"<h1>{_escape(title)}</h1>{paragraphs}"
            f"<p>{_escape(t('site.accessibility_static'))}</p>")
    return Page("accessibility.html", title, t("site.about.accessibility"), body, "accessibility")


# ---------------------------------------------------------------- the whole site


def site_data(connection: duckdb.DuckDBPyConnection, as_of: date | None = None) -> SiteData:
    """What the site shows as of a day (None: today)."""
    def run(name: str, **params) -> pd.DataFrame:
        return execute_query(connection, name, **params)

    context = ReportContext(run, as_of=as_of)
    definitions = public_kpis(run("kpi_definitions"))
    card, values_by_kpi = build_scorecard(definitions, run, context.today)
    promises = public_promises(card) if len(card) else card
    origin = run("data_origin").iloc[0]
    return SiteData(context, promises, values_by_kpi, build_open_data(connection),
                    int(origin["fact_datasets_from_sample"]) > 0, origin["data_through"], origin["last_loaded_at"])


def build_site(connection: duckdb.DuckDBPyConnection, today: date | None = None, build_id: str | None = None,
               site_address: str | None = None, app_address: str | None = None, with_brief: bool = False) -> Build:
    """Every file of the site, in memory: pages, assets, charts, open data, feeds, sitemap and the image; with
    `with_brief`, the Governor's one-page brief too (PDF and PNG per language; a few seconds of WeasyPrint)."""
    data = site_data(connection, today)
    build = Build(build_id or "", site_address if site_address is not None else site_url(),
                  app_address if app_address is not None else app_url())
    build.files.update(data.open_data.files)
    build.files[zip_file_name()] = data.open_data.zip_bytes()
    if with_brief:
        briefs = public_brief_files(data.run, data.today)
        build.files.update(briefs)
        build.briefs = {language: path for path in briefs for language in LANGUAGES
                        if path.endswith(f"-{language}.pdf")}
    style_path = build.asset("assets/style", ".css", (ASSETS / "style.css").read_bytes())
    build.icon_path = build.asset("assets/icon", ".svg", (ASSETS / "icon.svg").read_bytes())
    plotly_path = build.asset("assets/plotly", ".min.js", plotly.offline.get_plotlyjs().encode("utf-8"))
    script = (ASSETS / "site.js").read_text(encoding="utf-8").replace("__PLOTLY__", plotly_path)
    script_path = build.asset("assets/site", ".js", script.encode("utf-8"))
    og_paths = {}
    for language in LANGUAGES:
        with using(data.context.with_language(language)):
            og_paths[language] = build.asset(f"assets/og-{language}", ".png", og_image.verdict_image(data.promises))
    if not build.build_id:
        build.build_id = content_hash(json.dumps(sorted((path, content_hash(body)) for path, body in
                                                        build.files.items())).encode("utf-8"))
    changes = feed.changes_by_kpi(data.promises, data.values_by_kpi)
    for language in LANGUAGES:  # each language's pages in a context of its own
        with using(data.context.with_language(language)):
            _write_pages(build, data, changes, style_path, script_path, og_paths[language])
    build.files[SITEMAP_FILE] = sitemap(build).encode("utf-8")
    build.files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {page_url(build, 'id', SITEMAP_FILE)}\n".encode()
    return build


def _write_pages(build: Build, data: SiteData, changes: dict, style_path: str, script_path: str, og_path: str) -> None:
    """The site's pages and feed in the language of the current context."""
    language = current_language()
    pages = [home_page(build, data)]
    pages += [promise_page(build, data, row.to_dict()) for _, row in data.promises.iterrows()]
    pages += [connectivity_page(build, data), spbe_page(build, data),
              services_page(build, data), open_data_page(build, data),
              accessibility_page(build, data)]
    pages += build.extra_pages.get(language, [])
    for page in pages:
        build.files[LANGUAGE_ROOTS[language] + page.path] = page_html(
            build, page, style_path, script_path, og_path, data.is_sample).encode("utf-8")
        if language == LANGUAGES[0]:
            build.pages.append(page.path)
    build.files[LANGUAGE_ROOTS[language] + FEED_FILE] = feed.atom_feed(
        data.promises, changes, page_url(build, language, "index.html"), page_url(build, language, FEED_FILE),
        lambda kpi_id, language=language: page_url(build, language, f"{PROMISE_DIR}/{kpi_id}.html"))


def sitemap(build: Build) -> str:
    entries = []
    for path in build.pages:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{language}" href="{_escape(page_url(build, language, path))}"/>'
                        for language in LANGUAGES)
        for language in LANGUAGES:
            entries.append(f"<url><loc>{_escape(page_url(build, language, path))}</loc>{links}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">' + "".join(entries) + "</urlset>\n")


def write_build(build: Build, out_dir: Path) -> list[Path]:
    written = []
    for relative, body in build.files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        written.append(path)
    return written


def export_site(connection: duckdb.DuckDBPyConnection, out_dir: Path, today: date | None = None,
                build_id: str | None = None, site_address: str | None = None,
                app_address: str | None = None, with_brief: bool = False) -> list[Path]:
    """Write the static site into `out_dir`; the files written."""
    return write_build(build_site(connection, today, build_id, site_address, app_address, with_brief), out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--db", type=Path, default=None, help="the warehouse (default: SMARTISLAND_DB or data/)")
    parser.add_argument("--site-url", default=None, help="the site's public address (default: SMARTISLAND_SITE_URL)")
    parser.add_argument("--app-url", default=None, help="the app's public address (default: SMARTISLAND_APP_URL)")
    parser.add_argument("--no-brief", action="store_true", help="leave out the one-page brief (saves a few seconds)")
    args = parser.parse_args(argv)
    setting = province_setting.setting_problem()
    if setting:
        print(setting, file=sys.stderr)
        return 2
    db_path = args.db or warehouse_path()
    if not db_path.exists():
        print(translations("common.warehouse_missing", path=db_path)["en"], file=sys.stderr)
        return 1
    with duckdb.connect(str(db_path), read_only=True) as connection:
        stored = warehouse.other_province(connection)
        if stored is not None:
            print(f"{db_path}: {translations('problem.other_province', stored=stored, served=province.province_code())['en']}",
                  file=sys.stderr)
            return 2
        written = export_site(connection, args.out_dir, site_address=args.site_url, app_address=args.app_url,
                              with_brief=not args.no_brief)
    print(f"{len(written)} files written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
