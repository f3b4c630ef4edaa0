"""The recognizer's contract: what the Session and the scorer rely on.

A recognizer turns one trainee utterance (plus the client's previous words and the
scenario's word lists) into moves, an encounter mode, mentioned topics and evidence.
It does not catch its own errors: the Session and `classify` do, and log them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Evidence:
    """Why one move was read: the words that triggered it, the client's words it reflected."""

    move: str
    words: tuple[str, ...] = ()
    reflected: tuple[str, ...] = ()
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "move": self.move,
            "words": list(self.words),
            "reflected": list(self.reflected),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Recognition:
    text: str
    moves: tuple[str, ...] = ()  # in the order they occur in the text
    mode: str | None = None  # blaming | rejecting | noticing | encountering | None
    topics: tuple[str, ...] = ()  # keys of the `topics` mapping that were mentioned
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "moves": list(self.moves),
            "mode": self.mode,
            "topics": list(self.topics),
            "evidence": [e.to_dict() for e in self.evidence],
        }


class Recognizer(Protocol):
    language: str

    def recognize(
        self,
        text: str,
        *,
        client_before: str = "",
        topics: Mapping[str, Sequence[str]] | None = None,
    ) -> Recognition: ...


# A recognizer may also take `client_earlier` (the client's turn before their last) and
# `worker_before` (the worker's previous turn) as keywords; the Session passes them to one that
# does (simulator.language.gated.GatedRecognizer).
