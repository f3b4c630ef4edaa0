"""`kohtaamo report JOURNAL.jsonl [--format md|html|json] [-o FILE]`: export a debrief.

Scores with the meeting's scenario when the journal's `scenario_path` still loads, else
from the transcript alone. Written files are private to the user (mode 0600).
"""

from __future__ import annotations

import argparse
import os
import sys

from simulator.i18n import LANGUAGES, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL.jsonl", help=t("scoring.arg_journal"))
    parser.add_argument(
        "--format", choices=("md", "html", "json"), default="md", help=t("scoring.arg_format")
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=t("scoring.arg_output"))
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help=t("scoring.arg_report_lang")
    )


def _scenario(path: str):  # -> Scenario | None
    if not path:
        return None
    try:
        from simulator.scenario.loader import load_scenario

        return load_scenario(path)
    except Exception:  # a moved or edited scenario: score from the transcript alone
        return None


def write_private(path: str, text: str) -> None:
    """Write `text` to `path` readable by the owner only (a debrief is personal data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if hasattr(os, "fchmod"):  # POSIX only: an existing file is tightened too (Windows: no modes)
        os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import ui_language
    from simulator.scoring import score, to_html, to_json, to_markdown
    from simulator.scoring.reading import ReadError, read_journal

    ui = ui_language()
    lang = args.lang or ui
    try:
        transcript = read_journal(args.journal, ui)
    except (OSError, UnicodeDecodeError) as exc:
        print(t("scoring.err_read", ui, path=args.journal, error=exc), file=sys.stderr)
        return 1
    except ReadError as exc:
        print(exc, file=sys.stderr)
        return 1
    report = score(transcript, _scenario(transcript.scenario_path))
    export = {"md": to_markdown, "html": to_html, "json": to_json}[args.format]
    text = export(report, transcript, lang)
    if args.output:
        try:
            write_private(args.output, text)
        except OSError as exc:
            print(t("scoring.err_read", ui, path=args.output, error=exc), file=sys.stderr)
            return 1
        print(t("scoring.written", ui, path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
