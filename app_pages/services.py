"""Public services: what is online at which stage, how well it works, and for whom (by regency)."""
import pandas as pd
import streamlit as st

from smartisland import ui
from smartisland.i18n import current_language, format_date, format_number, t
from smartisland.services import charts, logic
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query

ui.require_warehouse()
language = current_language()
st.title(t("services.title"))
st.write(t("services.intro"))

catalog = run_query("services_catalog")
if catalog.empty:
    st.info(t("services.no_catalog"))
    st.stop()
catalog["name"] = [logic.service_name(row, language) for row in catalog.to_dict("records")]
names = dict(zip(catalog["service_id"], catalog["name"]))

# Filters: kept in the URL so that a link opens the same view.
areas = run_query("services_areas")
area_labels = {row["region_code"]: logic.area_label(row, language) for row in areas.to_dict("records")}
area_names = {row["region_code"]: t("services.filter.all_bali") if row["region_code"] == logic.ALL_BALI else row["name"]
              for row in areas.to_dict("records")}
filters = st.columns([2, 2, 3])
with filters[0]:
    # A quarter by default: satisfaction (IKM) is surveyed quarterly or half-yearly, so most months show none.
    unit = ui.url_choice(t("services.filter.unit"), list(logic.PERIOD_UNITS), "unit", default="quarter",
                         format_func=lambda option: t(f"services.period.{option}"), widget=st.radio, horizontal=True)
with filters[2]:
    area = ui.url_choice(t("services.filter.area"), list(area_labels) or [logic.ALL_BALI], "area",
                         format_func=lambda code: area_labels.get(code, code))

totals = run_query("services_totals_by_period", regency_code=area, period_unit=unit)
performance = run_query("service_performance_by_period", regency_code=area, period_unit=unit)
data_through = totals["last_month"].max() if not totals.empty else None
periods = [logic.as_date(period) for period in totals["period_start"]]


def period_option(period) -> str:
    label = logic.period_label(period, unit, language)
    if logic.is_complete(period, unit, data_through):
        return label
    return t("services.partial_period", period=label, through=format_date(data_through, language, "month"))


with filters[1]:
    period = ui.url_choice(t("services.filter.period"), periods[::-1], "period",
                           default=logic.default_period(periods, unit, data_through), format_func=period_option)

totals = logic.with_changes(totals, unit)
performance = logic.with_changes(performance, unit, keys=("service_id",))
summary = logic.catalog_summary(catalog)

# At a glance: the catalog, then the measures of the period for all services with how many report each.
st.subheader(t("services.summary.heading", area=markdown_text(area_names.get(area, area)),
               period=logic.period_label(period, unit, language) if period else t("common.no_data")))
current = totals[totals["period_start"] == period].to_dict("records")
columns = [*st.columns(4), *st.columns(4)]
columns[0].metric(t("services.summary.online"), format_number(summary.service_count))
columns[0].caption(t("services.summary.online_detail", integrated=format_number(summary.integrated_count),
                     transaction=format_number(summary.transaction_or_above)))
for column, measure in zip(columns[1:], logic.MEASURES):
    row = current[0] if current else {}
    delta, delta_color = logic.metric_delta(row.get(f"{measure.name}_change"), measure)
    column.metric(measure.label, logic.format_measure(row.get(measure.name), measure), delta=delta,
                  delta_color=delta_color, help=measure.help)
    column.caption(logic.reporting_text(row.get(measure.reporting_column), row.get("service_count")))
if period is not None and not logic.is_complete(period, unit, data_through):
    st.warning(t("services.partial_warning", through=format_date(data_through, language, "month")))
if period is not None:
    st.caption(t("services.change_against", period=logic.period_label(logic.shift_period(period, unit, -1), unit,
                                                                     language)))
ui.sample_notice()

views = ["catalog", "performance", "detail"]
view = ui.url_choice(t("services.view.label"), views, "view", format_func=lambda option: t(f"services.view.{option}"),
                     widget=st.radio, horizontal=True, label_visibility="collapsed")
st.divider()


def measure_choice() -> logic.Measure:
    chosen = ui.url_choice(t("services.filter.measure"), [measure.name for measure in logic.MEASURES], "measure",
                           default="digital_take_up", format_func=lambda name: logic.MEASURES_BY_NAME[name].label)
    return logic.MEASURES_BY_NAME[chosen]


def regency_breakdown(service_id: str, measure: logic.Measure) -> None:
    """Bars and a table of one measure by regency, for one service ('' for all services)."""
    by_regency = run_query("service_performance_by_regency", period_unit=unit, period_start=period,
                           service_id=service_id)
    if by_regency[measure.reporting_column].sum() == 0:
        st.info(t("services.performance.no_regency_data", measure=measure.label))
        return
    table = pd.DataFrame({
        t("services.performance.column_regency"): by_regency["regency_name"],
        measure.label: [logic.format_measure(value, measure) for value in by_regency[measure.name]],
        t("services.performance.column_reporting"): by_regency[measure.reporting_column].map(format_number),
    })
    figure = charts.ranked_bars_figure(list(by_regency["regency_name"]), list(by_regency[measure.name]), measure)
    ui.show_chart(figure, table, key=f"regency_{service_id}_{measure.name}")
    st.caption(t("services.performance.regency_caption"))


if view == "catalog":
    st.subheader(t("services.catalog.stages_heading"))
    stage_columns = st.columns(len(logic.STAGES))
    for column, stage in zip(stage_columns, logic.STAGES):
        column.markdown(f"**{logic.stage_label(stage)}** · {format_number(summary.by_stage[stage])}")
        column.caption(logic.stage_meaning(stage))
    st.caption(t("services.article_source"))

    st.subheader(t("services.catalog.heading"))
    table = pd.DataFrame({
        t("services.catalog.column_service"): catalog["name"],
        t("services.catalog.column_agency"): catalog["agency"],
        t("services.catalog.column_stage"): catalog["maturity_stage"].map(logic.stage_label),
        t("services.catalog.column_stage_since"): catalog["stage_reached_on"].map(format_date),
        t("services.catalog.column_integrated"): catalog["is_integrated"].map(
            lambda value: t("services.catalog.yes") if value else t("services.catalog.no")),
        t("services.catalog.column_launched"): catalog["launched_on"].map(format_date),
        t("services.catalog.column_in_article"): catalog["is_in_article"].map(
            lambda value: "★ " + t("services.catalog.yes") if value else ""),
    })
    st.dataframe(table, hide_index=True, width="stretch")
    ui.download_button(table, "services_catalog.csv", key="catalog_download")

    left, right = st.columns(2)
    with left:
        st.subheader(t("services.catalog.by_stage_heading"))
        by_stage = pd.DataFrame({
            t("services.catalog.column_stage"): [logic.stage_label(stage) for stage in logic.STAGES],
            t("services.catalog.integrated"): [
                int(((catalog["maturity_stage"] == stage) & catalog["is_integrated"]).sum()) for stage in logic.STAGES],
            t("services.catalog.not_integrated"): [
                int(((catalog["maturity_stage"] == stage) & ~catalog["is_integrated"]).sum()) for stage in logic.STAGES],
        })
        ui.show_chart(charts.stages_figure(catalog), by_stage, key="stages")
    with right:
        st.subheader(t("services.catalog.over_time_heading"))
        over_time = run_query("services_by_stage_over_time")
        wide = over_time.pivot(index="month", columns="maturity_stage", values="service_count").reset_index()
        wide_table = pd.DataFrame({t("services.catalog.axis_month"): wide["month"].map(
            lambda month: format_date(month, style="month"))})
        for stage in logic.STAGES:
            wide_table[logic.stage_label(stage)] = wide[stage] if stage in wide.columns else 0
        ui.show_chart(charts.stages_over_time_figure(over_time), wide_table.iloc[::-1], key="stages_over_time")

elif view == "performance":
    period_text = logic.period_label(period, unit, language) if period else t("common.no_data")
    current_rows = performance[performance["period_start"] == period].merge(
        catalog[["service_id", "maturity_stage"]], on="service_id")
    if current_rows.empty:
        st.info(t("services.no_figures"))
        st.stop()
    order = {service_id: position for position, service_id in enumerate(catalog["service_id"])}
    current_rows = current_rows.sort_values("service_id", key=lambda ids: ids.map(order))

    st.subheader(t("services.performance.heading", period=period_text))
    table = pd.DataFrame({
        t("services.catalog.column_service"): current_rows["service_id"].map(names),
        t("services.catalog.column_stage"): current_rows["maturity_stage"].map(logic.stage_label),
    })
    for measure in logic.MEASURES:
        table[measure.label] = [logic.format_measure(value, measure) for value in current_rows[measure.name]]
        if measure.name in ("requests_total", "digital_take_up", "completion_rate", "satisfaction_ikm"):
            table[f"{measure.label} · {t('services.performance.column_change')}"] = [
                logic.format_change(value, measure) for value in current_rows[f"{measure.name}_change"]]
    st.dataframe(table, hide_index=True, width="stretch")
    ui.download_button(table, "services_performance.csv", key="performance_download")
    st.caption(t("services.weighting_note"))

    measure = measure_choice()
    st.subheader(t("services.performance.ranking_heading", measure=measure.label))
    labels = list(current_rows["service_id"].map(names))
    ranking_table = pd.DataFrame({
        t("services.catalog.column_service"): labels,
        measure.label: [logic.format_measure(value, measure) for value in current_rows[measure.name]],
    })
    if current_rows[measure.name].notna().any():
        ui.show_chart(charts.ranked_bars_figure(labels, list(current_rows[measure.name]), measure), ranking_table,
                      key="ranking")
    else:
        st.info(t("services.performance.no_measure_data", measure=measure.label))
    st.subheader(t("services.performance.trend_heading", measure=measure.label))
    trend_table = pd.DataFrame({
        t("services.performance.column_period"): [logic.period_label(value, unit) for value in totals["period_start"]],
        measure.label: [logic.format_measure(value, measure) for value in totals[measure.name]],
        t("services.performance.column_change"): [logic.format_change(value, measure)
                                                  for value in totals[f"{measure.name}_change"]],
        t("services.performance.column_reporting"): [
            logic.reporting_text(reporting, total)
            for reporting, total in zip(totals[measure.reporting_column], totals["service_count"])],
    }).iloc[::-1]
    ui.show_chart(charts.measure_trend_figure(logic.trend_rows(totals, measure, unit, data_through), measure, unit,
                                              measure.label), trend_table, key="trend")
    if area == logic.ALL_BALI:
        st.subheader(t("services.performance.regency_heading", measure=measure.label, period=period_text))
        regency_breakdown("", measure)

else:
    service_ids = list(catalog["service_id"])
    service_id = ui.url_choice(t("services.filter.service"), service_ids, "service", format_func=names.get)
    service = catalog[catalog["service_id"] == service_id].iloc[0].to_dict()
    history = performance[performance["service_id"] == service_id]
    latest = history[history["period_start"] == period].to_dict("records")
    # What the service lacks is judged on its figures for all of Bali: a regency may simply have no breakdown.
    bali_performance = performance if area == logic.ALL_BALI else run_query(
        "service_performance_by_period", regency_code=logic.ALL_BALI, period_unit=unit)
    bali_latest = bali_performance[(bali_performance["service_id"] == service_id)
                                   & (bali_performance["period_start"].map(logic.as_date) == period)].to_dict("records")

    st.subheader(markdown_text(service["name"]))
    facts = {
        "services.detail.agency": service["agency"],
        "services.detail.stage": logic.stage_label(service["maturity_stage"]),
        "services.detail.integrated": t("services.catalog.yes") if service["is_integrated"] else t("services.catalog.no"),
        "services.detail.launched": format_date(service["launched_on"]),
    }
    for column, (label_key, value) in zip(st.columns(len(facts)), facts.items()):
        column.caption(t(label_key))
        column.markdown(f"**{markdown_text(value)}**")
    st.info(f"**{logic.stage_label(service['maturity_stage'])}**: {logic.stage_meaning(service['maturity_stage'])}")
    if service["is_in_article"]:
        st.caption(f"★ {t('services.detail.in_article')}")

    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{t('services.detail.stage_history')}**")
        stages = run_query("service_stage_history", service_id=service_id)
        st.dataframe(pd.DataFrame({
            t("services.catalog.column_stage"): stages["maturity_stage"].map(logic.stage_label),
            t("services.detail.column_reached_on"): stages["reached_on"].map(
                lambda value: t("services.detail.not_reached") if logic.is_missing(value) else format_date(value)),
        }), hide_index=True, width="stretch")
    with right:
        st.markdown(f"**{t('services.detail.next_heading')}**")
        for step in logic.next_steps(service, bali_latest[0] if bali_latest else None):
            st.markdown(f"- {step}")

    if history.empty:
        st.info(t("services.detail.no_figures"))
        st.stop()
    period_text = logic.period_label(period, unit, language) if period else t("common.no_data")
    st.subheader(t("services.detail.latest_heading", period=period_text))
    row = latest[0] if latest else {}
    measure_columns = [*st.columns(3), *st.columns(3)]
    for column, measure in zip(measure_columns, logic.MEASURES):
        delta, delta_color = logic.metric_delta(row.get(f"{measure.name}_change"), measure)
        column.metric(measure.label, logic.format_measure(row.get(measure.name), measure), delta=delta,
                      delta_color=delta_color, help=measure.help)

    st.subheader(t("services.detail.history_heading"))
    chart_columns = st.columns(2)
    for position, measure in enumerate(logic.MEASURES):
        with chart_columns[position % 2]:
            st.markdown(f"**{measure.label}**")
            history_table = pd.DataFrame({
                t("services.performance.column_period"): [logic.period_label(value, unit)
                                                          for value in history["period_start"]],
                measure.label: [logic.format_measure(value, measure) for value in history[measure.name]],
                t("services.performance.column_change"): [logic.format_change(value, measure)
                                                          for value in history[f"{measure.name}_change"]],
            }).iloc[::-1]
            ui.show_chart(charts.measure_trend_figure(logic.trend_rows(history, measure, unit, data_through), measure,
                                                      unit, service["name"]), history_table,
                          key=f"history_{measure.name}")
    if area == logic.ALL_BALI:
        st.subheader(t("services.detail.regency_heading", period=period_text))
        regency_breakdown(service_id, measure_choice())
