"""SPBE: the e-government index by year, the regencies side by side, its breakdown, and the shortest path up."""
import streamlit as st

from smartisland import ui
from smartisland.config import app_mode
from smartisland.i18n import t
from smartisland.spbe import sections
from smartisland.spbe.index import LEVEL_RANGE

ui.require_mode("internal", "public")
ui.require_warehouse()
st.title(t("spbe.title"))
st.write(t("spbe.intro"))

is_internal = app_mode() == "internal"  # evidence status is internal: never shown on the public site
narrow = ui.is_narrow()  # long indicator and aspect names are shortened or wrapped on a phone
# Each part is kept per warehouse file, language and choices (ui.warehouse_view): a warm run computes none again.
start = ui.warehouse_view(sections.page_start, is_internal)

# ---------------------------------------------------------------- the province by year
st.header(t("spbe.trend.heading"))
trend = start.trend
if trend.latest is not None:
    first, second = st.columns(2)
    first.metric(*trend.latest)
    second.metric(*trend.next_step)
ui.show_chart(trend.figure, trend.table)
st.caption(trend.sources)
ui.sample_notice()

# ---------------------------------------------------------------- beside the other provinces
st.header(t("comparison.heading"))
st.write(t("comparison.intro_spbe_index"))
ui.province_comparison("spbe_index")

if not start.has_levels:
    st.info(t("spbe.no_assessments"))
    st.stop()

# ---------------------------------------------------------------- computed against published
# The team's check of its own computation: internal only; the public reads the published figures.
if is_internal:
    st.header(t("spbe.check.heading"))
    st.write(t("spbe.check.intro"))
    check = start.check
    if check.different:
        st.warning(t("spbe.check.some_differ", count=check.different))
    else:
        st.success(t("spbe.check.all_agree"))
    # Tall enough to show every row without scrolling: 35 px a row and the header.
    st.dataframe(check.table, hide_index=True, width="stretch", height=min(35 * (len(check.table) + 1) + 3, 600))

# ---------------------------------------------------------------- the regencies side by side
st.header(t("spbe.compare.heading"))
compare_year = ui.url_choice(t("spbe.compare.year"), start.regency_years, "compare_year")
regency_year = ui.warehouse_view(sections.regency_year_part, is_internal, compare_year)
if regency_year.figure is None:
    st.info(t("spbe.compare.no_entities"))
else:
    ui.show_chart(regency_year.figure, regency_year.table)
    ui.sample_notice()

# ---------------------------------------------------------------- one government, one year
st.header(t("spbe.breakdown.heading"))
left, right = st.columns(2)
with left:
    entity_code = ui.url_choice(t("spbe.breakdown.entity"), list(start.entities), "entity",
                                format_func=start.entities.get)
with right:
    year = ui.url_choice(t("spbe.breakdown.year"), ui.warehouse_view(sections.entity_years_part, is_internal,
                                                                     entity_code), "year")
entity = ui.warehouse_view(sections.entity_part, is_internal, entity_code, year, narrow)

if entity.incomplete:
    st.warning(entity.incomplete)
else:
    st.metric(t("spbe.index"), entity.index)
    ui.show_chart(entity.aspects_figure, entity.aspects_table)
    st.caption(t("spbe.breakdown.explain"))
    st.dataframe(entity.domains_table, hide_index=True, width="stretch")
    ui.sample_notice()

# ---------------------------------------------------------------- the heat map
st.subheader(t("spbe.heatmap.heading"))
heatmap_modes = ["year", "entity"]
heatmap_mode = ui.url_choice(t("spbe.heatmap.mode"), heatmap_modes, "heatmap", widget=st.radio, horizontal=True,
                             format_func=lambda mode: t(f"spbe.heatmap.by_{mode}"))
heatmap = ui.warehouse_view(sections.heatmap_part, is_internal, entity_code, year, heatmap_mode, narrow)
ui.show_chart(heatmap.figure, heatmap.table)
st.caption(f"{t('spbe.names_official')} {t('spbe.level_names_unsure')}")
ui.sample_notice()

if entity.incomplete:
    st.stop()

# ---------------------------------------------------------------- the gap plan
st.header(t("spbe.plan.heading"))
st.write(t("spbe.plan.intro"))
target = ui.url_choice(t("spbe.plan.target"), list(entity.plan_targets), "target", format_func=entity.plan_targets.get)
plan = ui.warehouse_view(sections.plan_part, is_internal, entity_code, year, target)
if plan.unreachable:
    st.error(plan.unreachable)
elif plan.met:
    st.success(plan.met)
else:
    st.write(plan.summary)
    st.dataframe(plan.steps_table, hide_index=True, width="stretch",
                 height=min(35 * (len(plan.steps_table) + 1) + 3, 600))
    st.caption(t("spbe.level_names_unsure"))
    left, right = st.columns([2, 1])
    with left:
        ui.show_chart(plan.figure, plan.steps_table)
    with right:
        st.write(f"**{t('spbe.plan.by_owner')}**")
        st.dataframe(plan.by_owner, hide_index=True, width="stretch")
ui.sample_notice()

# ---------------------------------------------------------------- the what-if
def reset_scenario(scenario_key: str) -> None:
    scenario = st.session_state[scenario_key]
    st.session_state[scenario_key] = {"levels": {}, "generation": scenario["generation"] + 1}


# A fragment: a changed level reruns only the what-if, not the page's charts and tables above it.
@ui.fragment
def what_if_section(entity_code: str, year: int, shown: sections.WhatIfView) -> None:
    st.header(t("spbe.what_if.heading"))
    st.write(t("spbe.what_if.intro"))
    # Changed levels live in the session per government and year, so that switching aspect keeps them.
    scenario_key = f"spbe_what_if_{entity_code}_{year}"
    scenario = st.session_state.setdefault(scenario_key, {"levels": {}, "generation": 0})
    aspect_no = ui.url_choice(t("spbe.what_if.aspect"), sorted(shown.aspects), "aspect",
                              format_func=shown.aspects.get)
    columns = st.columns(2)
    for position, level_input in enumerate(shown.inputs(aspect_no)):
        with columns[position % 2]:
            chosen_level = st.number_input(
                level_input.label, min_value=LEVEL_RANGE[0], max_value=LEVEL_RANGE[1], step=1,
                value=int(scenario["levels"].get(level_input.number, level_input.level)),
                key=f"{scenario_key}_{scenario['generation']}_{level_input.number}", help=level_input.help)
            scenario["levels"][level_input.number] = int(chosen_level)
    outcome = shown.outcome(scenario["levels"])
    first, second, third = st.columns(3)
    first.metric(*outcome.index_now)
    second.metric(*outcome.index_after, delta=outcome.change)
    third.metric(*outcome.predicate_after)
    st.caption(outcome.changed)
    st.button(t("spbe.what_if.reset"), icon=":material/restart_alt:", on_click=reset_scenario, args=(scenario_key,))


what_if_section(entity_code, year, ui.warehouse_view(sections.what_if_part, is_internal, entity_code, year))
