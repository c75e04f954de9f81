"""Where each late promise falls short: the overview's late list names the furthest regencies for every KPI that
can be measured by regency, says in plain words why when one cannot, and the regency chart opens on a KPI whose
regencies differ."""
from datetime import date

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_TODAY

from smartisland.db import execute_query
from smartisland.kpis import sections
from smartisland.kpis.scorecard import build_scorecard
from smartisland.report_context import ReportContext, using


@pytest.fixture(scope="module")
def sample(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        def run(name, **params):
            return execute_query(connection, name, **params)
        card, _ = build_scorecard(run("kpi_definitions"), run, FIXTURE_TODAY)
        yield card, run


@pytest.mark.parametrize("language, furthest, whole", [("en", "furthest: ", "all of Bali: these online services"),
                                                        ("id", "terjauh: ", "seluruh Bali: layanan daring ini")])
def test_eight_of_the_nine_late_promises_on_the_sample_overview_name_where(sample, language, furthest, whole):
    card, run = sample
    with using(ReportContext(run, language, as_of=FIXTURE_TODAY)) as context:
        late = sections.late_view(card, context)
    where = dict(zip(late.kpi_ids, late.table.iloc[:, 2]))
    assert len(where) == 9
    named = {kpi_id for kpi_id, text in where.items() if text.startswith(furthest)}
    assert named == {"wifi_points_active", "villages_good_4g", "villages_with_wifi", "wifi_uptime", "completion_rate",
                     "wifi_bandwidth", "satisfaction_ikm", "digital_takeup"}
    # The one that cannot be measured by regency says why, in the reader's language only.
    assert where["services_transaction"].startswith(whole)
    assert language == "en" or "regency" not in where["services_transaction"]
    assert where["villages_good_4g"] == {"en": "furthest: Karangasem (71.8%), Tabanan (87.2%)",
                                         "id": "terjauh: Karangasem (71,8%), Tabanan (87,2%)"}[language]


def test_the_regency_chart_opens_on_a_late_kpi_whose_regencies_differ(sample):
    card, run = sample
    with using(ReportContext(run, "en", as_of=FIXTURE_TODAY)) as context:
        late = sections.late_view(card, context)
        chosen = sections.regional_default(sections.regional_kpis(card), late.kpi_ids, run)
        values = sections.regional_view(sections.kpi_row(card, chosen), context).values
    assert chosen == "villages_good_4g"  # the points' change by regency, held to zero, comes after
    assert values["value"].nunique() == 9 and values["value"].min() < 75 < values["value"].max()


def regional_card(*kpi_ids):
    return pd.DataFrame({"kpi_id": list(kpi_ids), "regional_method": [f"q_{kpi_id}" for kpi_id in kpi_ids]})


def by_regency(*values):
    return pd.DataFrame({"region_code": [f"51.0{index}" for index in range(len(values))], "name": "x",
                         "period_end": pd.Timestamp(date(2024, 1, 31)), "value": list(values)})


def test_the_regency_chart_skips_late_kpis_whose_regencies_are_all_equal():
    tables = {"q_flat": by_regency(100.0, 100.0, 100.0), "q_spread": by_regency(90.0, 100.0, 95.0),
              "q_other": by_regency(1.0, 2.0)}
    run = lambda name, **params: tables[name]  # noqa: E731
    card = regional_card("flat", "spread", "other")
    assert sections.regional_default(card, ["not_regional", "flat", "spread"], run) == "spread"
    assert sections.regional_default(card, ["flat"], run) == "flat"  # nothing better: the first late one
    assert sections.regional_default(card, ["not_regional"], run) is None
    held = card.assign(regional_target=[None, None, 0.0])
    # a KPI held to a regional target of its own comes after one measured as the KPI itself
    assert sections.regional_default(held, ["other", "spread"], run) == "spread"
    assert sections.regional_default(held, ["other", "flat"], run) == "other"
