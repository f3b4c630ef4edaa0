"""What scoring produces: the report the debrief, history and exports read.

Reasons are kept as i18n keys with their values, not as finished sentences, so one report
can be shown in Finnish or English without scoring the meeting again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

LEVELS: tuple[str, ...] = ("needs_practice", "fair", "good")

#: Level boundaries on the 0..100 scale (see docs/scoring.md).
GOOD_FROM = 75
FAIR_FROM = 50


def level_of(value: float) -> str:
    if value >= GOOD_FROM:
        return "good"
    if value >= FAIR_FROM:
        return "fair"
    return "needs_practice"


def _shown(value: Any, lang: str) -> Any:
    """A value as the sentence shows it: a number by the project's rule (Finnish decimal
    comma), a pair of numbers as a change ("30 → 42,5"), anything else as it is."""
    from simulator.i18n import number

    if isinstance(value, float):
        return number(value, lang)
    if isinstance(value, tuple) and value and all(isinstance(v, int | float) for v in value):
        return " → ".join(number(float(v), lang) for v in value)
    return value


@dataclass(frozen=True)
class Reason:
    """One explanation: an i18n key under `scoring.` and the values it is formatted with."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    sign: int = 0  # +1 counts for, -1 against, 0 information

    def text(self, lang: str) -> str:
        from simulator.i18n import t

        values = {k: _shown(v, lang) for k, v in self.values.items()}
        return t(f"scoring.{self.key}", lang, **values)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"key": self.key, "sign": self.sign, "text": self.text(lang)}


@dataclass(frozen=True)
class Axis:
    value: int  # 0..100
    level: str  # needs_practice | fair | good; partial in a partial meeting (no level word)
    reasons: tuple[Reason, ...] = ()
    components: dict[str, float] = field(default_factory=dict)  # name -> 0..1, as weighed


@dataclass(frozen=True)
class TurnEffect:
    """What one turn did to one axis: a signed sum of events and why."""

    delta: float = 0.0
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class TurnAnalysis:
    index: int
    worker: str
    reply: str
    moves: tuple[str, ...]
    mode: str | None
    effects: dict[str, TurnEffect]  # axis -> effect
    state_before: str = ""
    state_after: str = ""
    variables_after: dict[str, float] = field(default_factory=dict)
    thought: str = ""
    note: str = ""
    better: str = ""
    feedback: Any = None  # feedback.TurnFeedback: the judgement the coach showed

    @property
    def total(self) -> float:
        return sum(e.delta for e in self.effects.values())


@dataclass(frozen=True)
class Moments:
    best: tuple[int, ...] = ()  # turn indexes, best first
    worst: tuple[int, ...] = ()  # worst first
    thoughts: tuple[tuple[int, str], ...] = ()  # (turn index, inner thought); 0 = opening
    series: dict[str, tuple[float, ...]] = field(default_factory=dict)  # start, after each turn
    ending: str | None = None  # good | neutral | poor, None = not ended
    ending_state: str = ""
    led_there: tuple[int, ...] = ()  # turns that moved the client most, in order

    @property
    def headline(self) -> str | None:
        """The variable the debrief draws over time."""
        return headline_variable(self.series)


def headline_variable(names: Iterable[str]) -> str | None:
    """Trust where the scenario has it, else its first variable (None without any)."""
    names = list(names)
    return "trust" if "trust" in names else next(iter(names), None)


@dataclass(frozen=True)
class Report:
    language: str  # the transcript's language
    listening: Axis
    pacing: Axis
    autonomy: Axis
    overall: int
    overall_level: str
    profile: dict[str, float]  # mode -> share of classified turns
    miti: dict[str, Any]  # counts, ratios, thresholds reached
    turns: tuple[TurnAnalysis, ...]
    moments: Moments
    cues: dict[str, Any] = field(default_factory=dict)  # picked up / missed
    with_scenario: bool = False  # readiness, topics, cues and choices were available
    #: the client's own feedback (scoring.voice.VoiceLine): heard, mattered, changed,
    #: then the authors' lines for the ending and key moments
    voice: tuple[Any, ...] = ()
    #: set when the meeting was stopped before its ending or is very short: why, and the
    #: overall before it was scaled down (the overall level is then "partial")
    partial: Reason | None = None
    #: a meeting the worker left short of a good ending: what was still open and what went
    #: well in how they closed (scoring.still_open.StillOpen); None otherwise
    still_open: Any = None

    def axis(self, name: str) -> Axis:
        return getattr(self, name)

    def level_text(self, level: str, lang: str, turns: bool = True) -> str:
        """A level as users read it. In a partial meeting every axis has the level
        "partial", read with the turns it rests on ("partial, 4 turns"): four turns and Esc
        are no evidence of "good" listening, so no level word is shown. The overall
        (`turns=False`) reads "partial" with the sentence that says how it was scaled."""
        from simulator.i18n import t

        if level == "partial" and self.partial is not None and turns:
            turns = int(self.partial.values.get("turns", len(self.turns)))
            return t("scoring.level_partial_turns", lang, turns=turns)
        return t(f"scoring.level_{level}", lang)

    def turn(self, index: int) -> TurnAnalysis:
        return next(t for t in self.turns if t.index == index)
