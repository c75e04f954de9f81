"""A regency's short name is the one a reader says, and never the same as another regency's."""
import pandas as pd
import pytest
from support import ROOT

from smartisland.place_names import short_place_name


@pytest.mark.parametrize("province, name, expected", [
    ("51", "Kabupaten Badung", "Badung"),
    ("51", "Kota Denpasar", "Denpasar"),
    ("52", "Kabupaten Lombok Barat", "Lombok Barat"),
    ("52", "Kota Mataram", "Mataram"),
    ("52", "Kabupaten Bima", "Kabupaten Bima"),  # Kota Bima is another regency
    ("52", "Kota Bima", "Kota Bima"),
    ("52", "Sape", "Sape"),  # a district: no prefix
])
def test_the_short_name_drops_the_prefix_unless_two_regencies_would_read_alike(province, name, expected):
    assert short_place_name(name, ROOT / "provinces" / province / "reference" / "regions.csv") == expected


@pytest.mark.parametrize("province", ["51", "52"])
def test_no_two_regencies_of_a_province_share_a_short_name(province):
    path = ROOT / "provinces" / province / "reference" / "regions.csv"
    regions = pd.read_csv(path, dtype=str)
    names = [short_place_name(name, path) for name in regions.loc[regions["level"] == "regency", "name"]]
    assert len(names) == len(set(names)) and len(names) == {"51": 9, "52": 10}[province]
