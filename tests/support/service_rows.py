"""Monthly service figures for the service query tests, and results as plain rows."""
import pandas as pd


def figures(service_id, month, requests_total=None, requests_online=None, completed=None, median_days=None,
            satisfaction_ikm=None, cost=None, regency_code="51"):
    return {"service_id": service_id, "month": month, "regency_code": regency_code, "requests_total": requests_total,
            "requests_online": requests_online, "completed": completed, "median_days": median_days,
            "satisfaction_ikm": satisfaction_ikm, "cost_per_transaction_idr": cost}


def plain_rows(result):
    """A result as lists, a missing value as None."""
    return [[None if pd.isna(value) else value for value in row] for row in result.itertuples(index=False)]
