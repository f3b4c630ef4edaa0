"""The trainee's moves and encounter modes: the contract between recognizer, client and scorer.

Defined once here; everything else imports these names.
"""

from __future__ import annotations

from collections.abc import Iterable

MOVES: tuple[str, ...] = (
    "greeting",
    "structuring",
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "summary",
    "affirmation",
    "support",  # sympathy, compassion ("I'm so sorry for your loss"; MISC's Support)
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
#: `support` (backing the client: "I'm here with you in this") counts as soon as the
#: recognizer reads it.
SUPPORTING = frozenset(
    {
        "emphasize_autonomy",
        "ask_permission",
        "offer_options",
        "seek_collaboration",
        "affirmation",
        "support",
    }
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

#: Moves that show the worker following the client; any of them makes the turn an encounter.
ENCOUNTERING = frozenset(
    {
        "open_question",
        "simple_reflection",
        "complex_reflection",
        "summary",
        "affirmation",
        "emphasize_autonomy",
        "ask_permission",
        "seek_collaboration",
        "offer_options",
        "offer_time",
        "support",
    }
)
#: Moves that attend to the matter at hand without following the client's own words.
NOTICING = frozenset({"greeting", "structuring", "closed_question", "give_information", "advice"})


def mode_of(moves: Iterable[str]) -> str | None:
    """The encounter mode a turn's moves add up to: the one place a mode comes from.

    The recognizer, pinned menu and test turns and the scorer all use it, so a turn's mode
    never contradicts its moves. Blaming wins (one blaming sentence colours the whole turn),
    then rejecting (dismissing or pushing), then encountering (any move that follows the
    client), then noticing.
    """
    present = set(moves)
    if "confront" in present:
        return "blaming"
    if present & {"dismiss", "persuade"}:
        return "rejecting"
    if present & ENCOUNTERING:
        return "encountering"
    if present & NOTICING:
        return "noticing"
    return None
