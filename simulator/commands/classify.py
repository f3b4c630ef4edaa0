"""`kohtaamo classify --lang fi|en [--json]`: recognise moves in utterances from standard input.

One utterance per input line (or, with `--json`, one `{"text": ..., "client_before": ...,
"topics": {...}, "client_earlier": ..., "worker_before": ...}` object per line; such an object
is recognised without the flag too); one JSON object per input line comes out, in order:
`{"text", "moves", "mode", "topics", "evidence"}`. One process reads any number of lines.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from simulator.i18n import LANGUAGES, t
from simulator.language.base import Recognition
from simulator.safetext import clean_surrogates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("language.classify_lang"))
    parser.add_argument("--json", action="store_true", help=t("language.classify_json"))


def _requests(
    lines: Iterable[str], as_json: bool, lang: str, errors: TextIO
) -> Iterator[tuple[str, str, dict | None, dict[str, str]]]:
    """(text, client_before, topics, further context) per input line; a bad JSON line is read
    as plain text."""
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        # Without --json a line is an utterance, unless it is plainly a request object
        # ({"text": ...}): nobody says that to a client, and piping JSON lines in without the
        # flag should not classify the braces.
        data = _json_object(line) if as_json or line.lstrip().startswith("{") else None
        if data is None or not (as_json or isinstance(data.get("text"), str)):
            if as_json and line.strip():
                print(t("language.classify_bad_line", lang, line=number), file=errors)
            yield clean_surrogates(line), "", None, {}
            continue
        # A lone surrogate (`"\ud800"` is valid JSON) cannot be written back out as UTF-8.
        text = clean_surrogates(data.get("text", "")) if isinstance(data.get("text"), str) else ""
        client = data.get("client_before", "")
        topics = data.get("topics")
        context = {
            k: clean_surrogates(data[k])
            for k in ("client_earlier", "worker_before")
            if isinstance(data.get(k), str)
        }
        yield (
            text,
            clean_surrogates(client) if isinstance(client, str) else "",
            topics if isinstance(topics, dict) else None,
            context,
        )


def _json_object(line: str) -> dict | None:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # not JSON, a 4,301-digit number, or nested too deep
        return None
    return data if isinstance(data, dict) else None


def classify_stream(
    lines: Iterable[str], out: TextIO, lang: str, as_json: bool, errors: TextIO
) -> int:
    """Write one JSON line per input line; returns how many were written."""
    from simulator.language import get_recognizer

    recognizer = get_recognizer(lang)
    count = 0
    for text, client_before, topics, context in _requests(lines, as_json, lang, errors):
        try:
            recognition = recognizer.recognize(
                text, client_before=client_before, topics=topics, **context
            )
        except Exception as error:  # the batch goes on; the line says what went wrong
            print(t("language.classify_failed", lang, line=count + 1, error=error), file=errors)
            recognition = Recognition(text=text)
        out.write(json.dumps(recognition.to_dict(), ensure_ascii=False) + "\n")
        count += 1
        if out.isatty():
            out.flush()
    out.flush()
    return count


#: One line of input is one utterance: 1 MiB is far past anything said in one turn.
MAX_LINE_BYTES = 1 << 20


def bounded_lines(stream: BinaryIO, lang: str, errors: TextIO) -> Iterator[str]:
    """Lines of a byte stream, decoded leniently; stops (saying so) at an over-long line.

    Reading a line at a time with a cap keeps memory bounded whatever comes in
    (`classify < /dev/zero` is one endless line).
    """
    for number in itertools.count(1):
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            print(t("cli.line_too_long", lang, line=number, limit=MAX_LINE_BYTES), file=errors)
            raise LineTooLong
        # Undecodable bytes must not stop a batch of thousands of lines.
        yield raw.decode("utf-8", errors="replace")


class LineTooLong(Exception):
    """classify met a line past MAX_LINE_BYTES."""


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import ui_language

    lang = args.lang or ui_language()
    stdin = getattr(sys.stdin, "buffer", None)
    if stdin is None:  # a text stream stood in for stdin
        classify_stream(sys.stdin, sys.stdout, lang, args.json, sys.stderr)
        return 0
    try:
        classify_stream(bounded_lines(stdin, lang, sys.stderr), sys.stdout, lang, args.json,
                        sys.stderr)  # fmt: skip
    except LineTooLong:
        return 1
    return 0
