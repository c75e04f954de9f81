"""A tiny Bali for the connectivity query tests: two regencies, four villages, their Wi-Fi points and surveys."""
from datetime import date


def region(code, name, level, parent=None, village_type=None, population=None):
    return {"region_code": code, "name": name, "level": level, "parent_code": parent, "village_type": village_type,
            "lat": -8.5, "lon": 115.0, "population": population, "population_year": 2025 if population else None,
            "location_basis": "approximate", "population_basis": "estimated" if population else None}


REGIONS = [
    region("51", "Provinsi Bali", "province"),
    region("51.01", "Kabupaten Jembrana", "regency", "51"),
    region("51.71", "Kota Denpasar", "regency", "51"),
    region("51.01.01", "Negara", "district", "51.01"),
    region("51.71.01", "Denpasar Selatan", "district", "51.71"),
    region("51.01.01.2001", "Baluk", "village", "51.01.01", "desa", 3000),
    region("51.01.01.2002", "Banyubiru", "village", "51.01.01", "desa", 2000),
    region("51.71.01.1001", "Sanur", "village", "51.71.01", "kelurahan", 9000),
    region("51.71.01.1002", "Sesetan", "village", "51.71.01", "kelurahan", 5000),
]


def _point(point_id, village_code, category, site_name, bandwidth, installed_on, status, funding_source,
           funded_until, decommissioned_on=None):
    return {"point_id": point_id, "village_code": village_code, "category": category, "site_name": site_name,
            "lat": -8.5, "lon": 115.0, "bandwidth_mbps": bandwidth, "installed_on": installed_on, "status": status,
            "decommissioned_on": decommissioned_on, "funding_source": funding_source, "funded_until": funded_until}


# wf-1 lost its provincial funding at the end of 2024; wf-2 is down; wf-4 was decommissioned at the end of 2021.
WIFI_POINTS = [
    _point("wf-1", "51.01.01.2001", "desa_adat", "Wantilan Baluk", 50, date(2019, 4, 10), "active", "province",
           date(2024, 12, 31)),
    _point("wf-2", "51.01.01.2002", "puskesmas", "Puskesmas Banyubiru", 20, date(2019, 6, 1), "down", "regency",
           date(2026, 12, 31)),
    _point("wf-3", "51.71.01.1001", "school", "SMA Negeri 1 Denpasar", 50, date(2022, 1, 15), "active", "regency",
           None),
    _point("wf-4", "51.71.01.1001", "tourist_site", "Pantai Sanur", 10, date(2019, 3, 1), "decommissioned",
           "province", date(2021, 12, 31), decommissioned_on=date(2021, 12, 31)),
]


def _survey(village_code, surveyed_on, source, technology, quality):
    return {"village_code": village_code, "surveyed_on": surveyed_on, "source": source,
            "best_technology": technology, "signal_quality": quality}


# Baluk: the province finds good 4G, BAKTI a month later weak 3G (they disagree).
# Banyubiru: no signal in 2023, a good 3G signal in 2025 (province only). Sanur: good for both sources, same day.
# Sesetan: never surveyed.
SIGNAL_SURVEYS = [
    _survey("51.01.01.2001", date(2024, 6, 1), "province", "4g", "good"),
    _survey("51.01.01.2001", date(2024, 7, 1), "bakti", "3g", "weak"),
    _survey("51.01.01.2002", date(2023, 5, 1), "province", "none", "none"),
    _survey("51.01.01.2002", date(2025, 5, 1), "province", "3g", "good"),
    _survey("51.71.01.1001", date(2025, 5, 1), "province", "4g", "good"),
    _survey("51.71.01.1001", date(2025, 5, 1), "operator", "5g", "good"),
]


def _site(site_id, village_code, stage, solution, owner, stage_date, target_date):
    return {"site_id": site_id, "village_code": village_code, "lat": -8.5, "lon": 115.0, "stage": stage,
            "solution": solution, "owner": owner, "stage_date": stage_date, "target_date": target_date}


# On 31 October 2026 bs-1 is late; bs-2 is due later; bs-3 is verified (late, but done); bs-4 has no target.
BLANK_SPOT_SITES = [
    _site("bs-1", "51.01.01.2001", "identified", "vsat", "Diskominfos Bali", date(2025, 1, 10), date(2026, 6, 30)),
    _site("bs-2", "51.01.01.2002", "planned", "bts", "BAKTI Kominfo", date(2026, 2, 1), date(2027, 3, 31)),
    _site("bs-3", "51.01.01.2001", "verified", "bts", "Telkomsel", date(2024, 5, 1), date(2024, 3, 31)),
    _site("bs-4", "51.71.01.1001", "built", "fiber", "Telkomsel", date(2026, 8, 1), None),
]

AS_OF = date(2026, 10, 31)


# The surveys tests/queries/test_coverage_by_quarter.py and its summary test count at every quarter end.
def quarter_survey(village_code, surveyed_on, source, technology, quality):
    return {"village_code": village_code, "surveyed_on": surveyed_on, "source": source,
            "best_technology": technology, "signal_quality": quality}


QUARTER_SURVEYS = [
    quarter_survey("51.01.01.2002", date(2023, 5, 1), "province", "none", "none"),
    quarter_survey("51.01.01.2001", date(2023, 5, 1), "province", "4g", "good"),
    quarter_survey("51.01.01.2001", date(2023, 8, 20), "bakti", "3g", "weak"),
    quarter_survey("51.01.01.2002", date(2023, 11, 10), "province", "4g", "weak"),
]
