"""KPI tracker for the acceleration team: every KPI, filterable, with its detail."""

import streamlit as st

from smartisland import ui
from smartisland.config import app_mode
from smartisland.i18n import t
from smartisland.kpis import sections
from smartisland.kpis.charts import trajectory_table
from smartisland.kpis.display import status_label
from smartisland.kpis.scorecard import MANUAL
from smartisland.kpis.tracker import filter_scorecard, tracker_export

ui.require_mode("internal")
ui.require_warehouse()
today = ui.context().today
card, values_by_kpi = ui.scorecard()

st.title(t("tracker.title"))
st.write(t("tracker.intro"))
ui.sample_notice()

options = sections.filter_options(card)
filters = st.columns(4)
with filters[0]:
    areas = ui.url_choices(t("tracker.filter_area"), options["area"], "area", format_func=lambda area: t(f"area.{area}"))
with filters[1]:
    owners = ui.url_choices(t("tracker.filter_owner"), options["owner"], "owner")
with filters[2]:
    statuses = ui.url_choices(t("tracker.filter_status"), options["status"], "status", format_func=status_label)
with filters[3]:
    visibility = ui.url_choice(t("tracker.filter_public"), options["visibility"], "visibility",
                               format_func=lambda choice: t(sections.VISIBILITY_LABELS[choice]))

shown = filter_scorecard(card, areas, owners, statuses, visibility)
st.caption(t("tracker.shown", shown=len(shown), total=len(card)))
if shown.empty:
    st.info(t("tracker.none_match"))
else:
    table = sections.tracker_table(shown)
    st.dataframe(table, hide_index=True, width="stretch", height="content",
                 column_config={t("tracker.column_name"): st.column_config.TextColumn(width="medium"),
                                t("tracker.column_trend"): st.column_config.LineChartColumn(width="small", y_min=0, y_max=1)})
    ui.download_button(tracker_export(shown), "iku-bali-smart-island.csv", key="download_tracker", for_spreadsheet=True)

st.subheader(t("tracker.detail"))
row = ui.choose_kpi(shown if not shown.empty else card, t("overview.choose_kpi"))
values = values_by_kpi[row["kpi_id"]]
detail = sections.kpi_detail(row)
st.markdown(detail.title)
if isinstance(row["data_problem"], str):
    st.warning(t("kpi_problem.data_problem"), icon=":material/warning:")
    st.code(row["data_problem"], language=None, wrap_lines=True)
st.markdown(detail.status_line)
details = st.columns(2)
with details[0]:
    for line in detail.about:
        st.markdown(line)
with details[1]:
    for line in detail.facts:
        st.markdown(line)
ui.show_trajectory(row, values, today, key="tracker_trajectory", with_table=False)
st.markdown(f"**{t('tracker.history')}**")
st.dataframe(trajectory_table(values, row["unit"]), hide_index=True, width="stretch")
if app_mode() == "internal" and row["method"] == MANUAL:
    st.caption(t("tracker_extra.manual_hint"))
