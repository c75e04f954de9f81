
import pandas as pd
from support.service_rows import COLUMNS, FEBRUARY, JANUARY, figures, plain_rows


def test_each_service_and_all_services_together_per_area_and_period(make_warehouse):
    connection = make_warehouse({"service_monthly": [
        figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
        figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
        figures("svc-b", JANUARY, 300, None, 150, None, 60.0, None),
        figures("svc-b", FEBRUARY, None, None, None, 5.0, 70.0, None),
        figures("svc-a", JANUARY, 40, 40, 40, 1.0, 90.0, 5000.0, regency_code="51.01"),
    ]})
    result = connection.execute(f"select {COLUMNS} from service_measures('quarter') "
                                "order by regency_code, service_id nulls first").df()
    quarter, january, february = pd.Timestamp(JANUARY), pd.Timestamp(JANUARY), pd.Timestamp(FEBRUARY)
    assert plain_rows(result) == [
        # All services: svc-b's February median days and IKM have no requests to weigh them, so they are left out.
        ["51", quarter, None, february, 4, 600, 2, 210, 210 / 300, 1, 420 / 600, 2, (4 * 100 + 2 * 200) / 300,
         11 / 3, 1, (80 * 100 + 60 * 300) / 400, 70.0, 2, (10000 * 100 + 8000 * 200) / 300, 9000.0, 1],
        ["51", quarter, "svc-a", february, 2, 300, 1, 210, 0.7, 1, 0.9, 1, 800 / 300, 3.0, 1, 80.0, 80.0, 1,
         2600000 / 300, 9000.0, 1],
        # svc-b reports median days only without requests: no weighted mean, the plain mean is there for it.
        ["51", quarter, "svc-b", february, 2, 300, 1, None, None, 0, 0.5, 1, None, 5.0, 0, 60.0, 65.0, 1, None,
         None, 0],
        ["51.01", quarter, None, january, 1, 40, 1, 40, 1.0, 1, 1.0, 1, 1.0, 1.0, 1, 90.0, 90.0, 1, 5000.0, 5000.0, 1],
        ["51.01", quarter, "svc-a", january, 1, 40, 1, 40, 1.0, 1, 1.0, 1, 1.0, 1.0, 1, 90.0, 90.0, 1, 5000.0, 5000.0,
         1],
    ]
