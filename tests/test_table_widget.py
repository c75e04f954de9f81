"""One table widget with one height formula: a short table shows every row, a long one scrolls (as Streamlit's
own auto height, 400 pixels)."""
from smartisland.ui.widgets import table_height


def test_the_height_fits_the_rows_up_to_the_cap():
    assert [table_height(0), table_height(3), table_height(10)] == [38, 143, 388]
    assert table_height(30, max_height=400) == 400 and table_height(30) == 1088
    assert table_height(4, max_height=400) == table_height(4) == 178


def test_the_widget_names_the_columns_and_fits_the_height(monkeypatch):
    import pandas as pd

    from smartisland.i18n import set_language
    from smartisland.ui import widgets

    shown = []
    monkeypatch.setattr(widgets.st, "dataframe", lambda frame, **options: shown.append((frame, options)))
    set_language("en")
    frame = pd.DataFrame({"village_name": ["Baluk", "Banyubiru"], "population": [3000, 2000], "internal": [1, 2]})
    widgets.table(frame, {"village_name": "connectivity.column.village", "population": "connectivity.column.population"})
    widgets.table(pd.DataFrame({"n": range(25)}))
    widgets.table(pd.DataFrame({"n": range(25)}), max_height=None)
    assert list(shown[0][0].columns) == ["Village", "Residents (estimated)"]  # village figures are estimated
    assert [options["height"] for _, options in shown] == [108, 400, 913]
    assert all(options["hide_index"] and options["width"] == "stretch" for _, options in shown)
