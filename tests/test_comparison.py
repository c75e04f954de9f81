"""The comparison across provinces: the view builder on tiny frames (exact), its chart and table, the province
served switched to NTB (no value of its own), and the SPBE and Transparency pages in AppTest on the sample data."""
import pandas as pd
import pytest
from support.apptest import run_page, visible_texts

from smartisland.comparison import charts, views
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


def test_only_the_province_and_the_average_says_how_to_add_peers():
    result = views.comparison_from_frames("spbe_index", BALI_YEARS, BALI_ONLY, "51", "Bali", NAMES)
    assert result.points.values.tolist() == [
        [2021, "51", "Bali", "province", 3.68, False, "KepMenPANRB 1503/2021"],
        [2023, "51", "Bali", "province", 4.07, False, "KepMenPANRB 13/2024"],
        [2023, "national", "Indonesia (rata-rata nasional)", "national", 2.79, False,
         "KemenPANRB, SPBE evaluation 2023: national average"],
    ]
    assert result.headline == "2023: Bali 4,07; rata-rata nasional 2,79."
    assert result.notes == (
        "Belum ada Indeks SPBE provinsi lain yang dimuat, baru Bali dan rata-rata nasional. Untuk membandingkan "
        "dengan provinsi lain, muat dataset `province_indices` dengan lebih banyak provinsi: file "
        f"`data/national/province_indices.csv`, kolom {COLUMNS}.",)
    # the national source in the reader's language (smartisland/locales/data_text.toml)
    assert result.sources == ("KepMenPANRB 1503/2021", "KepMenPANRB 13/2024",
                              "KemenPANRB, evaluasi SPBE 2023: rata-rata nasional")
    assert result.has_own_value and result.peer_count == 0


def test_peers_are_named_from_the_kemendagri_list_highest_first_and_ranked():
    points = indices([2023, "52", False, 2.5, "B", True], [2023, "51", False, 4.07, "A", False],
                     [2023, "32", False, 4.5, "C", False], [2023, "national", True, 2.79, "N", False])
    summary = years([2023, 4.07, "A", False, 2.79, "N", False, 2, 2, 2.5, 4.5, "B · C"])
    set_language("en")
    result = views.comparison_from_frames("spbe_index", summary, points, "51", "Bali", NAMES)
    assert result.points[["province_code", "name", "role"]].values.tolist() == [
        ["51", "Bali", "province"], ["national", "Indonesia (national average)", "national"],
        ["32", "Jawa Barat", "peer"], ["52", "Nusa Tenggara Barat", "peer"]]
    assert result.headline == ("2023: Bali 4.07; national average 2.79; rank 2 of 3 provinces with a value loaded "
                               "(other provinces: lowest 2.50, highest 4.50).")
    assert result.notes == () and result.peer_count == 2
    table = charts.comparison_table(result.points)
    assert table.values.tolist() == [["2023", "Bali", "4.07", "A"],
                                     ["2023", "Indonesia (national average)", "2.79", "N"],
                                     ["2023", "Jawa Barat", "4.50", "C"],
                                     ["2023", "Nusa Tenggara Barat", "2.50 (unsure)", "B"]]
    figure = charts.comparison_figure(result.points, "spbe_index")
    assert [trace.name for trace in figure.data] == ["Other provinces", "Indonesia (national average)", "Bali"]
    province_trace = figure.data[-1]
    assert list(province_trace.text) == ["4.07"] and province_trace.marker.size == 16
    assert [row[0] for row in figure.data[0].customdata] == ["Jawa Barat", "Nusa Tenggara Barat"]
    assert figure.layout.separators == ".," and list(figure.layout.xaxis.range) == [-0.5, 0.9]


def test_a_province_without_a_value_says_so_and_still_shows_the_national_average(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    summary = years([2021, NONE, None, None, NONE, None, None, 1, None, 3.68, 3.68, "KepMenPANRB 1503/2021"],
                    [2023, NONE, None, None, 2.79, "N", False, 1, None, 4.07, 4.07, "KepMenPANRB 13/2024"])

    def run(name, **params):
        assert params.get("province_code", "52") == "52"
        return summary if name == "province_comparison" else BALI_ONLY

    result = views.province_comparison(run, "spbe_index")
    assert result.province_name == "NTB" and not result.has_own_value and result.headline is None
    assert result.notes == ("Belum ada Indeks SPBE NTB yang dipublikasikan dan dimuat; rata-rata nasional tetap "
                            "ditampilkan.",)
    assert result.points[["year", "name", "role", "value"]].values.tolist() == [
        [2021, "Bali", "peer", 3.68], [2023, "Indonesia (rata-rata nasional)", "national", 2.79],
        [2023, "Bali", "peer", 4.07]]
    only_national = indices([2024, "national", True, 43.34, "IMDI 2024", False])
    alone = views.comparison_from_frames("imdi", years(), only_national, "52", "NTB", NAMES)
    assert alone.notes == (
        "Belum ada IMDI NTB yang dipublikasikan dan dimuat; rata-rata nasional tetap ditampilkan.",
        "Belum ada IMDI provinsi lain yang dimuat juga. Untuk membandingkan provinsi, muat dataset "
        f"`province_indices` dengan lebih banyak provinsi: file `data/national/province_indices.csv`, kolom {COLUMNS}.")
    assert [trace.name for trace in charts.comparison_figure(alone.points, "imdi").data] == [
        "Indonesia (rata-rata nasional)"]


def test_nothing_loaded_says_what_to_load():
    result = views.comparison_from_frames("imdi", years(), indices(), "51", "Bali", NAMES)
    assert result.points.empty and result.headline is None and result.sources == ()
    assert result.notes == (f"Belum ada IMDI yang dimuat untuk provinsi mana pun. Muat dataset `province_indices`: "
                            f"file `data/national/province_indices.csv`, kolom {COLUMNS}.",)


def test_the_kemendagri_list_names_all_38_provinces():
    names = views.province_names()
    assert len(names) == 38 and names["52"] == "Nusa Tenggara Barat" and names["51"] == "Bali"


@pytest.mark.parametrize(("language", "heading", "line", "national"), [
    ("id", "Dibanding provinsi lain", "2023: Bali 4,07; rata-rata nasional 2,79.", "Indonesia (rata-rata nasional)"),
    ("en", "Compared with other provinces", "2023: Bali 4.07; national average 2.79.", "Indonesia (national average)"),
])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_the_spbe_page_shows_bali_beside_the_national_average(monkeypatch, sample_db, language, heading, line,
                                                              national, mode):
    app = run_page(monkeypatch, sample_db, "app_pages/spbe.py", language=language, mode=mode)
    assert heading in [header.value for header in app.header]
    texts = visible_texts(app)
    assert line in texts
    assert any("province_indices" in info.value for info in app.info)  # no peers loaded yet: how to add them
    table = next(frame.value for frame in app.dataframe if national in frame.value.astype(str).values)
    assert table.values.tolist()[:3] == [
        ["2021", "Bali", "3,68" if language == "id" else "3.68", "KepMenPANRB 1503/2021"],
        ["2023", "Bali", "4,07" if language == "id" else "4.07", "KepMenPANRB 13/2024"],
        ["2023", national, "2,79" if language == "id" else "2.79",
         "KemenPANRB, evaluasi SPBE 2023: rata-rata nasional" if language == "id"
         else "KemenPANRB, SPBE evaluation 2023: national average"]]


@pytest.mark.parametrize(("language", "line"), [("id", "2024: Bali 49,05; rata-rata nasional 43,34."),
                                                 ("en", "2024: Bali 49.05; national average 43.34.")])
def test_the_transparency_page_compares_the_imdi_in_public_mode(monkeypatch, sample_db, language, line):
    app = run_page(monkeypatch, sample_db, "app_pages/transparency.py", language=language, mode="public",
                   query={"measure": "imdi"})
    assert line in visible_texts(app)
