"""`kohtaamo list [DIR]`: the scenarios of the library, as the app's library screen lists them.

Title, language, difficulty and minutes in the UI language, one scenario a line, with the
file each comes from — so an installation (or a trainer's folder) can be checked without
opening the app. Only scenarios that load cleanly are listed, as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.i18n import LANGUAGES, t, ui_language
from simulator.scenario.model import DIFFICULTIES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", metavar="DIR", help=t("scenario.list_dir_help"))
    parser.add_argument("--json", action="store_true", help=t("scenario.list_json_help"))


def run(args: argparse.Namespace) -> int:
    from simulator.catalog import checked_cards
    from simulator.scenario.paths import bundled_scenarios_dir, library_problem

    lang = ui_language()
    root = Path(args.directory) if args.directory else bundled_scenarios_dir()
    problem = library_problem(root)
    if problem and args.directory:
        print(t("scenario.check_nothing", lang, path=str(root)), file=sys.stderr)
        return 1
    if problem:  # the installed library itself is missing: the installation is incomplete
        print(t(f"tui.library_{problem}", lang, path=str(root)), file=sys.stderr)
        return 1
    # The catalogue the app's library reads: the same scenarios in the same order.
    cards = checked_cards(root, lang)
    scenarios = [card for card in cards if not card.problem]
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "language": s.language,
                "difficulty": s.difficulty,
                "minutes": s.minutes,
                "path": s.path,
            }
            for s in scenarios
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        header = [t(f"tui.col_{c}", lang) for c in ("title", "language", "difficulty", "minutes")]
        rows = [
            [
                s.title,
                t(f"tui.lang_{s.language}", lang) if s.language in LANGUAGES else s.language,
                t(f"tui.difficulty_{s.difficulty}", lang)
                if s.difficulty in DIFFICULTIES
                else s.difficulty,
                str(s.minutes),
                s.id,
            ]
            for s in scenarios
        ]
        header.append("id")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        print(t("scenario.list_summary", lang, count=len(scenarios), path=str(root)))
    broken = [card for card in cards if card.problem]
    if broken:
        print(t("tui.library_broken", lang, count=len(broken)).lstrip("· "), file=sys.stderr)
    return 0
