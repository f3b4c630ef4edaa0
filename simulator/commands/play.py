"""`kohtaamo play [FILE] [--watch]`: the app. Without FILE it opens the bundled library.

`kohtaamo` with no arguments is `kohtaamo play`. Textual is imported only here, so the
other commands never pay for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help=t("tui.arg_file"))
    parser.add_argument("--watch", action="store_true", help=t("tui.arg_watch"))
    parser.add_argument("--library", metavar="DIR", help=t("tui.arg_library"))
    parser.add_argument("--seed", type=int, default=None, help=t("tui.arg_seed"))
    parser.add_argument("--no-typing-pause", action="store_true", help=t("tui.arg_no_typing_pause"))


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.paths import scenario_path

    file = Path(scenario_path(args.file)) if args.file else None
    if file is not None and not file.is_file():
        print(t("tui.no_such_file", path=str(file)), file=sys.stderr)
        return 2
    if args.watch and file is None:
        print(t("tui.watch_needs_file"), file=sys.stderr)
        return 2
    from simulator.tui.app import run_app

    return run_app(
        scenario_dir=Path(args.library) if args.library else None,
        scenario_file=file,
        watch=args.watch,
        seed=args.seed,
        typing_pause=False if args.no_typing_pause else None,
    )
