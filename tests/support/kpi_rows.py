"""Tiny rows for the KPI query tests: two regencies, three villages."""
from datetime import date

import pandas as pd

from support.connectivity_rows import region

REGIONS = [
    region("51", "Provinsi Bali", "province"),
    region("51.01", "Kabupaten Jembrana", "regency", "51"),
    region("51.71", "Kota Denpasar", "regency", "51"),
    region("51.01.01", "Negara", "district", "51.01"),
    region("51.71.01", "Denpasar Selatan", "district", "51.71"),
    region("51.01.01.2001", "Baluk", "village", "51.01.01", "desa"),
    region("51.01.01.2002", "Banyubiru", "village", "51.01.01", "desa"),
    region("51.71.01.1001", "Sesetan", "village", "51.71.01", "kelurahan"),
]


def wifi_point(point_id, village_code, installed_on, decommissioned_on=None, bandwidth_mbps=50.0):
    return {"point_id": point_id, "village_code": village_code, "category": "desa_adat", "site_name": point_id,
            "lat": -8.4, "lon": 115.2, "bandwidth_mbps": bandwidth_mbps, "installed_on": installed_on,
            "status": "decommissioned" if decommissioned_on else "active", "decommissioned_on": decommissioned_on,
            "funding_source": "province", "funded_until": None}


def usage(point_id, month, uptime_pct):
    return {"point_id": point_id, "month": month, "unique_users": 1, "sessions": 1, "traffic_gb": 1.0,
            "uptime_pct": uptime_pct}


def survey(village_code, surveyed_on, best_technology, signal_quality, source="province"):
    return {"village_code": village_code, "surveyed_on": surveyed_on, "source": source,
            "best_technology": best_technology, "signal_quality": signal_quality}


def service_month(service_id, month, regency_code="51", requests_total=None, requests_online=None, completed=None,
                  satisfaction_ikm=None):
    return {"service_id": service_id, "month": month, "regency_code": regency_code, "requests_total": requests_total,
            "requests_online": requests_online, "completed": completed, "median_days": None,
            "satisfaction_ikm": satisfaction_ikm, "cost_per_transaction_idr": None}


def published(year, entity_code, index_value, certainty="official", source="KepMenPANRB"):
    return {"year": year, "entity_code": entity_code, "index_value": index_value, "certainty": certainty,
            "agencies_evaluated": None, "source": source}


def rows(frame):
    """A result as plain tuples, dates as ISO text, numbers rounded to 4 places, a missing value as None (pandas 2
    gives missing text as None, pandas 3 as NaN)."""
    def plain(value):
        if pd.api.types.is_scalar(value) and pd.isna(value):
            return None
        if hasattr(value, "date") and callable(value.date):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            return round(value, 4)
        return value
    return [tuple(plain(value) for value in row) for row in frame.itertuples(index=False, name=None)]
