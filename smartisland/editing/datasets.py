"""What the data page shows: every dataset's rows, origin and last load, and the KPIs the team enters by hand
(no Streamlit). `run` is a query runner, `run(name, **params) -> DataFrame`."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smartisland.i18n import format_datetime, format_number, t
from smartisland.kpis.display import kpi_name
from smartisland.kpis.scorecard import MANUAL, QueryRunner

STATUS_LABELS = {"dataset": "data_page.column_dataset", "row_count": "data_page.column_rows",
                 "origin": "data_page.column_origin", "file_name": "data_page.column_file",
                 "last_loaded_at": "data_page.column_loaded_at", "load_count": "data_page.column_loads"}


@dataclass(frozen=True)
class DatasetStatus:
    labels: dict[str, str]  # dataset name -> its title in the language, in the warehouse's order
    table: pd.DataFrame  # for people, with labelled columns


def dataset_status(run: QueryRunner) -> DatasetStatus:
    status = run("dataset_status")
    labels = {name: t(f"dataset.{name}") for name in status["dataset"]}
    table = pd.DataFrame({
        "dataset": [labels[name] for name in status["dataset"]],
        "row_count": [format_number(count, 0) for count in status["row_count"]],
        "origin": [t(f"origin.{origin}") for origin in status["origin"].fillna("none")],
        "file_name": status["file_name"].fillna("").tolist(),
        "last_loaded_at": [format_datetime(moment) for moment in status["last_loaded_at"]],
        "load_count": status["load_count"].tolist(),
    })
    return DatasetStatus(labels, table[list(STATUS_LABELS)].rename(
        columns={name: t(key) for name, key in STATUS_LABELS.items()}))


def manual_kpis(run: QueryRunner) -> dict[str, str]:
    """kpi_id -> name of each KPI whose values the team enters by hand."""
    definitions = run("kpi_definitions")
    return {row["kpi_id"]: kpi_name(row) for _, row in definitions.iterrows() if row["method"] == MANUAL}
