"""Validate data files against the contract and load them into the warehouse, all or nothing.

    python -m smartisland.load [--data-dir DIR] [--db PATH] [--if-stale] [--force]
    python -m smartisland.load --dataset NAME [--mapping PROFILE] FILE [FILE ...] [--db PATH]
    python -m smartisland.load --undo-last [--db PATH]

The loader's command line, apart from the loader (smartisland/load.py) because it also loads through intake
(smartisland/intake/loading.py), which builds on the loader.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from smartisland import load, province_setting, warehouse
from smartisland.config import province_dir, warehouse_path
from smartisland.i18n import LANGUAGES, format_datetime, set_language, t
from smartisland.intake.loading import load_in_child
from smartisland.load import (
    LoadResult,
    build_warehouse,
    needs_build,
    other_province_problem,
    warehouse_of_other_province,
)


def _print_result(result: LoadResult) -> int:
    if not result.ok:
        for problem in result.problems[:load.MAX_PRINTED_PROBLEMS]:
            print(problem.message(), file=sys.stderr)
        rest = result.total_problems - min(len(result.problems), load.MAX_PRINTED_PROBLEMS)
        if rest > 0:
            print(t("load.more_problems", count=rest), file=sys.stderr)
        print(t("load.refused", count=result.total_problems), file=sys.stderr)
        return 2
    for record in result.loaded:
        print(t("load.loaded", dataset=record.dataset, rows=f"{record.rows}", file=record.file_name))
    for note in result.notes:  # which sheet of each workbook was loaded (a refusal's cells name their sheet)
        print(note.message())
    return 0


def _refresh_site(db_path: Path) -> int:
    """After a successful load, the static site (when SMARTISLAND_SITE_DIR is set); the load succeeded either way."""
    from smartisland.publishing.site_refresh import refresh_site_after_load

    refresh_site_after_load(db_path, announce=print)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.load", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the province's data folder (default: provinces/$SMARTISLAND_PROVINCE)")
    parser.add_argument("--db", type=Path, default=None,
                        help="warehouse file (default: $SMARTISLAND_DB or data/warehouse-<province>.duckdb)")
    parser.add_argument("--dataset", help="load FILEs as this dataset into the existing warehouse")
    parser.add_argument("--mapping", metavar="NAME", help="with --dataset: map the files' own headers and region "
                        "names by the saved profile data/mappings/NAME.json")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--if-stale", action="store_true", help="build only when missing or older than its sources")
    parser.add_argument("--force", action="store_true", help="rebuild even if the warehouse holds loaded files")
    parser.add_argument("--undo-last", action="store_true", help="put the warehouse back as it was before the last load")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SMARTISLAND_LANG", "id"))
    args = parser.parse_args(argv)
    setting = province_setting.setting_problem()
    if setting:
        print(setting, file=sys.stderr)
        return 2
    set_language(args.lang)
    db_path = args.db or warehouse_path()
    stored = warehouse_of_other_province(db_path)
    if stored is not None and not args.force:  # a build would replace another province's data; --force does
        print(other_province_problem(db_path, stored).message(), file=sys.stderr)
        return 2
    args.data_dir = args.data_dir or province_dir()
    if args.undo_last:
        restored = warehouse.undo_last(db_path)
        print(t("load.undone", when=format_datetime(restored)) if restored else t("load.nothing_to_undo"))
        return _refresh_site(db_path) if restored else 1  # the public site goes back with the data
    if args.dataset:
        if not args.files:
            parser.error("--dataset needs at least one FILE")
        intake = load_in_child(args.dataset, args.files, db_path, args.mapping)
        code = _print_result(intake.result)
        for line in intake.notes(args.dataset):
            print(line, file=sys.stderr if code else sys.stdout)
        return code or _refresh_site(db_path)
    if args.files or args.mapping:
        parser.error("FILEs are loaded with --dataset NAME")
    if args.if_stale and not args.force:
        state = needs_build(args.data_dir, db_path)
        if state == "refresh_views":
            with warehouse.change(db_path):
                pass  # opening a change replaces the shared views; the data stays as it is
        if state in ("fresh", "refresh_views"):
            print(t("load.up_to_date", path=db_path))
            return 0
        if state == "keep":
            print(t("load.keep_loaded"), file=sys.stderr)
            return 0
    code = _print_result(build_warehouse(args.data_dir, db_path))
    if code == 0:
        print(t("load.built", path=db_path))
    return code or _refresh_site(db_path)


if __name__ == "__main__":
    sys.exit(main())
