"""What a page derives from its data is made once and kept (smartisland/ui/kpi.py: scorecard_view;
smartisland/ui/queries.py: warehouse_view): made again for another warehouse file (a load), day, mode, language
or argument, never served across them."""
import os
import shutil
from dataclasses import dataclass
from datetime import date

import pytest

from smartisland.chart_style import FigureRecipe
from smartisland.i18n import t
from smartisland.report_context import ReportContext, using
from smartisland.ui import queries
from smartisland.ui.kpi import scorecard_view
from smartisland.ui.queries import warehouse_view

made: list[tuple] = []


def promises_counted(card, context):
    made.append(("card", len(card), context.language, context.today))
    return f"{t('spbe.index')} {len(card)}"


def origin_and(run, argument):
    made.append(("origin", argument))
    return f"{t('spbe.index')} {run('data_origin').iloc[0]['fact_datasets_from_sample']} {argument}"


@pytest.fixture
def served(monkeypatch, sample_db, tmp_path):
    """A warehouse of its own, served; a function that replaces it with a new file (as a load does)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, path)
    monkeypatch.setenv("SMARTISLAND_DB", str(path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    made.clear()

    def replace():
        fresh = tmp_path / "fresh.duckdb"
        shutil.copy(sample_db, fresh)
        os.replace(fresh, path)

    return replace


def test_a_scorecard_view_is_made_once_per_warehouse_file_day_mode_and_language(served, monkeypatch):
    english = ReportContext(queries.run_query, "en")
    with using(english):
        first = scorecard_view(promises_counted, english)
        assert scorecard_view(promises_counted, english) == first
    assert len(made) == 1
    kpis = made[0][1]
    assert first == f"Index {kpis}"
    indonesian = english.with_language("id")
    with using(indonesian):
        assert scorecard_view(promises_counted, indonesian) == f"Indeks {kpis}"
    past = english.with_as_of(date(2026, 6, 30))
    with using(past):
        scorecard_view(promises_counted, past)
    monkeypatch.setenv("SMARTISLAND_MODE", "public")
    with using(english):
        public = scorecard_view(promises_counted, english)
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    served()  # a load: a new warehouse file
    with using(english):
        scorecard_view(promises_counted, english)
    assert [item[2:] for item in made] == [("en", english.today), ("id", english.today), ("en", date(2026, 6, 30)),
                                          ("en", english.today), ("en", english.today)]
    assert int(public.split()[1]) < kpis  # public mode: the public KPIs only


def test_a_warehouse_view_is_made_once_per_warehouse_file_language_and_argument(served):
    from_sample = queries.run_query("data_origin").iloc[0]["fact_datasets_from_sample"]
    with using(ReportContext(queries.run_query, "en")):
        first = warehouse_view(origin_and, 1)
        assert warehouse_view(origin_and, 1) == first == f"Index {from_sample} 1"
        assert warehouse_view(origin_and, 2) == f"Index {from_sample} 2"
    with using(ReportContext(queries.run_query, "id")):
        assert warehouse_view(origin_and, 1) == f"Indeks {from_sample} 1"
    served()
    with using(ReportContext(queries.run_query, "en")):
        warehouse_view(origin_and, 1)
    assert made == [("origin", 1), ("origin", 2), ("origin", 1), ("origin", 1)]


def test_a_kpi_trajectory_is_drawn_once_per_scorecard_language_and_kpi(served, monkeypatch):
    import json

    import plotly.graph_objects as go

    from smartisland.kpis import sections
    from smartisland.ui import kpi as ui_kpi

    drawn = []
    original = ui_kpi.kpi_trajectory_figure
    monkeypatch.setattr(ui_kpi, "kpi_trajectory_figure", lambda *args: drawn.append(args[0]["kpi_id"]) or original(*args))
    english = ReportContext(queries.run_query, "en")
    with using(english):
        card, values_by_kpi = ui_kpi.scorecard(english)
        kpi_id = card["kpi_id"].iloc[0]
        key = ui_kpi._scorecard_key(english)
        figure, table = ui_kpi._scorecard_trajectory(key, "en", kpi_id, True)
        again, _ = ui_kpi._scorecard_trajectory(key, "en", kpi_id, True)
        expected = original(sections.kpi_row(card, kpi_id), values_by_kpi[kpi_id], english.today)
        assert (json.loads(go.Figure(figure).to_json()) == json.loads(go.Figure(again).to_json())
                == json.loads(expected.to_json()))
        assert list(table.columns) == ["Period", "Value"]
    with using(english.with_language("id")):
        _, table = ui_kpi._scorecard_trajectory(key, "id", kpi_id, True)
        assert list(table.columns) == ["Periode", "Nilai"]
    assert drawn == [kpi_id, kpi_id]


@dataclass(frozen=True)
class ChartView:
    title: str
    figure: object


def titled_bars(title):
    import plotly.graph_objects as go

    made.append(("figure", title))
    return go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": f"{title} {t('spbe.index')}"}})


def chart_view(run, title):
    return ChartView(title, FigureRecipe(titled_bars, (title,)))


def test_a_warehouse_view_keeps_its_figures_drawn(served):
    with using(ReportContext(queries.run_query, "en")):
        first = warehouse_view(chart_view, "one")
        again = warehouse_view(chart_view, "one")
    with using(ReportContext(queries.run_query, "id")):
        indonesian = warehouse_view(chart_view, "one")
    assert made == [("figure", "one"), ("figure", "one")]  # drawn inside the kept view, once per language
    assert first == again and first.figure["layout"]["title"]["text"] == "one Index"
    assert indonesian.figure["layout"]["title"]["text"] == "one Indeks"
