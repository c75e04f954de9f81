"""The published figures have one home (provinces/<code>/reference/published_figures.csv), read by the app and the sample."""
import calendar
from datetime import date
from pathlib import Path

import pytest

from smartisland.connectivity import logic
from smartisland.i18n import catalog
from smartisland.official_figures import published_figures
from smartisland.tools.sample import calibration_for
from smartisland.tools.sample.common import read_csv_records, read_regions
from smartisland.tools.sample.spbe import spbe_published_rows

ROOT = Path(__file__).resolve().parent.parent

FIGURES = published_figures()


def test_every_figure_has_a_unique_id_a_source_and_says_what_it_counts():
    assert len({figure.figure_id for figure in FIGURES}) == len(FIGURES) == 32
    assert {figure.measure for figure in FIGURES} == {"wifi_points", "base_stations", "spbe_index", "residents",
                                                      "villages_surveyed", "villages_weak_signal",
                                                      "villages_without_signal", "blank_spot_villages"}
    assert all(figure.source and figure.counts for figure in FIGURES)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda figure: figure.figure_id)
def test_a_figure_stands_on_its_day_or_at_the_end_of_its_month_or_year(figure):
    """A figure the source gives for a month or a year is not placed on a day inside it that nobody published."""
    parts = [int(part) for part in figure.period.split("-")]
    if len(parts) == 3:
        expected = date(*parts)
    elif len(parts) == 2:
        expected = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    else:
        expected = date(parts[0], 12, 31)
    assert figure.on == expected


def test_the_app_shows_the_wifi_figures_of_the_file_on_their_days():
    assert [(figure.on, figure.points, figure.is_target, figure.source) for figure in logic.wifi_figures()] == [
        (date(2018, 12, 31), 311, False, "bali.antaranews.com/berita/145086"),
        (date(2019, 4, 30), 640, False, "balipost.com/?p=72717"),
        (date(2019, 12, 31), 1825, True, "balipost.com/?p=72717"),
        (date(2022, 3, 2), 1800, False, logic.ARTICLE_SOURCE),
        (date(2022, 12, 31), 1834, False, "bali.antaranews.com/berita/325704"),
        (date(2023, 12, 31), 2307, False, "bali.antaranews.com/berita/325704"),
    ]
    keys = catalog()
    assert all({"id", "en"} <= set(keys[figure.label_key]) for figure in logic.wifi_figures())


def test_the_sample_is_calibrated_to_the_same_figures():
    bali = ROOT / "provinces" / "51"
    regions = read_regions(bali / "reference")
    calibration = calibration_for(bali, regions, read_csv_records(bali / "reference" / "services.csv"))
    points = {figure.on: figure.points for figure in logic.wifi_figures()}
    assert (calibration.pilots, calibration.early, calibration.count_2023) == (
        points[date(2018, 12, 31)], points[date(2019, 4, 30)], points[date(2023, 12, 31)])
    assert {year: count for year, (count, _) in calibration.base_stations.items()} == {
        2018: 1367, 2019: 1389, 2020: 1511, 2021: 1536, 2024: 1581}
    published = spbe_published_rows(bali / "reference" / "published_figures.csv")
    assert [(row["year"], row["entity_code"], row["index_value"], row["certainty"]) for row in published][:3] == [
        (2021, "51", 3.68, "official"), (2023, "51", 4.07, "official"), (2021, "51.71", 3.19, "unofficial")]
