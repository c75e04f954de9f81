"""The team's e-mail digest: weekly, and again when something changes (no Streamlit).

    python -m smartisland.reporting.digest [--dry-run] [--out DIR] [--db PATH] [--secrets PATH]

What it says: the promises that changed status since the last digest, the KPIs whose data has gone stale, the
deadlines within 90 days, the loads since the last digest and the data problems the scorecard found, with links
into the app. To whom and how: `[digest]` in .streamlit/secrets.toml (host, port, starttls, user, password, sender,
app_url, recipients each with a language). A week's digest goes once however often this runs; a change of status
or staleness within the week sends one more. Every message is written into the warehouse (digest_outbox) before
it is tried, and one that could not be sent is tried again at the next run, never lost. Never in public mode.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import smtplib
import ssl
import sys
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime as email_date
from email.utils import make_msgid
from pathlib import Path

import duckdb
import pandas as pd

from smartisland import clock, db, report_context, warehouse
from smartisland.config import PROJECT_ROOT, QUERIES_DIR, app_mode, warehouse_path
from smartisland.i18n import LANGUAGES, current_language, format_date, format_datetime, format_number, has_key, set_language, t
from smartisland.intake.refusals import Refusal, refusals_since
from smartisland.kpis.display import format_kpi_value, kpi_name, period_label, status_label
from smartisland.kpis.scorecard import build_scorecard
from smartisland.kpis.status import MET_STATUSES
from smartisland.report_context import in_language

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
DEADLINE_DAYS = 90
WEEK_DAYS = 7
SMTP_TIMEOUT_SECONDS = 30
WRITES_DIR = QUERIES_DIR / "digest"
# The app's pages a digest links to: the overview is the root; the others by their URL path (ui/navigation.py).
LINKED_PAGES = (("digest.link_overview", ""), ("digest.link_tracker", "tracker"), ("digest.link_data", "data"))


class DigestSettingError(ValueError):
    """[digest] in secrets.toml is missing something or holds something that is not usable."""


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str


@dataclass(frozen=True)
class DigestSettings:
    host: str
    port: int
    starttls: bool
    user: str
    password: str
    sender: str
    recipients: tuple[Recipient, ...]
    app_url: str


def settings_from(table: dict) -> DigestSettings:
    """The [digest] table as settings; DigestSettingError naming what is wrong."""
    for name in ("host", "sender", "recipients"):
        if not table.get(name):
            raise DigestSettingError(f"`{name}` is missing")
    recipients = []
    for number, entry in enumerate(table["recipients"], start=1):
        entry = {"address": entry} if isinstance(entry, str) else entry
        if not isinstance(entry, dict) or "@" not in str(entry.get("address", "")):
            raise DigestSettingError(f"recipient {number}: `address` must be an e-mail address")
        language = entry.get("language", LANGUAGES[0])
        if language not in LANGUAGES:
            raise DigestSettingError(f"recipient {number}: `language` must be one of {', '.join(LANGUAGES)}")
        recipients.append(Recipient(str(entry["address"]), language))
    try:
        port = int(table.get("port", 587))
    except (TypeError, ValueError):
        raise DigestSettingError("`port` must be a number") from None
    return DigestSettings(host=str(table["host"]), port=port, starttls=bool(table.get("starttls", True)),
                          user=str(table.get("user", "")), password=str(table.get("password", "")),
                          sender=str(table["sender"]), recipients=tuple(recipients),
                          app_url=str(table.get("app_url", "")).rstrip("/"))


def read_settings(path: Path = SECRETS_FILE) -> DigestSettings | None:
    """The digest's settings from a secrets file; None when there is no file or no [digest] in it."""
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("digest")
    return None if table is None else settings_from(table)


# ---------------------------------------------------------------- when a digest is due


def period_of(day: date) -> str:
    """The ISO week a day falls in, `2026-W48`: a digest's period."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def statuses_of(card: pd.DataFrame) -> dict[str, str]:
    return {row["kpi_id"]: row["status"] for _, row in card.iterrows()}


def fingerprint(card: pd.DataFrame) -> str:
    """What a change is measured by: every KPI's status and which KPIs' data is stale."""
    state = {"statuses": statuses_of(card), "stale": sorted(card.loc[card["is_stale"].astype(bool), "kpi_id"])}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Due:
    key: str  # the period, or the period and the state it reports
    kind: str  # weekly or change
    period: str


def due(outbox: pd.DataFrame, today: date, state: str) -> Due | None:
    """The digest to send now: the week's when none has been written this week, one more when the state changed
    since the last one written, else none."""
    period = period_of(today)
    if not (outbox["period"] == period).any():
        return Due(period, "weekly", period)
    latest = outbox.sort_values("created_at").iloc[-1]
    if latest["fingerprint"] != state:
        return Due(f"{period}-{state[:8]}", "change", period)
    return None


def last_digest_moment(outbox: pd.DataFrame, today: date) -> datetime:
    """Since when the digest reports refused loads: its last message, or before the first one, a week."""
    if len(outbox):
        return pd.Timestamp(outbox["created_at"].max()).to_pydatetime()
    return datetime.combine(today - timedelta(days=WEEK_DAYS), datetime.min.time())


def previous_statuses(outbox: pd.DataFrame) -> dict[str, str] | None:
    """The statuses the last digest reported; None before the first."""
    if outbox.empty:
        return None
    return json.loads(outbox.sort_values("created_at").iloc[-1]["statuses"])


def unsent(outbox: pd.DataFrame) -> pd.DataFrame:
    """The messages written but never sent, oldest first: each is tried again."""
    return outbox[outbox["sent_at"].isna()]


# ---------------------------------------------------------------- what it says


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def changed_section(card: pd.DataFrame, before: dict[str, str]) -> Section:
    lines = [t("digest.changed_line", name=kpi_name(row),
               before=status_label(before[row["kpi_id"]]), after=status_label(row["status"]))
             for _, row in card.iterrows() if before.get(row["kpi_id"], row["status"]) != row["status"]]
    return Section(t("digest.changed_title"), lines or [t("digest.changed_none")])


def stale_section(card: pd.DataFrame) -> Section:
    lines = [t("digest.stale_line", name=kpi_name(row),
               period=period_label(row["latest_date"], row["update_frequency"]),
               frequency=t(f"frequency.{row['update_frequency']}"), owner=row["owner_agency"])
             for _, row in card.iterrows() if bool(row["is_stale"])]
    return Section(t("digest.stale_title"), lines or [t("digest.stale_none")])


def deadlines_section(card: pd.DataFrame, today: date) -> Section:
    """The targets not yet met whose date falls within DEADLINE_DAYS, soonest first."""
    lines = []
    for _, row in card.sort_values("target_date").iterrows():
        days = (pd.Timestamp(row["target_date"]).date() - today).days
        if 0 <= days <= DEADLINE_DAYS and row["status"] not in MET_STATUSES:
            lines.append(t("digest.deadline_line", name=kpi_name(row),
                           target=format_kpi_value(row["target_value"], row["unit"]),
                           date=format_date(row["target_date"]), days=format_number(days, 0),
                           status=status_label(row["status"]), owner=row["owner_agency"]))
    return Section(t("digest.deadlines_title", days=DEADLINE_DAYS),
                   lines or [t("digest.deadlines_none", days=DEADLINE_DAYS)])


def action_words(action: str) -> str:
    """What a load did, in words (`build`: the warehouse built from the folder; `load`: a file loaded)."""
    return t(f"digest.action_{action}") if has_key(f"digest.action_{action}") else str(action)


def refusal_line(refusal: Refusal) -> str:
    """One refused load: when, what, by whom, how many problems, and the first of them in the reader's language."""
    return t("digest.refused_line", when=format_datetime(refusal.at),
             dataset=t(f"dataset.{refusal.dataset}") if has_key(f"dataset.{refusal.dataset}") else refusal.dataset,
             file=", ".join(refusal.files), count=format_number(refusal.problem_count, 0),
             who=refusal.loaded_by or t("digest.command_line"),
             problem=refusal.problems[0].message() if refusal.problems else "")


def loads_section(loads: pd.DataFrame, card: pd.DataFrame, refused: list[Refusal] | None = None) -> Section:
    """The loads since the last digest and the loads refused since then, then the data problems the scorecard
    found in the warehouse they left."""
    lines = [t("digest.load_line", when=format_datetime(row["loaded_at"]),
               dataset=row["datasets"], file=row["file_names"], rows=format_number(row["row_count"], 0),
               action=action_words(row["action"]), who=row["loaded_by"])
             for _, row in loads.iterrows()] or [t("digest.loads_none")]
    lines += [refusal_line(refusal) for refusal in refused or []]
    problems = [t("digest.problem_line", name=kpi_name(row), problem=row["data_problem"])
                for _, row in card.iterrows() if not _missing(row["data_problem"])]
    return Section(t("digest.loads_title"), lines + (problems or [t("digest.problems_none")]))


def links_section(app_url: str) -> Section:
    if not app_url:
        return Section(t("digest.links_title"), [t("digest.no_app_url")])
    return Section(t("digest.links_title"),
                   [f"{t(key)}: {app_url}/{path}?lang={current_language()}" for key, path in LINKED_PAGES])


def sections(card: pd.DataFrame, before: dict[str, str], loads: pd.DataFrame, today: date, app_url: str,
             refused: list[Refusal] | None = None) -> list[Section]:
    return [changed_section(card, before), stale_section(card),
            deadlines_section(card, today), loads_section(loads, card, refused),
            links_section(app_url)]


def body_text(parts: list[Section], today: date) -> str:
    blocks = [t("digest.greeting", date=format_date(today))]
    for section in parts:
        blocks.append("\n".join([section.title, "-" * len(section.title), *(f"- {line}" for line in section.lines)]))
    blocks.append(t("digest.footer"))
    return "\n\n".join(blocks) + "\n"


def compose(parts: list[Section], today: date, digest: Due, recipient: Recipient, sender: str,
            moment: datetime) -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = t(f"digest.subject_{digest.kind}", period=digest.period)
    message["From"] = sender
    message["To"] = recipient.address
    message["Date"] = email_date(moment.astimezone())
    message["Message-ID"] = make_msgid(idstring=digest.key, domain=sender.rsplit("@", 1)[-1])
    message.set_content(body_text(parts, today))
    message["Content-Language"] = recipient.language  # after the content, which replaces every Content- header
    return message


# ---------------------------------------------------------------- the warehouse's record, and sending


def _write_sql(name: str) -> str:
    return (WRITES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _read_state(db_path: Path, today: date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The scorecard today and a week ago, the outbox, and the loads since the last digest."""
    with db.reading(db_path) as connection:
        def run(name: str, **params) -> pd.DataFrame:
            return db.execute_query(connection, name, **params)

        definitions = run("kpi_definitions")
        card, _ = build_scorecard(definitions, run, today)
        week_ago = today - timedelta(days=WEEK_DAYS)
        card_week_ago, _ = build_scorecard(definitions, run, week_ago, week_ago)
        return card, card_week_ago, run("digest_outbox"), run("digest_loads")


def _ensure_outbox(db_path: Path) -> None:
    """A warehouse made before the digest existed gets its table (a bookkeeping change: no data changes)."""
    with db.reading(db_path) as connection:
        try:
            db.execute_query(connection, "digest_outbox")
            return
        except duckdb.CatalogException:
            pass
    with warehouse.change(db_path, record_only=True):
        pass  # opening a change creates the schema's missing tables


def send_messages(settings: DigestSettings, messages: list[tuple[str, str, str]]) -> dict[tuple[str, str], str | None]:
    """Send (digest_key, recipient, message text) by SMTP over one connection; per message, None when sent or why
    not. A connection that cannot be made fails every message (each is tried again at the next run)."""
    results: dict[tuple[str, str], str | None] = {}
    if not messages:
        return results
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS) as server:
            if settings.starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password)
            for key, recipient, text in messages:
                message = BytesParser(policy=policy.SMTP).parsebytes(text.encode("utf-8"))
                try:
                    server.send_message(message, from_addr=settings.sender, to_addrs=[recipient])
                    results[(key, recipient)] = None
                except smtplib.SMTPException as error:
                    results[(key, recipient)] = _error_text(error)
    except (OSError, smtplib.SMTPException) as error:
        for key, recipient, _ in messages:
            results.setdefault((key, recipient), _error_text(error))
    return results


def _error_text(error: Exception) -> str:
    return (f"{type(error).__name__}: {error}".strip().splitlines() or [type(error).__name__])[0][:300]


def _record_new(db_path: Path, digest: Due, state: str, card: pd.DataFrame,
                new: list[tuple[Recipient, EmailMessage]], moment: datetime) -> None:
    """Write the new messages before they are tried: one that fails, or a run that is stopped, goes next time."""
    with warehouse.change(db_path, record_only=True) as connection:
        for recipient, message in new:
            connection.execute(_write_sql("digest_outbox_add"), {
                "digest_key": digest.key, "recipient": recipient.address, "language": recipient.language,
                "kind": digest.kind, "period": digest.period, "fingerprint": state,
                "statuses": json.dumps(statuses_of(card), sort_keys=True), "message": message.as_string(),
                "created_at": moment})


@dataclass(frozen=True)
class DigestRun:
    code: int  # 0: all sent or nothing due; 1: a message could not be sent (kept for the next run); 2: refused
    lines: list[str]  # what happened, for the person or the scheduler running it


def run_digest(settings: DigestSettings, db_path: Path, as_of: date | None = None, dry_run: bool = False,
               out_dir: Path | None = None) -> DigestRun:
    """Send the digest that is due on `as_of` (default: today) and every one that failed before; or, with
    `dry_run`, write the due digest's messages as .eml files into `out_dir` and record and send nothing."""
    if app_mode() != "internal":
        return DigestRun(2, [t("digest.public_mode")])
    today = report_context.current().with_as_of(as_of).today
    _ensure_outbox(db_path)
    card, card_week_ago, outbox, loads = _read_state(db_path, today)
    state = fingerprint(card)
    digest = due(outbox, today, state)
    before = previous_statuses(outbox) or statuses_of(card_week_ago)
    refused = refusals_since(db_path, last_digest_moment(outbox, today))
    moment = clock.now()
    new = []
    if digest is not None:
        for recipient in settings.recipients:
            with in_language(recipient.language):
                parts = sections(card, before, loads, today, settings.app_url, refused)
                new.append((recipient, compose(parts, today, digest, recipient, settings.sender, moment)))
    if dry_run:
        folder = out_dir or Path("digest")
        folder.mkdir(parents=True, exist_ok=True)
        for recipient, message in new:
            (folder / f"digest-{digest.key}-{recipient.address}.eml").write_bytes(message.as_bytes())
        return DigestRun(0, [t("digest.dry_run", count=len(new), folder=folder)])
    if digest is None and unsent(outbox).empty:
        return DigestRun(0, [t("digest.nothing_due", period=period_of(today))])
    if new:
        _record_new(db_path, digest, state, card, new, moment)
    waiting = [(row["digest_key"], row["recipient"], row["message"]) for _, row in unsent(outbox).iterrows()]
    waiting += [(digest.key, recipient.address, message.as_string()) for recipient, message in new]
    results = send_messages(settings, waiting)
    with warehouse.change(db_path, record_only=True) as connection:
        for (key, recipient), error in results.items():
            connection.execute(_write_sql("digest_outbox_attempt"), {
                "digest_key": key, "recipient": recipient, "sent_at": None if error else clock.now(),
                "last_error": error})
    lines = [t("digest.failed", key=key, recipient=recipient, error=error) if error else
             t("digest.sent", key=key, recipient=recipient) for (key, recipient), error in results.items()]
    return DigestRun(1 if any(results.values()) else 0, lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.reporting.digest", description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="write the messages as .eml files; send nothing")
    parser.add_argument("--out", type=Path, default=Path("digest"), help="the folder of --dry-run (default: digest/)")
    parser.add_argument("--db", type=Path, default=None, help="the warehouse (default: SMARTISLAND_DB or data/)")
    parser.add_argument("--secrets", type=Path, default=SECRETS_FILE, help="the settings file ([digest])")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SMARTISLAND_LANG", LANGUAGES[0]),
                        help="language of this command's messages (default: SMARTISLAND_LANG, else id)")
    args = parser.parse_args(argv)
    set_language(args.lang)
    if app_mode() != "internal":
        print(t("digest.public_mode"), file=sys.stderr)
        return 2
    try:
        settings = read_settings(args.secrets)
    except (DigestSettingError, tomllib.TOMLDecodeError) as error:
        print(t("digest.bad_setting", problem=error), file=sys.stderr)
        return 2
    if settings is None:
        print(t("digest.not_configured"), file=sys.stderr)
        return 2
    db_path = args.db or warehouse_path()
    if not db_path.exists():
        print(t("common.warehouse_missing", path=db_path), file=sys.stderr)
        return 1
    result = run_digest(settings, db_path, dry_run=args.dry_run, out_dir=args.out)
    for line in result.lines:
        print(line, file=sys.stderr if result.code else sys.stdout)
    return result.code


if __name__ == "__main__":
    sys.exit(main())
