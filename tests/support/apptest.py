"""Running the app with AppTest, and reading every text it shows."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from smartisland.i18n import catalog
from support import ROOT


def run_page(monkeypatch, db_path: Path, script: str, language: str = "id", mode: str = "internal",
             query: dict | None = None) -> AppTest:
    """Run app.py (the shared frame) and switch to `script`, as a user following a link would."""
    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", mode)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if language != "id":
        app.query_params["lang"] = language
    for name, value in (query or {}).items():
        app.query_params[name] = value
    # The first run is app.py's: it registers the pages (st.navigation) and sets the language; a page hash set
    # before it would run the page script alone, without the shared frame.
    app.run()
    app.switch_page(script)
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    return app


def visible_texts(app: AppTest) -> list[str]:
    """Every string the page shows: bodies, labels, captions, options, table headers and cells."""
    texts: list[str] = []

    def attribute_of(node, name):
        try:
            value = getattr(node, name, None)
        except Exception:  # some elements (charts with keys) have no readable value outside a run
            return None
        return None if callable(value) else value

    def walk(node) -> None:
        for attribute in ("value", "body", "label", "help", "placeholder", "options"):
            value = attribute_of(node, attribute)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, (list, tuple)):
                texts.extend(str(item) for item in value)
        frame = attribute_of(node, "value")
        if isinstance(frame, pd.DataFrame):  # not any proto with a `columns` field (a custom component's)
            texts.extend(str(column) for column in frame.columns)
            texts.extend(frame.astype(str).to_numpy().ravel().tolist())
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
            walk(child)

    walk(app._tree)
    return texts


KEY_PATTERN = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*\b")


def raw_keys_shown(app: AppTest) -> list[str]:
    """Translation keys that appear as such in the page: a missing translation."""
    keys = set(catalog())
    return sorted({match for text in visible_texts(app) for match in KEY_PATTERN.findall(text) if match in keys})


def url_values(app: AppTest, name: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a single value as a plain string)."""
    value = app.query_params[name]
    return [value] if isinstance(value, str) else list(value)


def request_url_path(app: AppTest, url_path: str) -> AppTest:
    """Ask for a page by its URL path, as a link does, even a page the app has not registered.

    AppTest.switch_page refuses a page st.navigation did not register; a request names the page by the hash
    st.Page makes of its URL path, so that hash is set directly (an AppTest internal).
    """
    app._page_hash = calc_hash(url_path)
    return app
