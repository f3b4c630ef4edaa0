"""`kohtaamo assess TRANSCRIPT.jsonl [--lang fi|en] [--json]`: score any conversation.

For a role-play typed up afterwards: one `{"speaker": "worker"|"client", "text": ...}` per
line. There is no scenario, so pacing falls back to what the transcript shows.
"""

from __future__ import annotations

import argparse
import sys

from simulator.i18n import LANGUAGES, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("transcript", metavar="TRANSCRIPT.jsonl", help=t("scoring.arg_transcript"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("scoring.arg_lang"))
    parser.add_argument("--json", action="store_true", help=t("scoring.arg_json"))


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import ui_language
    from simulator.scoring import score, to_json
    from simulator.scoring.reading import ReadError, build_transcript, parse_lines
    from simulator.scoring.summary import to_text

    ui = ui_language()
    lang = args.lang or ui
    path = args.transcript
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        lines = parse_lines(text, path, ui)
    except (OSError, UnicodeDecodeError) as exc:
        print(t("scoring.err_read", ui, path=path, error=exc), file=sys.stderr)
        return 1
    except ReadError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not any(line.speaker == "worker" for line in lines):
        print(t("scoring.err_no_worker", ui, path=path), file=sys.stderr)
        return 1

    recognizer = None
    if any(line.speaker == "worker" and line.moves is None for line in lines):
        try:
            from simulator.language import get_recognizer

            recognizer = get_recognizer(lang)
        except Exception as exc:  # a missing or broken recognizer must not become a traceback
            print(t("scoring.err_no_recognizer", ui, lang=lang, error=exc), file=sys.stderr)
            return 1
    transcript = build_transcript(lines, lang, recognizer)
    report = score(transcript)
    if args.json:
        print(to_json(report, transcript, ui))
    else:
        print(t("scoring.assess_heading", ui, path=path, turns=len(transcript.turns)))
        print()
        sys.stdout.write(to_text(report, ui))
    return 0
