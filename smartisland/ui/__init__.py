"""The Streamlit layer: the only package besides the page scripts and app.py that calls `st.*`.

Pages use it as `ui.<name>`; each concern lives in its own module.
"""
from smartisland.ui.brief import brief_download
from smartisland.ui.citizen_report import figure_extras, reporting_status_section, team_overdue, team_reports
from smartisland.ui.comparison import province_comparison
from smartisland.ui.frame import (
                                  PHONE_ONLY,
                                  WIDE_ONLY,
                                  build_navigation,
                                  context,
                                  data_state,
                                  fragment,
                                  init_language,
                                  is_narrow,
                                  map_width,
                                  page_head,
                                  remember_page,
                                  require_warehouse,
                                  sample_notice,
                                  scroll_hint,
                                  sidebar,
                                  stop_unless_province_known,
)
from smartisland.ui.intake import spbe_entry, upload_section
from smartisland.ui.kpi import (
                                choose_kpi,
                                kpi_tile,
                                scorecard,
                                scorecard_view,
                                show_scorecard_trajectory,
                                show_trajectory,
                                status_badge,
)
from smartisland.ui.load_result import loading, show_load_result, show_upload_limits, undo_button
from smartisland.ui.maps import connectivity_map_view
from smartisland.ui.memory import release_freed_memory
from smartisland.ui.queries import one_warehouse, run_query, warehouse_view
from smartisland.ui.sign_in import editor_sign_in, sign_out_button
from smartisland.ui.widgets import (
                                  as_of_choice,
                                  cached_figure,
                                  download_button,
                                  localized_table,
                                  page_controls,
                                  page_number,
                                  require_mode,
                                  searched_choice,
                                  section_choice,
                                  show_chart,
                                  table,
                                  table_height,
                                  url_choice,
                                  url_choices,
)

__all__ = ["PHONE_ONLY", "WIDE_ONLY",
           "as_of_choice", "brief_download",
           "build_navigation", "cached_figure", "context", "choose_kpi", "connectivity_map_view", "data_state",
           "download_button",
           "editor_sign_in", "figure_extras", "fragment", "init_language", "stop_unless_province_known",
           "is_narrow", "kpi_tile", "loading", "localized_table",
           "map_width", "one_warehouse",
           "page_controls", "page_head", "page_number", "province_comparison", "release_freed_memory",
           "remember_page", "reporting_status_section",
           "require_mode", "require_warehouse", "run_query", "sample_notice", "scorecard", "scorecard_view",
           "scroll_hint",
           "searched_choice", "section_choice", "show_chart", "show_scorecard_trajectory",
           "show_load_result", "show_trajectory", "show_upload_limits", "undo_button", "sidebar",
           "sign_out_button", "spbe_entry", "status_badge", "table", "table_height",
           "team_overdue", "team_reports", "upload_section", "url_choice",
           "url_choices", "warehouse_view"]
