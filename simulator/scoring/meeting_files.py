"""Reading meetings from files for `kohtaamo assess` and `kohtaamo report`.

Assess files are plain conversations, one JSON object per line:
`{"speaker": "worker"|"client", "text": ...}` with optional `"moves": [...]` (pins the
reading, like a scenario test) and `"mode"`. Journals are what the store writes (see
docs/architecture.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.i18n import t
from simulator.language.base import Recognition, Recognizer
from simulator.moves import MODES, MOVES
from simulator.transcript import Transcript, TurnRecord


class ReadError(ValueError):
    """A file could not be read as a conversation; the message names the line."""


@dataclass(frozen=True)
class Line:
    speaker: str  # worker | client
    text: str
    moves: tuple[str, ...] | None = None
    mode: str | None = None


def parse_lines(text: str, path: str, lang: str | None = None) -> list[Line]:
    """Parse assess JSONL; blank lines are skipped, a bad line raises ReadError."""
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            # "Expecting value" alone does not tell a trainer with a typed-up dialogue what to do.
            error = t("scoring.err_not_json", lang, error=exc.msg)
            raise ReadError(
                t("scoring.err_line", lang, path=path, line=number, error=error)
            ) from exc
        except (ValueError, RecursionError) as exc:  # a 4,301-digit number; nested too deep
            raise ReadError(
                t("scoring.err_line", lang, path=path, line=number, error=str(exc)[:80])
            ) from exc
        out.append(_line(data, path, number, lang))
    return out


def _line(data: Any, path: str, number: int, lang: str | None) -> Line:
    def fail(error: str) -> ReadError:
        return ReadError(t("scoring.err_line", lang, path=path, line=number, error=error))

    if not isinstance(data, dict):
        raise fail(t("scoring.err_not_object", lang))
    speaker = data.get("speaker")
    if speaker not in ("worker", "client"):
        raise fail(t("scoring.err_speaker", lang, speaker=json.dumps(speaker)))
    text = data.get("text")
    if not isinstance(text, str):
        raise fail(t("scoring.err_text", lang))
    moves = data.get("moves")
    if moves is not None:
        if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
            raise fail(t("scoring.err_moves", lang, move=json.dumps(moves)))
        unknown = [m for m in moves if m not in MOVES]
        if unknown:
            raise fail(t("scoring.err_moves", lang, move=unknown[0]))
        moves = tuple(moves)
    mode = data.get("mode")
    return Line(speaker, text.strip(), moves, mode if mode in MODES else None)


def build_transcript(
    lines: Iterable[Line], language: str, recognizer: Recognizer | None = None
) -> Transcript:
    """A Transcript from conversation lines. Client lines before the first worker line are
    the opening; consecutive lines of one speaker are joined into one turn."""
    merged: list[Line] = []
    for line in lines:
        if merged and merged[-1].speaker == line.speaker:
            last = merged[-1]
            moves = (
                (last.moves or ()) + (line.moves or ())
                if last.moves is not None or line.moves is not None
                else None
            )
            merged[-1] = Line(
                line.speaker, f"{last.text} {line.text}".strip(), moves, last.mode or line.mode
            )
        else:
            merged.append(line)
    transcript = Transcript(language=language)
    start = 0
    if merged and merged[0].speaker == "client":
        transcript.opening = merged[0].text
        start = 1
    client_before = transcript.opening
    i = start
    while i < len(merged):
        worker = merged[i]
        reply = merged[i + 1].text if i + 1 < len(merged) else ""
        if worker.moves is not None or recognizer is None:
            recognition = Recognition(worker.text, worker.moves or (), worker.mode)
        else:
            recognition = recognizer.recognize(worker.text, client_before=client_before)
            if worker.mode:
                recognition = Recognition(
                    recognition.text,
                    recognition.moves,
                    worker.mode,
                    recognition.topics,
                    recognition.evidence,
                )
        transcript.turns.append(
            TurnRecord(
                index=len(transcript.turns) + 1,
                worker=worker.text,
                recognition=recognition,
                reply=reply,
                client_before=client_before,
            )
        )
        client_before = reply
        i += 2
    return transcript
