"""Overview for the Governor's office: are we on track, what is late, where, and who owns it."""
import pandas as pd
import streamlit as st

from smartisland import clock, ui
from smartisland.i18n import format_date, format_percent, t
from smartisland.kpis.assessment import definition_from_row
from smartisland.kpis.charts import regional_figure, regional_table, trajectory_figure, trajectory_table
from smartisland.kpis.display import (
    forecast_sentence,
    forecast_short,
    format_kpi_value,
    kpi_name,
    period_label,
    source_text,
    status_label,
)
from smartisland.kpis.scorecard import late_items, regional_values, status_counts
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query

ui.require_warehouse()

st.title(t("overview.title"))
st.write(t("overview.intro"))
with st.columns([2, 3])[0]:
    as_of = ui.as_of_choice()
today = as_of or clock.today()
card, values_by_kpi = ui.scorecard(as_of)
st.caption(t("overview.as_of", date=format_date(today)))
if as_of is not None:
    st.info(t("as_of.past_notice", date=format_date(as_of)), icon=":material/history:")
ui.sample_notice()

st.subheader(t("overview.headline"))
headline = card[card["is_headline"]]
for start in range(0, len(headline), 4):
    for column, (_, row) in zip(st.columns(4), headline.iloc[start:start + 4].iterrows()):
        with column:
            ui.kpi_tile(row)

counts = status_counts(card)
st.caption(t("overview.status_summary") + ": " + " · ".join(
    f"{ui.status_badge(status)} {count}" for status, count in counts.items() if count))

st.subheader(t("overview.late_title"))
late = late_items(card)
if late.empty:
    st.success(t("overview.late_none"))
else:
    def behind(row) -> str:
        if row["status"] == "overdue":
            return t("overview.overdue_text", gap=format_kpi_value(row["gap_to_target"], row["unit"]),
                     date=format_date(row["target_date"]))
        return t("overview.behind_text", gap=format_kpi_value(row["shortfall"], row["unit"]),
                 share=format_percent(100 * row["shortfall_share"], 0))

    late_table = late.assign(
        name=late.apply(kpi_name, axis=1),
        status_text=late["status"].map(status_label),
        latest=late.apply(lambda row: format_kpi_value(row["latest_value"], row["unit"]), axis=1),
        behind=late.apply(behind, axis=1),
        forecast=late.apply(lambda row: forecast_short(row["forecast_kind"], row["forecast_date"]), axis=1),
    )
    st.dataframe(ui.localized_table(late_table, {
        "name": "tracker.column_name", "status_text": "tracker.column_status", "latest": "tracker.column_latest",
        "behind": "overview.behind_by", "owner_agency": "tracker.column_owner", "forecast": "tracker.column_forecast",
    }), hide_index=True, width="stretch")

st.subheader(t("overview.trajectory_title"))
names = dict(zip(card["kpi_id"], card.apply(kpi_name, axis=1)))
chosen = ui.url_choice(t("overview.choose_kpi"), list(card["kpi_id"]), "kpi", format_func=names.get,
                       default=late["kpi_id"].iloc[0] if not late.empty else None)
row = card.set_index("kpi_id").loc[chosen]
values = values_by_kpi[chosen]
ui.show_chart(trajectory_figure(definition_from_row(row.to_dict() | {"kpi_id": chosen}), row["unit"], values, today),
              trajectory_table(values, row["unit"]), key="trajectory")
st.markdown(f"{ui.status_badge(row['status'])} {forecast_sentence(row['forecast_kind'], row['forecast_date'])}")
st.caption(t("kpi.period_source", period=period_label(row["latest_date"], row["update_frequency"]),
             source=source_text(row, markdown=True))
           + f" · {t('kpi.target_source')}: {markdown_text(row['target_source'])}")

st.subheader(t("overview.regional_title"))
regional = card[card["regional_method"].notna() & (card["regional_method"] != "")]
if regional.empty:
    st.info(t("overview.regional_none"))
else:
    regional_names = dict(zip(regional["kpi_id"], regional.apply(kpi_name, axis=1)))
    late_regional = [kpi for kpi in late["kpi_id"] if kpi in regional_names]
    regional_kpi = ui.url_choice(t("overview.choose_kpi"), list(regional["kpi_id"]), "regional",
                                 format_func=regional_names.get, default=late_regional[0] if late_regional else None)
    regional_row = regional.set_index("kpi_id").loc[regional_kpi]
    by_regency, problem = regional_values(regional_row["regional_method"], run_query)
    if by_regency is None or by_regency.empty:
        st.warning(t("kpi_problem.regional_problem" if problem else "kpi_problem.regional_empty"),
                   icon=":material/warning:")
        if problem:
            st.code(problem, language=None, wrap_lines=True)
        st.stop()
    regional_period = pd.Timestamp(by_regency["period_end"].max())
    if as_of is not None and regional_period > pd.Timestamp(as_of):
        st.caption(t("as_of.regional_latest", period=format_date(regional_period, style="month")))
    st.caption(t("kpi.period_source", period=period_label(by_regency["period_end"].max(), "monthly"),
                 source=source_text(regional_row.to_dict() | {"method": regional_row["regional_method"],
                                                             "source": None}, markdown=True)))
    ui.show_chart(regional_figure(by_regency, regional_row["unit"], regional_row["direction"]),
                  regional_table(by_regency, regional_row["unit"]), key="regional")
