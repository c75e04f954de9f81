"""KPI tracker for the acceleration team: every KPI, filterable, with its detail."""

import streamlit as st

from smartisland import clock, ui
from smartisland.charts.kpi import trajectory_figure, trajectory_table
from smartisland.config import app_mode
from smartisland.i18n import format_date, t
from smartisland.kpi import STATUSES, definition_from_row
from smartisland.kpi_display import (format_kpi_value, forecast_sentence, forecast_short, freshness_label,
                                     is_illustrative, kpi_definition_text, kpi_name, period_label, source_text,
                                     status_label)
from smartisland.text import markdown_code, markdown_text
from smartisland.tracker import filter_scorecard, tracker_export

ui.require_warehouse()
today = clock.today()
card, values_by_kpi = ui.scorecard()

st.title(t("tracker.title"))
st.write(t("tracker.intro"))
ui.sample_notice()

filters = st.columns(4)
with filters[0]:
    areas = ui.url_choices(t("tracker.filter_area"), sorted(card["area"].unique()), "area",
                           format_func=lambda area: t(f"area.{area}"))
with filters[1]:
    owners = ui.url_choices(t("tracker.filter_owner"), sorted(card["owner_agency"].unique()), "owner")
with filters[2]:
    statuses = ui.url_choices(t("tracker.filter_status"), list(STATUSES), "status", format_func=status_label)
with filters[3]:
    visibility = ui.url_choice(t("tracker.filter_public"), ["all", "public", "internal"], "visibility",
                               format_func=lambda choice: t({"all": "tracker.public_all", "public": "tracker.public_only",
                                                             "internal": "tracker.internal_only"}[choice]))

shown = filter_scorecard(card, areas, owners, statuses, visibility)
st.caption(t("tracker.shown", shown=len(shown), total=len(card)))
if shown.empty:
    st.info(t("tracker.none_match"))
else:
    table = shown.assign(
        name=shown.apply(kpi_name, axis=1),
        status_text=shown["status"].map(status_label),
        latest=shown.apply(lambda row: format_kpi_value(row["latest_value"], row["unit"]), axis=1),
        target=shown.apply(lambda row: f"{format_kpi_value(row['target_value'], row['unit'])} · "
                                       f"{format_date(row['target_date'], style='short_month')}", axis=1),
        forecast=shown.apply(lambda row: forecast_short(row["forecast_kind"], row["forecast_date"]), axis=1),
        last_update=shown.apply(lambda row: period_label(row["latest_date"], row["update_frequency"]), axis=1),
        freshness=shown["is_stale"].map(freshness_label),
    )
    # The area is a filter above the table, so the table leaves it out and keeps its width for the figures.
    labels = {"name": "tracker.column_name", "status_text": "tracker.column_status",
              "latest": "tracker.column_latest", "target": "tracker.column_target", "sparkline": "tracker.column_trend",
              "forecast": "tracker.column_forecast", "last_update": "tracker.column_last_update",
              "freshness": "tracker.column_freshness", "owner_agency": "tracker.column_owner"}
    st.dataframe(ui.localized_table(table, labels), hide_index=True, width="stretch", height="content",
                 column_config={t("tracker.column_name"): st.column_config.TextColumn(width="medium"),
                                t("tracker.column_trend"): st.column_config.LineChartColumn(width="small", y_min=0, y_max=1)})
    ui.download_button(tracker_export(shown), "iku-bali-smart-island.csv", key="download_tracker")

st.subheader(t("tracker.detail"))
pool = shown if not shown.empty else card
names = dict(zip(pool["kpi_id"], pool.apply(kpi_name, axis=1)))
chosen = ui.url_choice(t("overview.choose_kpi"), list(pool["kpi_id"]), "kpi", format_func=names.get)
row = pool.set_index("kpi_id").loc[chosen]
values = values_by_kpi[chosen]
st.markdown(f"### {markdown_text(names[chosen])}")
if isinstance(row["data_problem"], str):
    st.warning(t("kpi_problem.data_problem"), icon=":material/warning:")
    st.code(row["data_problem"], language=None, wrap_lines=True)
st.markdown(f"{ui.status_badge(row['status'])} {freshness_label(row['is_stale'])} · "
            f"{forecast_sentence(row['forecast_kind'], row['forecast_date'])}")
details = st.columns(2)
with details[0]:
    st.markdown(f"**{t('kpi.definition')}**: {markdown_text(kpi_definition_text(row))}")
    method = t("kpi.method_manual") if row["method"] == "manual" else t("kpi.method_query",
                                                                        query=markdown_code(row["method"]))
    st.markdown(f"**{t('kpi.method')}**: {method}")
    st.markdown(f"**{t('common.source')}**: {source_text(row.to_dict(), markdown=True)}")
    st.markdown(f"**{t('kpi.owner')}**: {markdown_text(row['owner_agency'])}")
with details[1]:
    st.markdown(f"**{t('kpi.unit')}**: {t(f'unit_name.{row.unit}')} · **{t('kpi.frequency')}**: "
                f"{t(f'frequency.{row.update_frequency}')} · **{t('kpi.public')}**: "
                f"{t('kpi.yes') if row['is_public'] else t('kpi.no')}")
    st.markdown(f"**{t('kpi.baseline')}**: {format_kpi_value(row['baseline_value'], row['unit'])} "
                f"({format_date(row['baseline_date'])})")
    illustrative = f" :orange-badge[{t('kpi.illustrative_target')}]" if is_illustrative(row["target_source"]) else ""
    st.markdown(f"**{t('chart.target')}**: {format_kpi_value(row['target_value'], row['unit'])} "
                f"({format_date(row['target_date'])}){illustrative}  \n{t('kpi.target_source')}: "
                f"{markdown_text(row['target_source'])}")
    st.markdown(f"**{t('kpi.last_update')}**: {period_label(row['latest_date'], row['update_frequency'])}")
ui.show_chart(trajectory_figure(definition_from_row(row.to_dict() | {"kpi_id": chosen}), row["unit"], values, today),
              None, key="tracker_trajectory")
st.markdown(f"**{t('tracker.history')}**")
st.dataframe(trajectory_table(values, row["unit"]), hide_index=True, width="stretch")
if app_mode() == "internal" and row["method"] == "manual":
    st.caption(t("tracker_extra.manual_hint"))
