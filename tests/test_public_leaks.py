"""Public mode: a figure of a KPI the catalog keeps internal (kpis.is_public = false) appears nowhere public, under
any name: not on a public page (texts, tables, chart data), not in the open data, not in the static export."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import duckdb
import pandas as pd
import pytest
from support import ROOT
from support.apptest import run_page, visible_texts

from smartisland import disclosure
from smartisland.contract import DATASETS_BY_NAME
from smartisland.db import execute_query
from smartisland.kpis.display import format_kpi_value
from smartisland.kpis.scorecard import build_scorecard
from smartisland.publishing.export import export_site
from smartisland.publishing.open_data import build_open_data
from smartisland.report_context import ReportContext, using
from smartisland.ui.navigation import PAGES

TODAY = date(2026, 11, 28)
PUBLIC_VIEWS = {"services": [{}, {"view": "performance"}, {"view": "detail"}]}
AGGREGATED_COLUMN = re.compile(r"\b(?:avg|sum|min|max|median)\(\s*(\w+)\s*\)(?:::\w+)?\s+as\s+value\b")


# In a summary table (queries/summaries/) a KPI query reads, each aggregated column, whatever it is named there
# (`sum(usage.uptime_pct) as uptime_pct_total` -> uptime_pct).
SUMMARY_COLUMN = re.compile(r"\b(?:avg|sum|min|max|median)\(\s*(?:\w+\.)?(\w+)\s*\)(?:::\w+)?\s+as\s+\w+")
SUMMARY_READ = re.compile(r"\b(?:from|join)\s+(\w+)", re.IGNORECASE)


def _aggregated_columns(query: str) -> set[str]:
    """The warehouse columns a KPI query aggregates into its figure (`avg(uptime_pct) as value` -> uptime_pct),
    directly or through the summary tables it reads."""
    path = ROOT / "queries" / f"{query}.sql"
    if not path.exists():
        return set()
    text = path.read_text()
    columns = set(AGGREGATED_COLUMN.findall(text))
    for table in SUMMARY_READ.findall(text):
        summary = ROOT / "queries" / "summaries" / f"{table}.sql"
        if summary.exists():
            columns |= set(SUMMARY_COLUMN.findall(summary.read_text()))
    return columns


@pytest.fixture(scope="module")
def internal_kpis(sample_db) -> list[dict]:
    """Each internal KPI: its words (id, names, the columns its figure is computed from) and its figures."""
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        def run(name, **params):
            return execute_query(connection, name, **params)

        definitions = run("kpi_definitions")
        _, values_by_kpi = build_scorecard(definitions, run, TODAY)
    kpis = []
    for _, row in definitions[~definitions["is_public"].astype(bool)].iterrows():
        values = values_by_kpi[row["kpi_id"]].dropna(subset=["value"])
        columns = _aggregated_columns(row["method"])
        if isinstance(row["regional_method"], str) and row["regional_method"]:
            columns |= _aggregated_columns(row["regional_method"])
        kpis.append({"kpi_id": row["kpi_id"], "unit": row["unit"], "frequency": row["update_frequency"],
                     "words": {row["kpi_id"], row["name_id"], row["name_en"], *columns},
                     "figures": list(zip(pd.to_datetime(values["period_end"]), values["value"].astype(float)))})
    return kpis


def test_the_sample_has_internal_kpis_with_figures(internal_kpis):
    """The checks below bite: the sample keeps two KPIs internal, and the uptime one is computed from uptime_pct."""
    assert {kpi["kpi_id"] for kpi in internal_kpis} == {"wifi_uptime", "spbe_regencies_baik"}
    assert all(kpi["figures"] for kpi in internal_kpis)
    uptime = next(kpi for kpi in internal_kpis if kpi["kpi_id"] == "wifi_uptime")
    assert "uptime_pct" in uptime["words"] and len(uptime["figures"]) >= 12


def _named(words: set[str], text: str) -> list[str]:
    """The words that `text` holds as words of their own (`kpi_x` is not named by `query_kpi_x_by_regency`)."""
    return [word for word in words if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE)]


def _period_key(x, frequency: str):
    """The period an x value of a chart or a table stands for, comparable with a KPI's period end."""
    if isinstance(x, (int, float)) and 1990 < x < 2100:
        return int(x)
    try:
        moment = pd.Timestamp(x)
    except (ValueError, TypeError):
        return None
    return moment.year if frequency == "yearly" else (moment.year, moment.month)


def _figure_matches(kpi: dict, pairs) -> int:
    """How many (x, y) pairs are the KPI's figure for the same period."""
    expected = {}
    for period_end, value in kpi["figures"]:
        expected[period_end.year if kpi["frequency"] == "yearly" else (period_end.year, period_end.month)] = value
        expected.setdefault(period_end.year, value)
    matches = 0
    for x, y in pairs:
        if not isinstance(y, (int, float)) or pd.isna(y):
            continue
        key = _period_key(x, kpi["frequency"])
        if key is not None and key in expected and abs(expected[key] - float(y)) < 1e-6 * max(1, abs(float(y))):
            matches += 1
    return matches


def _draws_figure(kpi: dict, pairs) -> bool:
    return _figure_matches(kpi, list(pairs)) >= min(3, len(kpi["figures"]))


def _chart_traces(app) -> list[dict]:
    traces = []
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        traces.extend(spec.get("data", []))
    return traces


@pytest.mark.parametrize("entry", [page for page in PAGES if page.is_public], ids=lambda page: page.url_path)
def test_no_public_page_shows_an_internal_kpi(monkeypatch, sample_db, internal_kpis, entry):
    for query in PUBLIC_VIEWS.get(entry.url_path, [{}]):
        for language in ("id", "en"):
            app = run_page(monkeypatch, sample_db, entry.script, language, "public", query)
            texts = visible_texts(app)
            for kpi in internal_kpis:
                label = f"{entry.url_path} {query} {language} {kpi['kpi_id']}"
                # its id, names and the columns it is computed from
                shown = [word for text in texts for word in _named(kpi["words"], text)]
                assert shown == [], label
                # its figures in chart data, period by period
                for trace in _chart_traces(app):
                    xs, ys = trace.get("x") or [], trace.get("y") or []
                    assert not _draws_figure(kpi, zip(xs, ys)), f"{label}: trace {trace.get('name')}"
                # its figures written in a table column, as the pages write them
                with using(ReportContext(language=language)):
                    formatted = {format_kpi_value(value, kpi["unit"]) for _, value in kpi["figures"]}
                if len(formatted) >= 5:  # a few small counts would match any column of counts
                    for table in app.dataframe:
                        frame = table.value
                        for column in frame.columns:
                            cells = set(frame[column].astype(str))
                            assert len(formatted & cells) < len(formatted) / 2, f"{label}: column {column}"


@pytest.fixture(scope="module")
def open_data(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        return build_open_data(connection)


def test_open_data_names_no_internal_kpi(open_data, internal_kpis):
    for path, data in open_data.files.items():
        if path.endswith(".parquet"):
            text = " ".join(pd.read_parquet(io.BytesIO(data)).columns) + " " + \
                pd.read_parquet(io.BytesIO(data)).astype(str).to_csv()
        else:
            text = data.decode("utf-8")
        for kpi in internal_kpis:
            assert _named(kpi["words"], text) == [], f"{path} {kpi['kpi_id']}"


def test_open_data_cannot_recompute_an_internal_kpi_by_a_mean_or_sum(open_data, internal_kpis):
    """No published number column, averaged or summed per period, gives an internal KPI's figures."""
    for path, data in open_data.files.items():
        if not (path.startswith("data/") and path.endswith(".csv")):
            continue
        frame = pd.read_csv(io.BytesIO(data))
        period_columns = [column for column in frame.columns if column in ("month", "year", "period_end")
                          or column.endswith(("_on", "_date"))]
        number_columns = [column for column in frame.select_dtypes("number").columns if column not in period_columns]
        for period in period_columns:
            for column in number_columns:
                grouped = frame.groupby(period)[column]
                for how, result in (("mean", grouped.mean()), ("sum", grouped.sum())):
                    for kpi in internal_kpis:
                        assert not _draws_figure(kpi, result.items()), f"{path}: {how} of {column} by {period}"


@pytest.mark.calendar
def test_static_export_names_no_internal_kpi(sample_db, internal_kpis, tmp_path):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        export_site(connection, tmp_path, today=TODAY)
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for kpi in internal_kpis:
            assert _named(kpi["words"], text) == [], f"{page} {kpi['kpi_id']}"
    # every chart's data (the interactive figures, which the SVG pictures draw) leaves out the internal measures
    figures = sorted((tmp_path / "charts").glob("*.json"))
    assert len(figures) > 20
    for path in figures:
        for trace in json.loads(path.read_text(encoding="utf-8"))["data"]:
            for kpi in internal_kpis:
                assert not _draws_figure(kpi, zip(trace.get("x") or [], trace.get("y") or [])), path.name


def test_the_rule_withholds_every_measure_an_internal_kpi_is_computed_from(sample_db, internal_kpis):
    """disclosure's list of internal KPI measures is complete for the catalog, and names only internal KPIs."""
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        catalog = execute_query(connection, "kpi_definitions")
    internal = set(catalog.loc[~catalog["is_public"].astype(bool), "kpi_id"])
    for dataset, columns in disclosure.INTERNAL_KPI_MEASURES.items():
        for column, kpi_id in columns.items():
            assert kpi_id in internal
            assert not disclosure.is_public_column(DATASETS_BY_NAME[dataset], DATASETS_BY_NAME[dataset].column(column))
    # every column an internal KPI aggregates, unless a public KPI or page needs it too (then it is public data)
    for kpi in internal_kpis:
        measures = kpi["words"] & {column.name for dataset in DATASETS_BY_NAME.values() for column in dataset.columns}
        assert measures <= set(disclosure.withheld_measures()), kpi["kpi_id"]
    assert disclosure.public_result(pd.DataFrame(columns=["month", "uptime_pct_mean", "sessions"])).columns.tolist() \
        == ["month", "sessions"]
