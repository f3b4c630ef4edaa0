"""Why a turn was read as it was: the words behind each move, for the coach and the
debrief's turn view alike (the evidence is in the journal; the student should see it)."""

from __future__ import annotations

from rich.text import Text

from simulator.i18n import t
from simulator.language.base import Recognition

#: At most this many words quoted per move: enough to see why, not the whole turn again.
QUOTED = 4


def why(recognition: Recognition, lang: str, client: str) -> Text:
    """One line per move that has evidence: the move, the words, the client's words it
    re-said. Empty when the recognizer gave no evidence."""
    text = Text()
    for item in recognition.evidence:
        if not item.words and not item.reflected:
            continue
        text.append("  " + t(f"scoring.move_{item.move}", lang) + ": ", style="italic")
        if item.words:
            text.append(", ".join(f"“{w}”" for w in item.words[:QUOTED]))
        if item.reflected:
            said = ", ".join(f"“{w}”" for w in item.reflected[:QUOTED])
            text.append(" " + t("tui.why_reflected", lang, name=client, words=said))
        text.append("\n")
    return text
