"""`kohtaamo graph FILE [--format mermaid|dot]`: draw the scenario's state machine."""

from __future__ import annotations

import argparse
import sys

from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("authoring.arg_file"))
    parser.add_argument(
        "--format", choices=("mermaid", "dot"), default="mermaid", help=t("authoring.graph_format")
    )
    parser.add_argument("--no-stays", action="store_true", help=t("authoring.graph_no_stays"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("authoring.graph_output"))
    parser.add_argument("--force", action="store_true", help=t("cli.force_help"))


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.graph import render
    from simulator.commands.run import load_or_report

    scenario = load_or_report(args.file)
    if scenario is None:
        return 1
    text = render(scenario, args.format, stays=not args.no_stays)
    if args.output:
        from simulator.safeio import write_output_or_report

        # A diagram is not private: 0644 like any file the user writes.
        if not write_output_or_report(args.output, text, args.force, mode=0o644):
            return 1
    else:
        sys.stdout.write(text)
    return 0
