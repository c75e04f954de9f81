"""What the walk of every page at 1440 and 390 pixels found visibly broken, each held by a test."""
import json

import pytest
from support.apptest import run_page

LANGUAGES = ("id", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_regency_chart_leaves_room_for_the_longest_bars_label(monkeypatch, sample_db, language):
    """At 100% the label "✔ 100,0%" sat past the plot's right edge and was cut to "✔ 100."."""
    app = run_page(monkeypatch, sample_db, "app_pages/overview.py", language, query={"regional": "villages_with_wifi"})
    figure = json.loads(app.get("plotly_chart")[-1].proto.spec)
    assert figure["layout"]["xaxis"]["range"] == [0, 120.0]
    assert ("✔ 100,0%" if language == "id" else "✔ 100.0%") in figure["data"][0]["text"]
