"""A Wi-Fi list with its own headers and village names loads through a saved mapping with no hand editing; an
unresolvable or ambiguous name is refused with its candidates."""
import shutil

import duckdb
import pandas as pd
from support.intake_rows import HEADERS, ROWS

from smartisland.intake.mapping import load_profile, propose_mapping, save_profile
from smartisland.intake.prepare import prepare, prepare_table
from smartisland.intake.region_names import RegionAliases
from smartisland.load import load_files


def wifi_list() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=HEADERS)


def saved_profile(folder):
    proposal = propose_mapping(HEADERS, "wifi_points")
    save_profile(proposal.as_profile("diskominfo_wifi", {"funding_source": "province"}), folder)
    return load_profile("diskominfo_wifi", folder)


def test_the_wifi_list_is_brought_into_the_contract_shape(tmp_path):
    prepared = prepare_table(wifi_list(), "wifi_points", saved_profile(tmp_path), file_name="wifi.xlsx")
    assert prepared.problems == []
    frame = prepared.frame
    assert list(frame.columns) == ["point_id", "village_code", "category", "site_name", "lat", "lon", "bandwidth_mbps",
                                   "installed_on", "status", "decommissioned_on", "funding_source", "funded_until"]
    assert frame["village_code"].tolist() == ["51.01.05.1005"] * 4 + ["51.04.07.2005", "51.03.02.2002"]
    assert frame["category"].tolist() == ["government_office", "public_area", "school", "public_area", "desa_adat",
                                          "public_area"]
    assert frame["status"].tolist() == ["active", "active", "active", "down", "active", "active"]
    assert frame["funding_source"].tolist() == ["province"] * 6
    assert frame["decommissioned_on"].tolist() == [""] * 6
    assert prepared.resolved_by_name == [2, 3, 4, 5, 6]
    assert prepared.placed_by_position == [7]


def test_the_prepared_wifi_list_loads(tmp_path, reference_only_db):
    frame, problems = prepare(wifi_list(), "wifi_points", saved_profile(tmp_path))
    assert problems == []
    path = tmp_path / "wifi_points.csv"
    frame.to_csv(path, index=False)
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(reference_only_db, warehouse)
    result = load_files("wifi_points", [path], warehouse)
    assert result.ok, [problem.message("en") for problem in result.problems]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute("select point_id, village_code from wifi_points order by point_id").fetchall()
    assert rows == [("bh-1", "51.04.07.2005"), ("dw-1", "51.01.05.1005"), ("dw-2", "51.01.05.1005"),
                    ("dw-3", "51.01.05.1005"), ("dw-4", "51.01.05.1005"), ("pos-1", "51.03.02.2002")]


def test_an_ambiguous_and_an_unknown_name_are_refused_with_their_candidates(tmp_path):
    rows = [ROWS[0], [*ROWS[4][:4], "", *ROWS[4][5:]], [*ROWS[1][:5], "Dauh Wary", *ROWS[1][6:]]]
    prepared = prepare_table(pd.DataFrame(rows, columns=HEADERS), "wifi_points", saved_profile(tmp_path),
                             file_name="wifi.xlsx")
    assert [problem.message("en") for problem in prepared.problems] == [
        "wifi.xlsx:3: village_code: the region name matches several regions; give its district or regency, or pick "
        "one: 51.02.05.2011 Buahan (Tabanan, Kabupaten Tabanan); 51.04.07.2005 Buahan (Payangan, Kabupaten Gianyar); "
        "51.06.04.2019 Buahan (Kintamani, Kabupaten Bangli) (value: Buahan)",
        "wifi.xlsx:4: village_code: region name not recognised; nearest candidates: 51.01.05.1005 Dauhwaru (Jembrana, "
        "Kabupaten Jembrana); 51.71.03.1005 Dauh Puri (Denpasar Barat, Kota Denpasar); 51.06.04.2041 Dausa "
        "(Kintamani, Kabupaten Bangli) (value: Dauh Wary / Jembrana)",
    ]
    assert prepared.problems[0].message("id").startswith(
        "wifi.xlsx:3: village_code: nama wilayah cocok dengan beberapa wilayah; tulis kecamatan atau kabupatennya")


def test_the_editors_choice_remembered_as_an_alias_resolves_the_next_file(tmp_path):
    rows = [[*ROWS[1][:5], "Dauh Wary", *ROWS[1][6:]]]
    aliases = RegionAliases()
    aliases.remember("Dauh Wary", "Jembrana", None, "51.01.05.1005")
    frame, problems = prepare(pd.DataFrame(rows, columns=HEADERS), "wifi_points", saved_profile(tmp_path),
                              aliases=aliases)
    assert problems == []
    assert frame["village_code"].tolist() == ["51.01.05.1005"]


def test_without_a_profile_only_headers_in_other_case_are_taken_and_the_rest_is_named():
    frame = pd.DataFrame([["1", "Wantilan", "Dauhwaru"]], columns=["Point ID", "Nama Lokasi", "Desa"])
    prepared = prepare_table(frame, "wifi_points", file_name="f.csv")
    assert [problem.message("en") for problem in prepared.problems] == [
        "f.csv:1: Nama Lokasi: this header is not mapped to a contract column (proposal: site_name); map it or leave "
        "it out in the mapping profile",
        "f.csv:1: Desa: this header is not mapped to a contract column (proposal: village_name); map it or leave it "
        "out in the mapping profile",
        "f.csv:1: village_code: required column not found among the file's headers (proposal: -)",
        "f.csv:1: category: required column not found among the file's headers (proposal: -)",
        "f.csv:1: site_name: required column not found among the file's headers (proposal: Nama Lokasi)",
        "f.csv:1: lat: required column not found among the file's headers (proposal: -)",
        "f.csv:1: lon: required column not found among the file's headers (proposal: -)",
        "f.csv:1: bandwidth_mbps: required column not found among the file's headers (proposal: -)",
        "f.csv:1: installed_on: required column not found among the file's headers (proposal: -)",
        "f.csv:1: status: required column not found among the file's headers (proposal: -)",
        "f.csv:1: funding_source: required column not found among the file's headers (proposal: -)",
    ]


def test_a_file_in_the_contract_shape_passes_unchanged():
    frame = pd.read_csv("provinces/51/sample/signal_surveys.csv", dtype=str, keep_default_na=False, nrows=3)
    prepared, problems = prepare(frame, "signal_surveys")
    assert problems == []
    pd.testing.assert_frame_equal(prepared, frame)


def test_a_profile_of_another_dataset_is_refused(tmp_path):
    frame, problems = prepare(wifi_list(), "signal_surveys", saved_profile(tmp_path), file_name="f.csv")
    assert [problem.message("en") for problem in problems] == [
        "f.csv: mapping profile diskominfo_wifi is for dataset wifi_points, not signal_surveys"]


def test_a_regency_name_gives_the_code_of_a_service_report():
    frame = pd.DataFrame([["svc-social_aid", "2026-01", "Kab. Badung", "10"],
                          ["svc-social_aid", "2026-01", "KOTA DENPASAR", "5"]],
                         columns=["service_id", "month", "Kab/Kota", "requests_total"])
    profile = propose_mapping(list(frame.columns), "service_monthly").as_profile("service_reports")
    prepared = prepare_table(frame, "service_monthly", profile, file_name="s.csv")
    assert prepared.problems == []
    assert prepared.frame["regency_code"].tolist() == ["51.03", "51.71"]
    # a village name in a regency column: only regencies are looked up
    frame.loc[1, "Kab/Kota"] = "Ds. Buduk"
    prepared = prepare_table(frame, "service_monthly", profile, file_name="s.csv")
    assert [problem.message("en") for problem in prepared.problems] == [
        "s.csv:3: regency_code: region name not recognised, and no name is similar (value: Ds. Buduk)"]


def test_a_district_alone_for_a_village_and_a_point_between_two_villages_are_refused(tmp_path):
    # halfway between the centres of Buduk (Mengwi) and Bongkasa (Abiansemal)
    rows = [[*ROWS[0][:5], "", *ROWS[0][6:]], [*ROWS[5][:6], "-8.538505", "115.193155", *ROWS[5][8:]]]
    prepared = prepare_table(pd.DataFrame(rows, columns=HEADERS), "wifi_points", saved_profile(tmp_path),
                             file_name="wifi.xlsx")
    assert [problem.message("en") for problem in prepared.problems] == [
        "wifi.xlsx:2: village_code: this name points to 51.01.05 (district), but this column needs a region of level "
        "village (value: Kec. Jembrana)",
        "wifi.xlsx:3: village_code: no region, and the position does not point to one village for certain; give the "
        "village (candidates: 51.03.03.2009 Bongkasa (Abiansemal, Kabupaten Badung); 51.03.02.2002 Buduk (Mengwi, "
        "Kabupaten Badung)) (value: -8.538505, 115.193155)",
    ]
