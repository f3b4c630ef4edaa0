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

#: The scorer's three axes, in the order every report, index and screen shows them.
AXES: tuple[str, ...] = ("listening", "pacing", "autonomy")

#: Readiness flags a state may raise; pacing judges moves against them.
READINESS: tuple[str, ...] = ("information", "advice", "planning", "disclosure")

QUESTIONS = frozenset({"open_question", "closed_question"})
REFLECTIONS = frozenset({"simple_reflection", "complex_reflection"})

#: Moves MITI counts as MI-adherent (plus the two autonomy-supporting codes we recognise).
SUPPORTING = frozenset(
    {"emphasize_autonomy", "ask_permission", "offer_options", "seek_collaboration", "affirmation"}
)
#: Moves that push the worker's agenda; advice only counts when given without permission.
PUSHING = frozenset({"advice", "persuade", "confront"})
#: Moves that usually cost the client's trust whenever they come; after one the coach shows
#: the client's inner thought.
HARMFUL = frozenset({"confront", "dismiss", "persuade"})
#: Which readiness flag (READINESS) a move needs in the client's state. Confronting pushes
#: the worker's view like persuading does (MITI groups them as MI-non-adherent), so it waits
#: for the same readiness.
NEEDS_READINESS = {
    "advice": "advice",
    "persuade": "advice",
    "confront": "advice",
    "give_information": "information",
}
