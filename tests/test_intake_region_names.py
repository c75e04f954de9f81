"""Region names written every which way resolve to one official code, or are refused with their candidates."""
import pytest

from smartisland.intake.region_names import Candidate, RegionAliases, Resolution, compact_name, region_index

DAUHWARU = Candidate("51.01.05.1005", "Dauhwaru", "Jembrana", "Kabupaten Jembrana", 1.0)


@pytest.fixture(scope="module")
def index():
    return region_index()


def test_bali_has_25_village_names_borne_by_several_villages_buahan_three_times(index):
    shared = index.shared_village_names()
    assert len(shared) == 25
    assert shared["buahan"] == 3
    assert shared["selat"] == 5
    assert sum(1 for codes in index.by_level["village"].values() for _ in codes) == 716


@pytest.mark.parametrize("written, compact", [
    ("Ds. Dauh Waru", "dauhwaru"), ("Desa Dauhwaru", "dauhwaru"), ("DAUH WARU", "dauhwaru"),
    ("Kel. Dauh Waru", "dauhwaru"), ("Kelurahan Dauh-Waru", "dauhwaru"), ("Ds.Dauh Waru", "dauhwaru"),
    ("Desa/Kel. Kaba-Kaba", "kabakaba"), ("Kec. Jembrana", "jembrana"), ("Kecamatan Jembrana", "jembrana"),
    ("Kab. Badung", "badung"), ("Kab/Kota Badung", "badung"), ("Kabupaten Badung", "badung"),
    ("Kota Denpasar", "denpasar"), ("Djembrana", "jembrana"), ("Boeleleng", "buleleng"),
    ("Kelusa", "kelusa"),  # a name that begins like a prefix keeps its letters
    ("Kedisan", "kedisan"), ("Desa", "desa"),
])
def test_compact_names(written, compact):
    assert compact_name(written) == compact


@pytest.mark.parametrize("village", ["Ds. Dauh Waru", "Desa Dauhwaru", "DAUH WARU", "Kel. Dauh Waru", "dauh-waru"])
def test_a_village_written_every_which_way_resolves(index, village):
    assert index.resolve(village, "Kec. Jembrana") == Resolution("resolved", "51.01.05.1005", (DAUHWARU,))
    assert index.resolve(village) == Resolution("resolved", "51.01.05.1005", (DAUHWARU,))


def test_a_repeated_village_name_is_told_apart_by_its_district_or_regency(index):
    assert index.resolve("Buahan", "Payangan").code == "51.04.07.2005"
    assert index.resolve("Desa Buahan", None, "Kab. Bangli").code == "51.06.04.2019"
    assert index.resolve("BUAHAN", "Kec. Tabanan", "Tabanan").code == "51.02.05.2011"


def test_a_repeated_village_name_alone_is_ambiguous_with_every_namesake(index):
    resolution = index.resolve("Buahan")
    assert resolution.status == "ambiguous" and resolution.code is None
    assert [candidate.label() for candidate in resolution.candidates] == [
        "51.02.05.2011 Buahan (Tabanan, Kabupaten Tabanan)",
        "51.04.07.2005 Buahan (Payangan, Kabupaten Gianyar)",
        "51.06.04.2019 Buahan (Kintamani, Kabupaten Bangli)",
    ]


def test_a_name_in_the_wrong_district_is_refused_with_the_real_ones(index):
    resolution = index.resolve("Buahan", "Kuta")
    assert resolution.status == "unknown"
    assert [candidate.code for candidate in resolution.candidates] == ["51.02.05.2011", "51.04.07.2005", "51.06.04.2019"]


def test_an_unresolvable_name_gets_its_nearest_candidates(index):
    resolution = index.resolve("Dauh Wary", "Jembrana")
    assert resolution.status == "unknown"
    assert [(candidate.code, candidate.score) for candidate in resolution.candidates] == [
        ("51.01.05.1005", 0.875), ("51.71.03.1005", 0.625), ("51.06.04.2041", 0.615)]
    assert index.resolve("Xyzzyq") == Resolution("unknown")


def test_districts_and_regencies_resolve_on_their_own(index):
    assert index.resolve(None, "Kec. Jembrana").code == "51.01.05"
    assert index.resolve(None, "Kecamatan Negara", "Jembrana").code == "51.01.01"
    assert index.resolve(None, None, "Kota Denpasar").code == "51.71"
    assert index.resolve(None, None, "DENPASAR").code == "51.71"
    assert index.resolve(None, None, "Kab. Karangasem").code == "51.07"
    assert index.resolve(None, None, "Singaraja").code == "51.08"  # a known variant: the capital for the regency
    assert index.resolve() == Resolution("unknown")


def test_a_remembered_alias_answers_before_the_names(index, tmp_path):
    aliases = RegionAliases()
    aliases.remember("Banjar Buahan", "", "Gianyar", "51.04.07.2005")
    path = tmp_path / "aliases.json"
    aliases.save(path)
    loaded = RegionAliases.load(path)
    assert loaded.entries == {("banjarbuahan", "", "gianyar"): "51.04.07.2005"}
    assert index.resolve("Ds. Banjar Buahan", None, "Kab. Gianyar", loaded).status == "by_alias"
    assert index.resolve("Ds. Banjar Buahan", None, "Kab. Gianyar", loaded).code == "51.04.07.2005"
    assert index.resolve("Ds. Banjar Buahan", None, "Kab. Gianyar").status == "unknown"
    assert RegionAliases.load(tmp_path / "none.json").entries == {}


def test_a_point_is_placed_in_the_village_whose_centre_is_clearly_nearest(index):
    # wifi-0001 of the sample, in Buduk (Mengwi)
    assert index.place_by_position(-8.54792, 115.19149) == Resolution(
        "placed_by_position", "51.03.02.2002", (Candidate("51.03.02.2002", "Buduk", "Mengwi", "Kabupaten Badung", 1.0),))


def test_a_point_halfway_between_two_village_centres_is_not_placed(index):
    # Buduk (Mengwi) and Bongkasa (Abiansemal), each the other's nearest village centre
    first, second = index.regions.loc["51.03.02.2002"], index.regions.loc["51.03.03.2009"]
    lat = (float(first["lat"]) + float(second["lat"])) / 2
    lon = (float(first["lon"]) + float(second["lon"])) / 2
    resolution = index.place_by_position(lat, lon)
    assert resolution.status == "ambiguous"
    assert {candidate.code for candidate in resolution.candidates} == {"51.03.02.2002", "51.03.03.2009"}


def test_a_point_at_sea_is_not_placed(index):
    assert index.place_by_position(-8.0, 114.0) == Resolution("unknown")
