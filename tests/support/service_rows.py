"""Monthly service figures for the service query tests, and results as plain rows."""
from datetime import date

import pandas as pd


def figures(service_id, month, requests_total=None, requests_online=None, completed=None, median_days=None,
            satisfaction_ikm=None, cost=None, regency_code="51"):
    return {"service_id": service_id, "month": month, "regency_code": regency_code, "requests_total": requests_total,
            "requests_online": requests_online, "completed": completed, "median_days": median_days,
            "satisfaction_ikm": satisfaction_ikm, "cost_per_transaction_idr": cost}


def plain_rows(result):
    """A result as lists, a missing value as None."""
    return [[None if pd.isna(value) else value for value in row] for row in result.itertuples(index=False)]


# The months and columns of tests/queries/test_service_measures.py and its summary test.
JANUARY, FEBRUARY = date(2025, 1, 1), date(2025, 2, 1)
COLUMNS = ("regency_code, period_start, service_id, last_month, months_with_rows, requests_total, "
           "services_reporting_requests, requests_online, digital_take_up, services_reporting_take_up, "
           "completion_rate, services_reporting_completion, median_days, median_days_unweighted, "
           "services_reporting_median_days, satisfaction_ikm, satisfaction_ikm_unweighted, "
           "services_reporting_satisfaction, cost_per_transaction_idr, cost_per_transaction_idr_unweighted, "
           "services_reporting_cost")
