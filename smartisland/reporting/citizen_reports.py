"""Citizens flag a figure: their reports, in a store of their own, answered and closed by the team (no Streamlit).

The store is its own DuckDB file (config.reports_path, SMARTISLAND_REPORTS_DB), never the warehouse the pages read:
a load, an undo or a rebuild of the warehouse never touches a report, and no page query can reach one. SQL lives in
queries/citizen_reports/, parameters bound by name. A report is kept as text: control characters are removed and
nothing in it is ever read as Markdown or HTML where it is shown. Nothing a citizen writes is shown to the public
until the team answers it; the contact and the client are never shown to the public at all. The client is kept
only as a hash of its address, enough to count its reports in an hour.
"""
from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import pandas as pd

from smartisland.config import QUERIES_DIR, reports_path
from smartisland.i18n import current_language, format_date, format_datetime, t
from smartisland.text import markdown_text

SQL_DIR = QUERIES_DIR / "citizen_reports"
MAX_TEXT_LENGTH = 1000
MAX_CONTACT_LENGTH = 200
MAX_ANSWER_LENGTH = 2000
# The hourly limits: one client, and everyone together (a flood from many clients cannot fill the team's list).
PER_CLIENT_PER_HOUR = 10
TOTAL_PER_HOUR = 200
LIMIT_WINDOW = timedelta(hours=1)
# Everything invisible or that moves the cursor, except the line break a citizen may type: C0 and C1 controls,
# and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# The app's sessions share one process: one report at a time, so two cannot both pass the hourly check.
_writing = threading.Lock()


@dataclass(frozen=True)
class Submitted:
    ok: bool
    message_key: str  # a translation key: what to tell the citizen
    params: tuple[tuple[str, str], ...] = ()
    report_id: str | None = None


def clean_text(value: str | None, keep_line_breaks: bool = True) -> str:
    """Text as text: Unicode composed (NFC), line breaks unified, every other control character removed, trimmed."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    if not keep_line_breaks:
        text = text.replace("\n", " ")
    return text.strip()


def client_key(client: str) -> str:
    """A client's address as a hash: enough to count its reports, never the address itself."""
    return hashlib.sha256(client.encode("utf-8")).hexdigest()[:32]


def report_link(base_url: str, kpi_id: str, language: str) -> str:
    """The link from anywhere (the static site) to the report form of one figure, pre-filled, in a language."""
    return f"{base_url.rstrip('/')}/transparency?" + urlencode({"kpi": kpi_id, "lang": language, "report": "1"})


def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@contextmanager
def store(path: Path | None = None, attempts: int = 50) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store, created on first use. The public app and the team's app are two processes: a
    file another process is writing is tried again for a few seconds rather than failing at once."""
    path = Path(path or reports_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(attempts):
        try:
            connection = duckdb.connect(str(path))
            break
        except duckdb.IOException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)
    try:
        connection.execute(_sql("schema"))
        yield connection
    finally:
        connection.close()


def submit_report(kpi_id: str, text: str, contact: str | None, language: str, client: str, now: datetime,
                  path: Path | None = None) -> Submitted:
    """Keep a citizen's report on one figure, or say why not: empty, too long, or past an hourly limit."""
    report_text = clean_text(text)
    contact_text = clean_text(contact, keep_line_breaks=False) or None
    if not report_text:
        return Submitted(False, "citizen.report.empty")
    if len(report_text) > MAX_TEXT_LENGTH:
        return Submitted(False, "citizen.report.too_long", (("limit", str(MAX_TEXT_LENGTH)),))
    if contact_text and len(contact_text) > MAX_CONTACT_LENGTH:
        return Submitted(False, "citizen.report.contact_too_long", (("limit", str(MAX_CONTACT_LENGTH)),))
    key = client_key(client)
    with _writing, store(path) as connection:
        connection.execute("begin transaction")
        counted = connection.execute(_sql("reports_since"), {"client_key": key, "since": now - LIMIT_WINDOW}).fetchone()
        if counted[0] >= PER_CLIENT_PER_HOUR:
            connection.execute("rollback")
            return Submitted(False, "citizen.report.client_limit", (("limit", str(PER_CLIENT_PER_HOUR)),))
        if counted[1] >= TOTAL_PER_HOUR:
            connection.execute("rollback")
            return Submitted(False, "citizen.report.total_limit")
        report_id = secrets.token_hex(8)
        connection.execute(_sql("report_add"), {
            "report_id": report_id, "kpi_id": kpi_id, "report_text": report_text, "contact": contact_text,
            "language": language, "client_key": key, "created_at": now})
        connection.execute("commit")
    return Submitted(True, "citizen.report.thanks", report_id=report_id)


TEAM_COLUMNS = ("report_id", "kpi_id", "report_text", "contact", "language", "created_at", "answer_id", "answer_en",
                "answered_by", "answered_at", "closed_by", "closed_at")
ANSWERED_COLUMNS = ("report_id", "kpi_id", "report_text", "created_at", "answer_id", "answer_en", "answered_at")


def _read(name: str, columns: tuple[str, ...], path: Path | None) -> pd.DataFrame:
    """A reading of the store; before the first report there is no file, and reading does not make one."""
    if not Path(path or reports_path()).exists():
        return pd.DataFrame(columns=list(columns))
    with store(path) as connection:
        return connection.execute(_sql(name)).df()


def team_reports(path: Path | None = None) -> pd.DataFrame:
    """Every report, for the signed-in team: open first, newest first."""
    return _read("reports_for_team", TEAM_COLUMNS, path)


def answered_reports(path: Path | None = None) -> pd.DataFrame:
    """The answered reports, for the public: what was reported and the answer in both languages, nothing else."""
    return _read("reports_answered", ANSWERED_COLUMNS, path)


def answer_report(report_id: str, answer_id: str, answer_en: str, editor: str, now: datetime,
                  path: Path | None = None) -> Submitted:
    """Publish the team's answer beside the figure, in both languages (both are needed: the page speaks both)."""
    answers = {"answer_id": clean_text(answer_id), "answer_en": clean_text(answer_en)}
    if not all(answers.values()):
        return Submitted(False, "citizen.team.answer_both")
    if any(len(answer) > MAX_ANSWER_LENGTH for answer in answers.values()):
        return Submitted(False, "citizen.report.too_long", (("limit", str(MAX_ANSWER_LENGTH)),))
    with _writing, store(path) as connection:
        connection.execute(_sql("report_answer"), {"report_id": report_id, **answers, "answered_by": editor,
                                                   "answered_at": now})
    return Submitted(True, "citizen.team.answered", report_id=report_id)


def close_report(report_id: str, editor: str, now: datetime, path: Path | None = None) -> Submitted:
    with _writing, store(path) as connection:
        connection.execute(_sql("report_close"), {"report_id": report_id, "closed_by": editor, "closed_at": now})
    return Submitted(True, "citizen.team.closed", report_id=report_id)


def answers_for(answered: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """The answered reports of one figure."""
    return answered[answered["kpi_id"] == kpi_id].reset_index(drop=True)


def report_state(report) -> str:
    """closed, answered or open."""
    if pd.notna(report["closed_at"]):
        return "closed"
    return "answered" if pd.notna(report["answered_at"]) else "open"


def team_counts_text(reports: pd.DataFrame) -> str:
    states = [report_state(report) for _, report in reports.iterrows()]
    return t("citizen.team.counts", open=states.count("open"),
             answered=states.count("answered"), closed=states.count("closed"))


def team_table(reports: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The reports for the team, as a table (shown as data: a cell never reads its text as Markdown)."""
    return pd.DataFrame({
        t("citizen.team.column_received"): [format_datetime(moment)
                                                      for moment in reports["created_at"]],
        t("citizen.team.column_figure"): [names.get(kpi_id, kpi_id) for kpi_id in reports["kpi_id"]],
        t("citizen.team.column_text"): reports["report_text"].tolist(),
        t("citizen.team.column_contact"): reports["contact"].fillna("").tolist(),
        t("citizen.team.column_state"): [t(f"citizen.team.state_{report_state(report)}")
                                                   for _, report in reports.iterrows()],
        t("citizen.team.column_answer"): reports[f"answer_{current_language()}"].fillna("").tolist(),
    })


def public_answer_lines(answered: pd.DataFrame, kpi_id: str) -> list[str]:
    """The answered reports of one figure as Markdown in the language: what was reported and the team's answer,
    both shown as typed."""
    return [t("citizen.report.answered_item", date=format_date(report["created_at"]),
              text=markdown_text(report["report_text"]), answered=format_date(report["answered_at"]),
              answer=markdown_text(report[f"answer_{current_language()}"]))
            for _, report in answers_for(answered, kpi_id).iterrows()]
