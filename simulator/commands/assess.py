"""`kohtaamo assess TRANSCRIPT.jsonl [--lang fi|en] [--json]`: score any conversation.

For a role-play typed up afterwards: one `{"speaker": "worker"|"client", "text": ...}` per
line. There is no scenario, so pacing falls back to what the transcript shows.

Two languages are in play: the transcript's (detected from its words, or `--transcript-lang`)
decides how the turns are read; the UI language (`--lang`, else KOHTAAMO_LANG) is the
language of the answer. The output says which transcript language was used and why.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulator.i18n import LANGUAGES, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("transcript", metavar="TRANSCRIPT.jsonl", help=t("scoring.arg_transcript"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("scoring.arg_lang"))
    parser.add_argument(
        "--transcript-lang",
        choices=LANGUAGES,
        default=None,
        help=t("scoring.arg_transcript_lang"),
    )
    parser.add_argument("--json", action="store_true", help=t("scoring.arg_json"))


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import ui_language
    from simulator.language.detect import detect_language
    from simulator.safeio import Refused, read_stream_bounded, read_text_bounded
    from simulator.scoring import score, to_json
    from simulator.scoring.meeting_files import ReadError, build_transcript, parse_lines
    from simulator.scoring.summary import to_text

    ui = args.lang or ui_language()
    path = args.transcript
    try:
        # Bounded like every reader: a regular file (or stdin) of at most 16 MiB.
        text = read_stream_bounded().decode("utf-8") if path == "-" else read_text_bounded(path)
        lines = parse_lines(text, path, ui)
    except Refused as refused:
        print(refused.message(ui), file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as exc:
        print(t("scoring.err_read", ui, path=path, error=exc), file=sys.stderr)
        return 1
    except ReadError as exc:
        print(exc, file=sys.stderr)
        if path != "-" and _is_journal(path):
            print(t("scoring.hint_journal", ui, path=path), file=sys.stderr)
        return 1
    if not any(line.speaker == "worker" for line in lines):
        print(t("scoring.err_no_worker", ui, path=path), file=sys.stderr)
        return 1

    if args.transcript_lang:
        lang, how = args.transcript_lang, "given"
    else:
        detected = detect_language(line.text for line in lines)
        lang, how = (detected, "detected") if detected else (ui, "assumed")
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
    language_note = t(
        f"scoring.assess_lang_{how}", ui, lang=t(f"scoring.lang_{lang}", ui), code=lang
    )
    if args.json:
        data = json.loads(to_json(report, transcript, ui))
        data["transcript_language"] = {"code": lang, "how": how, "text": language_note}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(t("scoring.assess_heading", ui, path=path, turns=len(transcript.turns)))
        print(language_note)
        print()
        sys.stdout.write(to_text(report, ui))
    return 0


def _is_journal(path: str) -> bool:
    """Whether `path` is a meeting journal the store wrote: students try `assess` on it."""
    from pathlib import Path

    from simulator.store import read_header

    try:
        return "scenario_id" in read_header(Path(path))
    except (OSError, ValueError):
        return False
