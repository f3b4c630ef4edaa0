"""`kohtaamo report JOURNAL.jsonl [--format md|html|json] [-o FILE]`: export a debrief.

Scores with the meeting's scenario when the journal's `scenario_path` still loads, else
from the transcript alone. Written files are private to the user (mode 0600), never
written through a symlink, and an existing file is only replaced with `--force`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.i18n import LANGUAGES, t

if TYPE_CHECKING:
    from simulator.transcript import Transcript


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL.jsonl", help=t("scoring.arg_journal"))
    parser.add_argument(
        "--format", choices=("md", "html", "json"), default="md", help=t("scoring.arg_format")
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=t("scoring.arg_output"))
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help=t("scoring.arg_report_lang")
    )
    parser.add_argument("--force", action="store_true", help=t("cli.force_help"))


def _scenario(path: str):  # -> Scenario | None
    if not path:
        return None
    try:
        from simulator.scenario.loader import load_scenario

        return load_scenario(path)
    except Exception:  # a moved or edited scenario: score from the transcript alone
        return None


def write_private(path: str, text: str) -> None:
    """Replace `path` with `text`, a new file readable by the owner only (never through a
    symlink; what `report -o FILE --force` does)."""
    from simulator.safeio import write_output

    write_output(path, text, force=True)


def read_journal(path: str | Path, lang: str | None = None) -> Transcript:
    """A stored meeting, read by the store (a torn last line is ignored). Here, not in
    `scoring`: the scorer sits below the store and never reaches up to it.

    Raises OSError when the file cannot be read and ReadError when it is not a journal.
    """
    from simulator.scoring.meeting_files import ReadError
    from simulator.store import load_journal

    try:
        contents = load_journal(Path(path))
    except (OSError, UnicodeDecodeError):
        raise
    except Exception as exc:  # the store's own format errors: report them the same way
        raise ReadError(t("scoring.err_journal", lang, path=path, error=exc)) from exc
    if not contents.header:
        raise ReadError(t("scoring.err_journal", lang, path=path, error="no header line"))
    return contents.transcript


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import ui_language
    from simulator.safeio import Refused, write_output_or_report
    from simulator.scoring import score, to_html, to_json, to_markdown
    from simulator.scoring.meeting_files import ReadError

    ui = ui_language()
    lang = args.lang or ui
    try:
        transcript = read_journal(args.journal, ui)
    except Refused as refused:  # not a regular file, too large: said in full
        print(refused.message(ui), file=sys.stderr)
        return 1
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
        # A debrief is personal data: a new file is 0600. Never written through a symlink,
        # never over an existing file without --force, "cannot write" when it fails.
        if not write_output_or_report(args.output, text, args.force):
            return 1
        print(t("scoring.written", ui, path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
