"""Shareable and subscribable: an Atom feed per language with one entry per status change and one per newly
published period; sitemap.xml, canonical and hreflang links, meta descriptions; an Open Graph image of the verdict."""
import io
import re
import xml.etree.ElementTree as ElementTree
from datetime import date

import duckdb
import feedparser
import pandas as pd
import pytest
from PIL import Image
from support import FIXTURE_TODAY
from support.site import page_paths

from smartisland.kpis.assessment import KpiDefinition
from smartisland.kpis.scorecard import status_counts
from smartisland.kpis.status import COLOURS
from smartisland.publishing.export import build_site, write_build
from smartisland.publishing.feed import NEW_PERIOD, STATUS_CHANGE, StatusChange, changes_by_kpi, status_changes

SITE = "https://data.example.org/"


@pytest.fixture(scope="module")
def built(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        build = build_site(connection, today=FIXTURE_TODAY, site_address=SITE)
        from smartisland.publishing.export import site_data

        data = site_data(connection, FIXTURE_TODAY)
    write_build(build, out)
    return out, build, data


def test_a_status_change_is_each_period_whose_status_differs_from_the_one_before():
    definition = KpiDefinition(kpi_id="example", direction="higher", baseline_value=0.0,
                               baseline_date=date(2024, 1, 1), target_value=100.0, target_date=date(2025, 12, 31),
                               update_frequency="quarterly")
    values = pd.DataFrame({"period_end": pd.to_datetime(["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31",
                                                         "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]),
                           "value": [12.0, 25.0, 30.0, 31.0, 60.0, 80.0, 100.0, 100.0]})
    assert status_changes(definition, values) == [
        StatusChange(date(2024, 6, 30), "at_risk", "on_track", 25.0),
        StatusChange(date(2024, 9, 30), "on_track", "at_risk", 30.0),
        StatusChange(date(2024, 12, 31), "at_risk", "off_track", 31.0),
        StatusChange(date(2025, 3, 31), "off_track", "at_risk", 60.0),
        StatusChange(date(2025, 6, 30), "at_risk", "on_track", 80.0),
        StatusChange(date(2025, 9, 30), "on_track", "achieved", 100.0),  # and none for the same status again
    ]
    assert status_changes(definition, values.iloc[:1]) == []  # a first assessment is no change


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_feed_parses_and_holds_one_entry_per_status_change_and_per_new_period(built, language):
    site, _, data = built
    feed = feedparser.parse((site / ("en/" if language == "en" else "") / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == ("Kabar janji publik: perubahan status dan data baru" if language == "id"
                               else "Public promises: status changes and new data")
    changes = changes_by_kpi(data.promises, data.values_by_kpi)
    by_kind = {STATUS_CHANGE: [], NEW_PERIOD: []}
    for entry in feed.entries:
        by_kind[entry.tags[0].term].append(entry)
    assert len(by_kind[STATUS_CHANGE]) == sum(len(items) for items in changes.values()) > 0
    assert len(by_kind[NEW_PERIOD]) == int(data.promises["latest_date"].notna().sum())
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    # newest first; each links to its promise's page in the feed's language
    days = [entry.updated_parsed[:3] for entry in feed.entries]
    assert days == sorted(days, reverse=True)
    prefix = SITE + ("en/" if language == "en" else "") + "promises/"
    assert [entry.link for entry in feed.entries if not (entry.link.startswith(prefix) and entry.link.endswith(".html"))] == []
    kpi_id, items = next((kpi_id, items) for kpi_id, items in changes.items() if items)
    last = items[-1]
    entry = next(entry for entry in by_kind[STATUS_CHANGE]
                 if entry.id.endswith(f"#{kpi_id}-{last.period_end.isoformat()}-status"))
    assert entry.link == f"{prefix}{kpi_id}.html"
    now = "kini" if language == "id" else "now"
    assert f": {now} " in entry.title


def test_sitemap_canonical_and_hreflang_agree_and_every_page_has_a_description(built):
    site, build, _ = built
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [element.text for element in root.findall("s:url/s:loc", namespace)]
    pages = page_paths(site)
    assert len(locations) == len(set(locations)) == len(pages)
    descriptions = set()
    for path in pages:
        text = (site / path).read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text)[1]
        assert canonical == SITE + re.sub(r"(^|/)index\.html$", r"\1", path), path
        assert canonical in locations
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))
        assert set(alternates) == {"id", "en", "x-default"} and canonical in alternates.values()
        assert alternates["en"] == SITE + "en/" + alternates["id"].removeprefix(SITE)
        description = re.search(r'<meta name="description" content="([^"]+)">', text)[1]
        assert len(description) >= 40, path
        descriptions.add(description)
    assert len(descriptions) >= len(pages) * 0.8  # pages describe themselves, not one text for all
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE}sitemap.xml\n")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_open_graph_image_shows_the_verdict_at_1200_by_630(built, language):
    site, _, data = built
    home = (site / ("en/" if language == "en" else "") / "index.html").read_text(encoding="utf-8")
    address = re.search(r'<meta property="og:image" content="([^"]+)">', home)[1]
    assert address.startswith(SITE + f"assets/og-{language}.") and address.endswith(".png")
    image = Image.open(io.BytesIO((site / address.removeprefix(SITE)).read_bytes()))
    assert image.format == "PNG" and image.size == (1200, 630)
    # the bar of statuses: each status present in its colour, as wide as its share of the promises
    counts = {status: count for status, count in status_counts(data.promises).items() if count}
    row = [image.getpixel((x, 550)) for x in range(60, 1140)]
    for status, count in counts.items():
        colour = tuple(int(COLOURS[status][index:index + 2], 16) for index in (1, 3, 5))
        assert abs(row.count(colour) - 1080 * count / sum(counts.values())) <= 3, status
    assert 'content="summary_large_image"' in home
    verdict = re.search(r'<p class="verdict">([^<]+)</p>', home)[1]
    assert re.search(r'<meta property="og:description" content="([^"]+)">', home)[1] == verdict
