"""Connectivity: public Wi-Fi points, mobile coverage and blank spots, the sites left out, on a map that works offline."""
import streamlit as st

from smartisland import geo, ui
from smartisland.config import app_mode
from smartisland.connectivity import charts, logic
from smartisland.i18n import format_date, format_number, format_percent, t
from smartisland.publishing import disclosure
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query

ui.require_warehouse()
st.title(t("connectivity.title"))
st.write(t("connectivity.intro"))

data_through = ui.data_state().data_through
if data_through is None or str(data_through) == "NaT":
    st.info(t("connectivity.no_facts"))
    st.stop()
as_of = logic.month_end(data_through)
areas = run_query("connectivity_areas")
regencies = logic.children_of(areas, logic.PROVINCE_CODE)
names = dict(zip(areas["region_code"], areas["name"]))

filter_columns = st.columns([1, 1, 2])
with filter_columns[0]:
    regency_code = ui.url_choice(t("connectivity.filter.regency"), [logic.PROVINCE_CODE, *regencies["region_code"]],
                                 "regency", format_func=lambda code: names.get(code, t("connectivity.filter.all_bali")))
with filter_columns[1]:
    district_options = [regency_code, *logic.children_of(areas, regency_code)["region_code"]]
    district_code = ui.url_choice(
        t("connectivity.filter.district"), district_options, "district", disabled=regency_code == logic.PROVINCE_CODE,
        format_func=lambda code: t("connectivity.filter.all_districts") if code == regency_code else names[code])
with filter_columns[2]:
    st.caption(t("connectivity.as_of", date=format_date(as_of)))
region_code = logic.chosen_region(regency_code, district_code)

monthly = run_query("wifi_points_in_service_monthly", region_code=region_code)
by_area = run_query("wifi_points_by_area", region_code=region_code, as_of=as_of)
points = run_query("wifi_points_list", region_code=region_code)
ended = run_query("wifi_points_funding_ending", region_code=region_code, as_of=as_of, months=0)
village_tiers = run_query("coverage_village_tiers", region_code=region_code)
sites = run_query("blank_spot_sites_list", region_code=region_code, as_of=as_of)
tier_totals = logic.tier_counts(village_tiers)

in_service = logic.points_in_service_on(monthly, as_of)
late_sites, open_sites = logic.late_share(sites)
good = tier_totals.set_index("signal_tier").loc["good"]
metric_columns = st.columns(5)
metric_columns[0].metric(t("connectivity.metric.in_service"), format_number(in_service))
if region_code == logic.PROVINCE_CODE:
    metric_columns[0].caption(t("connectivity.metric.of_target", percent=format_percent(
        100 * in_service / logic.WIFI_TARGET.points if in_service is not None else None),
        target=format_number(logic.WIFI_TARGET.points), source=logic.WIFI_TARGET.source))
metric_columns[1].metric(t("connectivity.metric.down"), format_number(int(by_area["points_down"].sum())))
metric_columns[2].metric(t("connectivity.metric.funding_ended"), format_number(len(ended)))
metric_columns[3].metric(t("connectivity.metric.good_signal"), format_percent(good["percent"]))
metric_columns[3].caption(t("connectivity.metric.good_signal_help"))
metric_columns[4].metric(t("connectivity.metric.late_sites"), f"{format_number(late_sites)} / {format_number(open_sites)}")
metric_columns[4].caption(t("connectivity.metric.late_sites_help"))
ui.sample_notice()

map_tab, wifi_tab, coverage_tab, left_out_tab = st.tabs(
    [t("connectivity.tab.map"), t("connectivity.tab.wifi"), t("connectivity.tab.coverage"),
     t("connectivity.tab.left_out")])

with map_tab:
    control_columns = st.columns([2, 3])
    with control_columns[0]:
        coverage_view = ui.url_choice(t("connectivity.map.coverage_label"), list(charts.COVERAGE_VIEWS), "coverage",
                                      widget=st.radio, horizontal=True,
                                      format_func=lambda view: t(f"connectivity.map.coverage.{view}"))
    with control_columns[1]:
        layers = ui.url_choices(t("connectivity.map.layers_label"), list(charts.MAP_LAYERS), "layers",
                                format_func=lambda layer: t(f"connectivity.map.layer.{layer}")) or list(charts.MAP_LAYERS)
    cells = geo.land_cells()
    hexagons = None
    if coverage_view == "hexagon":
        region_cells = geo.cells_of_region(cells, region_code)
        nearest = geo.nearest_place(region_cells, village_tiers, place_group=village_tiers["village_code"].str[:8])
        hexagons = logic.hexagon_tiers(region_cells, village_tiers, nearest)
    deck = charts.connectivity_map(cells, region_code, coverage_view, layers, points=points, sites=sites,
                                   village_tiers=village_tiers, hexagons=hexagons)
    map_column, legend_column = st.columns([4, 1])
    with map_column:
        event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="connectivity_map",
                                height=geo.MAP_HEIGHT_PX)
    with legend_column:
        st.markdown(charts.legend_markdown(coverage_view, layers), unsafe_allow_html=True)
    st.caption(t("connectivity.map.offline_note"))

    # The item shown can come from a click on the map or from this list, so the list's state is set here
    # (a new map selection wins) and kept in the URL by hand rather than through ui.url_choice.
    labels = charts.item_labels(points, sites, village_tiers)
    choices = {"": t("connectivity.map.pick_item"), **labels}
    in_url = st.query_params.get("item", "")
    if st.session_state.get("connectivity_item") not in choices:
        st.session_state["connectivity_item"] = in_url if in_url in choices else ""
    selected = [entry.get("item") for objects in event.selection.get("objects", {}).values() for entry in objects]
    selected = [item for item in selected if item in labels]
    if selected and selected[0] != st.session_state.get("connectivity_map_selected"):
        st.session_state["connectivity_map_selected"] = selected[0]
        st.session_state["connectivity_item"] = selected[0]
    item = st.selectbox(t("connectivity.map.details_of"), list(choices), key="connectivity_item",
                        format_func=choices.__getitem__)
    if item != in_url:
        if item:
            st.query_params["item"] = item
        else:
            del st.query_params["item"]
    details = charts.item_details(item, points, sites, village_tiers) if item else None
    if details:
        st.markdown(f"**{markdown_text(details[0])}**")
        st.dataframe(details[1], hide_index=True)
    else:
        st.caption(t("connectivity.map.select_hint"))
    with st.expander(t("connectivity.map.table_alternative")):
        st.dataframe(charts.map_items_table(points, layers, coverage_view, sites, village_tiers), hide_index=True,
                     width="stretch")

with wifi_tab:
    st.subheader(t("connectivity.wifi.in_service_title"))
    ui.show_chart(charts.points_in_service_figure(monthly, show_published=region_code == logic.PROVINCE_CODE),
                  charts.points_in_service_table(monthly))
    st.caption(t("connectivity.wifi.targets_note"))
    with st.expander(t("connectivity.wifi.published_title")):
        st.dataframe(charts.published_figures_table(), hide_index=True, width="stretch")

    st.subheader(t("connectivity.wifi.by_area_title"))
    if by_area.empty:
        st.info(t("common.no_data"))
    else:
        ui.show_chart(charts.points_by_area_figure(by_area), charts.points_by_area_table(by_area))

    st.subheader(t("connectivity.wifi.capacity_use_title"))
    usage = run_query("wifi_usage_trend", region_code=region_code)
    if app_mode() == "public":
        usage = disclosure.public_result(usage)
    capacity_column, use_column = st.columns(2)
    with capacity_column:
        st.markdown(f"**{t('connectivity.wifi.capacity_title')}**")
        ui.show_chart(charts.capacity_figure(monthly), charts.points_in_service_table(monthly))
    with use_column:
        st.markdown(f"**{t('connectivity.wifi.use_title')}**")
        if usage.empty:
            st.info(t("common.no_data"))
        else:
            ui.show_chart(charts.use_figure(usage), charts.use_table(usage))

    st.subheader(t("connectivity.wifi.funding_title"))
    st.caption(t("connectivity.wifi.funding_note", source=logic.PROVINCIAL_FUNDING_SOURCE))
    months = ui.url_choice(t("connectivity.wifi.funding_window"), list(logic.FUNDING_WINDOWS_MONTHS),
                           "funding_months", default=6, widget=st.select_slider,
                           format_func=lambda value: t("connectivity.wifi.window_months", months=value) if value
                           else t("connectivity.wifi.window_ended"))
    funding = run_query("wifi_points_funding_ending", region_code=region_code, as_of=as_of, months=months)
    st.markdown(t("connectivity.wifi.funding_count", ended=format_number(int(funding["is_funding_ended"].sum())),
                  ending=format_number(int((~funding["is_funding_ended"]).sum()))))
    if not funding.empty:
        st.dataframe(charts.funding_table(funding), hide_index=True, width="stretch")
        ui.download_button(charts.funding_table(funding), "wifi_funding_ending.csv", key="download_funding")

    st.subheader(t("connectivity.wifi.without_title"))
    without = run_query("wifi_villages_without_points", region_code=region_code, as_of=as_of)
    st.markdown(t("connectivity.wifi.without_count", villages=format_number(len(without))))
    if not without.empty:
        st.dataframe(charts.villages_without_table(without), hide_index=True, width="stretch")

with coverage_tab:
    st.subheader(t("connectivity.coverage.tiers_title"))
    st.caption(t("connectivity.coverage.tiers_note"))
    by_source = run_query("coverage_tiers_by_source", region_code=region_code)
    ui.show_chart(charts.tiers_by_source_figure(by_source, tier_totals),
                  charts.tiers_by_source_table(logic.tiers_by_source_wide(by_source), tier_totals))

    st.subheader(t("connectivity.coverage.disagreements_title"))
    disagreements = run_query("coverage_source_disagreements", region_code=region_code)
    st.markdown(t("connectivity.coverage.disagreements_count", villages=format_number(len(disagreements)),
                  total=format_number(len(village_tiers))))
    if not disagreements.empty:
        st.dataframe(charts.disagreements_table(disagreements), hide_index=True, width="stretch")

    st.subheader(t("connectivity.coverage.progress_title"))
    measure = ui.url_choice(t("connectivity.coverage.measure_label"), ["percent_good", "percent_with_signal"],
                            "coverage_measure", widget=st.radio, horizontal=True,
                            format_func=lambda value: t(f"connectivity.coverage.measure.{value}"))
    shares = logic.coverage_shares(run_query("coverage_by_quarter", region_code=region_code))
    forecasts = {source: logic.forecast_reaching(rows["quarter_end"], rows[measure])
                 for source, rows in shares.groupby("source")}
    if shares.empty:
        st.info(t("common.no_data"))
    else:
        ui.show_chart(charts.coverage_progress_figure(shares, measure, forecasts),
                      charts.forecasts_table(shares, measure, forecasts))
        st.caption(t("connectivity.coverage.progress_note"))

    st.subheader(t("connectivity.blank.title"))
    pipeline = run_query("blank_spot_pipeline", region_code=region_code)
    funnel_column, list_column = st.columns([2, 3])
    with funnel_column:
        ui.show_chart(charts.pipeline_figure(pipeline), charts.pipeline_table(pipeline))
    with list_column:
        st.markdown(t("connectivity.blank.late_count", late=format_number(late_sites), open=format_number(open_sites)))
        st.dataframe(charts.blank_spot_table(sites), hide_index=True, width="stretch", height=360)
    ui.sample_notice()

with left_out_tab:
    st.subheader(t("connectivity.left_out.title"))
    st.write(t("connectivity.left_out.intro"))
    ranked = logic.rank_sites_left_out(run_query("connectivity_sites_left_out", region_code=region_code, as_of=as_of))
    st.markdown(t("connectivity.left_out.count", sites=format_number(len(ranked)),
                  down=format_number(int(ranked["is_down"].sum())),
                  poor=format_number(int(ranked["has_poor_signal"].sum()))))
    if not ranked.empty:
        st.dataframe(charts.left_out_table(ranked), hide_index=True, width="stretch")
        ui.download_button(charts.left_out_table(ranked), "connectivity_sites_left_out.csv", key="download_left_out")
    ui.sample_notice()
