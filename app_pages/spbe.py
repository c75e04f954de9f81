"""SPBE: the e-government index by year, the regencies side by side, its breakdown, and the shortest path up."""
import streamlit as st

from smartisland import ui
from smartisland.config import app_mode
from smartisland.i18n import format_number, format_signed, t
from smartisland.spbe import charts
from smartisland.spbe import index as spbe
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query

ui.require_warehouse()
st.title(t("spbe.title"))
st.write(t("spbe.intro"))

is_internal = app_mode() == "internal"  # evidence status is internal: never shown on the public site
frameworks = spbe.frameworks_from_frame(run_query("spbe_framework_indicators"))
levels = run_query("spbe_indicator_levels", include_internal=is_internal)
published = run_query("spbe_published_indices")
indices = spbe.entity_year_indices(levels, frameworks)

# ---------------------------------------------------------------- the province by year
st.header(t("spbe.trend.heading"))
trend = charts.trend_frame(indices, published)
latest_published = published[published["entity_code"] == spbe.PROVINCE_CODE].tail(1)
if not latest_published.empty:
    latest = latest_published.iloc[0]
    next_bound = spbe.next_band_bound(latest["index_value"])
    first, second = st.columns(2)
    first.metric(t("spbe.trend.latest", year=int(latest["year"])), charts.index_with_predicate(latest["index_value"]))
    if next_bound is None:
        second.metric(t("spbe.predicate_label"), t("spbe.trend.top_band"))
    else:
        second.metric(t("spbe.trend.gap_to_next", predicate=charts.predicate_text(spbe.predicate(next_bound))),
                      format_number(next_bound - latest["index_value"], 2))
ui.show_chart(charts.trend_figure(trend), charts.trend_table(trend))
sources = sorted(set(published.loc[published["entity_code"].isin([spbe.PROVINCE_CODE, "national"]), "source"]))
st.caption(t("spbe.trend.sources", sources="; ".join(markdown_text(source) for source in sources)))
ui.sample_notice()

if levels.empty:
    st.info(t("spbe.no_assessments"))
    st.stop()

# ---------------------------------------------------------------- computed against published
st.header(t("spbe.check.heading"))
st.write(t("spbe.check.intro"))
comparison = spbe.compare_with_published(indices, published)
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
compare_year = ui.url_choice(t("spbe.compare.year"), charts.regency_years(indices, published), "compare_year")
entities = charts.entities_frame(indices, published, compare_year) if compare_year else None
if entities is None or entities.empty:
    st.info(t("spbe.compare.no_entities"))
else:
    ui.show_chart(charts.entities_figure(entities, charts.national_average(published, compare_year)),
                  charts.entities_table(entities))
    ui.sample_notice()

# ---------------------------------------------------------------- one government, one year
st.header(t("spbe.breakdown.heading"))
entity_names = dict(zip(indices["entity_code"], indices["entity_name"]))
entity_codes = sorted(entity_names, key=lambda code: (code != spbe.PROVINCE_CODE, code))
left, right = st.columns(2)
with left:
    entity_code = ui.url_choice(t("spbe.breakdown.entity"), entity_codes, "entity",
                                format_func=lambda code: charts.entity_label(code, entity_names[code]))
entity_years = sorted(indices.loc[indices["entity_code"] == entity_code, "year"].astype(int), reverse=True)
with right:
    year = ui.url_choice(t("spbe.breakdown.year"), entity_years, "year")
chosen = indices[(indices["entity_code"] == entity_code) & (indices["year"] == year)].iloc[0]
indicators = frameworks[chosen["framework_id"]]
chosen_levels = levels[(levels["entity_code"] == entity_code) & (levels["year"] == year)]
entity_levels = dict(zip(chosen_levels["indicator_no"].astype(int), chosen_levels["level"].astype(int)))
owners = dict(zip(chosen_levels["indicator_no"].astype(int), chosen_levels["owner_agency"]))
is_complete = chosen["indicators_assessed"] == chosen["indicators_expected"]

if not is_complete:
    st.warning(t("spbe.breakdown.incomplete", assessed=int(chosen["indicators_assessed"]),
                 expected=int(chosen["indicators_expected"])))
else:
    st.metric(t("spbe.index"), charts.index_with_predicate(chosen["index_value"]))
    aspects = spbe.breakdown(entity_levels, indicators, by="aspect")
    ui.show_chart(charts.breakdown_figure(aspects), charts.breakdown_table(aspects, "aspect"))
    st.caption(t("spbe.breakdown.explain"))
    st.dataframe(charts.breakdown_table(spbe.breakdown(entity_levels, indicators, by="domain"), "domain"),
                 hide_index=True, width="stretch")
    ui.sample_notice()

# ---------------------------------------------------------------- the heat map
st.subheader(t("spbe.heatmap.heading"))
heatmap_modes = ["year", "entity"]
heatmap_mode = ui.url_choice(t("spbe.heatmap.mode"), heatmap_modes, "heatmap", widget=st.radio, horizontal=True,
                             format_func=lambda mode: t(f"spbe.heatmap.by_{mode}"))
same_framework = levels["framework_id"] == chosen["framework_id"]
shown_levels = levels[same_framework & ((levels["entity_code"] == entity_code) if heatmap_mode == "year"
                                        else (levels["year"] == year))]
ui.show_chart(charts.heatmap_figure(shown_levels, heatmap_mode, include_evidence=is_internal),
              charts.heatmap_table(shown_levels, include_evidence=is_internal))
st.caption(f"{t('spbe.names_official')} {t('spbe.level_names_unsure')}")
ui.sample_notice()

if not is_complete:
    st.stop()

# ---------------------------------------------------------------- the gap plan
st.header(t("spbe.plan.heading"))
st.write(t("spbe.plan.intro"))
current_index = chosen["index_value"]
target = ui.url_choice(t("spbe.plan.target"), spbe.plan_targets(current_index), "target", format_func=lambda bound: t(
    "spbe.plan.target_option", predicate=charts.predicate_text(spbe.predicate(bound)), bound=format_number(bound, 1)))
plan = spbe.gap_plan(entity_levels, indicators, target)
if not plan.is_reachable:
    st.error(t("spbe.plan.unreachable", target=format_number(plan.target, 2)))
elif not plan.steps:
    st.success(t("spbe.plan.met", index=format_number(plan.start_index, 2), target=format_number(plan.target, 2)))
else:
    st.write(t("spbe.plan.summary", count=len(plan.steps), start=format_number(plan.start_index, 2),
               end=format_number(plan.final_index, 2),
               predicate=charts.predicate_text(spbe.predicate(plan.final_index))))
    steps_table = charts.plan_table(plan, indicators, owners)
    st.dataframe(steps_table, hide_index=True, width="stretch", height=min(35 * (len(steps_table) + 1) + 3, 600))
    st.caption(t("spbe.level_names_unsure"))
    left, right = st.columns([2, 1])
    with left:
        ui.show_chart(charts.plan_figure(plan, indicators), steps_table)
    with right:
        st.write(f"**{t('spbe.plan.by_owner')}**")
        st.dataframe(charts.owner_summary(plan, owners), hide_index=True, width="stretch")
ui.sample_notice()

# ---------------------------------------------------------------- the what-if
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
            charts.indicator_widget_label(indicator.number, markdown_text(indicator.name)), min_value=spbe.LEVEL_RANGE[0],
            max_value=spbe.LEVEL_RANGE[1], step=1,
            value=int(scenario["levels"].get(indicator.number, entity_levels[indicator.number])),
            key=f"{scenario_key}_{scenario['generation']}_{indicator.number}",
            help=" · ".join(charts.level_text(indicator.kind, level) for level in range(1, 6)))
        scenario["levels"][indicator.number] = int(chosen_level)
outcome = spbe.what_if(entity_levels, scenario["levels"], indicators)
first, second, third = st.columns(3)
first.metric(t("spbe.what_if.index_now", predicate=charts.predicate_text(outcome.predicate_before)),
             format_number(outcome.index_before, 2))
second.metric(t("spbe.what_if.index_after"), format_number(outcome.index_after, 2),
              # Streamlit reads the direction from an ASCII minus.
              delta=format_signed(outcome.index_after - outcome.index_before, 2).replace("−", "-") if outcome.changed
              else None)
third.metric(t("spbe.what_if.predicate_after"), charts.predicate_text(outcome.predicate_after))
st.caption(f"{t('spbe.what_if.changed', count=len(outcome.changed))} · {t('spbe.level_names_unsure')}")
if st.button(t("spbe.what_if.reset"), icon=":material/restart_alt:"):
    st.session_state[scenario_key] = {"levels": {}, "generation": scenario["generation"] + 1}
    st.rerun()
