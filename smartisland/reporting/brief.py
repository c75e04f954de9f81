"""The Governor's brief: one A4 page per "as of" date and language, as PDF and PNG (no Streamlit).

    python -m smartisland.reporting.brief [--as-of YYYY-MM-DD] [--out DIR] [--db PATH] [--public]

The page says what the overview says, from the same builders (kpis/scorecard.py and kpis/sections.py): the verdict,
what is late or worsening (where, how far, deadline, kind of target, owner), the headline figures with a small
trend, the data's period and what is sample. `brief_view` gathers it in words; `brief_html` lays it out; the
PDF and the PNG are made in reporting/pdf.py.
"""
from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from smartisland import clock, db
from smartisland.config import warehouse_path
from smartisland.disclosure import public_kpis
from smartisland.i18n import LANGUAGES, format_date, format_number, set_language, t
from smartisland.kpis import sections, status
from smartisland.kpis.display import format_kpi_value, period_label, status_label
from smartisland.kpis.scorecard import QueryRunner, build_scorecard
from smartisland.report_context import ReportContext, in_language, using
from smartisland.reporting import pdf

# The last 24 month ends, as on the overview's "as of" choice.
AS_OF_MONTHS = 24


@dataclass(frozen=True)
class KeyFigure:
    name: str
    value: str
    change: str  # the change from the previous period, or why there is none
    status: str  # symbol and word, and whether the data is stale
    target_kind: str  # symbol and word
    target: str  # the target and its date
    period: str  # the period of the latest value
    sparkline: list[float]  # the recent values scaled to 0..1 (the scorecard's)
    colour: str  # the status's colour (grey for bad news against an illustrative target)


@dataclass(frozen=True)
class BriefView:
    language: str
    as_of: date
    title: str
    subtitle: str
    dates: list[str]  # as of, data through
    verdict: list[str]
    late_title: str
    late_headers: list[str]
    late_rows: list[list[str]]  # official targets first, each worst first
    late_none: str | None
    figures_title: str
    figures: list[KeyFigure]
    notes: list[str]  # what is sample, how the page was made


def latest_month_end(today: date) -> date:
    """Today when it is a month end, else the end of the month before: the default "as of" of a brief."""
    return today if clock.month_end(today) == today else clock.past_month_ends(today, 1)[0]


def as_of_choices(today: date) -> list[date]:
    """The "as of" dates a brief takes: the latest month end and the 23 before it."""
    latest = latest_month_end(today)
    return [latest, *clock.past_month_ends(latest, AS_OF_MONTHS - 1)]


def _sample_note(run: QueryRunner) -> str | None:
    origin = run("data_origin").iloc[0]
    from_sample, from_files = int(origin["fact_datasets_from_sample"]), int(origin["fact_datasets_from_files"])
    if from_sample and from_files:
        return t("brief.mixed_note", count=format_number(from_sample, 0),
                 total=format_number(from_sample + from_files, 0))
    return t("brief.sample_note") if from_sample else None


def key_figure(row) -> KeyFigure:
    tile = sections.tile(row)
    unit = row["unit"]
    return KeyFigure(
        name=tile.name, value=tile.value, change=tile.delta or tile.change_note or "",
        status=status_label(row["status"]) + (f" · ⚠ {t('status.stale')}" if row["is_stale"] else ""),
        target_kind=sections.target_kind_short(row["target_kind"]),
        target=t("kpi.target_line", target=format_kpi_value(row["target_value"], unit),
                 date=format_date(row["target_date"], "month")),
        period=t("kpi.period_only", period=period_label(row["latest_date"], row["update_frequency"])),
        sparkline=[float(point) for point in row["sparkline"]],
        colour=status.chart_colour(row["status"], row["target_kind"]))


def brief_view(context: ReportContext, public_only: bool = False) -> BriefView:
    """Everything the brief says on the context's day, in its language: the scorecard as it stood that day, as the
    overview builds it (`public_only`: only public KPIs, for the public site)."""
    run, as_of = context.run, context.today
    definitions = run("kpi_definitions")
    if public_only:
        definitions = public_kpis(definitions)
    card, _ = build_scorecard(definitions, run, as_of, as_of)
    late = sections.late_view(card, context)
    latest = pd.to_datetime(card["latest_date"]).max() if len(card) else None
    dates = [t("brief.as_of", date=format_date(as_of))]
    if latest is not None and not pd.isna(latest):
        dates.append(t("brief.data_through", period=format_date(latest, "month")))
    notes = [note for note in [_sample_note(run)] if note]
    notes.append(t("brief.made_on", date=format_date(clock.today())))
    return BriefView(
        language=context.language, as_of=as_of, title=t("brief.title"), subtitle=t("brief.subtitle"),
        dates=dates, verdict=sections.verdict(card), late_title=t("brief.late_title"),
        late_headers=[str(column) for column in late.table.columns],
        late_rows=[[str(cell) for cell in row] for row in late.table.itertuples(index=False)],
        late_none=None if late.kpi_ids else t("overview.late_none"),
        figures_title=t("brief.figures_title"),
        figures=[key_figure(row) for row in sections.headline(card)], notes=notes)


# ---------------------------------------------------------------- the page

SPARKLINE_WIDTH, SPARKLINE_HEIGHT, SPARKLINE_PAD = 96, 24, 2


def sparkline_svg(points: list[float], label: str, colour: str = "#1B2B2A", width: int = SPARKLINE_WIDTH,
                  height: int = SPARKLINE_HEIGHT) -> str:
    """A small inline SVG of values scaled to 0..1 (1 at the top), its last point marked; the label read by a
    screen reader. Empty when there are fewer than two points: one value is no trend."""
    if len(points) < 2:
        return ""
    step = (width - 2 * SPARKLINE_PAD) / (len(points) - 1)
    span = height - 2 * SPARKLINE_PAD
    coordinates = [(SPARKLINE_PAD + index * step, SPARKLINE_PAD + (1 - min(max(point, 0.0), 1.0)) * span)
                   for index, point in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    last_x, last_y = coordinates[-1]
    text = html.escape(label)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{text}"><title>{text}</title>'
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
            f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2" fill="{colour}"/></svg>')


STYLE = """
@page { size: A4; margin: 12mm 12mm 10mm 12mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: %(size).2fpt; color: #1B2B2A; }
body { margin: 0; }
header { border-bottom: 2px solid #0072B2; padding-bottom: 1.5mm; margin-bottom: 2.5mm; }
h1 { font-size: 1.7em; margin: 0; } h2 { font-size: 1.15em; margin: 3mm 0 1.5mm 0; color: #0B4F7C; }
p { margin: 0 0 1mm 0; } .subtitle, .dates { color: #4A5A59; }
.verdict p:first-child { font-size: 1.2em; font-weight: bold; }
table { width: 100%%; border-collapse: collapse; font-size: .88em; }
th { text-align: left; background: #EEF2F2; border-bottom: 1px solid #9AA9A8; padding: .6mm 1mm; }
td { border-bottom: 1px solid #DDE3E3; padding: .6mm 1mm; vertical-align: top; }
.figures { display: flex; flex-wrap: wrap; gap: 2mm; }
.figure { box-sizing: border-box; width: 44.5mm; border: 1px solid #C9D3D2; border-left-width: 3px; padding: 1.2mm 1.6mm; }
.figure .name { font-weight: bold; font-size: .9em; min-height: 2.2em; }
.figure .value { font-size: 1.35em; font-weight: bold; }
.figure .small, .notes { font-size: .8em; color: #4A5A59; }
.notes { margin-top: 2.5mm; border-top: 1px solid #C9D3D2; padding-top: 1mm; }
"""
# Smaller type until the page fits: the first size at which a brief is one page is the one used.
FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
# When even the smallest type leaves too many late promises for the page, this many at most are tried (the worst).
MOST_LATE_ROWS_CUT = 16


def _figure_html(figure: KeyFigure) -> str:
    trend = sparkline_svg(figure.sparkline, t("brief.trend_label", count=len(figure.sparkline)),
                          figure.colour) or f'<span class="small">{html.escape(t("brief.no_trend"))}</span>'
    escape = html.escape
    return (f'<div class="figure" style="border-left-color:{figure.colour}">'
            f'<p class="name">{escape(figure.name)}</p><p class="value">{escape(figure.value)}</p>'
            f'<p class="small">{escape(figure.change)}</p><p>{trend}</p>'
            f'<p class="small">{escape(figure.status)} · {escape(figure.target_kind)}</p>'
            f'<p class="small">{escape(figure.target)}<br>{escape(figure.period)}</p></div>')


def brief_html(view: BriefView, font_size: float = FONT_SIZES[0], late_limit: int | None = None) -> str:
    """The brief as one HTML document, in the view's language; `late_limit` cuts the late list, saying how many
    more there are."""
    with in_language(view.language):
        return _brief_html(view, font_size, late_limit)


def _brief_html(view: BriefView, font_size: float, late_limit: int | None) -> str:
    escape = html.escape
    rows = view.late_rows if late_limit is None else view.late_rows[:late_limit]
    late = (f"<p>{escape(view.late_none)}</p>" if view.late_none else
            "<table><thead><tr>" + "".join(f'<th scope="col">{escape(header)}</th>' for header in view.late_headers)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
            + "</tbody></table>")
    if len(rows) < len(view.late_rows):
        late += f'<p class="small">{escape(t("brief.late_more", count=len(view.late_rows) - len(rows)))}</p>'
    figures = "".join(_figure_html(figure) for figure in view.figures)
    return (f'<!DOCTYPE html><html lang="{view.language}"><head><meta charset="utf-8">'
            f"<title>{escape(view.title)} · {escape(view.dates[0])}</title>"
            f"<style>{STYLE % {'size': font_size}}</style></head><body>"
            f'<header><h1>{escape(view.title)}</h1><p class="subtitle">{escape(view.subtitle)}</p>'
            f'<p class="dates">{escape(" · ".join(view.dates))}</p></header>'
            f'<main><section class="verdict">{"".join(f"<p>{escape(line)}</p>" for line in view.verdict)}</section>'
            f"<section><h2>{escape(view.late_title)}</h2>{late}</section>"
            f'<section><h2>{escape(view.figures_title)}</h2><div class="figures">{figures}</div></section></main>'
            f'<footer class="notes">{"".join(f"<p>{escape(note)}</p>" for note in view.notes)}</footer>'
            "</body></html>")


def layouts(view: BriefView) -> Iterator[str]:
    """The brief in ever tighter layouts, for reporting/pdf.py to take the first that fits one page: smaller type
    first, then fewer late rows (the worst kept)."""
    for size in FONT_SIZES:
        yield brief_html(view, size)
    for limit in range(min(len(view.late_rows) - 1, MOST_LATE_ROWS_CUT), -1, -1):
        yield brief_html(view, FONT_SIZES[-1], limit)


def file_stem(as_of: date, language: str) -> str:
    return f"brief-{as_of.isoformat()}-{language}"


def write_briefs(out_dir: Path, as_of: date | None = None, db_path: Path | None = None, public_only: bool = False,
                 languages: tuple[str, ...] = LANGUAGES, with_png: bool = True) -> list[Path]:
    """Write the brief of `as_of` (default: the latest month end) in each language into `out_dir`, as
    `brief-<date>-<language>.pdf` and `.png`; the files written. For the site folder after a load, call it with
    `public_only=True`: the public sees only public KPIs."""
    as_of = as_of or latest_month_end(clock.today())
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with db.reading(db_path or warehouse_path()) as connection:
        def run(name: str, **params) -> pd.DataFrame:
            return db.execute_query(connection, name, **params)

        for language in languages:
            with using(ReportContext(run, language, as_of)) as context:  # the page's words are made as it is laid out
                pdf_path = out_dir / f"{file_stem(as_of, language)}.pdf"
                pdf_path.write_bytes(pdf.one_page_pdf(layouts(brief_view(context, public_only))))
            written.append(pdf_path)
            if with_png:
                written.append(pdf.png_of(pdf_path))
    return written


def public_brief_files(run: QueryRunner, today: date, folder: str = "brief") -> dict[str, bytes]:
    """The public brief of the latest month end, PDF and PNG in each language, by path under `folder` (for the
    static site: every load's site carries the brief of its data)."""
    import tempfile

    as_of = latest_month_end(today)
    files = {}
    with tempfile.TemporaryDirectory(prefix="brief-") as scratch:
        for language in LANGUAGES:
            pdf_path = Path(scratch) / f"{file_stem(as_of, language)}.pdf"
            with using(ReportContext(run, language, as_of)) as context:  # the words are made as it is laid out
                pdf_path.write_bytes(pdf.one_page_pdf(layouts(brief_view(context, public_only=True))))
            for path in (pdf_path, pdf.png_of(pdf_path)):
                files[f"{folder}/{path.name}"] = path.read_bytes()
    return files


def brief_pdf(context: ReportContext) -> bytes:
    """One brief as PDF bytes (the overview's download button)."""
    with using(context):
        view = brief_view(context)
        return pdf.one_page_pdf(layouts(view))


def parse_as_of(value: str, today: date) -> date:
    """A date the brief takes: one of the last 24 month ends; ValueError (worded) otherwise."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(value) from None
    if day not in as_of_choices(today):
        raise ValueError(value)
    return day


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.reporting.brief", description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="", help="a month end of the last 24 months (default: the latest)")
    parser.add_argument("--out", type=Path, default=Path("briefs"), help="the folder written (default: briefs/)")
    parser.add_argument("--db", type=Path, default=None, help="the warehouse (default: SMARTISLAND_DB or data/)")
    parser.add_argument("--public", action="store_true", help="only public KPIs (for the public site)")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SMARTISLAND_LANG", "id"),
                        help="language of this command's messages (default: SMARTISLAND_LANG, else id)")
    args = parser.parse_args(argv)
    set_language(args.lang)
    db_path = args.db or warehouse_path()
    if not db_path.exists():
        print(t("common.warehouse_missing", path=db_path), file=sys.stderr)
        return 1
    as_of = None
    if args.as_of.strip():
        try:
            as_of = parse_as_of(args.as_of.strip(), clock.today())
        except ValueError:
            print(t("brief.bad_date", value=args.as_of), file=sys.stderr)
            return 2
    written = write_briefs(args.out, as_of, db_path, args.public)
    for path in written:
        print(path)
    print(t("brief.written", count=len(written), folder=args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
