"""SPBE charts and tables: the index by year, the regencies side by side, the breakdown, the heat map, the gap plan."""
from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from smartisland.chart_style import NEUTRAL, PALETTE, base_layout
from smartisland.i18n import format_number, format_signed, t
from smartisland.spbe.index import LEVEL_RANGE, Indicator, predicate, predicate_key
from smartisland.spbe.plan import UNSURE_LEVEL_NAMES, GapPlan, bands, level_name, raises_by_owner
from smartisland.text import data_text, plotly_text

# Bands from Kurang to Memuaskan, and the levels 1-5 with them: the colour-blind-safe palette, warm to cool.
BAND_COLOURS = {"Kurang": "#D55E00", "Cukup": "#E69F00", "Baik": "#F0E442", "Sangat Baik": "#56B4E9",
                "Memuaskan": "#009E73"}
LEVEL_COLOURS = tuple(BAND_COLOURS.values())
BAND_FILL_OPACITY = 0.13
COMPUTED_COLOUR, PUBLISHED_COLOUR, NATIONAL_COLOUR = PALETTE[0], PALETTE[7], NEUTRAL


def predicate_text(name) -> str:
    """A predicate in the user's language; "no data" when there is none (None, or NaN: pandas 3 keeps a missing
    text so)."""
    return t(predicate_key(name)) if isinstance(name, str) and name else t("common.no_data")


def index_text(value) -> str:
    return format_number(value, 2)


def index_with_predicate(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data")
    return t("spbe.index_with_predicate", index=index_text(value), predicate=predicate_text(predicate(value)))


def level_text(kind: str, level) -> str:
    """`3 · Terdefinisi`, with the name marked unsure where provinces/<code>/reference/SOURCES.md says so."""
    if level is None or (isinstance(level, float) and math.isnan(level)):
        return t("common.no_data")
    name = level_name(kind, int(level))
    if (kind, int(level)) in UNSURE_LEVEL_NAMES:
        name = t("spbe.unsure_mark", name=name)
    return t("spbe.level_with_name", level=int(level), name=name)


def entity_label(entity_code: str, entity_name) -> str:
    if entity_code == "national":
        return t("spbe.national_average")
    return entity_name if isinstance(entity_name, str) and entity_name else entity_code


def indicator_label(number: int, name: str) -> str:
    return f"{int(number)}. {name}"


# On a phone a chart is about 350 pixels wide: long category names there take the plot's room or are cut.
COMPACT_LINE_CHARACTERS = 24
COMPACT_ROW_CHARACTERS = 22


def wrapped(text: str, width: int = COMPACT_LINE_CHARACTERS) -> str:
    """A Plotly label broken into lines of at most `width` characters, at spaces."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def shortened(text: str, width: int = COMPACT_ROW_CHARACTERS) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def indicator_widget_label(number: int, name: str) -> str:
    """For widget labels, which read Markdown: `1. name` there would become a list item and lose its number."""
    return f"{int(number)} · {name}"


def _add_bands(figure: go.Figure, axis: str = "y", show_names: bool = True) -> None:
    """The five bands as light stripes, named at the edge, so that a value reads with its band.

    Shapes and annotations are given as plain layout entries in one update: Plotly's add_hrect/add_vrect check
    every axis on each call, which made the bands most of a figure's build time."""
    across = "x" if axis == "y" else "y"
    shapes, annotations = [], []
    for band in bands():
        shapes.append({"type": "rect", f"{across}0": 0, f"{across}1": 1, f"{across}ref": f"{across} domain",
                       f"{axis}0": band.lower, f"{axis}1": band.upper, f"{axis}ref": axis,
                       "fillcolor": BAND_COLOURS[band.name], "opacity": BAND_FILL_OPACITY, "line": {"width": 0},
                       "layer": "below"})
        if show_names:
            # Outside the plot, right of it: inside, a name collides with the data and, on a phone, with the label
            # of the latest value.
            edge = {"x": 1.01, "xref": "paper", "xanchor": "left"} if axis == "y" else \
                {"y": 1, "yref": "paper", "yanchor": "bottom"}
            annotations.append({**edge, axis: (band.lower + band.upper) / 2, "text": predicate_text(band.name),
                                "showarrow": False, "font": {"size": 11, "color": "#44514F"}})
    figure.update_layout(shapes=[*figure.layout.shapes, *shapes],
                         annotations=[*figure.layout.annotations, *annotations])


def _index_axis() -> dict:
    return {"range": [LEVEL_RANGE[0], LEVEL_RANGE[1]], "dtick": 0.5, "title": t("spbe.index")}


# ---------------------------------------------------------------- the index by year




def trend_figure(trend: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    _add_bands(figure)
    series = (("computed", "spbe.trend.computed", COMPUTED_COLOUR, "circle", "dot"),
              ("published", "spbe.trend.published", PUBLISHED_COLOUR, "diamond", None),
              ("national", "spbe.national_average", NATIONAL_COLOUR, "square", "dash"))
    for column, label_key, colour, symbol, dash in series:
        points = trend.dropna(subset=[column])
        if points.empty:
            continue
        figure.add_trace(go.Scatter(
            x=points["year"], y=points[column], name=t(label_key), mode="lines+markers" if dash else "markers",
            line={"color": colour, "dash": dash or "solid", "width": 2},
            # a computed year without a published index gets the hollow marker below, not a filled one
            marker={"color": colour, "symbol": symbol,
                    "size": 12 if column == "published" else ([9 if pd.notna(value) else 0 for value in
                                                               points["published"]] if column == "computed" else 9)},
            text=[index_with_predicate(value) for value in points[column]],
            hovertemplate="%{x}: %{text}<extra>" + t(label_key) + "</extra>"))
    # A computed value with no published index beside it rests on the sample's invented indicator levels: a hollow
    # marker named as such, so that the line does not pass it off as a measured year (issue 13, item 7).
    sample_only = trend[trend["computed"].notna() & trend["published"].isna()]
    if not sample_only.empty:
        figure.add_trace(go.Scatter(
            x=sample_only["year"], y=sample_only["computed"], name=t("spbe.trend.sample_only"), mode="markers+text",
            marker={"color": COMPUTED_COLOUR, "symbol": "circle-open", "size": 13, "line": {"width": 2}},
            text=[t("spbe.trend.sample_label")] * len(sample_only), textposition="bottom center",
            textfont={"size": 11, "color": "#44514F"},
            hovertemplate="%{x}: %{y:.2f}<extra>" + t("spbe.trend.sample_only") + "</extra>"))
    latest = trend.dropna(subset=["published"]).tail(1)
    if latest.empty:
        # no published index yet (a province whose figures are not loaded): label the latest computed one instead
        latest = trend.dropna(subset=["computed"]).tail(1).drop(columns="published").rename(
            columns={"computed": "published"})
    for _, row in latest.iterrows():
        figure.add_annotation(x=row["year"], y=row["published"], text=f"<b>{index_with_predicate(row['published'])}</b>",
                              showarrow=True, arrowhead=0, ax=0, ay=-34, bgcolor="white")
    base_layout(figure, height=400)
    figure.update_layout(margin={"r": 84})  # room for the band names right of the plot
    years = [int(year) for year in trend["year"]]
    figure.update_xaxes(tickvals=years, ticktext=[str(year) for year in years], title=t("spbe.year"),
                        range=[min(years) - 0.4, max(years) + 0.9] if years else None)
    figure.update_yaxes(**_index_axis())
    return figure


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("spbe.year"): trend["year"].astype(int).astype(str),
        t("spbe.trend.computed"): trend["computed"].map(index_with_predicate),
        t("spbe.trend.published"): trend["published"].map(index_with_predicate),
        t("spbe.check.certainty"): trend["certainty"].map(_certainty_text),
        t("spbe.trend.provenance"): [t("provenance.published") if pd.notna(published)
                                     else (t("provenance.sample") if pd.notna(computed) else "–")
                                     for published, computed in zip(trend["published"], trend["computed"])],
        t("spbe.national_average"): trend["national"].map(index_with_predicate),
    })


def _certainty_text(certainty) -> str:
    return t(f"spbe.certainty.{certainty}") if isinstance(certainty, str) else ""


# ---------------------------------------------------------------- computed against published


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    def status(row) -> str:
        if pd.isna(row["computed_index"]):
            return t("spbe.check.not_assessed")
        return t("spbe.check.differs") if row["is_different"] else t("spbe.check.agrees")

    return pd.DataFrame({
        t("spbe.year"): comparison["year"].astype(int).astype(str),
        t("spbe.entity"): [entity_label(code, name) for code, name in
                           zip(comparison["entity_code"], comparison["entity_name"])],
        t("spbe.check.computed"): comparison["computed_index"].map(lambda value: format_number(value, 3)),
        t("spbe.check.published"): comparison["published_index"].map(index_text),
        t("spbe.check.difference"): comparison["difference"].map(lambda value: format_signed(value, 3)),
        t("spbe.check.status"): [status(row) for _, row in comparison.iterrows()],
        t("spbe.check.certainty"): comparison["certainty"].map(_certainty_text),
        t("spbe.source"): comparison["source"].map(data_text),
    })


# ---------------------------------------------------------------- the regencies side by side








def entities_figure(entities: pd.DataFrame, national: float | None = None) -> go.Figure:
    """Bars of each government's index (published where there is one), coloured and labelled with the band."""
    figure = go.Figure()
    # The bars' labels and colours name the band; five names across a phone's narrow plot would overlap.
    _add_bands(figure, axis="x", show_names=False)
    names = [plotly_text(entity_label(code, name))
             for code, name in zip(entities["entity_code"], entities["entity_name"])]
    figure.add_trace(go.Bar(
        y=names, x=entities["shown"], orientation="h",
        marker={"color": [BAND_COLOURS.get(name, NEUTRAL) for name in entities["predicate"]],
                "line": {"color": "#1B2B2A", "width": 0.5}},
        text=[index_with_predicate(value) for value in entities["shown"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>", name=t("spbe.compare.bars")))
    computed = entities.dropna(subset=["computed"])
    if not computed.empty:
        figure.add_trace(go.Scatter(
            y=[plotly_text(entity_label(code, name))
               for code, name in zip(computed["entity_code"], computed["entity_name"])],
            x=computed["computed"], mode="markers", name=t("spbe.trend.computed"),
            marker={"symbol": "line-ns-open", "size": 18, "color": COMPUTED_COLOUR, "line": {"width": 3}},
            text=[index_text(value) for value in computed["computed"]],
            hovertemplate="%{y}: %{text}<extra>" + t("spbe.trend.computed") + "</extra>"))
    if national is not None and not pd.isna(national):
        # A line across all bars, named in the legend (an annotation would sit on the axis labels).
        figure.add_trace(go.Scatter(
            x=[national] * len(names), y=names, mode="lines", name=f"{t('spbe.national_average')} {index_text(national)}",
            line={"color": NATIONAL_COLOUR, "dash": "dash", "width": 2}, hoverinfo="skip"))
    base_layout(figure, height=max(320, 44 * len(entities) + 120))
    figure.update_xaxes(range=[LEVEL_RANGE[0], LEVEL_RANGE[1] + 0.6], dtick=0.5, title=t("spbe.index"))
    figure.update_layout(legend={"y": -0.12, "yanchor": "top"}, margin={"t": 40, "b": 40, "r": 40})
    return figure


def entities_table(entities: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("spbe.entity"): [entity_label(code, name) for code, name in
                           zip(entities["entity_code"], entities["entity_name"])],
        t("spbe.check.published"): entities["published"].map(index_text),
        t("spbe.check.computed"): entities["computed"].map(index_text),
        t("spbe.predicate_label"): entities["predicate"].map(predicate_text),
        t("spbe.check.certainty"): entities["certainty"].map(_certainty_text),
    }).iloc[::-1].reset_index(drop=True)


# ---------------------------------------------------------------- the breakdown


def breakdown_figure(aspects: pd.DataFrame, compact: bool = False) -> go.Figure:
    """The aspects' indices as bars (grouped by domain), each bar labelled with its weight and points; on a phone
    (`compact`) the aspect names wrap and the index axis ticks every whole level."""
    figure = go.Figure()
    # Band names would crowd the narrow plot beside long aspect names: the stripes and the tables say the band.
    _add_bands(figure, axis="x", show_names=False)
    ordered = aspects.sort_values(["domain_no", "aspect_no"], ascending=False)
    for domain_no, group in ordered.groupby("domain_no", sort=False):
        figure.add_trace(go.Bar(
            y=[(wrapped if compact else str)(f"{plotly_text(aspect)} ({format_number(weight, 1)}%)")
               for aspect, weight in zip(group["aspect"], group["weight"])],
            x=group["index_value"], orientation="h", name=plotly_text(group["domain"].iloc[0]),
            marker={"color": PALETTE[int(domain_no - 1) % len(PALETTE)]},
            text=[index_text(value) for value in group["index_value"]], textposition="outside",
            customdata=[[format_number(weight, 1), format_number(points, 3)]
                        for weight, points in zip(group["weight"], group["contribution"])],
            hovertemplate=("%{y}<br>" + t("spbe.index") + ": %{text}<br>" + t("spbe.breakdown.contribution")
                           + ": %{customdata[1]}<extra>%{fullData.name}</extra>")))
    base_layout(figure, height=max(360, 46 * len(aspects) + 140))
    # On a phone a bar at 5 needs more room for its label ("5,00") than 0.4 of a level.
    figure.update_xaxes(range=[LEVEL_RANGE[0], LEVEL_RANGE[1] + (0.9 if compact else 0.4)], dtick=1 if compact else 0.5,
                        title=t("spbe.index"))
    figure.update_yaxes(automargin=True)
    figure.update_layout(legend={"y": -0.15, "yanchor": "top", "traceorder": "reversed"}, margin={"t": 40, "b": 40})
    return figure


def breakdown_table(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Domains or aspects with weight, index and points, plus a total row whose points are the index."""
    columns = {t("spbe.domain"): frame["domain"]}
    if by == "aspect":
        columns[t("spbe.aspect")] = frame["aspect"]
    columns.update({
        t("spbe.weight"): frame["weight"].map(lambda value: format_number(value, 2)),
        t("spbe.breakdown.indicators"): frame["indicator_count"].map(format_number),
        t("spbe.index"): frame["index_value"].map(index_with_predicate),
        t("spbe.breakdown.contribution"): frame["contribution"].map(lambda value: format_number(value, 3)),
    })
    return pd.DataFrame(columns)


# ---------------------------------------------------------------- the heat map


@dataclass(frozen=True)
class Grid:
    values: pd.DataFrame  # rows by columns
    rows: list[str]
    columns: list[str]


def heatmap_grid(frame: pd.DataFrame, value: str, column: str) -> Grid:
    """`frame`'s `value` as a grid of row_label by column_label: rows by indicator number, columns by year or
    government code (`column`)."""
    columns = (frame.sort_values("year") if column == "year" else frame.sort_values("entity_code"))[
        "column_label"].drop_duplicates().tolist()
    rows = frame.sort_values("indicator_no")["row_label"].drop_duplicates().tolist()
    grid = frame.pivot(index="row_label", columns="column_label", values=value).reindex(index=rows, columns=columns)
    return Grid(grid, rows, columns)



def heatmap_figure(levels: pd.DataFrame, column: str, include_evidence: bool,
                   compact: bool = False) -> go.Figure:
    """Indicators (rows) by year or by government (columns), coloured and written with their level; on a phone
    (`compact`) each row is named by its number and the start of its name (the whole name in the hover and table).

    `levels` holds one framework's rows of the spbe_indicator_levels query; `column` is `year` or `entity`.
    """
    frame = levels.copy()
    frame["column_label"] = (frame["year"].astype(int).astype(str) if column == "year" else
                             [plotly_text(entity_label(code, name))
                              for code, name in zip(frame["entity_code"], frame["entity_name"])])
    frame["row_label"] = [plotly_text(indicator_label(number, name)) for number, name in
                          zip(frame["indicator_no"], frame["indicator_name"])]
    frame["hover"] = [
        "<br>".join(part for part in (
            f"<b>{row_label}</b>", f"{t('spbe.aspect')}: {plotly_text(aspect)}",
            f"{t('spbe.level_label')}: {level_text(kind, level)}", f"{t('spbe.owner_agency')}: {plotly_text(owner)}",
            f"{t('spbe.evidence_status')}: {t(f'spbe.evidence.{evidence}')}" if include_evidence
            and isinstance(evidence, str) else "") if part)
        for row_label, aspect, kind, level, owner, evidence in zip(
            frame["row_label"], frame["aspect"], frame["indicator_kind"], frame["level"], frame["owner_agency"],
            frame["evidence_status"])]
    if compact:
        frame["row_label"] = [plotly_text(shortened(indicator_label(number, name))) for number, name in
                              zip(frame["indicator_no"], frame["indicator_name"])]
    grid = heatmap_grid(frame, "level", column)
    levels_grid, order_rows, order_columns = grid.values, grid.rows, grid.columns
    hover_grid = heatmap_grid(frame, "hover", column).values.fillna(t("common.no_data"))
    # Five discrete steps: level n takes the n-th colour over its whole fifth of the scale.
    colourscale = []
    for position, colour in enumerate(LEVEL_COLOURS):
        colourscale += [[position / 5, colour], [(position + 1) / 5, colour]]
    figure = go.Figure(go.Heatmap(
        z=levels_grid.to_numpy(dtype=float), x=order_columns, y=order_rows, zmin=0.5, zmax=5.5,
        colorscale=colourscale, text=levels_grid.map(lambda value: "" if pd.isna(value) else str(int(value))).to_numpy(),
        texttemplate="%{text}", customdata=hover_grid.to_numpy(), hovertemplate="%{customdata}<extra>%{x}</extra>",
        xgap=2, ygap=1, colorbar={"title": {"text": t("spbe.level_label")}, "tickvals": [1, 2, 3, 4, 5],
                                  "thickness": 14}))
    base_layout(figure, height=max(360, 19 * len(order_rows) + 130))
    figure.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11})
    figure.update_xaxes(side="top", type="category", tickangle=0 if column == "year" else -30)
    figure.update_layout(margin={"t": 70, "l": 10})
    return figure


def heatmap_table(levels: pd.DataFrame, include_evidence: bool) -> pd.DataFrame:
    columns = {
        t("spbe.year"): levels["year"].astype(int).astype(str),
        t("spbe.entity"): [entity_label(code, name) for code, name in zip(levels["entity_code"], levels["entity_name"])],
        t("spbe.indicator"): [indicator_label(number, name) for number, name in
                              zip(levels["indicator_no"], levels["indicator_name"])],
        t("spbe.level_label"): [level_text(kind, level) for kind, level in
                                zip(levels["indicator_kind"], levels["level"])],
        t("spbe.owner_agency"): levels["owner_agency"],
    }
    if include_evidence:
        columns[t("spbe.evidence_status")] = levels["evidence_status"].map(
            lambda status: t(f"spbe.evidence.{status}") if isinstance(status, str) else t("common.no_data"))
    return pd.DataFrame(columns)


# ---------------------------------------------------------------- the gap plan


def plan_table(plan: GapPlan, indicators: Mapping[int, Indicator], owners: Mapping[int, str]) -> pd.DataFrame:
    return pd.DataFrame({
        t("spbe.plan.step"): [str(position) for position in range(1, len(plan.steps) + 1)],
        # The weight sits in the indicator's cell: a column of its own would push the index off a laptop screen.
        t("spbe.plan.indicator_weight"): [
            f"{indicator_label(step.indicator_no, indicators[step.indicator_no].name)} "
            f"({format_number(indicators[step.indicator_no].weight, 2)}%)" for step in plan.steps],
        t("spbe.owner_agency"): [owners.get(step.indicator_no, t("common.no_data")) for step in plan.steps],
        t("spbe.plan.from_level"): [level_text(indicators[step.indicator_no].kind, step.from_level)
                                    for step in plan.steps],
        t("spbe.plan.to_level"): [level_text(indicators[step.indicator_no].kind, step.to_level) for step in plan.steps],
        t("spbe.plan.index_after"): [index_with_predicate(step.index_after) for step in plan.steps],
    })


def owner_summary(plan: GapPlan, owners: Mapping[int, str]) -> pd.DataFrame:
    """Raises per owner agency, most first: who has to act."""
    ordered = raises_by_owner(plan, owners, t("common.no_data"))
    return pd.DataFrame({t("spbe.owner_agency"): [owner for owner, _ in ordered],
                         t("spbe.plan.raises"): [format_number(count) for _, count in ordered]})


def plan_figure(plan: GapPlan, indicators: Mapping[int, Indicator]) -> go.Figure:
    """The index climbing step by step to the target line."""
    figure = go.Figure()
    _add_bands(figure)
    labels = [t("spbe.plan.start")] + [str(position) for position in range(1, len(plan.steps) + 1)]
    values = [plan.start_index] + [step.index_after for step in plan.steps]
    hover = [index_with_predicate(plan.start_index)] + [
        f"{plotly_text(indicator_label(step.indicator_no, indicators[step.indicator_no].name))}: "
        f"{step.from_level} → {step.to_level}<br>{index_with_predicate(step.index_after)}" for step in plan.steps]
    figure.add_trace(go.Scatter(x=labels, y=values, mode="lines+markers", line={"shape": "hv", "color": COMPUTED_COLOUR,
                                                                                "width": 2},
                                marker={"size": 8, "color": COMPUTED_COLOUR}, text=hover, name=t("spbe.index"),
                                hovertemplate="%{text}<extra></extra>", showlegend=False))
    figure.add_hline(y=plan.target, line={"color": PUBLISHED_COLOUR, "dash": "dot", "width": 2})
    figure.add_annotation(x=0, xref="paper", xanchor="left", y=plan.target, yanchor="bottom", showarrow=False,
                          text=t("spbe.plan.target_line", target=index_text(plan.target)), bgcolor="white",
                          font={"size": 12})
    low = min(values + [plan.target])
    high = max(values + [plan.target])
    base_layout(figure, height=360)
    figure.update_layout(margin={"r": 84})  # room for the band names right of the plot
    figure.update_xaxes(type="category", title=t("spbe.plan.step"))
    figure.update_yaxes(range=[max(LEVEL_RANGE[0], low - 0.15), min(LEVEL_RANGE[1], high + 0.1)],
                        title=t("spbe.index"))
    return figure
