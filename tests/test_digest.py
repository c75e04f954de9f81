"""The team's digest, sent to a real SMTP server on a loopback port (aiosmtpd): once per week per recipient in
the recipient's language however often it runs, one more when something changes, a failure reported and sent at
the next run; never from public mode; --dry-run writes .eml files and records nothing."""
from __future__ import annotations

import shutil
import socket
from datetime import date, datetime, timedelta
from email import policy
from email.parser import BytesParser

import duckdb
import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from support import FIXTURE_TODAY

from smartisland.db import execute_query
from smartisland.report_context import ReportContext, using
from smartisland.reporting import digest

SECTION_TITLES = {
    "id": ["Janji yang berubah status", "Data yang sudah usang", "Tenggat dalam 90 hari",
           "Muatan data terakhir dan masalahnya", "Buka di dasbor"],
    "en": ["Promises that changed status", "Data gone stale", "Deadlines within 90 days",
           "The last data loads and their problems", "Open in the dashboard"],
}


class Collector:
    """An SMTP handler that keeps every message it is given."""

    def __init__(self):
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_server(smtp_port):
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def warehouse_copy(sample_db, tmp_path):
    """A copy of the sample warehouse the digest may write its record into."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy2(sample_db, path)
    return path


def settings(port: int) -> digest.DigestSettings:
    return digest.settings_from({
        "host": "127.0.0.1", "port": port, "starttls": False, "sender": "dasbor@diskominfo.example",
        "app_url": "https://dashboard.example/",
        "recipients": [{"address": "ayu@example.org", "language": "id"},
                       {"address": "team@example.org", "language": "en"}]})


def parsed(content: bytes):
    return BytesParser(policy=policy.default).parsebytes(content)


def outbox(path) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as connection:
        return execute_query(connection, "digest_outbox")


def test_the_digest_goes_once_to_each_recipient_in_their_language_however_often_it_runs(
        monkeypatch, smtp_server, smtp_port, warehouse_copy):
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    with using(ReportContext(language="en")):
        first = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    with using(ReportContext(language="en")):
        second = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    assert first.code == 0 and sorted(first.lines) == ["Digest 2026-W48 sent to ayu@example.org.",
                                                       "Digest 2026-W48 sent to team@example.org."]
    assert second.code == 0 and second.lines == ["No digest due: week 2026-W48 was sent and nothing changed."]
    assert sorted(recipients for recipients, _ in smtp_server.received) == [["ayu@example.org"], ["team@example.org"]]
    for recipients, content in smtp_server.received:
        language = "id" if recipients == ["ayu@example.org"] else "en"
        other = "en" if language == "id" else "id"
        message = parsed(content)
        assert message["Subject"] == {"id": "[Bali Smart Island] Intisari mingguan 2026-W48",
                                      "en": "[Bali Smart Island] Weekly digest 2026-W48"}[language]
        assert message["Content-Language"] == language
        body = message.get_content().replace("\r\n", "\n")
        positions = [body.index(f"{title}\n") for title in SECTION_TITLES[language]]
        assert positions == sorted(positions)  # every section, in order
        assert not any(f"{title}\n" in body for title in SECTION_TITLES[other])
        assert f"https://dashboard.example/tracker?lang={language}" in body
        # The sample has KPIs due on 31 December 2026, 33 days after the fixed day.
        assert {"id": "(33 hari lagi)", "en": "(33 days left)"}[language] in body
        # Before any digest, the last load: the sample warehouse's build, said in words.
        assert {"id": "dibangun ulang dari folder data", "en": "rebuilt from the data folder"}[language] in body
    record = outbox(warehouse_copy)
    assert record[["digest_key", "recipient", "language", "kind", "attempts"]].values.tolist() == [
        ["2026-W48", "ayu@example.org", "id", "weekly", 1], ["2026-W48", "team@example.org", "en", "weekly", 1]]
    assert record["sent_at"].notna().all() and record["last_error"].isna().all()


def test_the_next_week_has_its_own_digest(monkeypatch, smtp_server, smtp_port, warehouse_copy):
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    with using(ReportContext(language="en")):
        later = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY + timedelta(days=7))
    assert later.code == 0 and sorted(later.lines) == ["Digest 2026-W49 sent to ayu@example.org.",
                                                       "Digest 2026-W49 sent to team@example.org."]
    subjects = sorted(parsed(content)["Subject"] for _, content in smtp_server.received)
    assert subjects == ["[Bali Smart Island] Intisari mingguan 2026-W48", "[Bali Smart Island] Intisari mingguan 2026-W49",
                        "[Bali Smart Island] Weekly digest 2026-W48", "[Bali Smart Island] Weekly digest 2026-W49"]


def test_a_failure_to_send_is_reported_kept_and_sent_at_the_next_run(monkeypatch, smtp_port, warehouse_copy):
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    with using(ReportContext(language="en")):
        down = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)  # no server yet
    assert down.code == 1
    assert len(down.lines) == 2 and all("could NOT be sent" in line and "tried again at the next run" in line
                                        for line in down.lines)
    kept = outbox(warehouse_copy)
    assert kept["attempts"].tolist() == [1, 1] and kept["sent_at"].isna().all()
    assert kept["last_error"].str.contains("ConnectionRefusedError").all()

    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with using(ReportContext(language="en")):
            again = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
        with using(ReportContext(language="en")):
            after = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    finally:
        controller.stop()
    assert again.code == 0 and sorted(again.lines) == ["Digest 2026-W48 sent to ayu@example.org.",
                                                       "Digest 2026-W48 sent to team@example.org."]
    assert after.lines == ["No digest due: week 2026-W48 was sent and nothing changed."]
    # The very messages written before the failure, not new ones.
    stored_ids = sorted(parsed(text.encode())["Message-ID"] for text in kept["message"])
    assert sorted(parsed(content)["Message-ID"] for _, content in handler.received) == stored_ids
    sent = outbox(warehouse_copy)
    assert sent["attempts"].tolist() == [2, 2] and sent["sent_at"].notna().all() and sent["last_error"].isna().all()


def test_the_record_keeps_no_backup_so_undo_still_goes_back_to_before_the_last_load(
        monkeypatch, smtp_server, smtp_port, warehouse_copy):
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    assert list(warehouse_copy.parent.glob(f"{warehouse_copy.name}.before-*")) == []


def test_public_mode_never_sends(monkeypatch, smtp_server, smtp_port, warehouse_copy):
    monkeypatch.setenv("SMARTISLAND_MODE", "public")
    with using(ReportContext(language="en")):
        result = digest.run_digest(settings(smtp_port), warehouse_copy, FIXTURE_TODAY)
    assert (result.code, result.lines) == (2, ["The digest is never sent in public mode."])
    assert smtp_server.received == []
    assert digest.main(["--db", str(warehouse_copy), "--dry-run"]) == 2


def test_a_dry_run_writes_the_messages_and_records_and_sends_nothing(monkeypatch, smtp_server, smtp_port,
                                                                     warehouse_copy, tmp_path):
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[digest]\nhost = "127.0.0.1"\nport = {smtp_port}\nstarttls = false\n'
                       'sender = "dasbor@diskominfo.example"\napp_url = "https://dashboard.example"\n'
                       'recipients = [{ address = "ayu@example.org", language = "id" }]\n')
    out = tmp_path / "eml"
    assert digest.main(["--dry-run", "--out", str(out), "--db", str(warehouse_copy), "--secrets", str(secrets)]) == 0
    files = sorted(path.name for path in out.iterdir())
    assert files == ["digest-2026-W48-ayu@example.org.eml"]
    message = parsed((out / files[0]).read_bytes())
    assert message["To"] == "ayu@example.org" and "Janji yang berubah status\r\n" in message.get_content()
    assert smtp_server.received == [] and outbox(warehouse_copy).empty


def test_settings_are_refused_with_what_is_wrong(tmp_path):
    with pytest.raises(digest.DigestSettingError, match="`host` is missing"):
        digest.settings_from({"sender": "a@b.c", "recipients": ["x@y.z"]})
    with pytest.raises(digest.DigestSettingError, match="recipient 2: `language` must be one of id, en"):
        digest.settings_from({"host": "h", "sender": "a@b.c",
                              "recipients": ["x@y.z", {"address": "v@w.x", "language": "fr"}]})
    with pytest.raises(digest.DigestSettingError, match="recipient 1: `address` must be an e-mail address"):
        digest.settings_from({"host": "h", "sender": "a@b.c", "recipients": [{"address": "nobody"}]})
    plain = digest.settings_from({"host": "h", "sender": "a@b.c", "recipients": ["x@y.z"]})
    assert (plain.port, plain.starttls, plain.recipients) == (587, True, (digest.Recipient("x@y.z", "id"),))
    assert digest.read_settings(tmp_path / "missing.toml") is None
    assert digest.main(["--secrets", str(tmp_path / "missing.toml")]) == 2


def _outbox_rows(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"period": period, "fingerprint": state, "created_at": datetime.fromisoformat(created)}
                         for period, state, created in rows])


def test_a_digest_is_due_each_week_and_again_when_the_state_changes():
    empty = _outbox_rows()
    assert digest.due(empty.reindex(columns=["period", "fingerprint", "created_at"]), date(2026, 11, 28), "a" * 16) == \
        digest.Due("2026-W48", "weekly", "2026-W48")
    sent = _outbox_rows(("2026-W48", "a" * 16, "2026-11-23T09:00"))
    assert digest.due(sent, date(2026, 11, 28), "a" * 16) is None
    assert digest.due(sent, date(2026, 11, 28), "b" * 16) == digest.Due("2026-W48-bbbbbbbb", "change", "2026-W48")
    changed = _outbox_rows(("2026-W48", "a" * 16, "2026-11-23T09:00"), ("2026-W48", "b" * 16, "2026-11-25T09:00"))
    assert digest.due(changed, date(2026, 11, 28), "b" * 16) is None
    assert digest.due(changed, date(2026, 11, 30), "b" * 16) == digest.Due("2026-W49", "weekly", "2026-W49")


def test_a_change_of_status_is_said_from_before_to_after():
    card = pd.DataFrame([
        {"kpi_id": "wifi", "name_id": "Titik Wi-Fi", "name_en": "Wi-Fi points", "status": "off_track"},
        {"kpi_id": "spbe", "name_id": "Indeks SPBE", "name_en": "SPBE index", "status": "on_track"},
        {"kpi_id": "new", "name_id": "Baru", "name_en": "New", "status": "no_data"}])
    with using(ReportContext(language="en")):
        section = digest.changed_section(card, {"wifi": "at_risk", "spbe": "on_track"})
    assert section.lines == ["Wi-Fi points: ◆ At risk → ▼ Off track"]
    with using(ReportContext(language="id")):
        assert digest.changed_section(card, {"wifi": "off_track", "spbe": "on_track"}).lines == [
            "Tidak ada janji yang berubah status sejak intisari terakhir."]


def test_a_rebuild_of_the_warehouse_keeps_the_messages_still_to_send(monkeypatch, smtp_port, tmp_path):
    from support import ROOT

    from smartisland.load import build_warehouse

    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    path = tmp_path / "warehouse.duckdb"
    assert build_warehouse(ROOT / "provinces" / "51", path).ok
    assert digest.run_digest(settings(smtp_port), path, FIXTURE_TODAY).code == 1  # no server: kept to send
    assert build_warehouse(ROOT / "provinces" / "51", path).ok  # rebuilt from the files
    kept = outbox(path)
    assert kept[["digest_key", "recipient", "attempts"]].values.tolist() == [
        ["2026-W48", "ayu@example.org", 1], ["2026-W48", "team@example.org", 1]]
    assert kept["sent_at"].isna().all()
