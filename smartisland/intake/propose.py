"""Propose a column mapping for a file, and save it as a named profile.

    python -m smartisland.intake.propose --dataset wifi_points FILE [--save NAME] [--fixed COLUMN=VALUE ...]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from smartisland.contract import DATASETS_BY_NAME
from smartisland.i18n import LANGUAGES, set_language, t
from smartisland.intake.mapping import MAPPINGS_DIR, propose_mapping, save_profile
from smartisland.validate import FileRefused, read_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.intake.propose", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--dataset", required=True, choices=sorted(DATASETS_BY_NAME))
    parser.add_argument("--save", metavar="NAME", help="save the proposal as the profile NAME")
    parser.add_argument("--fixed", action="append", default=[], metavar="COLUMN=VALUE",
                        help="a value for every row of a column the file does not have")
    parser.add_argument("--folder", type=Path, default=MAPPINGS_DIR, help="where profiles are kept")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SMARTISLAND_LANG", "id"))
    args = parser.parse_args(argv)
    language = set_language(args.lang)
    try:
        headers = [str(header) for header in read_table(args.file).frame.columns]
    except FileRefused as refused:
        for problem in refused.problems:
            print(problem.message(language), file=sys.stderr)
        return 2
    fixed = dict(item.split("=", 1) for item in args.fixed if "=" in item)
    proposal = propose_mapping(headers, args.dataset)
    for match in proposal.matches:
        print(t("intake.propose.match", header=match.header, column=match.column or "-",
                confidence=f"{match.confidence:.2f}"))
    missing = [name for name in proposal.missing_required if name not in fixed]
    if missing:
        print(t("intake.propose.missing", columns=", ".join(missing)))
    if args.save:
        path = save_profile(proposal.as_profile(args.save, fixed), args.folder)
        print(t("intake.template.written", path=path))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
