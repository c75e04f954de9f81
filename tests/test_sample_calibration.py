"""The committed sample data: calibrated to the published figures (provinces/<code>/reference/SOURCES.md) where a public figure
exists, reproducible, small."""
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from smartisland.connectivity.logic import wifi_figures
from smartisland.contract import get_dataset
from smartisland.spbe import index as spbe
from smartisland.tools import sample
from smartisland.tools.sample.common import AS_OF

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "provinces" / "51" / "sample"
REFERENCE_DIR = ROOT / "provinces" / "51" / "reference"
ALLOWED_FUTURE_COLUMNS = {"target_date", "funded_until"}  # planned dates
KARANGASEM, BANGLI, KINTAMANI, BULELENG = "51.07", "51.06", "51.06.04", "51.08"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    frame = read("wifi_points")
    for column in ("installed_on", "decommissioned_on", "funded_until"):
        frame[column] = pd.to_datetime(frame[column].replace("", None))
    return frame


@pytest.fixture(scope="module")
def surveys() -> pd.DataFrame:
    frame = read("signal_surveys")
    frame["regency_code"] = frame["village_code"].str[:5]
    frame["district_code"] = frame["village_code"].str[:8]
    frame["year_month"] = frame["surveyed_on"].str[:7]
    return frame


def active_on(points: pd.DataFrame, when: str) -> pd.DataFrame:
    """Installed on or before the date and not decommissioned before it."""
    moment = pd.Timestamp(when)
    still_there = points["decommissioned_on"].isna() | (points["decommissioned_on"] > moment)
    return points[(points["installed_on"] <= moment) & still_there]


def in_regency(frame: pd.DataFrame, regency_code: str, column: str = "village_code") -> pd.DataFrame:
    return frame[frame[column].str.startswith(regency_code + ".")]


# ---------------------------------------------------------------- Wi-Fi

@pytest.mark.parametrize(("when", "count"), [
    ("2018-12-31", 311),  # bali.antaranews.com/berita/145086
    ("2019-04-30", 640),  # balipost.com/?p=72717
    ("2022-03-02", 1800),  # the article
    ("2022-12-31", 1834),  # bali.antaranews.com/berita/325704
    ("2023-12-31", 2307),  # same
])
def test_wifi_points_active_at_published_dates(points, when, count):
    assert len(active_on(points, when)) == count


def test_points_installed_by_end_2019_follow_the_2019_target_mix(points):
    installed = points[points["installed_on"] <= "2019-12-31"]
    assert installed["category"].value_counts().to_dict() == {
        "desa_adat": 1371, "puskesmas": 107, "tourist_site": 203, "school": 132, "public_area": 12}


def test_regency_figures_buleleng_and_bangli(points):
    buleleng_2019 = in_regency(active_on(points, "2019-12-31"), BULELENG)
    assert buleleng_2019["category"].value_counts().to_dict() == {"desa_adat": 169, "tourist_site": 26, "puskesmas": 20}
    assert len(in_regency(active_on(points, "2023-12-31"), BULELENG)) == 297
    assert len(in_regency(active_on(points, "2023-12-31"), BANGLI)) == 261


def test_programme_points_run_at_50_mbps_by_2023(points):
    assert set(active_on(points, "2023-12-31")["bandwidth_mbps"]) == {"50"}
    assert (pd.to_numeric(points.loc[points["installed_on"] < "2023-01-01", "bandwidth_mbps"]) <= 50).all()


def test_funding_moves_off_provincial_transfers_in_2025(points):
    dark = points[points["status"] != "active"]
    assert (points.loc[points["funding_source"] == "desa_adat_grant", "category"] == "desa_adat").all()
    unfunded_desa_adat = points[(points["category"] == "desa_adat") & (points["funding_source"] == "province")]
    assert (unfunded_desa_adat["status"] != "active").all()
    assert (active_on(unfunded_desa_adat, "2025-01-01")["funded_until"] == pd.Timestamp("2024-12-31")).all()
    assert (dark["decommissioned_on"] >= "2025-01-01").sum() > 0
    assert len(active_on(points, "2026-10-31")) < len(active_on(points, "2024-12-31"))


def test_points_have_a_village_and_a_position_near_it(points):
    regions = pd.read_csv(REFERENCE_DIR / "regions.csv", dtype=str).set_index("region_code")
    villages = regions.loc[points["village_code"]]
    assert (villages["level"] == "village").all()
    assert (abs(points["lat"].astype(float).values - villages["lat"].astype(float).values) < 0.01).all()
    assert (abs(points["lon"].astype(float).values - villages["lon"].astype(float).values) < 0.01).all()


# ---------------------------------------------------------------- signal and blank spots

def test_karangasem_december_2022(surveys):
    karangasem = in_regency(surveys, KARANGASEM)
    december = karangasem[(karangasem["source"] == "province") & (karangasem["year_month"] == "2022-12")]
    assert len(december) == 78
    assert december["signal_quality"].value_counts().to_dict() == {"weak": 56, "none": 6, "good": 16}


def test_bangli_blank_spots_in_kintamani_2020_and_none_by_january_2024(surveys):
    bangli = in_regency(surveys, BANGLI)
    province = bangli[bangli["source"] == "province"]
    none_2020 = province[(province["year_month"].str[:4] == "2020") & (province["signal_quality"] == "none")]
    assert len(none_2020) == 8
    assert (none_2020["district_code"] == KINTAMANI).all()
    assert (none_2020["village_code"].str[9] == "2").all()  # desa, not kelurahan
    january_2024 = province[province["year_month"] == "2024-01"]
    assert len(january_2024) == 72 and (january_2024["signal_quality"] != "none").all()


def test_every_village_has_some_signal_from_2024(surveys):
    assert (surveys.loc[surveys["surveyed_on"] >= "2024-01-01", "signal_quality"] != "none").all()
    assert ((surveys["best_technology"] == "none") == (surveys["signal_quality"] == "none")).all()


def test_bakti_counts_weak_signal_more_often_than_the_province(surveys):
    weak = surveys[surveys["signal_quality"] == "weak"].groupby(["source", "year_month"]).size()
    assert weak["bakti", "2021-09"] > max(weak["province", "2020-07"], weak["province", "2022-12"])
    assert weak["bakti", "2023-06"] > max(weak["province", "2022-12"], weak["province", "2024-01"])
    assert weak["bakti", "2025-03"] > weak["province", "2025-08"]


def test_blank_spot_sites_kintamani_and_buleleng():
    sites = read("blank_spot_sites")
    kintamani = sites[sites["village_code"].str.startswith(KINTAMANI + ".")]
    assert len(kintamani) >= 8 and (kintamani["stage"] == "verified").all()
    assert (kintamani["stage_date"] <= "2023-12-31").all()
    buleleng = in_regency(sites, BULELENG)
    planned_2023_24 = buleleng[buleleng["target_date"].between("2023-01-01", "2024-12-31")]
    assert len(planned_2023_24) == 46 and planned_2023_24["village_code"].nunique() == 17
    late = planned_2023_24[~planned_2023_24["stage"].isin(["built", "verified"])
                           | (planned_2023_24["stage_date"] > planned_2023_24["target_date"])]
    assert 0 < len(late) < 46


def test_base_stations():
    stations = read("base_stations_yearly").set_index("year")
    for year, count in {2018: 1367, 2019: 1389, 2020: 1511, 2021: 1536, 2024: 1581}.items():
        assert stations.loc[str(year), "base_stations"] == str(count)
        assert stations.loc[str(year), "source"] == "databoks"
    assert set(stations.loc[["2022", "2023", "2025"], "source"]) == {"sample (interpolated)"}
    assert (stations["region_code"] == "51").all()


# ---------------------------------------------------------------- SPBE

PUBLISHED = {
    (2021, "51"): 3.68, (2023, "51"): 4.07, (2021, "51.71"): 3.19, (2023, "51.71"): 3.80,
    (2023, "51.02"): 3.77, (2023, "51.03"): 3.66, (2023, "51.08"): 3.45, (2023, "51.01"): 3.14,
    (2023, "51.04"): 3.14, (2023, "51.05"): 3.02, (2023, "51.06"): 2.48, (2023, "51.07"): 2.30,
    (2023, "national"): 2.79, (2024, "national"): 3.12,
}


def test_every_published_spbe_figure_is_there():
    published = pd.read_csv(SAMPLE_DIR / "spbe_published.csv", dtype={"entity_code": str})
    assert {(row.year, row.entity_code): row.index_value for row in published.itertuples()} == PUBLISHED
    national = published[published["entity_code"] == "national"].set_index("year")["agencies_evaluated"]
    assert national.to_dict() == {2023: 621, 2024: 615}
    assert published.loc[published["certainty"] == "unofficial", "entity_code"].tolist() == ["51.71"]


def test_assessed_levels_give_the_published_index():
    assessments = pd.read_csv(SAMPLE_DIR / "spbe_assessments.csv", dtype={"entity_code": str})
    assessed = {}
    for (year, entity_code), group in assessments.groupby(["year", "entity_code"]):
        assert sorted(group["indicator_no"]) == list(range(1, 48))
        assessed[year, entity_code] = spbe.compute_index(dict(zip(group["indicator_no"], group["level"])))
    regional = {key for key in PUBLISHED if key[1] != "national"}
    assert regional <= set(assessed)
    for key in regional:
        assert round(assessed[key], 2) == PUBLISHED[key], key
    assert PUBLISHED[2021, "51"] < assessed[2022, "51"] < PUBLISHED[2023, "51"]


# ---------------------------------------------------------------- services

def test_the_four_services_of_the_article():
    services = pd.read_csv(REFERENCE_DIR / "services.csv")
    assert sorted(services.loc[services["is_in_article"], "service_id"]) == [
        "svc-citizen_proposals", "svc-planning_budgeting", "svc-social_aid", "svc-staffing"]


def test_service_stages_reach_the_current_maturity():
    services = pd.read_csv(REFERENCE_DIR / "services.csv").set_index("service_id")
    stages = read("service_stages")
    reached = stages.groupby("service_id")["maturity_stage"].apply(lambda s: sorted(map(int, s)))
    for service_id, row in services.iterrows():
        assert reached[service_id] == list(range(1, row["maturity_stage"] + 1))
    first = stages[stages["maturity_stage"] == "1"].set_index("service_id")["reached_on"]
    assert (first == services.loc[first.index, "launched_on"]).all()


def test_service_monthly_figures_are_consistent():
    monthly = pd.read_csv(SAMPLE_DIR / "service_monthly.csv", dtype={"regency_code": str})
    assert (monthly["requests_online"].dropna() <= monthly.loc[monthly["requests_online"].notna(), "requests_total"]).all()
    assert (monthly["completed"].dropna() <= monthly.loc[monthly["completed"].notna(), "requests_total"]).all()
    assert monthly["satisfaction_ikm"].dropna().between(25, 100).all()
    assert monthly["cost_per_transaction_idr"].isna().any() and monthly["completed"].isna().any()
    per_regency = monthly.loc[monthly["regency_code"] != "51", "service_id"].nunique()
    assert 7 <= per_regency <= 11
    province = monthly[monthly["regency_code"] == "51"].set_index(["service_id", "month"])["requests_total"]
    regencies = monthly[monthly["regency_code"] != "51"].groupby(["service_id", "month"])["requests_total"].sum()
    assert (province.loc[regencies.index] == regencies).all()


# ---------------------------------------------------------------- dates, size, reproducibility

@pytest.mark.calendar
@pytest.mark.parametrize("name", sample.FACT_DATASETS)
def test_no_date_after_as_of_except_planned_dates(name):
    frame = read(name)
    for column in get_dataset(name).columns:
        if column.type in ("date", "month") and column.name not in ALLOWED_FUTURE_COLUMNS:
            dates = frame.loc[frame[column.name] != "", column.name]
            assert (dates <= AS_OF.isoformat()).all(), column.name
            assert (dates >= "2018-01-01").all(), column.name


def test_sample_is_under_8_mb():
    assert sum(path.stat().st_size for path in SAMPLE_DIR.iterdir()) < 8 * 1024 * 1024


def test_generator_reproduces_the_committed_files(tmp_path):
    written = sample.write_sample(tmp_path)
    assert sorted(path.name for path in written) == sorted(f"{name}.csv" for name in sample.FACT_DATASETS)
    for path in written:
        assert path.read_bytes() == (SAMPLE_DIR / path.name).read_bytes(), path.name


@pytest.mark.calendar
def test_as_of_is_fixed():
    assert AS_OF == date(2026, 10, 31)


def test_the_sample_shows_every_published_wifi_count_the_app_marks_on_its_day(points):
    counts = [figure for figure in wifi_figures() if not figure.is_target]
    assert len(counts) == 5
    for figure in counts:
        assert len(active_on(points, figure.on.isoformat())) == figure.points, figure.label_key
