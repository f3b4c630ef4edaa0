"""`kohtaamo new`: scaffold a commented scenario that passes `kohtaamo check` as written.

Flags decide everything; when stdin is a terminal, missing answers are asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from simulator.i18n import t, ui_language

DEFAULT_STAGES = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("fi", "en"), help=t("authoring.new_lang"))
    parser.add_argument("--title", help=t("authoring.new_title_arg"))
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--mandated",
        dest="voluntary",
        action="store_false",
        default=None,
        help=t("authoring.new_mandated_arg"),
    )
    kind.add_argument(
        "--voluntary", dest="voluntary", action="store_true", help=t("authoring.new_voluntary_arg")
    )
    parser.add_argument("--stages", type=int, metavar="N", help=t("authoring.new_stages_arg"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("authoring.new_output_arg"))
    parser.add_argument("--force", action="store_true", help=t("authoring.new_force_arg"))


def complete(args: argparse.Namespace, ask: Callable[[str], str] | None) -> argparse.Namespace:
    """Fill in what the flags left open: by asking (`ask` given) or with defaults."""
    default_lang = ui_language()
    if args.lang is None:
        answer = ask(t("authoring.new_ask_lang", None, default=default_lang)) if ask else ""
        answer = answer.strip().lower()
        args.lang = answer if answer in ("fi", "en") else default_lang
    if args.title is None:
        args.title = (ask(t("authoring.new_ask_title")) if ask else "").strip()
    if args.voluntary is None:
        answer = (ask(t("authoring.new_ask_mandated")) if ask else "").strip()
        args.voluntary = bool(answer) and answer[0] in t("authoring.new_yes_letters")
    if args.stages is None:
        answer = (ask(t("authoring.new_ask_stages")) if ask else "").strip()
        args.stages = int(answer) if answer.isdigit() else DEFAULT_STAGES
    return args


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.scaffold import scaffold

    complete(args, input if sys.stdin.isatty() else None)
    text = scaffold(args.lang, args.title, args.voluntary, args.stages)
    if not args.output:
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    if path.exists() and not args.force:
        print(t("authoring.new_exists", path=path), file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(t("authoring.new_written", path=path), file=sys.stderr)
    return 0
