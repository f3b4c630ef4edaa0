"""`kohtaamo explore FILE [--depth N]`: walk every path; report endings, dead ends, loops."""

from __future__ import annotations

import argparse
import json

from simulator.authoring.explore import DEFAULT_DEPTH, DEFAULT_MAX_NODES
from simulator.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=t("authoring.arg_file"))
    parser.add_argument(
        "--depth", type=int, default=DEFAULT_DEPTH, metavar="N", help=t("authoring.explore_depth")
    )
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=t("authoring.explore_max_nodes"),
    )
    parser.add_argument("--variant", metavar="ID", help=t("authoring.explore_variant_arg"))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("authoring.arg_format")
    )
    parser.add_argument("--about", action="store_true", help=t("authoring.explore_about_arg"))


def about_lines(scenario) -> list[str]:
    """Every scripted line and what it is about, as the engine reads it (docs/format.md, "What
    a line is about"): an author sees which disclosure would wait for which question."""
    from simulator.client.hearing import line_about, scripted_lines
    from simulator.language import get_recognizer

    recognizer = get_recognizer(scenario.language)
    lists = scenario.word_lists()

    def read(line: str) -> frozenset[str]:
        return frozenset(recognizer.recognize(line, topics=lists).topics)

    found = []
    for where, line, gates, keyed in scripted_lines(scenario):
        names, source = line_about(line, gates, keyed, read)
        found.append(
            t(
                "authoring.explore_about_line",
                scenario.language,
                where=where,
                line=line,
                names=", ".join(sorted(names))
                or t("authoring.explore_about_nothing", scenario.language),
                source=t(f"authoring.about_source_{source}", scenario.language),
            )
        )
    return found


def run(args: argparse.Namespace) -> int:
    """1 when the client can get stuck, or a complete walk finds no good ending; else 0."""
    from simulator.authoring.explore import explore, lines
    from simulator.commands.run import load_or_report

    scenario = load_or_report(args.file)
    if scenario is None:
        return 2
    if args.about:
        for line in about_lines(scenario):
            print(line)
        return 0
    try:
        walks = explore(scenario, depth=args.depth, max_nodes=args.max_nodes, variant=args.variant)
    except ValueError as error:  # an unknown variant: the Session says which exist
        print(error)
        return 2
    if args.format == "json":
        print(json.dumps([w.to_dict() for w in walks], ensure_ascii=False, indent=2))
    else:
        for line in lines(walks):
            print(line)
    # A walk cut short proves nothing about the endings it did not reach, so only a complete
    # walk without a good ending fails; getting stuck fails either way.
    healthy = all(
        not w.stuck
        and not w.loops
        and (not w.complete or any(outcome == "good" for outcome, _ in w.endings.values()))
        for w in walks
    )
    return 0 if healthy else 1
