"""Connectivity: public Wi-Fi points, mobile coverage and blank spots, the sites left out, on a map that works offline."""
import streamlit as st

from smartisland import geo, ui
from smartisland.config import app_mode, province_code
from smartisland.connectivity import logic, sections
from smartisland.connectivity.map import COVERAGE_SHADINGS, MAP_LAYERS
from smartisland.i18n import format_date, format_number, format_percent, t
from smartisland.text import markdown_text

# Mode guard: a public page, the same sections in both modes; in public mode the Wi-Fi use figures leave out the
# measures withheld from the public (smartisland/disclosure.py).
ui.require_mode("internal", "public")
IS_PUBLIC = app_mode() == "public"
MAP_ITEM_KINDS = ("point", "site", "village")  # what a pick on the map can show the details of

ui.require_warehouse()
st.title(t("connectivity.title"))
st.write(t("connectivity.intro"))

data_through = ui.data_state().data_through
if data_through is None or str(data_through) == "NaT":
    st.info(t("connectivity.no_facts"))
    st.stop()
data_month_end = logic.month_end(data_through)  # the figures stand on the data's latest month, not on a report day
context = ui.context()
places = sections.places(context)


# A choice that changes one part of a section reruns only that part (a fragment), not the page.
@ui.fragment
def wifi_gaps_section(region_code: str, data_month_end) -> None:
    st.subheader(t("connectivity.wifi.funding_title"))
    st.caption(t("connectivity.wifi.funding_note"))
    months = ui.url_choice(t("connectivity.wifi.funding_window"), list(logic.FUNDING_WINDOWS_MONTHS),
                           "funding_months", default=6, widget=st.select_slider,
                           format_func=lambda value: t("connectivity.wifi.window_months", months=value) if value
                           else t("connectivity.wifi.window_ended"))
    # One page of the points at a time, the list's own rerun; a new area or window starts on its first page.
    funding_list = (region_code, str(data_month_end), months)
    gaps = sections.wifi_gaps_view(context, region_code, data_month_end, months,
                                   ui.page_number("funding", funding_list))
    st.markdown(t("connectivity.wifi.funding_count", ended=format_number(gaps.funding_ended),
                  ending=format_number(gaps.funding_ending)))
    if gaps.funding_table is not None:
        ui.table(gaps.funding_table)
        ui.page_controls(gaps.funding_page, "funding", funding_list)
        ui.download_button(gaps.funding_download, "wifi_funding_ending.csv", key="download_funding")

    st.subheader(t("connectivity.wifi.without_title"))
    st.markdown(t("connectivity.wifi.without_count", villages=format_number(gaps.villages_without)))
    if gaps.villages_without_table is not None:
        ui.table(gaps.villages_without_table)


@ui.fragment
def coverage_progress_section(region_code: str) -> None:
    st.subheader(t("connectivity.coverage.progress_title"))
    measure = ui.url_choice(t("connectivity.coverage.measure_label"), list(sections.COVERAGE_MEASURES),
                            "coverage_measure", widget=st.radio, horizontal=True,
                            format_func=lambda value: t(f"connectivity.coverage.measure.{value}"))
    progress = sections.progress_view(context, region_code, measure)
    if progress.figure is None:
        st.info(t("common.no_data"))
    else:
        ui.show_chart(progress.figure, progress.table)
        st.caption(t("connectivity.coverage.progress_note"))


@ui.fragment
def map_table_section(region_code: str, data_month_end, coverage_shading: str, layers: tuple[str, ...]) -> None:
    """The map as a table, one page of its items at a time (paged in SQL), the table's own rerun."""
    listed = (region_code, str(data_month_end), coverage_shading, layers)
    items = sections.map_items(context, region_code, data_month_end, coverage_shading, list(layers),
                               ui.page_number("map_items", listed))
    with st.expander(t("connectivity.map.table_alternative")):
        st.caption(t("connectivity.map.table_caption", total=format_number(items.page.total),
                     rows=format_number(items.page.rows_per_page)))
        ui.table(items.table)
        ui.page_controls(items.page, "map_items", listed)


@ui.fragment
def chosen_section(region_code: str, data_month_end) -> None:
    """The section chosen, its choice included: a switch reruns this part only, not the filters and headline above."""
    # Only the chosen section is computed and sent (tabs would build and send all four), kept in the URL.
    section = ui.section_choice(["map", "wifi", "coverage", "left_out"], "section",
                                format_func=lambda name: t(f"connectivity.tab.{name}"))

    if section == "map":
        control_columns = st.columns([2, 3])
        with control_columns[0]:
            coverage_shading = ui.url_choice(t("connectivity.map.coverage_label"), list(COVERAGE_SHADINGS), "coverage",
                                          widget=st.radio, horizontal=True,
                                          format_func=lambda view: t(f"connectivity.map.coverage.{view}"))
        with control_columns[1]:
            layers = ui.url_choices(t("connectivity.map.layers_label"), list(MAP_LAYERS), "layers",
                                    format_func=lambda layer: t(f"connectivity.map.layer.{layer}")) or list(MAP_LAYERS)
        shown_map = ui.connectivity_map_view(region_code, data_month_end, coverage_shading, layers,
                                             width_px=ui.map_width())
        # The details of a picked item sit beside the map (under it on a phone), the legend below them.
        map_column, side_column = st.columns([3, 2])
        with map_column:
            event = st.pydeck_chart(shown_map.deck, on_select="rerun", selection_mode="single-object",
                                    key="connectivity_map", height=geo.MAP_HEIGHT_PX)
        st.caption(t("connectivity.map.offline_note") + " " + t("connectivity.map.select_in_province"
                                                               if region_code == province_code() else
                                                               "connectivity.map.select_in_region"))

        # The item shown can come from a click on the map or from this list, so the list's state is set here
        # (a new map selection wins) and kept in the URL by hand rather than through ui.url_choice. The list offers
        # what a search finds, a few at a time (matched in SQL), not every point, site and village of the region.
        in_url = st.query_params.get("item", "")
        selected = [entry.get("item") for objects in event.selection.get("objects", {}).values() for entry in objects]
        selected = [item for item in selected if isinstance(item, str) and item.partition(":")[0] in MAP_ITEM_KINDS]
        if selected and selected[0] != st.session_state.get("connectivity_map_selected"):
            st.session_state["connectivity_map_selected"] = selected[0]
            st.session_state["connectivity_item"] = selected[0]
        current = st.session_state.get("connectivity_item", in_url) or ""
        details = sections.item_details(context, current, shown_map)
        with side_column:
            search = st.text_input(t("connectivity.map.search_label"), key="connectivity_search",
                                   placeholder=t("connectivity.map.search_placeholder"))
            found = sections.map_items(context, region_code, data_month_end, "village", list(MAP_LAYERS), search=search,
                                       rows_per_page=sections.MAP_ITEM_CHOICES)
            choices = {"": t("connectivity.map.pick_item"), **found.labels}
            if details is not None and current not in choices:
                choices[current] = details[0]  # picked on the map or in the URL: offered whatever the search
            st.session_state["connectivity_item"] = current if current in choices else ""
            item = st.selectbox(t("connectivity.map.details_of"), list(choices), key="connectivity_item",
                                format_func=choices.__getitem__)
            if found.page.total > sections.MAP_ITEM_CHOICES:
                st.caption(t("common_extra.more_matches", shown=format_number(len(found.labels)),
                             total=format_number(found.page.total)))
            elif found.page.total == 0:
                st.caption(t("common_extra.no_match"))
            if item != in_url:
                if item:
                    st.query_params["item"] = item
                else:
                    del st.query_params["item"]
            if details is not None and item == current:
                st.markdown(f"**{markdown_text(details[0])}**")
                ui.table(details[1])
            else:
                st.caption(t("connectivity.map.select_hint"))
            with st.expander(t("connectivity.map.legend"), expanded=True):
                st.markdown(shown_map.legend, unsafe_allow_html=True)
        map_table_section(region_code, data_month_end, coverage_shading, tuple(layers))

    elif section == "wifi":
        wifi = sections.wifi_view(context, region_code, data_month_end, IS_PUBLIC)
        st.subheader(t("connectivity.wifi.in_service_title"))
        ui.show_chart(wifi.in_service_figure, wifi.in_service_table)
        st.caption(t("connectivity.wifi.targets_note"))
        with st.expander(t("connectivity.wifi.published_title")):
            if wifi.published_table is None:
                st.caption(t("connectivity.wifi.no_published"))
            else:
                ui.table(wifi.published_table)

        st.subheader(t("connectivity.wifi.by_area_title"))
        if wifi.by_area_figure is None:
            st.info(t("common.no_data"))
        else:
            ui.show_chart(wifi.by_area_figure, wifi.by_area_table)

        st.subheader(t("connectivity.wifi.capacity_use_title"))
        capacity_column, use_column = st.columns(2)
        with capacity_column:
            st.markdown(f"**{t('connectivity.wifi.capacity_title')}**")
            ui.show_chart(wifi.capacity_figure, wifi.in_service_table)
        with use_column:
            st.markdown(f"**{t('connectivity.wifi.use_title')}**")
            if wifi.use_figure is None:
                st.info(t("common.no_data"))
            else:
                ui.show_chart(wifi.use_figure, wifi.use_table)

        wifi_gaps_section(region_code, data_month_end)

    elif section == "coverage":
        coverage = sections.coverage_view(context, region_code)
        st.subheader(t("connectivity.coverage.tiers_title"))
        st.caption(t("connectivity.coverage.tiers_note"))
        ui.show_chart(coverage.tiers_figure, coverage.tiers_table)

        published_figures = sections.published_view(context, region_code)
        if published_figures is not None:
            st.subheader(t("connectivity.published.title"))
            st.caption(t("connectivity.published.intro"))
            ui.table(published_figures)

        st.subheader(t("connectivity.coverage.disagreements_title"))
        st.markdown(t("connectivity.coverage.disagreements_count", villages=format_number(coverage.disagreements),
                      total=format_number(coverage.villages)))
        if coverage.disagreements_table is not None:
            ui.table(coverage.disagreements_table)

        coverage_progress_section(region_code)

        blank_spots = sections.blank_spot_view(context, region_code, data_month_end)
        st.subheader(t("connectivity.blank.title"))
        funnel_column, list_column = st.columns([2, 3])
        with funnel_column:
            ui.show_chart(blank_spots.pipeline_figure, blank_spots.pipeline_table)
        with list_column:
            st.markdown(t("connectivity.blank.late_count", late=format_number(blank_spots.late_sites),
                          open=format_number(blank_spots.open_sites)))
            ui.table(blank_spots.sites_table, max_height=360)  # level with the funnel beside it
        ui.sample_notice()

    else:
        left_out = sections.left_out_view(context, region_code, data_month_end)
        st.subheader(t("connectivity.left_out.title"))
        st.write(t("connectivity.left_out.intro"))
        st.markdown(t("connectivity.left_out.count", sites=format_number(left_out.sites),
                      down=format_number(left_out.down), poor=format_number(left_out.poor_signal)))
        if left_out.table is not None:
            ui.table(left_out.table)
            ui.download_button(left_out.table, "connectivity_sites_left_out.csv", key="download_left_out")
        ui.sample_notice()


# The regency or district chosen changes everything below it, but not the page's frame (navigation, sidebar,
# title): the filters with all they govern are one fragment, so a choice reruns that part, not the app.
@ui.fragment
def page_body(data_month_end) -> None:
    filter_columns = st.columns([1, 1, 2])
    with filter_columns[0]:
        regency_code = ui.url_choice(
            t("connectivity.filter.regency"), [province_code(), *places.regency_codes], "regency",
            format_func=lambda code: places.names.get(code, t("connectivity.filter.all_province")))
    with filter_columns[1]:
        district_code = ui.url_choice(
            t("connectivity.filter.district"), places.district_options(regency_code), "district",
            disabled=regency_code == province_code(),
            format_func=lambda code: t("connectivity.filter.all_districts") if code == regency_code
            else places.names[code])
    with filter_columns[2]:
        st.caption(t("connectivity.as_of", date=format_date(data_month_end)))
    region_code = logic.chosen_region(regency_code, district_code)

    headline = sections.headline(context, region_code, data_month_end)
    metric_columns = st.columns(5)
    metric_columns[0].metric(t("kpi_labels.points_installed"), format_number(headline.points_in_service))
    if region_code == province_code() and headline.target is not None:
        metric_columns[0].caption(t("connectivity.metric.of_target",
                                    percent=format_percent(headline.percent_of_target),
                                    target=format_number(headline.target.points), source=headline.target.source))
    elif region_code == province_code():
        metric_columns[0].caption(t("connectivity.wifi.no_target"))
    metric_columns[1].metric(t("connectivity.metric.down"), format_number(headline.points_down))
    if headline.points_in_service is not None:
        metric_columns[1].caption(t("kpi_labels.points_working",
                                    working=format_number(headline.points_in_service - headline.points_down)))
    metric_columns[2].metric(t("connectivity.metric.funding_ended"), format_number(headline.funding_ended))
    metric_columns[3].metric(t("connectivity.metric.good_signal"), format_percent(headline.good_signal_percent))
    metric_columns[3].caption(t("kpi_labels.good_4g_help",
                                any_source=format_percent(headline.good_signal_any_source_percent)))
    metric_columns[4].metric(t("connectivity.metric.late_sites"),
                             f"{format_number(headline.late_sites)} / {format_number(headline.open_sites)}")
    metric_columns[4].caption(t("connectivity.metric.late_sites_help"))
    ui.sample_notice()
    chosen_section(region_code, data_month_end)


page_body(data_month_end)
