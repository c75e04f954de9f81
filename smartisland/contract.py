"""The data contract: every dataset declared once, for the loader, the warehouse and the data dictionary."""
from __future__ import annotations

from dataclasses import dataclass, field

REGION_CODE_PATTERN = r"^51(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
REGION_LEVELS = ("province", "regency", "district", "village")

# Bali, with a margin: a point outside this box is a typing error, not a place in Bali.
BALI_LAT = (-9.0, -7.9)
BALI_LON = (114.3, 115.9)


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


@dataclass(frozen=True)
class Reference:
    """A foreign key from columns of this dataset to the key of another dataset."""
    columns: tuple[str, ...]
    dataset: str
    target_columns: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """A row rule: `column` must not exceed `limit_column` (both present)."""
    column: str
    limit_column: str


@dataclass(frozen=True)
class Dataset:
    name: str
    kind: str  # reference or fact
    load_mode: str  # replace: a load swaps the whole table; append: a load adds rows with new keys
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    is_public: bool = True
    extra_entity_codes: tuple[str, ...] = field(default=())  # codes allowed besides regions, e.g. "national"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _text(name: str, **options) -> Column:
    return Column(name, "text", **options)


def _count(name: str, **options) -> Column:
    return Column(name, "integer", minimum=0, **options)


def _region(name: str, *levels: str, **options) -> Column:
    return Column(name, "text", pattern=REGION_CODE_PATTERN, region_levels=levels, **options)


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

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "regions", "reference", "replace",
        (
            _region("region_code"),
            _text("name"),
            _text("level", allowed=REGION_LEVELS),
            _region("parent_code", "province", "regency", "district", required=False),
            _text("village_type", required=False, allowed=("desa", "kelurahan")),
            Column("lat", "number", minimum=BALI_LAT[0], maximum=BALI_LAT[1]),
            Column("lon", "number", minimum=BALI_LON[0], maximum=BALI_LON[1]),
            _count("population", required=False),
            Column("population_year", "integer", required=False, minimum=2000, maximum=2100),
            _text("location_basis", allowed=("published", "approximate")),
            _text("population_basis", required=False, allowed=("published", "estimated")),
        ),
        key=("region_code",),
    ),
    Dataset(
        "spbe_indicators", "reference", "replace",
        (
            _text("framework_id"),
            Column("indicator_no", "integer", minimum=1, maximum=200),
            _text("name"),
            Column("domain_no", "integer", minimum=1, maximum=20),
            _text("domain"),
            Column("aspect_no", "integer", minimum=1, maximum=50),
            _text("aspect"),
            Column("weight", "number", minimum=0, maximum=100),
            _text("indicator_kind", allowed=("process", "service")),
        ),
        key=("framework_id", "indicator_no"),
    ),
    Dataset(
        "services", "reference", "replace",
        (
            _text("service_id"),
            _text("name_id"),
            _text("name_en"),
            _text("agency"),
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
            _text("kpi_id"),
            _text("area", allowed=KPI_AREAS),
            _text("name_id"),
            _text("name_en"),
            _text("definition_id"),
            _text("definition_en"),
            _text("unit", allowed=KPI_UNITS),
            _text("direction", allowed=("higher", "lower")),
            Column("baseline_value", "number"),
            Column("baseline_date", "date"),
            Column("target_value", "number"),
            Column("target_date", "date"),
            _text("target_source"),
            _text("owner_agency"),
            _text("update_frequency", allowed=UPDATE_FREQUENCIES),
            Column("is_public", "boolean"),
            _text("method"),  # a query in queries/ giving (period_end, value), or "manual" for kpi_values
            _text("regional_method", required=False),  # a query giving the latest value by regency
            Column("is_headline", "boolean"),
        ),
        key=("kpi_id",),
    ),
    Dataset(
        "wifi_points", "fact", "replace",
        (
            _text("point_id"),
            _region("village_code", "village"),
            _text("category", allowed=WIFI_CATEGORIES),
            _text("site_name"),
            Column("lat", "number", minimum=BALI_LAT[0], maximum=BALI_LAT[1]),
            Column("lon", "number", minimum=BALI_LON[0], maximum=BALI_LON[1]),
            Column("bandwidth_mbps", "number", minimum=0, maximum=10000),
            Column("installed_on", "date", not_future=True),
            _text("status", allowed=WIFI_STATUSES),
            Column("decommissioned_on", "date", required=False, not_future=True),
            _text("funding_source", allowed=FUNDING_SOURCES),
            Column("funded_until", "date", required=False),
        ),
        key=("point_id",),
    ),
    Dataset(
        "wifi_usage_monthly", "fact", "append",
        (
            _text("point_id"),
            Column("month", "month", not_future=True),
            _count("unique_users", required=False),
            _count("sessions"),
            Column("traffic_gb", "number", minimum=0),
            Column("uptime_pct", "number", required=False, minimum=0, maximum=100),
        ),
        key=("point_id", "month"),
        references=(Reference(("point_id",), "wifi_points", ("point_id",)),),
    ),
    Dataset(
        "wifi_sessions", "fact", "append",
        (
            _text("point_id"),
            Column("started_at", "timestamp", not_future=True),
            _count("duration_s"),
            _count("bytes"),
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
            _text("site_id"),
            _region("village_code", "village"),
            Column("lat", "number", minimum=BALI_LAT[0], maximum=BALI_LAT[1]),
            Column("lon", "number", minimum=BALI_LON[0], maximum=BALI_LON[1]),
            _text("stage", allowed=BLANK_SPOT_STAGES),
            _text("solution", allowed=BLANK_SPOT_SOLUTIONS),
            _text("owner"),
            Column("stage_date", "date", not_future=True),
            Column("target_date", "date", required=False),
        ),
        key=("site_id",),
    ),
    Dataset(
        "base_stations_yearly", "fact", "replace",
        (
            Column("year", "integer", minimum=2000, maximum=2100),
            _region("region_code", "province", "regency"),
            _count("base_stations"),
            _text("source"),
        ),
        key=("year", "region_code"),
    ),
    Dataset(
        "service_stages", "fact", "replace",
        (
            _text("service_id"),
            Column("maturity_stage", "integer", minimum=1, maximum=4),
            Column("reached_on", "date", not_future=True),
        ),
        key=("service_id", "maturity_stage"),
        references=(Reference(("service_id",), "services", ("service_id",)),),
    ),
    Dataset(
        "service_monthly", "fact", "append",
        (
            _text("service_id"),
            Column("month", "month", not_future=True),
            _region("regency_code", "province", "regency"),
            _count("requests_total", required=False),
            _count("requests_online", required=False),
            _count("completed", required=False),
            Column("median_days", "number", required=False, minimum=0),
            Column("satisfaction_ikm", "number", required=False, minimum=25, maximum=100),
            Column("cost_per_transaction_idr", "number", required=False, minimum=0),
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
            _text("framework_id"),
            Column("indicator_no", "integer", minimum=1, maximum=200),
            Column("level", "integer", minimum=1, maximum=5),
            _text("owner_agency"),
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
            _count("agencies_evaluated", required=False),
            _text("source"),
        ),
        key=("year", "entity_code"),
        extra_entity_codes=("national",),
    ),
    Dataset(
        "kpi_values", "fact", "append",
        (
            _text("kpi_id"),
            Column("period_end", "date", not_future=True),
            Column("value", "number"),
            _text("source"),
            _text("entered_by", is_internal=True),
            Column("entered_at", "timestamp", not_future=True),
            _text("note", required=False, is_internal=True),
        ),
        key=("kpi_id", "period_end"),
        references=(Reference(("kpi_id",), "kpis", ("kpi_id",)),),
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
