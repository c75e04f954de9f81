"""Overview for the Governor's office: are we on track, what is late, where, and who owns it."""
import streamlit as st

from smartisland import ui
from smartisland.i18n import format_date, t
from smartisland.kpis import sections

ui.require_mode("internal")
ui.require_warehouse()

st.title(t("overview.title"))
st.write(t("overview.intro"))
choice, assessed = st.columns([2, 3], vertical_alignment="bottom")
with choice:
    context = ui.as_of_choice()
card, _ = ui.scorecard(context)
assessed.caption(t("overview.as_of", date=format_date(context.today)))
if context.as_of is not None:
    st.info(t("as_of.past_notice", date=format_date(context.as_of)), icon=":material/history:")
ui.sample_notice()
ui.brief_download(context)

# The verdict first, then what is late and where, then the tiles: a one-screen brief.
brief = ui.scorecard_view(sections.overview_brief, context)
verdict = brief.verdict
st.markdown(f"#### {verdict[0]}")
for sentence in verdict[1:]:
    st.markdown(sentence)

st.subheader(t("overview.late_title"))
late = brief.late
if not late.kpi_ids:
    st.success(t("overview.late_none"))
st.markdown(f"**{t('verdict.late_official')}**")
if late.official:
    st.markdown("\n".join(f"- {line}" for line in late.official))
else:
    st.caption(t("verdict.late_none_official"))
if late.illustrative:
    st.markdown(f"**{t('verdict.late_illustrative')}**")
    st.markdown("\n".join(f"- {line}" for line in late.illustrative))

st.subheader(t("overview.headline"))
headline = brief.headline
for start in range(0, len(headline), 4):
    for column, row in zip(st.columns(4), headline[start:start + 4]):
        with column:
            ui.kpi_tile(row)

st.subheader(t("overview.trajectory_title"))
row = ui.choose_kpi(card, t("overview.choose_kpi"), default=late.kpi_ids[0] if late.kpi_ids else None)
ui.show_scorecard_trajectory(row["kpi_id"], key="trajectory", context=context)
st.markdown(sections.status_line(row))
st.caption(sections.trajectory_caption(row))

st.subheader(t("overview.regional_title"))
regional = brief.regional
if regional.empty:
    st.info(t("overview.regional_none"))
else:
    regional_names = brief.regional_names
    regional_kpi = ui.url_choice(t("overview.choose_kpi"), list(regional_names), "regional",
                                 format_func=regional_names.get,
                                 default=brief.regional_default)
    part = ui.scorecard_view(sections.regional_part, context, regional_kpi, ui.map_width())
    shown = part.shown
    if shown.values is None or shown.values.empty:
        st.warning(t("kpi_problem.regional_problem" if shown.problem else "kpi_problem.regional_empty"),
                   icon=":material/warning:")
        if shown.problem:
            st.code(shown.problem, language=None, wrap_lines=True)
        st.stop()
    if shown.past_note:
        st.caption(shown.past_note)
    st.caption(shown.caption)
    ui.show_chart(part.figure, part.table, key="regional")
    # The same statuses by place, the legend beside the map (under it on a phone).
    regency_map = part.map
    map_column, legend_column = st.columns([2, 1])
    map_column.pydeck_chart(regency_map.deck, height=regency_map.height, key="regency_map")
    with legend_column:
        st.markdown(regency_map.legend, unsafe_allow_html=True)
        st.caption(regency_map.note)
