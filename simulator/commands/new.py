"""`kohtaamo new`: scaffold a commented scenario that passes `kohtaamo check` as written.

Flags decide everything; when stdin is a terminal, missing answers are asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from simulator.i18n import LANGUAGES, t, ui_language

DEFAULT_STAGES = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=t("authoring.new_lang"))
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
        args.lang = answer if answer in LANGUAGES else default_lang
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
    """Write the scaffold to `-o FILE`, `-o -` (standard output) or, by default, a file named
    from the title (`fi-kotikaynti.yaml`); an existing file is overwritten only with --force
    or after a yes at the terminal. The schema editors use is written beside it if missing."""
    from simulator.authoring.scaffold import SCHEMA_NAME, scaffold, slug

    interactive = sys.stdin.isatty()
    complete(args, input if interactive else None)
    text = scaffold(args.lang, args.title, args.voluntary, args.stages)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    title = args.title.strip() or t("authoring.new_default_title", args.lang)
    path = Path(args.output) if args.output else Path(f"{slug(title, args.lang)}.yaml")
    if path.exists() and not args.force:
        answer = input(t("authoring.new_ask_overwrite", path=path)) if interactive else ""
        if not answer.strip() or answer.strip()[0].lower() not in t("authoring.new_yes_letters"):
            print(t("authoring.new_exists", path=path), file=sys.stderr)
            return 1
    path.write_text(text, encoding="utf-8")
    print(t("authoring.new_written", path=path), file=sys.stderr)
    schema = path.parent / SCHEMA_NAME
    if not schema.exists():
        from simulator.authoring.schema import SCHEMA_PATH

        schema.write_text(SCHEMA_PATH.read_text(encoding="utf-8"), encoding="utf-8")
        print(t("authoring.new_schema_written", path=schema), file=sys.stderr)
    return 0
