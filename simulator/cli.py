"""The `kohtaamo` command: a thin dispatcher.

Each subcommand lives in `simulator/commands/<name>.py` with `add_arguments(parser)` and
`run(args) -> int`. Only the chosen command's module is imported, so `kohtaamo check`
never pays for Textual and the app never pays for the scorer until it is needed.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from simulator import __version__, store
from simulator.i18n import t

#: command name -> module under simulator.commands (the help text is "cli.cmd_<name>")
COMMANDS: dict[str, str] = {
    "play": "play",
    "check": "check",
    "run": "run",
    "test": "test",
    "classify": "classify",
    "assess": "assess",
    "report": "report",
    "graph": "graph",
    "explore": "explore",
    "questions": "questions",
    "schema": "schema",
    "new": "new",
    "preview": "preview",
    "list": "list",
    "serve": "serve",
    "class-report": "class_report",
}


#: argparse's own words (its gettext message ids) -> our UI string with the same placeholders
_ARGPARSE = {
    "usage: ": "argparse_usage",
    "positional arguments": "argparse_positional",
    "options": "argparse_options",
    "show this help message and exit": "argparse_help",
    "%(prog)s: error: %(message)s\n": "argparse_error",
    "the following arguments are required: %s": "argparse_required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse_choice",
    "unrecognized arguments: %s": "argparse_unrecognized",
    "expected one argument": "argparse_one_argument",
    "argument %(argument_name)s: %(message)s": "argparse_argument",
    "invalid %(type)s value: %(value)r": "argparse_invalid_value",
    "not allowed with argument %s": "argparse_not_allowed",
}


def _argparse_words(message: str) -> str:
    """argparse's `_()`: its headings and errors in the UI language (it uses gettext, which
    has no Finnish catalogue here), so `--help` reads "käyttö:" in Finnish mode."""
    key = _ARGPARSE.get(message)
    return t(f"cli.{key}") if key else message


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the subcommand named `only` gets its module imported and arguments."""
    argparse._ = _argparse_words  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="kohtaamo", description=t("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"kohtaamo {__version__}", help=t("cli.version_help")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        cmd = sub.add_parser(name, help=t(f"cli.cmd_{name}"), description=t(f"cli.cmd_{name}"))
        if only == name:
            module = importlib.import_module(f"simulator.commands.{module_name}")
            module.add_arguments(cmd)
            cmd.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Parsed strings and compiled cue expressions are kept in the user's cache folder.
    store.keep_caches(store.cache_dir())
    chosen = next((a for a in argv if not a.startswith("-")), None)
    if not argv:
        chosen = "play"
        argv = ["play"]
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    streams = sys.stdout, sys.stderr
    if args.command != "play":
        # Every command's output passes a filter that shows control characters as escapes:
        # text from a scenario, journal or script cannot drive the terminal, whichever print
        # it reaches. (The app draws through Textual and cleans its own text.)
        from simulator.safetext import TerminalWriter

        sys.stdout = TerminalWriter(sys.stdout)  # type: ignore[assignment]
        sys.stderr = TerminalWriter(sys.stderr)  # type: ignore[assignment]
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = streams


if __name__ == "__main__":
    sys.exit(main())
