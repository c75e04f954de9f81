"""Transparency, for the public: what was promised, what was delivered, and the data behind every figure."""
import streamlit as st

from smartisland import ui
from smartisland.contract import PROVINCE_MEASURES
from smartisland.i18n import LANGUAGES, format_date, t
from smartisland.publishing.open_data import (
    DATAPACKAGE_FILE,
    PARQUET_MEDIA_TYPE,
    csv_path,
    datasets_table,
    dictionary_path,
    parquet_path,
    public_datasets,
    zip_file_name,
)
from smartisland.publishing.transparency import (
    dataset_view,
    last_updated_line,
    loaded_on,
    promise_detail,
    promises_view,
)
from smartisland.ui.public_site import static_site_link
from smartisland.ui.queries import open_data_files, open_data_view

ui.require_mode("internal", "public")
ui.require_warehouse()
today = ui.context().today
shown_promises = ui.scorecard_view(promises_view)
promises = shown_promises.promises

st.title(t("transparency.title"))
st.write(t("transparency.intro"))
state = ui.data_state()
st.caption(t("transparency.as_of", date=format_date(today)) + " · "
           + last_updated_line(state.data_through if state else None, state.last_loaded_at if state else None))
static_site_link()  # SMARTISLAND_SITE_URL: the light static site, when it is published
ui.sample_notice()

st.subheader(t("transparency.summary_title"))
if promises.empty:
    st.info(t("transparency.no_promises"))
    st.stop()
st.markdown(shown_promises.summary)
# A phone would show two of the table's seven columns: each promise stacks as a card there instead, nothing hidden.
# Which of the two shows is the browser's choice (ui.PHONE_ONLY, ui.WIDE_ONLY): no rerun to learn the screen's width.
with st.container(key=f"{ui.PHONE_ONLY}_promise_cards"):
    for card_text in shown_promises.cards:
        with st.container(border=True):
            st.markdown(card_text)
with st.container(key=f"{ui.WIDE_ONLY}_promise_table"):
    st.dataframe(shown_promises.table, hide_index=True, width="stretch", height="content",
                 column_config={t("transparency.column_promise"): st.column_config.TextColumn(width=240, pinned=True),
                                t("transparency.column_status"): st.column_config.TextColumn(width=300)})
ui.reporting_status_section()

st.subheader(t("transparency.detail_title"))
row = ui.choose_kpi(promises, t("transparency.choose_promise"))
open_data, zip_data = open_data_files()
detail = promise_detail(row, loaded_at=loaded_on(open_data, row["method"]))
st.markdown(detail.title)
words = st.columns(3)
words[0].markdown(detail.promised)
words[1].markdown(detail.by_when)
words[2].markdown(detail.meaning)
st.markdown(detail.status_line)
if detail.stale_note:
    st.caption(detail.stale_note)
st.progress(detail.progress, text=detail.progress_label)
st.markdown(detail.latest_line)
ui.figure_extras(row)
ui.show_scorecard_trajectory(row["kpi_id"], key="transparency_trajectory")
st.markdown(detail.definition)
st.caption(detail.sources)
if detail.illustrative_note:
    st.caption(detail.illustrative_note)
st.caption(detail.datasets_line)
behind_buttons = st.columns(4)
for column, name in zip(behind_buttons, detail.datasets):
    column.download_button(f"{t(f'dataset.{name}')} (CSV)", open_data.files[f"data/{name}.csv"],
                           file_name=f"{name}.csv", mime="text/csv", key=f"download_behind_{name}",
                           icon=":material/download:", on_click="ignore")
st.markdown(detail.share_line)

st.subheader(t("transparency.method_title"))
st.markdown(t("transparency.method_intro"))
for section in shown_promises.methods:
    st.markdown(section.heading)
    st.markdown(section.method)
    st.markdown(section.promises)

st.subheader(t("comparison.heading"))
measure = ui.url_choice(t("comparison.measure"), list(PROVINCE_MEASURES), "measure", widget=st.radio,
                        horizontal=True, format_func=lambda name: t(f"comparison.measure_{name}"))
st.write(t(f"comparison.intro_{measure}"))
ui.province_comparison(measure, key="province_comparison")

st.subheader(t("open_data.title"))
st.write(t("open_data.intro"))
st.caption(t("open_data.licence"))
st.caption(t("dictionary.note.csv_safety"))
ui.scroll_hint("datasets")
st.dataframe(open_data_view(datasets_table).drop(columns=t("open_data.column_description")), hide_index=True,
             width="stretch", height="content")
datasets = [dataset.name for dataset in public_datasets()]
chosen_dataset = ui.url_choice(t("open_data.choose_dataset"), datasets, "dataset",
                               format_func=lambda name: t(f"dataset.{name}"),
                               default=next((name for name in detail.datasets if name in datasets), None))
shown = open_data_view(dataset_view, chosen_dataset)
st.markdown(shown.title)
st.write(shown.description)
st.caption(shown.rows_line)
buttons = st.columns(4)
buttons[0].download_button(t("open_data.download_csv"), open_data.files[csv_path(shown.dataset)],
                           file_name=f"{chosen_dataset}.csv", mime="text/csv", key="download_dataset_csv",
                           icon=":material/download:", on_click="ignore")
buttons[1].download_button(t("open_data.download_parquet"), open_data.files[parquet_path(shown.dataset)],
                           file_name=f"{chosen_dataset}.parquet", mime=PARQUET_MEDIA_TYPE,
                           key="download_dataset_parquet", icon=":material/download:", on_click="ignore")
with st.expander(t("open_data.dictionary_title")):
    ui.scroll_hint("dictionary")
    st.dataframe(shown.dictionary, hide_index=True, width="stretch")

st.markdown(f"### {t('open_data.whole_package')}")
package_buttons = [*st.columns(2), *st.columns(2)]
for column, dictionary_language in zip(package_buttons, LANGUAGES):
    column.download_button(t(f"open_data.download_dictionary_{dictionary_language}"),
                           open_data.files[dictionary_path(dictionary_language)],
                           file_name=dictionary_path(dictionary_language), mime="text/csv",
                           key=f"download_dictionary_{dictionary_language}", icon=":material/menu_book:",
                           on_click="ignore")
package_buttons[2].download_button(t("open_data.download_datapackage"), open_data.files[DATAPACKAGE_FILE],
                                   file_name=DATAPACKAGE_FILE, mime="application/json", key="download_datapackage",
                                   icon=":material/data_object:", on_click="ignore")
package_buttons[3].download_button(t("open_data.download_zip"), zip_data, file_name=zip_file_name(), mime="application/zip",
                                   key="download_zip", icon=":material/folder_zip:", on_click="ignore")

st.subheader(t("transparency.accessibility_title"))
st.markdown(t("transparency.accessibility_done"))
st.markdown(t("transparency.accessibility_limits"))
st.markdown(t("transparency.accessibility_contact"))
