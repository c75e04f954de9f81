"""A file's own headers mapped to the contract's columns, and named mapping profiles saved and reused."""
import json

import pandas as pd
import pytest

from smartisland.contract import DATASETS
from smartisland.intake.mapping import (
    SYNONYMS,
    ColumnMatch,
    MappingProfile,
    apply_mapping,
    list_profiles,
    load_profile,
    normalise_header,
    propose_mapping,
    save_profile,
    targets_for,
)

WIFI_HEADERS = ["Nama Lokasi", "Kecamatan", "Desa", "Lintang", "Bujur", "Kapasitas (Mbps)"]


def test_the_wifi_list_headers_are_proposed_with_their_confidence():
    proposal = propose_mapping(WIFI_HEADERS, "wifi_points")
    assert proposal.matches == (
        ColumnMatch("Nama Lokasi", "site_name", 0.9), ColumnMatch("Kecamatan", "district_name", 0.9),
        ColumnMatch("Desa", "village_name", 0.9), ColumnMatch("Lintang", "lat", 0.9),
        ColumnMatch("Bujur", "lon", 0.9), ColumnMatch("Kapasitas (Mbps)", "bandwidth_mbps", 0.9))
    # the village code is covered by the names; these required columns are named as missing
    assert proposal.missing_required == ("point_id", "category", "installed_on", "status", "funding_source")


@pytest.mark.parametrize("header, column, confidence", [
    ("site_name", "site_name", 1.0), ("Site Name", "site_name", 0.95), ("SITE-NAME", "site_name", 0.95),
    ("Nama Titik", "site_name", 0.9), ("Site name", "site_name", 0.95), ("Lat", "lat", 0.95),
    ("Latitude", "lat", 0.9), ("Long", "lon", 0.9), ("Lng", "lon", 0.9), ("Longitude", "lon", 0.9),
    ("Bandwidth", "bandwidth_mbps", 0.9), ("Bandwidth (Mbps)", "bandwidth_mbps", 0.95),
    ("Desa/Kelurahan", "village_name", 0.9), ("Kelurahan", "village_name", 0.9), ("Kab/Kota", "regency_name", 0.9),
    ("Kabupaten", "regency_name", 0.9), ("Tanggal Pasang", "installed_on", 0.9), ("Sumber Dana", "funding_source", 0.9),
    ("Bandwith (Mbps)", "bandwidth_mbps", 0.819),  # a typing slip: a fuzzy match, ranked below every synonym
    ("Keterangan lain", None, 0.0),
])
def test_one_header(header, column, confidence):
    assert propose_mapping([header], "wifi_points").matches == (ColumnMatch(header, column, confidence),)


def test_each_column_is_proposed_once_the_surest_header_winning():
    proposal = propose_mapping(["Lokasi", "Site Name"], "wifi_points")
    assert proposal.columns == {"Lokasi": None, "Site Name": "site_name"}
    # between equals, the first in the file
    assert propose_mapping(["Lokasi", "Nama Lokasi"], "wifi_points").columns == {"Lokasi": "site_name",
                                                                                 "Nama Lokasi": None}


def test_headers_of_other_datasets():
    assert propose_mapping(["Kode Layanan", "Bulan", "Kab/Kota", "Jumlah Permohonan", "Permohonan Online", "IKM"],
                           "service_monthly").columns == {
        "Kode Layanan": "service_id", "Bulan": "month", "Kab/Kota": "regency_name", "Jumlah Permohonan": "requests_total",
        "Permohonan Online": "requests_online", "IKM": "satisfaction_ikm"}
    assert propose_mapping(["Desa", "Kecamatan", "Tanggal Survei", "Sumber", "Teknologi", "Kualitas Sinyal"],
                           "signal_surveys").missing_required == ()


def test_every_target_of_every_dataset_has_synonyms_and_none_is_shared_within_a_dataset():
    for dataset in DATASETS:
        seen: dict[str, str] = {}
        for target in targets_for(dataset):
            assert SYNONYMS.get(target), f"{dataset.name}.{target} has no synonyms"
            for word in (normalise_header(target), *SYNONYMS[target]):
                assert seen.setdefault(word, target) == target, f"{dataset.name}: {word!r} means two columns"


def test_normalised_headers():
    assert normalise_header("Kapasitas (Mbps)") == "kapasitas"
    assert normalise_header("Kapasitas (Mbps)", keep_units=True) == "kapasitas mbps"
    assert normalise_header("\ufeffDesa/Kel.") == "desa kel"


def test_a_profile_is_saved_listed_loaded_and_applied(tmp_path):
    proposal = propose_mapping(["No", *WIFI_HEADERS], "wifi_points")
    profile = proposal.as_profile("diskominfo_wifi", {"funding_source": "province"})
    path = save_profile(profile, tmp_path)
    assert path == tmp_path / "diskominfo_wifi.json"
    assert json.loads(path.read_text())["columns"]["No"] is None
    (tmp_path / "region_aliases.json").write_text("[]")  # aliases live in the same folder; not a profile
    assert list_profiles(tmp_path) == ["diskominfo_wifi"]
    assert list_profiles(tmp_path, "signal_surveys") == []
    loaded = load_profile("diskominfo_wifi", tmp_path)
    assert loaded == profile
    frame = pd.DataFrame([["1", "Wantilan", "Jembrana", "Dauh Waru", "-8.26", "114.69", "20", "x"]],
                         columns=["No", *WIFI_HEADERS[:5], "kapasitas (mbps) ", "Extra"])
    mapped = apply_mapping(frame, loaded)
    assert list(mapped.columns) == ["site_name", "district_name", "village_name", "lat", "lon", "bandwidth_mbps",
                                    "Extra", "funding_source"]
    assert mapped.iloc[0].tolist() == ["Wantilan", "Jembrana", "Dauh Waru", "-8.26", "114.69", "20", "x", "province"]
    assert apply_mapping(["No", "Lintang", "Extra"], loaded) == [None, "lat", "Extra"]


@pytest.mark.parametrize("name", ["../escape", "Upper", "", "a/b", "with space"])
def test_a_profile_name_cannot_leave_its_folder(tmp_path, name):
    with pytest.raises(ValueError):
        save_profile(MappingProfile(name, "wifi_points", {}), tmp_path)


def test_the_committed_example_profile_loads():
    profile = load_profile("example_wifi_points")
    assert profile.dataset == "wifi_points"
    assert profile.fixed == {"funding_source": "province"}
    assert profile.columns["Desa"] == "village_name"


def test_the_propose_cli_prints_the_proposal_and_saves_it(tmp_path, capsys):
    from smartisland.intake import propose

    path = tmp_path / "wifi.csv"
    path.write_text(",".join(["No", *WIFI_HEADERS]) + "\n1,Wantilan,Jembrana,Dauh Waru,-8.26,114.69,20\n")
    assert propose.main([str(path), "--dataset", "wifi_points", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "No -> - (confidence 0.00)", "Nama Lokasi -> site_name (confidence 0.90)",
        "Kecamatan -> district_name (confidence 0.90)", "Desa -> village_name (confidence 0.90)",
        "Lintang -> lat (confidence 0.90)", "Bujur -> lon (confidence 0.90)",
        "Kapasitas (Mbps) -> bandwidth_mbps (confidence 0.90)",
        "Required columns no header matches: point_id, category, installed_on, status, funding_source"]
    assert propose.main([str(path), "--dataset", "wifi_points", "--save", "wifi", "--folder", str(tmp_path),
                         "--fixed", "funding_source=province"]) == 1
    assert load_profile("wifi", tmp_path).fixed == {"funding_source": "province"}
