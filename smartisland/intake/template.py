"""Write the XLSX template of a dataset, or of every dataset.

    python -m smartisland.intake.template DATASET OUT.xlsx
    python -m smartisland.intake.template --all DIR
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartisland.contract import DATASETS_BY_NAME
from smartisland.i18n import t
from smartisland.intake.boundaries import GEOJSON_DATASETS
from smartisland.intake.templates import write_template


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.intake.template", description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", choices=sorted(DATASETS_BY_NAME))
    parser.add_argument("out", nargs="?", type=Path, help="the XLSX file to write")
    parser.add_argument("--all", type=Path, metavar="DIR", help="write DIR/<dataset>.xlsx for every dataset")
    args = parser.parse_args(argv)
    if args.all is not None:
        if args.dataset or args.out:
            parser.error("--all DIR takes no DATASET or OUT")
        written = [write_template(name, args.all / f"{name}.xlsx") for name in DATASETS_BY_NAME
                   if name not in GEOJSON_DATASETS]  # GeoJSON has no spreadsheet template
    elif args.dataset and args.out:
        written = [write_template(args.dataset, args.out)]
    else:
        parser.error("give DATASET and OUT.xlsx, or --all DIR")
    for path in written:
        print(t("intake.template.written", path=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
