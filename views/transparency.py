"""Transparency, for the public: what was promised, what was delivered, and the data behind every figure."""
from pathlib import Path

import streamlit as st

from smartisland import clock, ui
from smartisland.charts.kpi import trajectory_figure, trajectory_table
from smartisland.db import reading, warehouse_version
from smartisland.i18n import LANGUAGES, current_language, format_date, format_datetime, format_number, t
from smartisland.kpi import definition_from_row
from smartisland.text import markdown_text
from smartisland.kpi_display import (forecast_sentence, format_kpi_value, is_illustrative, kpi_definition_text,
                                     kpi_name, period_label, source_text)
from smartisland.open_data import (DATAPACKAGE_FILE, PARQUET_MEDIA_TYPE, ZIP_FILE, build_open_data, csv_path,
                                   datasets_table, dictionary_frame, dictionary_path, parquet_path, public_datasets)
from smartisland.transparency import (datasets_behind, meaning_text, progress_share, progress_text, promise_text,
                                      promises_table, public_promises, share_query, summary_sentence)


@st.cache_data(max_entries=2, show_spinner=False)
def open_data_files(version: tuple):
    """Every open-data file and the whole-package ZIP, made once per warehouse file."""
    with reading(Path(version[0])) as connection:
        open_data = build_open_data(connection)
    return open_data, open_data.zip_bytes()


ui.require_warehouse()
today = clock.today()
language = current_language()
card, values_by_kpi = ui.scorecard()
promises = public_promises(card)

st.title(t("transparency.title"))
st.write(t("transparency.intro"))
st.caption(t("transparency.as_of", date=format_date(today)))
ui.sample_notice()

st.subheader(t("transparency.summary_title"))
if promises.empty:
    st.info(t("transparency.no_promises"))
    st.stop()
st.markdown(summary_sentence(promises))
st.dataframe(promises_table(promises), hide_index=True, width="stretch", height="content")

st.subheader(t("transparency.detail_title"))
names = dict(zip(promises["kpi_id"], promises.apply(kpi_name, axis=1)))
chosen = ui.url_choice(t("transparency.choose_promise"), list(promises["kpi_id"]), "kpi", format_func=names.get)
row = promises.set_index("kpi_id").loc[chosen].to_dict() | {"kpi_id": chosen}
values = values_by_kpi[chosen]
st.markdown(f"### {markdown_text(names[chosen])}")
words = st.columns(3)
words[0].markdown(f"**{t('transparency.promised')}**  \n{promise_text(row)}")
words[1].markdown(f"**{t('transparency.by_when')}**  \n{format_date(row['target_date'])}")
words[2].markdown(f"**{t('transparency.meaning')}**  \n{meaning_text(row)}")
st.markdown(f"{ui.status_badge(row['status'])} {forecast_sentence(row['forecast_kind'], row['forecast_date'])}")
if row["is_stale"]:
    st.caption(t("transparency.stale_note"))
share = progress_share(row)
st.progress(share or 0.0, text=f"{t('transparency.progress')}: {progress_text(row)}")
st.markdown(t("transparency.latest_line", value=format_kpi_value(row["latest_value"], row["unit"]),
              period=period_label(row["latest_date"], row["update_frequency"]),
              target=format_kpi_value(row["target_value"], row["unit"]), date=format_date(row["target_date"])))
ui.show_chart(trajectory_figure(definition_from_row(row), row["unit"], values, today),
              trajectory_table(values, row["unit"]), key="transparency_trajectory")
st.markdown(f"**{t('transparency.definition')}**: {markdown_text(kpi_definition_text(row))}")
st.caption(t("transparency.source_line", source=source_text(row, markdown=True),
             period=period_label(row["latest_date"], row["update_frequency"])) + "  \n"
           + t("transparency.target_source_line", source=markdown_text(row["target_source"])))
if is_illustrative(row["target_source"]):
    st.caption(f":material/info: {t('transparency.illustrative_target')}")
behind = datasets_behind(row["method"])
st.caption(t("transparency.data_behind", datasets=", ".join(t(f"dataset.{name}") for name in behind)))
open_data, zip_data = open_data_files(warehouse_version())
behind_buttons = st.columns(4)
for column, name in zip(behind_buttons, behind):
    column.download_button(f"{t(f'dataset.{name}')} (CSV)", open_data.files[f"data/{name}.csv"],
                           file_name=f"{name}.csv", mime="text/csv", key=f"download_behind_{name}",
                           icon=":material/download:", on_click="ignore")
st.markdown(f"**{t('transparency.share')}**: [{t('transparency.share_text')}]({share_query(chosen, 'id')}) · "
            f"[{t('transparency.share_text_en')}]({share_query(chosen, 'en')})")

st.subheader(t("transparency.method_title"))
st.markdown(t("transparency.method_intro"))
for area in promises["area"].drop_duplicates():
    st.markdown(f"### {t(f'area.{area}')}")
    st.markdown(t(f"transparency.method.{area}"))
    in_area = promises[promises["area"] == area]
    st.markdown("\n".join(f"- **{markdown_text(kpi_name(item))}**: {markdown_text(kpi_definition_text(item))}"
                          for _, item in in_area.iterrows()))

st.subheader(t("open_data.title"))
st.write(t("open_data.intro"))
st.caption(t("open_data.licence"))
st.caption(t("dictionary.note.csv_safety"))
st.dataframe(datasets_table(open_data, language).drop(columns=t("open_data.column_description")), hide_index=True,
             width="stretch", height="content")
datasets = [dataset.name for dataset in public_datasets()]
chosen_dataset = ui.url_choice(t("open_data.choose_dataset"), datasets, "dataset",
                               format_func=lambda name: t(f"dataset.{name}"),
                               default=next((name for name in behind if name in datasets), None))
dataset = next(item for item in public_datasets() if item.name == chosen_dataset)
update = open_data.updates.get(chosen_dataset)
st.markdown(f"### {t(f'dataset.{chosen_dataset}')}")
st.write(t(f"dictionary.dataset.{chosen_dataset}"))
st.caption(t("open_data.dataset_rows", rows=format_number(open_data.row_counts[chosen_dataset]),
             origin=t(f"origin.{(update.origin if update and update.origin else 'none')}"),
             updated=format_datetime(update.last_loaded_at) if update else t("common.no_data")))
buttons = st.columns(4)
buttons[0].download_button(t("open_data.download_csv"), open_data.files[csv_path(dataset)],
                           file_name=f"{chosen_dataset}.csv", mime="text/csv", key="download_dataset_csv",
                           icon=":material/download:", on_click="ignore")
buttons[1].download_button(t("open_data.download_parquet"), open_data.files[parquet_path(dataset)],
                           file_name=f"{chosen_dataset}.parquet", mime=PARQUET_MEDIA_TYPE,
                           key="download_dataset_parquet", icon=":material/download:", on_click="ignore")
with st.expander(t("open_data.dictionary_title")):
    dictionary = dictionary_frame(language)
    st.dataframe(dictionary[dictionary.iloc[:, 0] == chosen_dataset].iloc[:, 2:], hide_index=True, width="stretch")

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
package_buttons[3].download_button(t("open_data.download_zip"), zip_data, file_name=ZIP_FILE, mime="application/zip",
                                   key="download_zip", icon=":material/folder_zip:", on_click="ignore")
