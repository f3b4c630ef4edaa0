"""The trainee's moves and encounter modes: the contract between recognizer, client and scorer.

Defined once here; everything else imports these names.
"""

from __future__ import annotations

MOVES: tuple[str, ...] = (
    "greeting",
    "structuring",
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "summary",
    "affirmation",
    "emphasize_autonomy",
    "ask_permission",
    "seek_collaboration",
    "offer_options",
    "give_information",
    "advice",
    "persuade",
    "confront",
    "dismiss",
    "offer_time",
)

MODES: tuple[str, ...] = ("blaming", "rejecting", "noticing", "encountering")

OUTCOMES: tuple[str, ...] = ("good", "neutral", "poor")

#: Readiness flags a state may raise; pacing judges moves against them.
READINESS: tuple[str, ...] = ("information", "advice", "planning", "disclosure")

QUESTIONS = frozenset({"open_question", "closed_question"})
REFLECTIONS = frozenset({"simple_reflection", "complex_reflection"})
