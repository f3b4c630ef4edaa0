"""`kohtaamo preview FILE [-o script.html] [--lang fi|en]`: the scenario as a play script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import LANGUAGES, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("authoring.arg_file"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("authoring.preview_output"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("authoring.preview_lang"))


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.preview import render
    from simulator.commands.run import load_or_report

    scenario = load_or_report(args.file)
    if scenario is None:
        return 1
    page = render(scenario, args.lang)
    if not args.output or args.output == "-":
        sys.stdout.write(page)
        return 0
    Path(args.output).write_text(page, encoding="utf-8")
    print(t("authoring.preview_written", path=args.output), file=sys.stderr)
    return 0
