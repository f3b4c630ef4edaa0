"""`kohtaamo questions FILE... [--state ID] [--lang fi|en]`: say the ordinary questions
workers ask in every reachable state and report those the client passes over."""

from __future__ import annotations

import argparse
import json

from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("authoring.arg_file"))
    parser.add_argument("--state", metavar="ID", help=t("authoring.questions_state_arg"))
    parser.add_argument("--lang", choices=("fi", "en"), help=t("authoring.questions_lang_arg"))
    parser.add_argument("--variant", metavar="ID", help=t("authoring.explore_variant_arg"))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("authoring.arg_format")
    )


def run(args: argparse.Namespace) -> int:
    """1 when some question is passed over (like `check` with warnings under --strict), 2
    when a file cannot be read, else 0."""
    from simulator.authoring.question_bank import bank, check, lines
    from simulator.commands.run import load_or_report
    from simulator.safetext import one_line

    reports = []
    for name in args.files:
        scenario = load_or_report(name)
        if scenario is None:
            return 2
        state = scenario.states.get(args.state) if args.state else None
        if args.state and (state is None or state.is_ending):
            print(t("authoring.questions_no_state", scenario=one_line(name), state=args.state))
            return 2
        questions = bank(args.lang or scenario.language)
        try:
            report = check(scenario, args.state, args.variant, questions)
        except ValueError as error:  # an unknown variant: the explorer says which exist
            print(error)
            return 2
        reports.append((name, report))
    if args.format == "json":
        print(json.dumps([r.to_dict() for _, r in reports], ensure_ascii=False, indent=2))
    else:
        for name, report in reports:
            if len(reports) > 1:
                print(f"{one_line(name)}:")
            for line in lines(report):
                print(line)
    return 1 if any(r.gaps or r.unknown for _, r in reports) else 0
