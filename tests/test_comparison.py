"""The comparison across provinces: the view builder on tiny frames (exact), its chart and table, the province
served switched to NTB (no value of its own), and the SPBE and Transparency pages in AppTest on the sample data."""
import pandas as pd
import pytest
from support import ROOT
from support.apptest import run_page, visible_texts

from smartisland.comparison import charts, sections
from smartisland.i18n import set_language

NAMES = {"51": "Bali", "52": "Nusa Tenggara Barat", "32": "Jawa Barat"}
COLUMNS = "province_code, measure, year, value, source, is_unsure"


@pytest.fixture(autouse=True)
def indonesian():
    set_language("id")
    yield
    set_language("id")


def indices(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "province_code", "is_national", "value", "source", "is_unsure"])


def years(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "province_value", "province_source", "is_province_unsure",
                                       "national_value", "national_source", "is_national_unsure", "peer_count",
                                       "province_rank", "peer_min", "peer_max", "peer_sources"])


NONE = float("nan")
BALI_ONLY = indices([2021, "51", False, 3.68, "KepMenPANRB 1503/2021", False],
                    [2023, "51", False, 4.07, "KepMenPANRB 13/2024", False],
                    [2023, "national", True, 2.79, "KemenPANRB, SPBE evaluation 2023: national average", False])
BALI_YEARS = years([2021, 3.68, "KepMenPANRB 1503/2021", False, NONE, None, None, 0, 1, NONE, NONE, None],
                   [2023, 4.07, "KepMenPANRB 13/2024", False, 2.79, "KemenPANRB", False, 0, 1, NONE, NONE, None])


def test_fewer_than_three_peers_sets_the_province_beside_the_national_average_in_plain_words():
    with_one_peer = pd.concat([BALI_ONLY, indices([2023, "33", False, 4.26, "KepMenPANRB 13/2024 · detik.com", False])])
    summary = years([2021, 3.68, "KepMenPANRB 1503/2021", False, NONE, None, None, 0, 1, NONE, NONE, None],
                    [2023, 4.07, "KepMenPANRB 13/2024", False, 2.79, "KemenPANRB", False, 1, 2, 4.26, 4.26, "D"])
    result = sections.comparison_from_frames("spbe_index", summary, with_one_peer, "51", "Bali", NAMES)
    # One other province says little: it is not drawn, and no rank is given.
    assert result.points.values.tolist() == [
        [2021, "51", "Bali", "province", 3.68, False, "KepMenPANRB 1503/2021"],
        [2023, "51", "Bali", "province", 4.07, False, "KepMenPANRB 13/2024"],
        [2023, "national", "Indonesia (rata-rata nasional)", "national", 2.79, False,
         "KemenPANRB, SPBE evaluation 2023: national average"],
    ]
    assert result.headline == "2023: Bali 4,07, di atas rata-rata nasional 2,79."
    assert result.earlier == ("2021: Bali 3,68, rata-rata nasional tahun itu tidak ditemukan dalam sumber yang "
                              "diterbitkan.",)
    assert result.notes == ("Kurang dari 3 provinsi lain memiliki Indeks SPBE yang diterbitkan pada tahun yang sama "
                            "dalam data ini, jadi Bali hanya dibandingkan dengan rata-rata nasional.",)
    # the national source in the reader's language (smartisland/locales/data_text.toml)
    assert result.sources == ("KepMenPANRB 1503/2021", "KepMenPANRB 13/2024",
                              "KemenPANRB, evaluasi SPBE 2023: rata-rata nasional")
    assert result.has_own_value and result.peer_count == 0
    below = years([2023, 2.5, "A", False, 2.79, "N", False, 0, 1, NONE, NONE, None])
    set_language("en")
    assert sections.headline(below, "Bali") == "2023: Bali 2.50, below the national average of 2.79."


def test_three_peers_or_more_give_the_rank_the_spread_the_average_and_the_coverage():
    points = indices([2023, "52", False, 2.5, "B", True], [2023, "51", False, 4.07, "A", False],
                     [2023, "32", False, 4.5, "C", False], [2023, "33", False, 4.26, "D", False],
                     [2023, "national", True, 2.79, "N", False])
    summary = years([2023, 4.07, "A", False, 2.79, "N", False, 3, 3, 2.5, 4.5, "B · C · D"])
    set_language("en")
    result = sections.comparison_from_frames("spbe_index", summary, points, "51", "Bali", NAMES | {"33": "Jawa Tengah"})
    assert result.points[["province_code", "name", "role"]].values.tolist() == [
        ["51", "Bali", "province"], ["national", "Indonesia (national average)", "national"],
        ["32", "Jawa Barat", "peer"], ["33", "Jawa Tengah", "peer"], ["52", "Nusa Tenggara Barat", "peer"]]
    assert result.headline == ("2023: Bali 4.07, rank 3 among the 4 of 38 provinces with a published value (from "
                               "2.50 to 4.50); above the national average of 2.79.")
    assert result.notes == () and result.peer_count == 3
    set_language("id")
    assert sections.headline(summary, "Bali") == (
        "2023: Bali 4,07, peringkat 3 di antara 4 dari 38 provinsi yang nilainya diterbitkan (rentang 2,50 sampai "
        "4,50); di atas rata-rata nasional 2,79.")
    set_language("en")
    table = charts.comparison_table(result.points)
    assert table.values.tolist() == [["2023", "Bali", "4.07", "A"],
                                     ["2023", "Indonesia (national average)", "2.79", "N"],
                                     ["2023", "Jawa Barat", "4.50", "C"], ["2023", "Jawa Tengah", "4.26", "D"],
                                     ["2023", "Nusa Tenggara Barat", "2.50 (unsure)", "B"]]
    figure = charts.comparison_figure(result.points, "spbe_index")
    assert [trace.name for trace in figure.data] == ["Other provinces", "Indonesia (national average)", "Bali"]
    province_trace = figure.data[-1]
    assert list(province_trace.text) == ["4.07"] and province_trace.marker.size == 16
    assert [row[0] for row in figure.data[0].customdata] == ["Jawa Barat", "Jawa Tengah", "Nusa Tenggara Barat"]
    assert figure.layout.separators == ".," and list(figure.layout.xaxis.range) == [-0.5, 0.9]


def test_a_province_without_a_value_says_so_and_still_shows_the_national_average(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    summary = years([2021, NONE, None, None, NONE, None, None, 1, None, 3.68, 3.68, "KepMenPANRB 1503/2021"],
                    [2023, NONE, None, None, 2.79, "N", False, 1, None, 4.07, 4.07, "KepMenPANRB 13/2024"])

    def run(name, **params):
        assert params.get("province_code", "52") == "52"
        return summary if name == "province_comparison" else BALI_ONLY

    result = sections.province_comparison(run, "spbe_index")
    assert result.province_name == "NTB" and not result.has_own_value and result.headline is None
    assert result.notes == ("Belum ada Indeks SPBE NTB yang dipublikasikan dan dimuat; rata-rata nasional tetap "
                            "ditampilkan.",)
    assert result.points[["year", "name", "role", "value"]].values.tolist() == [
        [2023, "Indonesia (rata-rata nasional)", "national", 2.79]]
    only_national = indices([2024, "national", True, 43.34, "IMDI 2024", False])
    alone = sections.comparison_from_frames("imdi", years(), only_national, "52", "NTB", NAMES)
    assert alone.notes == ("Belum ada IMDI NTB yang dipublikasikan dan dimuat; rata-rata nasional tetap ditampilkan.",)
    assert [trace.name for trace in charts.comparison_figure(alone.points, "imdi").data] == [
        "Indonesia (rata-rata nasional)"]


def test_nothing_loaded_says_so_without_telling_the_public_what_to_load():
    result = sections.comparison_from_frames("imdi", years(), indices(), "51", "Bali", NAMES)
    assert result.points.empty and result.headline is None and result.sources == ()
    assert result.notes == ("Belum ada IMDI yang diterbitkan untuk provinsi mana pun dalam data ini.",)
    # how to add values is for the team, on the internal Data page
    assert sections.team_note("imdi") == (
        "Perbandingan antarprovinsi (IMDI) membaca dataset `province_indices`: file "
        f"`data/national/province_indices.csv`, kolom {COLUMNS}. Tambahkan hanya nilai yang diterbitkan, dengan "
        "dokumen sumbernya di setiap baris; nilai yang tidak ditemukan dibiarkan kosong.")


PUBLISHED = ROOT / "data" / "national" / "province_indices.csv"


def test_every_published_row_names_its_source_document_and_nothing_is_estimated():
    published = pd.read_csv(PUBLISHED, dtype={"province_code": str})
    assert published["source"].notna().all() and (published["source"].str.strip() != "").all()
    peers = published[published["province_code"] != "national"]
    # every value comes from a decree or the ministry's IMDI release, named in its row
    assert peers["source"].str.contains(r"KepMenPANRB \d+/\d{4}|IMDI \d{4}").all()
    assert not published.duplicated(["province_code", "measure", "year"]).any()
    assert set(peers["province_code"]) <= set(sections.province_names())
    spbe, imdi = published[published["measure"] == "spbe_index"], published[published["measure"] == "imdi"]
    assert spbe["value"].between(0, 5).all() and imdi["value"].between(0, 100).all()
    # the years the sources gave, and how many provinces each year (the national average apart)
    assert peers.groupby(["measure", "year"]).size().to_dict() == {
        ("imdi", 2024): 10, ("imdi", 2025): 3, ("spbe_index", 2021): 2, ("spbe_index", 2022): 8,
        ("spbe_index", 2023): 7, ("spbe_index", 2024): 2}


def test_the_kemendagri_list_names_all_38_provinces():
    names = sections.province_names()
    assert len(names) == 38 and names["52"] == "Nusa Tenggara Barat" and names["51"] == "Bali"


@pytest.mark.parametrize(("language", "heading", "line", "national"), [
    ("id", "Dibanding provinsi lain", "2023: Bali 4,07, peringkat 3 di antara 7 dari 38 provinsi yang nilainya "
     "diterbitkan (rentang 2,89 sampai 4,26); di atas rata-rata nasional 2,79.", "Indonesia (rata-rata nasional)"),
    ("en", "Compared with other provinces", "2023: Bali 4.07, rank 3 among the 7 of 38 provinces with a published "
     "value (from 2.89 to 4.26); above the national average of 2.79.", "Indonesia (national average)"),
])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_the_spbe_page_ranks_bali_among_the_provinces_with_a_published_index(monkeypatch, sample_db, language,
                                                                             heading, line, national, mode):
    app = run_page(monkeypatch, sample_db, "app_pages/spbe.py", language=language, mode=mode)
    assert heading in [header.value for header in app.header]
    texts = visible_texts(app)
    assert line in texts
    assert not any("province_indices" in text or ".csv" in text for text in texts)  # no instruction to the reader
    table = next(frame.value for frame in app.dataframe if national in frame.value.astype(str).values)
    rows = table.values.tolist()
    assert [row for row in rows if row[1] == "Bali"] == [
        ["2021", "Bali", "3,68" if language == "id" else "3.68", "KepMenPANRB 1503/2021"],
        ["2023", "Bali", "4,07" if language == "id" else "4.07", "KepMenPANRB 13/2024"]]
    # 2021 has one other province only: not drawn; 2022 eight, 2023 six and the national average; 2024 the average
    assert [[row[0] for row in rows].count(year) for year in ("2021", "2022", "2023", "2024")] == [1, 8, 8, 1]
    assert all(row[3] for row in rows)  # every row with its source


@pytest.mark.parametrize(("language", "line"), [
    ("id", "2024: Bali 49,05, peringkat 2 di antara 10 dari 38 provinsi yang nilainya diterbitkan (rentang 38,32 "
     "sampai 50,50); di atas rata-rata nasional 43,34."),
    ("en", "2024: Bali 49.05, rank 2 among the 10 of 38 provinces with a published value (from 38.32 to 50.50); "
     "above the national average of 43.34.")])
def test_the_transparency_page_compares_the_imdi_in_public_mode(monkeypatch, sample_db, language, line):
    app = run_page(monkeypatch, sample_db, "app_pages/transparency.py", language=language, mode="public",
                   query={"measure": "imdi"})
    texts = visible_texts(app)
    assert line in texts
    assert not any("province_indices" in text for text in texts)


def test_the_internal_data_page_tells_the_team_where_to_add_provinces(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/data.py", language="en", mode="internal")
    assert any("`data/national/province_indices.csv`" in text and "Add only published values" in text
               for text in visible_texts(app))
