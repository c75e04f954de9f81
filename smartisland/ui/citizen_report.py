"""Reporting status, what comes next, and citizens' reports on a figure: the public page's and the Data page's
parts (the logic: smartisland/reporting/status.py and citizen_reports.py)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

import duckdb
import pandas as pd
import streamlit as st

from smartisland import clock, province, report_context
from smartisland.config import app_mode, province_code
from smartisland.disclosure import public_kpis
from smartisland.i18n import current_language, t
from smartisland.kpis.display import kpi_name
from smartisland.publishing.open_data import public_datasets
from smartisland.report_context import ReportContext
from smartisland.reporting import citizen_reports
from smartisland.reporting import status as reporting
from smartisland.ui.kpi import scorecard_view
from smartisland.ui.queries import run_query


def _fallback_address() -> str:
    return province.load(province_code()).agency_website


def _row_counts() -> dict[str, int]:
    counts = run_query("dataset_status")
    return dict(zip(counts["dataset"], (int(count) for count in counts["row_count"])))


def _reporting(promises: pd.DataFrame) -> pd.DataFrame:
    return reporting.reporting_frame(promises, _row_counts(), report_context.current().today)


@dataclass(frozen=True)
class _ReportingParts:
    counts: str  # Markdown: promises and datasets counted by how they are reported
    late: list[str]  # one Markdown line per late figure
    table: pd.DataFrame


def _reporting_parts(card: pd.DataFrame, context: ReportContext) -> _ReportingParts:
    promises = public_kpis(card)
    state = _reporting(promises)
    datasets = reporting.dataset_frame(state, _row_counts(), [dataset.name for dataset in public_datasets()])
    return _ReportingParts(reporting.counts_sentence("promises", state["reporting"]) + "  \n"
                           + reporting.counts_sentence("datasets", datasets["reporting"]),
                           reporting.overdue_lines(promises, state, _fallback_address()),
                           reporting.public_reporting_table(promises, state, _fallback_address()))


def reporting_status_section(context: ReportContext | None = None) -> None:
    """Per public promise of the context's scorecard and per open dataset: reported, in progress or not yet
    available, counted; every figure with its next update and contact; what is late said plainly. Made once per
    warehouse file, day, mode and language (scorecard_view)."""
    parts = scorecard_view(_reporting_parts, context)
    st.subheader(t("citizen.reporting.title"))
    st.write(t("citizen.reporting.intro"))
    st.markdown(parts.counts)
    st.caption(t("citizen.reporting.meaning"))
    late, table = parts.late, parts.table
    if late:
        st.warning(f"**{t('citizen.reporting.overdue_title')}**  \n" + "  \n".join(late), icon=":material/schedule:")
    st.dataframe(table, hide_index=True, width="stretch", height="content",
                 column_config={t("citizen.reporting.column_promise"): st.column_config.TextColumn(width=190,
                                                                                                 pinned=True)})


def figure_next_update(row) -> None:
    """One figure's next update (or plainly that it is late) and whom to ask, under the figure."""
    update = reporting.next_update(row["latest_date"], row["update_frequency"])
    overdue = reporting.is_overdue(update, report_context.current().today)
    if overdue:
        st.warning(t("citizen.reporting.overdue_public"), icon=":material/schedule:")
    st.markdown(t("citizen.reporting.next_line",
                  text=reporting.next_update_text(update, row["update_frequency"], overdue)) + "  \n"
                + reporting.contact_text(reporting.contact(row, _fallback_address())))


def _client() -> str:
    """The client is its address; behind a proxy on the same machine, or locally, the browser session stands in."""
    address = st.context.ip_address
    if isinstance(address, str) and address:
        return address
    return st.session_state.setdefault("citizen_report_client", secrets.token_hex(16))


def report_form(row) -> None:
    """"Laporkan masalah pada angka ini": the figure pre-filled, the text, an optional contact; opened at once when
    the link asks for it (`?report=1`, the static site's link)."""
    kpi_id = row["kpi_id"]
    opened = st.query_params.get("report") == "1"
    with st.expander(t("citizen.report.title"), expanded=opened, icon=":material/flag:"):
        st.caption(t("citizen.report.intro"))
        with st.form(f"citizen_report_{kpi_id}", clear_on_submit=True):
            st.text_input(t("citizen.report.figure"), value=kpi_name(row), disabled=True,
                          key=f"citizen_report_figure_{kpi_id}_{current_language()}")
            text = st.text_area(t("citizen.report.text"), max_chars=citizen_reports.MAX_TEXT_LENGTH,
                                key=f"citizen_report_text_{kpi_id}")
            contact = st.text_input(t("citizen.report.contact"), max_chars=citizen_reports.MAX_CONTACT_LENGTH,
                                    key=f"citizen_report_contact_{kpi_id}")
            sent = st.form_submit_button(t("citizen.report.submit"), icon=":material/send:")
        if sent:
            try:
                result = citizen_reports.submit_report(kpi_id, text, contact, current_language(), _client(),
                                                       clock.now())
            except duckdb.Error:
                st.error(t("citizen.report.unavailable"))
                return
            message = t(result.message_key, **dict(result.params))
            (st.success if result.ok else st.error)(message)


def published_answers(row) -> None:
    """The team's answers to reports on this figure, with what was reported, in the reader's language."""
    try:
        answered = citizen_reports.answered_reports()
    except duckdb.Error:  # the store cannot be read now: the figure is still shown
        return
    lines = citizen_reports.public_answer_lines(answered, row["kpi_id"])
    if lines:
        st.markdown(f"**{t('citizen.report.answered_title')}**")
        for line in lines:
            st.info(line, icon=":material/forum:")


def figure_extras(row) -> None:
    """Everything this module adds beside one public figure."""
    figure_next_update(row)
    published_answers(row)
    report_form(row)


def team_overdue(card: pd.DataFrame) -> None:
    """For the team (Data page): the public figures whose update is late."""
    promises = public_kpis(card)
    st.markdown(f"#### {t('citizen.reporting.overdue_title')}")
    st.caption(t("citizen.reporting.team_overdue_intro"))
    late = reporting.overdue_lines(promises, _reporting(promises), _fallback_address())
    if late:
        st.warning("  \n".join(late), icon=":material/schedule:")
    else:
        st.success(t("citizen.reporting.overdue_none"))


def team_reports(editor: str, card: pd.DataFrame) -> None:
    """For the signed-in team (Data page): every report; answer one in both languages, or close it."""
    if app_mode() == "public":  # never: the Data page is not registered in public mode
        return
    st.markdown(f"#### {t('citizen.team.title')}")
    st.caption(t("citizen.team.intro"))
    done = st.session_state.pop("citizen_team_done", None)
    if done:
        st.success(t(done))
    reports = citizen_reports.team_reports()
    if reports.empty:
        st.info(t("citizen.team.none"))
        return
    names = {row["kpi_id"]: kpi_name(row) for _, row in card.iterrows()}
    st.write(citizen_reports.team_counts_text(reports))
    st.dataframe(citizen_reports.team_table(reports, names), hide_index=True, width="stretch")
    labels = {report["report_id"]: f"{names.get(report['kpi_id'], report['kpi_id'])} · "
                                   f"{report['report_text'][:60]}"
              for _, report in reports.iterrows()}
    chosen = st.selectbox(t("citizen.team.choose"), list(labels), format_func=labels.__getitem__,
                          key="citizen_team_report")
    with st.form("citizen_team_answer", clear_on_submit=True):
        answer_id = st.text_area(t("citizen.team.answer_id"), max_chars=citizen_reports.MAX_ANSWER_LENGTH)
        answer_en = st.text_area(t("citizen.team.answer_en"), max_chars=citizen_reports.MAX_ANSWER_LENGTH)
        if st.form_submit_button(t("citizen.team.answer_button"), icon=":material/publish:"):
            result = citizen_reports.answer_report(chosen, answer_id, answer_en, editor, clock.now())
            if not result.ok:
                st.error(t(result.message_key, **dict(result.params)))
            else:  # drawn again, so that the table above shows the answer
                st.session_state["citizen_team_done"] = result.message_key
                st.rerun()
    if st.button(t("citizen.team.close_button"), icon=":material/task_alt:", key="citizen_team_close"):
        st.session_state["citizen_team_done"] = citizen_reports.close_report(chosen, editor, clock.now()).message_key
        st.rerun()
