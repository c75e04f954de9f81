"""Public services: what is online at which stage, how well it works, and for whom (by regency)."""
import streamlit as st

from smartisland import ui
from smartisland.config import province_code
from smartisland.i18n import format_date, format_number, t
from smartisland.services import logic, sections
from smartisland.text import markdown_text

# Mode guard: a public page, the same in both modes (the catalog and the service measures are all public).
ui.require_mode("internal", "public")
ui.require_warehouse()
st.title(t("services.title"))
st.write(t("services.intro"))

context = ui.context()
choices = sections.choices(context)
if choices.catalog.empty:
    st.info(t("services.no_catalog"))
    st.stop()

def measure_choice() -> logic.Measure:
    chosen = ui.url_choice(t("services.filter.measure"), [measure.name for measure in logic.MEASURES], "measure",
                           default="digital_take_up", format_func=lambda name: logic.MEASURES_BY_NAME[name].label)
    return logic.MEASURES_BY_NAME[chosen]


def show_regency_breakdown(breakdown: sections.Chart | None, measure: logic.Measure, key: str) -> None:
    if breakdown is None:
        st.info(t("services.performance.no_regency_data", measure=measure.label))
        return
    ui.show_chart(breakdown.figure, breakdown.table, key=key)
    st.caption(t("services.performance.regency_caption"))


# A measure chosen reruns only the charts it changes (a fragment), not the page.
@ui.fragment
def measure_section(choices, figures, period, area: str, period_text: str) -> None:
    measure = measure_choice()
    measure_view = sections.measure_view(context, choices, figures, period, area, measure)
    st.subheader(t("services.performance.ranking_heading", measure=measure.label))
    if measure_view.ranking is None:
        st.info(t("services.performance.no_measure_data", measure=measure.label))
    else:
        ui.show_chart(measure_view.ranking.figure, measure_view.ranking.table, key="ranking")
        if measure_view.ranking_note:
            st.caption(measure_view.ranking_note)
    st.subheader(t("services.performance.trend_heading", measure=measure.label))
    ui.show_chart(measure_view.trend.figure, measure_view.trend.table, key="trend")
    if measure_view.shows_regencies:
        st.subheader(t("services.performance.regency_heading", measure=measure.label, period=period_text))
        show_regency_breakdown(measure_view.by_regency, measure, key=f"regency__{measure.name}")


@ui.fragment
def service_regency_section(service_id: str, period, unit: str, period_text: str) -> None:
    st.subheader(t("services.detail.regency_heading", period=period_text))
    measure = measure_choice()
    show_regency_breakdown(sections.regency_breakdown(context, service_id, measure, period, unit), measure,
                           key=f"regency_{service_id}_{measure.name}")


# An area, unit or period chosen changes everything below the filters, but not the page's frame (navigation,
# sidebar, title): the filters with all they govern are one fragment, so a choice reruns that part, not the app.
@ui.fragment
def page_body() -> None:
    # Filters: kept in the URL so that a link opens the same view.
    filters = st.columns([2, 2, 3])
    with filters[0]:
        # A quarter by default: satisfaction (IKM) is surveyed quarterly or half-yearly, so most months show none.
        unit = ui.url_choice(t("services.filter.unit"), list(logic.PERIOD_UNITS), "unit", default="quarter",
                             format_func=lambda option: t(f"services.period.{option}"), widget=st.radio,
                             horizontal=True)
    with filters[2]:
        area = ui.url_choice(t("services.filter.area"), list(choices.area_labels) or [province_code()], "area",
                             format_func=lambda code: choices.area_labels.get(code, code))
    figures = sections.figures(context, area, unit)
    with filters[1]:
        period = ui.url_choice(t("services.filter.period"), figures.periods[::-1], "period",
                               default=figures.default_period, format_func=figures.period_option)

    # At a glance: the catalog, then the measures of the period for all services with how many report each.
    summary = sections.summary(choices, figures, period)
    st.subheader(t("services.summary.heading", area=markdown_text(choices.area_names.get(area, area)),
                   period=summary.period_text))
    columns = [*st.columns(4), *st.columns(4)]
    columns[0].metric(t("services.summary.online"), format_number(summary.catalog.service_count))
    columns[0].caption(t("services.summary.online_detail", integrated=format_number(summary.catalog.integrated_count),
                         transaction=format_number(summary.catalog.transaction_or_above)))
    for column, shown in zip(columns[1:], summary.measures):
        column.metric(shown.label, shown.value, delta=shown.delta, delta_color=shown.delta_color, help=shown.help)
        column.caption(shown.reporting)
    if summary.is_partial:
        st.warning(t("services.partial_warning", through=format_date(figures.data_through, "month")))
    if summary.previous_period_text is not None:
        st.caption(t("services.change_against", period=summary.previous_period_text))
    ui.sample_notice()

    section = ui.url_choice(t("services.view.label"), list(sections.SECTIONS), "view",
                            format_func=lambda option: t(f"services.view.{option}"),
                            widget=st.radio, horizontal=True, label_visibility="collapsed")
    st.divider()

    if section == "catalog":
        # One page of the catalog at a time, a turn of the page the fragment's own rerun.
        catalog_view = sections.catalog_view(context, choices, ui.page_number("catalog", ("catalog",)))
        st.subheader(t("services.catalog.stages_heading"))
        for column, (label, count, meaning) in zip(st.columns(len(catalog_view.stages)), catalog_view.stages):
            column.markdown(f"**{label}** · {format_number(count)}")
            column.caption(meaning)
        st.caption(t("services.article_source"))

        st.subheader(t("services.catalog.heading"))
        ui.table(catalog_view.table)
        ui.page_controls(catalog_view.page, "catalog", ("catalog",))
        ui.download_button(catalog_view.download, "services_catalog.csv", key="catalog_download")

        left, right = st.columns(2)
        with left:
            st.subheader(t("services.catalog.by_stage_heading"))
            ui.show_chart(catalog_view.stages_figure, catalog_view.stages_table, key="stages")
        with right:
            st.subheader(t("services.catalog.over_time_heading"))
            ui.show_chart(catalog_view.over_time_figure, catalog_view.over_time_table, key="stages_over_time")

    elif section == "performance":
        # One page of the services at a time; a new area, unit or period starts on its first page.
        listed = (area, unit, str(period))
        performance = sections.performance_page(choices, figures, period, ui.page_number("performance", listed))
        if performance is None:
            st.info(t("services.no_figures"))
            return
        st.subheader(t("services.performance.heading", period=summary.period_text))
        ui.table(performance.table)
        ui.page_controls(performance.page, "performance", listed)
        ui.download_button(performance.download, "services_performance.csv", key="performance_download")
        st.caption(t("services.weighting_note"))

        measure_section(choices, figures, period, area, summary.period_text)

    else:
        service_id = ui.searched_choice(t("services.filter.service"), choices.names, "service",
                                        sections.SERVICE_CHOICES, t("services.filter.service_search"),
                                        t("services.filter.service_search_placeholder"))
        detail = sections.detail_view(context, choices, figures, service_id, period, area)
        st.subheader(markdown_text(detail.name))
        for column, (label_key, value) in zip(st.columns(len(detail.facts)), detail.facts.items()):
            column.caption(t(label_key))
            column.markdown(f"**{markdown_text(value)}**")
        st.info(f"**{detail.stage_label}**: {detail.stage_meaning}")
        if detail.is_in_article:
            st.caption(f"★ {t('services.detail.in_article')}")

        left, right = st.columns([2, 3])
        with left:
            st.markdown(f"**{t('services.detail.stage_history')}**")
            ui.table(detail.stage_history)
        with right:
            st.markdown(f"**{t('services.detail.next_heading')}**")
            for step in detail.next_steps:
                st.markdown(f"- {step}")

        if not detail.has_figures:
            st.info(t("services.detail.no_figures"))
            return
        st.subheader(t("services.detail.latest_heading", period=summary.period_text))
        for column, shown in zip([*st.columns(3), *st.columns(3)], detail.measures):
            column.metric(shown.label, shown.value, delta=shown.delta, delta_color=shown.delta_color, help=shown.help)

        st.subheader(t("services.detail.history_heading"))
        chart_columns = st.columns(2)
        for position, (measure, chart) in enumerate(detail.history):
            with chart_columns[position % 2]:
                st.markdown(f"**{measure.label}**")
                ui.show_chart(chart.figure, chart.table, key=f"history_{measure.name}")
        if area == province_code():
            service_regency_section(service_id, period, unit, summary.period_text)


page_body()
