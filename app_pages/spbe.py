"""SPBE: the e-government index by year, the regencies side by side, its breakdown, and the shortest path up."""
import streamlit as st

from smartisland import ui
from smartisland.config import app_mode
from smartisland.i18n import format_number, format_signed, t
from smartisland.spbe import charts, views
from smartisland.spbe.index import LEVEL_RANGE, predicate
from smartisland.spbe.plan import breakdown as spbe_breakdown
from smartisland.spbe.plan import compare_with_published, gap_plan, plan_targets, what_if
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query

ui.require_mode("internal", "public")
ui.require_warehouse()
st.title(t("spbe.title"))
st.write(t("spbe.intro"))

is_internal = app_mode() == "internal"  # evidence status is internal: never shown on the public site
narrow = ui.is_narrow()  # long indicator and aspect names are shortened or wrapped on a phone
data = views.spbe_data(run_query, include_internal=is_internal)

# ---------------------------------------------------------------- the province by year
st.header(t("spbe.trend.heading"))
trend = views.province_trend(data)
if trend.latest_index is not None:
    first, second = st.columns(2)
    first.metric(t("spbe.trend.latest", year=trend.latest_year), charts.index_with_predicate(trend.latest_index))
    if trend.next_bound is None:
        second.metric(t("spbe.predicate_label"), t("spbe.trend.top_band"))
    else:
        second.metric(t("spbe.trend.gap_to_next", predicate=charts.predicate_text(predicate(trend.next_bound))),
                      format_number(trend.next_bound - trend.latest_index, 2))
ui.show_chart(ui.cached_figure(charts.trend_figure, trend.frame), charts.trend_table(trend.frame))
st.caption(t("spbe.trend.sources", sources="; ".join(markdown_text(source) for source in trend.sources)))
ui.sample_notice()

# ---------------------------------------------------------------- beside the other provinces
st.header(t("comparison.heading"))
st.write(t("comparison.intro_spbe_index"))
ui.province_comparison("spbe_index")

if data.levels.empty:
    st.info(t("spbe.no_assessments"))
    st.stop()

# ---------------------------------------------------------------- computed against published
# The team's check of its own computation: internal only; the public reads the published figures.
if is_internal:
    st.header(t("spbe.check.heading"))
    st.write(t("spbe.check.intro"))
    comparison = compare_with_published(data.indices, data.published)
    different = int(comparison["is_different"].sum())
    if different:
        st.warning(t("spbe.check.some_differ", count=different))
    else:
        st.success(t("spbe.check.all_agree"))
    # Tall enough to show every row without scrolling: 35 px a row and the header.
    st.dataframe(charts.comparison_table(comparison), hide_index=True, width="stretch",
                 height=min(35 * (len(comparison) + 1) + 3, 600))

# ---------------------------------------------------------------- the regencies side by side
st.header(t("spbe.compare.heading"))
compare_year = ui.url_choice(t("spbe.compare.year"), views.regency_years(data.indices, data.published),
                             "compare_year")
regencies = views.regency_comparison(data, compare_year)
if regencies.entities.empty:
    st.info(t("spbe.compare.no_entities"))
else:
    ui.show_chart(ui.cached_figure(charts.entities_figure, regencies.entities, regencies.national),
                  charts.entities_table(regencies.entities))
    ui.sample_notice()

# ---------------------------------------------------------------- one government, one year
st.header(t("spbe.breakdown.heading"))
entity_names = views.entity_choices(data)
left, right = st.columns(2)
with left:
    entity_code = ui.url_choice(t("spbe.breakdown.entity"), list(entity_names), "entity",
                                format_func=lambda code: charts.entity_label(code, entity_names[code]))
with right:
    year = ui.url_choice(t("spbe.breakdown.year"), views.entity_years(data, entity_code), "year")
chosen = views.entity_year(data, entity_code, year)
indicators, entity_levels, owners = chosen.indicators, chosen.levels, chosen.owners

if not chosen.is_complete:
    st.warning(t("spbe.breakdown.incomplete", assessed=chosen.indicators_assessed, expected=chosen.indicators_expected))
else:
    st.metric(t("spbe.index"), charts.index_with_predicate(chosen.index_value))
    aspects = spbe_breakdown(entity_levels, indicators, by="aspect")
    ui.show_chart(ui.cached_figure(charts.breakdown_figure, aspects, compact=narrow),
                  charts.breakdown_table(aspects, "aspect"))
    st.caption(t("spbe.breakdown.explain"))
    st.dataframe(charts.breakdown_table(spbe_breakdown(entity_levels, indicators, by="domain"), "domain"),
                 hide_index=True, width="stretch")
    ui.sample_notice()

# ---------------------------------------------------------------- the heat map
st.subheader(t("spbe.heatmap.heading"))
heatmap_modes = ["year", "entity"]
heatmap_mode = ui.url_choice(t("spbe.heatmap.mode"), heatmap_modes, "heatmap", widget=st.radio, horizontal=True,
                             format_func=lambda mode: t(f"spbe.heatmap.by_{mode}"))
shown_levels = views.heatmap_levels(data, chosen, heatmap_mode)
ui.show_chart(ui.cached_figure(charts.heatmap_figure, shown_levels, heatmap_mode, include_evidence=is_internal,
                               compact=narrow),
              charts.heatmap_table(shown_levels, include_evidence=is_internal))
st.caption(f"{t('spbe.names_official')} {t('spbe.level_names_unsure')}")
ui.sample_notice()

if not chosen.is_complete:
    st.stop()

# ---------------------------------------------------------------- the gap plan
st.header(t("spbe.plan.heading"))
st.write(t("spbe.plan.intro"))
target = ui.url_choice(t("spbe.plan.target"), plan_targets(chosen.index_value), "target", format_func=lambda bound: t(
    "spbe.plan.target_option", predicate=charts.predicate_text(predicate(bound)), bound=format_number(bound, 1)))
plan = gap_plan(entity_levels, indicators, target)
if not plan.is_reachable:
    st.error(t("spbe.plan.unreachable", target=format_number(plan.target, 2)))
elif not plan.steps:
    st.success(t("spbe.plan.met", index=format_number(plan.start_index, 2), target=format_number(plan.target, 2)))
else:
    st.write(t("spbe.plan.summary", count=len(plan.steps), start=format_number(plan.start_index, 2),
               end=format_number(plan.final_index, 2),
               predicate=charts.predicate_text(predicate(plan.final_index))))
    steps_table = charts.plan_table(plan, indicators, owners)
    st.dataframe(steps_table, hide_index=True, width="stretch", height=min(35 * (len(steps_table) + 1) + 3, 600))
    st.caption(t("spbe.level_names_unsure"))
    left, right = st.columns([2, 1])
    with left:
        ui.show_chart(ui.cached_figure(charts.plan_figure, plan, indicators), steps_table)
    with right:
        st.write(f"**{t('spbe.plan.by_owner')}**")
        st.dataframe(charts.owner_summary(plan, owners), hide_index=True, width="stretch")
ui.sample_notice()

# ---------------------------------------------------------------- the what-if
def reset_scenario(scenario_key: str) -> None:
    scenario = st.session_state[scenario_key]
    st.session_state[scenario_key] = {"levels": {}, "generation": scenario["generation"] + 1}


# A fragment: a changed level reruns only the what-if, not the page's charts and tables above it.
@ui.fragment
def what_if_section(entity_code: str, year: int, indicators: dict, entity_levels: dict) -> None:
    st.header(t("spbe.what_if.heading"))
    st.write(t("spbe.what_if.intro"))
    # Changed levels live in the session per government and year, so that switching aspect keeps them.
    scenario_key = f"spbe_what_if_{entity_code}_{year}"
    scenario = st.session_state.setdefault(scenario_key, {"levels": {}, "generation": 0})
    aspect_names = {indicator.aspect_no: indicator.aspect for indicator in indicators.values()}
    aspect_no = ui.url_choice(t("spbe.what_if.aspect"), sorted(aspect_names), "aspect",
                              format_func=lambda number: aspect_names[number])
    columns = st.columns(2)
    aspect_indicators = [indicator for indicator in indicators.values() if indicator.aspect_no == aspect_no]
    for position, indicator in enumerate(aspect_indicators):
        with columns[position % 2]:
            chosen_level = st.number_input(
                charts.indicator_widget_label(indicator.number, markdown_text(indicator.name)),
                min_value=LEVEL_RANGE[0], max_value=LEVEL_RANGE[1], step=1,
                value=int(scenario["levels"].get(indicator.number, entity_levels[indicator.number])),
                key=f"{scenario_key}_{scenario['generation']}_{indicator.number}",
                help=" · ".join(charts.level_text(indicator.kind, level) for level in range(1, 6)))
            scenario["levels"][indicator.number] = int(chosen_level)
    outcome = what_if(entity_levels, scenario["levels"], indicators)
    first, second, third = st.columns(3)
    first.metric(t("spbe.what_if.index_now", predicate=charts.predicate_text(outcome.predicate_before)),
                 format_number(outcome.index_before, 2))
    second.metric(t("spbe.what_if.index_after"), format_number(outcome.index_after, 2),
                  # Streamlit reads the direction from an ASCII minus.
                  delta=format_signed(outcome.index_after - outcome.index_before, 2).replace("−", "-")
                  if outcome.changed else None)
    third.metric(t("spbe.what_if.predicate_after"), charts.predicate_text(outcome.predicate_after))
    st.caption(f"{t('spbe.what_if.changed', count=len(outcome.changed))} · {t('spbe.level_names_unsure')}")
    st.button(t("spbe.what_if.reset"), icon=":material/restart_alt:", on_click=reset_scenario, args=(scenario_key,))


what_if_section(entity_code, year, indicators, entity_levels)
