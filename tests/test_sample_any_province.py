"""The sample generator on a province without a calibration: NTB (52), whose sample is illustrative throughout."""
import re
from pathlib import Path

import pandas as pd
import pytest

from smartisland.tools import sample
from smartisland.tools.sample.calibration import default_capital, kelurahan_share
from smartisland.tools.sample.common import read_regions

ROOT = Path(__file__).resolve().parent.parent
NTB = ROOT / "provinces" / "52"
BALI_CODE = re.compile(r"(?<![\d.])51\.\d\d")  # a region code of Bali, not a number such as 151.25 or -8.51


@pytest.fixture(scope="module")
def ntb_written(tmp_path_factory) -> list[Path]:
    return sample.write_sample(tmp_path_factory.mktemp("ntb"), NTB)


def test_the_generator_makes_ntbs_committed_sample_and_runs_the_same_twice(ntb_written, tmp_path):
    again = sample.write_sample(tmp_path, NTB)
    assert sorted(path.name for path in ntb_written) == sorted(f"{name}.csv" for name in sample.FACT_DATASETS)
    for first, second in zip(ntb_written, again):
        assert first.read_bytes() == second.read_bytes(), first.name
        assert first.read_bytes() == (NTB / "sample" / first.name).read_bytes(), first.name


def test_ntbs_sample_loads_without_a_problem(province_builds):
    _, result = province_builds("52")  # built from provinces/52/ by the loader, as test_any_province.py serves it
    assert result.ok, [problem.message("en") for problem in result.problems[:20]]
    rows = {record.dataset: record.rows for record in result.loaded}
    assert rows["wifi_points"] == len(pd.read_csv(NTB / "sample" / "wifi_points.csv"))
    assert rows["spbe_published"] == 2  # the two national averages, no figure of NTB
    assert "kpi_values" not in rows  # no manual KPI value of NTB is invented


def test_no_ntb_file_names_bali_or_a_bali_code():
    """"Bali" only on the line of NTB's own kelurahan Bali (Dompu) or a site in it."""
    regions = pd.read_csv(NTB / "reference" / "regions.csv", dtype=str)
    named_bali = regions.loc[regions["name"].str.contains(r"\bBali\b"), "region_code"].tolist()
    assert named_bali == ["52.05.01.1002"]
    files = sorted((NTB / "sample").glob("*")) + sorted((NTB / "reference").glob("*.csv"))
    assert len(files) >= 14
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if re.search(r"\bbali\b", line, re.IGNORECASE)]  # not Sambalia
        assert all(any(code in line for code in named_bali) for line in lines), path.name
        assert BALI_CODE.search(text) is None, path.name


def test_every_ntb_kpi_target_is_labelled_illustrative():
    kpis = pd.read_csv(NTB / "reference" / "kpis.csv", dtype=str, keep_default_na=False)
    bali = pd.read_csv(ROOT / "provinces" / "51" / "reference" / "kpis.csv", dtype=str, keep_default_na=False)
    assert list(kpis["kpi_id"]) == list(bali["kpi_id"])
    assert (kpis["target_kind"] == "illustrative").all()
    assert kpis["target_source"].str.startswith("ilustratif").all()
    assert (kpis["owner_agency"].str.endswith("NTB")).all()
    assert list(kpis["method"]) == list(bali["method"])


def test_ntbs_published_figures_are_only_the_national_spbe_averages():
    figures = pd.read_csv(NTB / "reference" / "published_figures.csv", dtype=str)
    assert figures[["entity_code", "period", "value"]].values.tolist() == [
        ["national", "2023", "2.79"], ["national", "2024", "3.12"]]


def test_ntbs_sample_is_derived_from_its_regions():
    points = pd.read_csv(NTB / "sample" / "wifi_points.csv", dtype=str)
    regions = pd.read_csv(NTB / "reference" / "regions.csv", dtype=str).set_index("region_code")
    assert (regions.loc[points["village_code"], "level"] == "village").all()
    assert points["village_code"].str[:5].nunique() == 10  # every regency and city has points
    stations = pd.read_csv(NTB / "sample" / "base_stations_yearly.csv", dtype=str)
    assert set(stations["source"]) == {"sample (illustrative)"}
    sites = pd.read_csv(NTB / "sample" / "blank_spot_sites.csv", dtype=str)
    fiber_or_vsat = sites[sites["solution"].isin(["fiber", "vsat"])]
    assert len(fiber_or_vsat) > 0 and (fiber_or_vsat["owner"] == "Diskominfotik NTB").all()


def test_default_capital_is_the_district_with_the_most_kelurahan():
    regions = read_regions(ROOT / "provinces" / "51" / "reference")
    assert default_capital(regions, "51.71") in regions.districts_in("51.71")
    kelurahan = {d: kelurahan_share(regions, d) for d in regions.districts_in("51.01")}
    assert kelurahan_share(regions, default_capital(regions, "51.01")) == max(kelurahan.values())


def test_the_generator_names_no_province():
    modules = sorted((ROOT / "smartisland" / "tools" / "sample").glob("*.py"))
    assert {path.name for path in modules} >= {"__init__.py", "common.py", "calibration.py", "wifi.py", "coverage.py"}
    code = "\n".join(path.read_text(encoding="utf-8") for path in modules)
    assert "bali" not in code.lower()
    assert re.search(r"\b5[12]\b|\"5[12]\.", code) is None
