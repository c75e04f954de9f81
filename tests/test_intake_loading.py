"""The loader with intake: a Wi-Fi list with its own headers and village names loads through a saved mapping with
no hand editing (the command line as a real process, and the Data page's function); without a mapping it gets a
proposal; an unresolvable name is refused with its candidates in both languages."""
import os
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from support import ROOT
from support.intake_rows import HEADERS, ROWS

from smartisland.editing.uploads import load_uploaded
from smartisland.intake.loading import MAPPINGS_ENVIRONMENT, load_with_intake
from smartisland.intake.mapping import propose_mapping, save_profile

EXPECTED_POINTS = [("bh-1", "51.04.07.2005"), ("dw-1", "51.01.05.1005"), ("dw-2", "51.01.05.1005"),
                   ("dw-3", "51.01.05.1005"), ("dw-4", "51.01.05.1005"), ("pos-1", "51.03.02.2002")]


@pytest.fixture
def folders(tmp_path, reference_only_db):
    """A mappings folder holding the profile `diskominfo_wifi`, a copy of a reference-only warehouse, and the
    Wi-Fi list as an XLSX with a blank row after its third point (so its last rows are spreadsheet rows 6-8)."""
    mappings = tmp_path / "mappings"
    proposal = propose_mapping(HEADERS, "wifi_points")
    save_profile(proposal.as_profile("diskominfo_wifi", {"funding_source": "province"}), mappings)
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(reference_only_db, warehouse)
    return mappings, warehouse


def write_list(path, rows):
    blank = [[""] * len(HEADERS)]
    pd.DataFrame(rows[:3] + blank + rows[3:], columns=HEADERS).to_excel(path, index=False)
    return path


def run_loader(*arguments, mappings):
    environment = {**os.environ, MAPPINGS_ENVIRONMENT: str(mappings)}
    return subprocess.run([sys.executable, "-m", "smartisland.load", *map(str, arguments)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def stored_points(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        points = connection.execute("select point_id, village_code from wifi_points order by point_id").fetchall()
        log = connection.execute("select dataset, file_name, rows, loaded_by from load_log where action = 'load'"
                                 ).fetchall()
    return points, log


def test_the_command_line_loads_the_list_through_the_saved_mapping(folders, tmp_path):
    mappings, warehouse = folders
    path = write_list(tmp_path / "wifi diskominfo.xlsx", ROWS)
    done = run_loader("--dataset", "wifi_points", "--mapping", "diskominfo_wifi", "--db", warehouse, "--lang", "en",
                      path, mappings=mappings)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"wifi_points: 6 rows loaded from {path}",
        f'{path}: sheet "Sheet1" read (the first visible sheet)',
        f"{path}: rows without a region, placed in their village by their coordinates: 8"]
    points, log = stored_points(warehouse)
    assert points == EXPECTED_POINTS
    assert [(dataset, file_name, rows) for dataset, file_name, rows, _ in log] == [("wifi_points", str(path), 6)]


def test_without_a_mapping_the_command_line_proposes_one_and_names_the_unmapped_columns(folders, tmp_path):
    mappings, warehouse = folders
    path = write_list(tmp_path / "wifi.xlsx", ROWS)
    done = run_loader("--dataset", "wifi_points", "--db", warehouse, "--lang", "en", path, mappings=mappings)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert f"{path}:1: funding_source: required column not found among the file's headers (proposal: -)" in lines
    assert f"{path}:1: Nama Lokasi: this header is not mapped to a contract column (proposal: site_name); map it " \
           "or leave it out in the mapping profile" in lines
    proposal = lines[lines.index(f"The headers of {path} do not match the contract. Proposed mapping:"):]
    assert proposal[1:4] == ["  No -> - (confidence 0.00)", "  ID Titik -> point_id (confidence 0.90)",
                             "  Nama Lokasi -> site_name (confidence 0.90)"]
    assert "  Required columns no header matches: funding_source" in proposal
    assert proposal[-1].startswith("Check this proposal, save it as a profile with `python -m "
                                   f"smartisland.intake.propose --dataset wifi_points {path} --save NAME`")
    assert stored_points(warehouse) == ([], [])


@pytest.mark.parametrize("language, ambiguous, unknown", [
    ("en", "the region name matches several regions; give its district or regency, or pick one: ",
     "region name not recognised; nearest candidates: "),
    ("id", "nama wilayah cocok dengan beberapa wilayah; tulis kecamatan atau kabupatennya, atau pilih: ",
     "nama wilayah tidak dikenal; kandidat terdekat: "),
])
def test_an_unresolvable_name_is_refused_with_its_candidates(folders, tmp_path, language, ambiguous, unknown):
    mappings, warehouse = folders
    rows = [ROWS[0], ROWS[1], [*ROWS[4][:4], "", *ROWS[4][5:]], [*ROWS[1][:5], "Dauh Wary", *ROWS[1][6:]]]
    path = write_list(tmp_path / "wifi.xlsx", rows)
    done = run_loader("--dataset", "wifi_points", "--mapping", "diskominfo_wifi", "--db", warehouse, "--lang",
                      language, path, mappings=mappings)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    # The blank spreadsheet row 5 counts: the two refused rows are rows 4 and 6, as the spreadsheet numbers them.
    assert lines[:2] == [
        f"{path}:4: village_code: {ambiguous}51.02.05.2011 Buahan (Tabanan, Kabupaten Tabanan); 51.04.07.2005 "
        "Buahan (Payangan, Kabupaten Gianyar); 51.06.04.2019 Buahan (Kintamani, Kabupaten Bangli) "
        f"({'value' if language == 'en' else 'nilai'}: Buahan)",
        f"{path}:6: village_code: {unknown}51.01.05.1005 Dauhwaru (Jembrana, Kabupaten Jembrana); 51.71.03.1005 Dauh "
        f"Puri (Denpasar Barat, Kota Denpasar); 51.06.04.2041 Dausa (Kintamani, Kabupaten Bangli) "
        f"({'value' if language == 'en' else 'nilai'}: Dauh Wary / Jembrana)"]
    assert stored_points(warehouse) == ([], [])


def test_an_unknown_mapping_is_named(folders, tmp_path):
    mappings, warehouse = folders
    result = load_with_intake("wifi_points", [write_list(tmp_path / "wifi.xlsx", ROWS)], warehouse, "nope",
                              folder=mappings)
    assert [problem.code for problem in result.result.problems] == ["mapping_not_found"]


def test_the_data_page_function_loads_the_list_and_remembers_a_chosen_alias(folders, tmp_path, monkeypatch):
    mappings, warehouse = folders
    monkeypatch.setenv(MAPPINGS_ENVIRONMENT, str(mappings))
    rows = [ROWS[0], [*ROWS[1][:5], "Dauh Wary", *ROWS[1][6:]], *ROWS[2:]]
    content = write_list(tmp_path / "wifi.xlsx", rows).read_bytes()
    first = load_uploaded("wifi_points", [("wifi.xlsx", content)], warehouse, "ayu", mapping="diskominfo_wifi")
    assert not first.ok
    [(file_name, unresolved)] = first.unresolved
    assert (file_name, unresolved.row, unresolved.village, unresolved.district) == ("wifi.xlsx", 3, "Dauh Wary",
                                                                                    "Jembrana")
    assert unresolved.candidates[0].code == "51.01.05.1005"
    from smartisland.editing.uploads import remember_choices

    remember_choices([(unresolved, "51.01.05.1005")])
    second = load_uploaded("wifi_points", [("wifi.xlsx", content)], warehouse, "ayu", mapping="diskominfo_wifi")
    assert second.ok, [problem.message("en") for problem in second.result.problems]
    points, log = stored_points(warehouse)
    assert points == EXPECTED_POINTS
    assert log == [("wifi_points", "wifi.xlsx", 6, "ayu")]


def test_a_file_in_the_contract_shape_loads_as_it_is_through_intake(folders):
    mappings, warehouse = folders
    sample = ROOT / "provinces" / "51" / "sample" / "wifi_points.csv"
    result = load_with_intake("wifi_points", [sample], warehouse, folder=mappings)
    assert result.result.ok
    assert [item.prepared for item in result.files] == [False]
    assert stored_points(warehouse)[1][0][2] == len(pd.read_csv(sample))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_a_file_in_the_contract_shape_is_read_once_by_the_streaming_loader_not_first_as_a_frame(
        folders, tmp_path, monkeypatch, suffix):
    """Intake looks at the header alone: a large file in the contract's shape is never read whole into pandas."""
    import smartisland.intake.loading as loading

    def read_whole(*arguments, **keywords):
        raise AssertionError("read whole into a frame before the loader")

    monkeypatch.setattr(loading, "read_table", read_whole)
    mappings, warehouse = folders
    frame = pd.read_csv(ROOT / "provinces" / "51" / "sample" / "wifi_points.csv", dtype=str, keep_default_na=False)
    path = tmp_path / f"wifi_points{suffix}"
    {".csv": lambda: frame.to_csv(path, index=False), ".xlsx": lambda: frame.to_excel(path, index=False),
     ".parquet": lambda: frame.to_parquet(path)}[suffix]()
    result = load_with_intake("wifi_points", [path], warehouse, folder=mappings)
    assert result.result.ok, [problem.message("en") for problem in result.problems]
    assert stored_points(warehouse)[1][0][2] == len(frame)
