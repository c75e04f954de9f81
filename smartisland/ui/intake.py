"""The Data page's editing forms: uploading files (confirming a proposed column mapping, picking the region a
name means), and entering an SPBE assessment with its index computed as the levels are typed."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from smartisland import report_context
from smartisland.contract import DATASETS_BY_NAME, EVIDENCE_STATUSES
from smartisland.editing.spbe_entry import entry_form, entry_score, save_assessment
from smartisland.editing.uploads import (
    load_uploaded,
    mapping_choices,
    remember_choices,
    save_mapping,
    saved_profiles,
    suggested_profile_name,
)
from smartisland.i18n import format_number, t
from smartisland.spbe.index import predicate_key
from smartisland.text import markdown_text
from smartisland.ui.frame import page_context
from smartisland.ui.load_result import loading, show_load_result, show_upload_limits
from smartisland.ui.queries import run_query

PENDING = "intake_pending"  # the upload being worked on: dataset, files, mapping and the last result
GRID_COLUMNS = 3
LEVELS = (1, 5)


def upload_section(labels: dict[str, str], editor: str, db_path: Path) -> None:
    """Upload files of a dataset (optionally by a saved mapping profile); when the headers do not match, confirm
    the proposed mapping; when region names do not resolve, pick the region each means."""
    with st.form("upload", clear_on_submit=True):
        dataset = st.selectbox(t("editing.dataset"), list(labels), format_func=labels.__getitem__)
        # Labels are looked up when drawn: a format_func calling t() later could see another language.
        profiles = {"": t("intake.page.no_mapping"), **{name: name for name in saved_profiles()}}
        mapping = st.selectbox(t("intake.page.mapping"), list(profiles), format_func=profiles.__getitem__)
        files = st.file_uploader(t("editing.files"), type=["csv", "xlsx", "parquet"], accept_multiple_files=True)
        show_upload_limits()
        if st.form_submit_button(t("editing.load"), icon=":material/upload:") and files:
            with loading([file.size for file in files]):
                _load({"dataset": dataset, "mapping": mapping or None,
                       "files": [(file.name, file.getvalue()) for file in files]}, db_path, editor)
    pending = st.session_state.get(PENDING)
    if pending is None:
        return
    result = pending["result"]
    if result.proposals:
        _mapping_editor(pending, db_path, editor)
        return
    if any(row.candidates for _, row in result.unresolved):
        _region_picker(pending, db_path, editor)
    else:
        del st.session_state[PENDING]  # shown once, as a load's result always was
    show_load_result(result)
    for note in result.sheet_notes if result.ok else ():
        st.caption(markdown_text(note.message()))
    for file_name, rows in result.placed_by_position.items():
        if result.ok:
            st.info(t("intake.load.placed_by_position", file=markdown_text(file_name),
                      rows=", ".join(str(row) for row in rows)))


def _grid(count: int) -> list:
    """`count` cells, GRID_COLUMNS to a row: on a phone the columns stack, and the cells stay in reading order."""
    cells = []
    for start in range(0, count, GRID_COLUMNS):
        cells += st.columns(GRID_COLUMNS)[:min(GRID_COLUMNS, count - start)]
    return cells


def _load(pending: dict, db_path: Path, editor: str) -> None:
    pending["result"] = load_uploaded(pending["dataset"], pending["files"], db_path, editor,
                                      mapping=pending["mapping"])
    st.session_state[PENDING] = pending


def _mapping_editor(pending: dict, db_path: Path, editor: str) -> None:
    dataset_name = pending["dataset"]
    file_name, proposal = next(iter(pending["result"].proposals.items()))
    st.warning(t("intake.page.headers_do_not_match", file=markdown_text(file_name)))
    choices = mapping_choices(dataset_name)
    choice_labels = {column: column or t("intake.page.leave_out") for column in choices}
    dataset = DATASETS_BY_NAME[dataset_name]
    with st.form("mapping"):
        name = st.text_input(t("intake.page.profile_name"), value=suggested_profile_name(dataset_name, file_name),
                             help=t("intake.page.profile_name_help"))
        columns: dict[str, str] = {}
        for position, (cell, match) in enumerate(zip(_grid(len(proposal.matches)), proposal.matches)):
            columns[match.header] = cell.selectbox(
                markdown_text(match.header) or "-", choices,
                index=choices.index(match.column) if match.column in choices else 0,
                format_func=choice_labels.__getitem__, key=f"intake_mapping_{position}")
        fixed: dict[str, str] = {}
        for column in proposal.missing_required:
            allowed = dataset.column(column).allowed
            label = t("intake.page.fixed_value", column=column)
            if allowed:
                fixed[column] = st.selectbox(label, ["", *allowed], key=f"intake_fixed_{column}")
            else:
                fixed[column] = st.text_input(label, key=f"intake_fixed_{column}")
        if st.form_submit_button(t("intake.page.save_and_load"), icon=":material/save:"):
            try:
                save_mapping(name.strip(), dataset_name, columns, fixed)
            except ValueError:
                st.error(t("intake.page.bad_profile_name"))
                return
            pending["mapping"] = name.strip()
            _load(pending, db_path, editor)
            st.rerun()


def _region_picker(pending: dict, db_path: Path, editor: str) -> None:
    st.warning(t("intake.page.pick_regions"))
    with st.form("regions"):
        picks = []
        for position, (file_name, row) in enumerate(pending["result"].unresolved):
            if not row.candidates:
                continue
            written = " / ".join(name for name in (row.village, row.district, row.regency) if name)
            labels = {candidate.code: candidate.label() for candidate in row.candidates}
            code = st.selectbox(t("intake.page.pick_region", file=markdown_text(file_name), row=f"{row.row}",
                                  written=markdown_text(written)),
                                list(labels), index=None, format_func=labels.__getitem__,
                                placeholder=t("intake.page.choose"), key=f"intake_region_{position}")
            picks.append((row, code))
        if st.form_submit_button(t("intake.page.remember_and_load"), icon=":material/save:"):
            if any(code is None for _, code in picks):
                st.error(t("intake.page.pick_every_row"))
                return
            remember_choices(picks)
            _load(pending, db_path, editor)
            st.rerun()


@st.fragment
def spbe_entry(editor: str, db_path: Path) -> None:
    """Pick a government and a year, type the levels grouped by domain and aspect, see the index and band as
    they are typed (a fragment: only this form reruns), and save them through the loader."""
    # A fragment's rerun skips app.py, which sets the language of a full run.
    context = report_context.activate(page_context())
    form = entry_form(context.run, context.today)
    choice = st.columns(2)
    governments = {code: f"{name} ({code})" for code, name in form.governments.items()}
    entity = choice[0].selectbox(t("editing.spbe.government"), list(governments), format_func=governments.__getitem__,
                                 key="spbe_government")
    year = choice[1].selectbox(t("editing.spbe.year"), form.years, index=min(1, len(form.years) - 1),
                               key="spbe_year")
    summary = st.container(border=True)
    levels: dict[int, int | None] = {}
    for domain in form.domains:
        with st.expander(t("editing.spbe.domain", number=f"{domain.number}", name=markdown_text(domain.name))):
            for aspect in domain.aspects:
                st.markdown(f"**{t('editing.spbe.aspect', number=f'{aspect.number}', name=markdown_text(aspect.name))}**")
                for cell, indicator in zip(_grid(len(aspect.indicators)), aspect.indicators):
                    levels[indicator.number] = cell.number_input(
                        f"{indicator.number}. {markdown_text(indicator.name)}", min_value=LEVELS[0],
                        max_value=LEVELS[1], value=None, step=1, placeholder="1-5", key=f"spbe_level_{indicator.number}")
    details = st.columns(2)
    owner = details[0].text_input(t("editing.spbe.owner_agency"), key="spbe_owner")
    evidence_labels = {status: t(f"spbe.evidence.{status}") for status in EVIDENCE_STATUSES}
    evidence = details[1].selectbox(t("editing.spbe.evidence_status"), list(evidence_labels),
                                    format_func=evidence_labels.__getitem__, key="spbe_evidence")
    score = entry_score(levels, form, run_query("spbe_published_indices"), entity, year)
    with summary:
        figures = st.columns(3)
        figures[0].metric(t("editing.spbe.entered"), f"{score.entered} / {score.expected}")
        figures[1].metric(t("editing.spbe.index"), format_number(score.index, 2) if score.index is not None else "-")
        figures[2].metric(t("editing.spbe.published"),
                          format_number(score.published, 2) if score.published is not None else "-")
        if score.band is not None:
            st.markdown(t("editing.spbe.band", band=t(predicate_key(score.band))))
        if score.published is None:
            st.caption(t("editing.spbe.no_published"))
    if st.button(t("editing.spbe.save"), icon=":material/save:", disabled=score.index is None, key="spbe_save"):
        show_load_result(save_assessment(year, entity, form.framework_id, levels, owner, evidence, db_path, editor))
