"""Issue 13 item 7: the published facts in the data are readable on the connectivity page, with source and
provenance, and base-station years the data only estimates say so."""
import pandas as pd

from smartisland.connectivity.official_figures import published_table
from smartisland.report_context import ReportContext, using

NAMES = {"51": "Bali", "51.06": "Kabupaten Bangli", "51.06.04": "Kintamani", "51.07": "Kabupaten Karangasem"}
STATIONS = pd.DataFrame({"year": [2021, 2022], "base_stations": [1536, 1551],
                         "source": ["databoks", "sample (interpolated)"]})


def test_the_province_shows_every_published_fact_and_its_base_stations():
    with using(ReportContext(language="en")):
        table = published_table(STATIONS, "51", NAMES)
    rows = table.values.tolist()
    assert rows[0] == ["Bali's residents (JSC article: 4.3 million)", "Bali", "2 March 2022", "4,300,000",
                       "Jakarta Smart City, 2022", "published"]
    assert ["Villages without signal", "Kabupaten Karangasem", "December 2022", "6", "detik", "published"] in rows
    assert ["Villages with a weak signal", "Kabupaten Karangasem", "December 2022", "56", "detik", "published"] in rows
    assert ["Villages in the province's survey", "Kabupaten Karangasem", "December 2022", "78", "detik",
            "published"] in rows
    assert ["Blank-spot villages (all in Kintamani)", "Kintamani", "2020", "8", "media reports",
            "published"] in rows
    assert rows[-2:] == [["Base stations (BTS)", "Bali", "2021", "1,536", "databoks", "published"],
                         ["Base stations (BTS)", "Bali", "2022", "1,551", "sample (interpolated)", "estimated"]]


def test_a_regency_shows_its_own_facts_in_indonesian():
    with using(ReportContext(language="id")):
        table = published_table(STATIONS.iloc[0:0], "51.06", NAMES)
    assert table["Angka"].tolist() == ["Desa blank spot (semua di Kintamani)",
                                       "Desa blank spot setelah Bangli dinyatakan bebas blank spot"]
    assert table["Kapan"].tolist() == ["2020", "Januari 2024"] and set(table["Asal angka"]) == {"terbit"}
    with using(ReportContext(language="id")):
        assert published_table(STATIONS.iloc[0:0], "51.71", NAMES) is None
