"""`kohtaamo graph FILE [--format mermaid|dot]`: draw the scenario's state machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("authoring.arg_file"))
    parser.add_argument(
        "--format", choices=("mermaid", "dot"), default="mermaid", help=t("authoring.graph_format")
    )
    parser.add_argument("--no-stays", action="store_true", help=t("authoring.graph_no_stays"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("authoring.graph_output"))


def run(args: argparse.Namespace) -> int:
    from simulator.commands.run import load_or_report
    from simulator.scenario.graph import render

    scenario = load_or_report(args.file)
    if scenario is None:
        return 1
    text = render(scenario, args.format, stays=not args.no_stays)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
