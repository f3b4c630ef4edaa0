"""A question the recognizer reads as another move only ("What would help you most right
now?", "Mitä te itse toivoisitte?" read as seeking collaboration) still asks: the client
answers it from `answers:` instead of saying its `defaults: seek_collaboration` line
("Dunno what I'd suggest. But okay.", "Jos mä saan sanoa, mitä mä haluun, niin okei.").
Played through Session with the real recognizer, bundled scenarios (issue 14)."""

from pathlib import Path

from simulator.scenario.loader import load_scenario
from simulator.session import Session

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def said(scenario: str, *turns: str) -> tuple[list[str], tuple[str, ...]]:
    session = Session(load_scenario(SCENARIOS / f"{scenario}.yaml"), seed=1)
    replies = [session.say(turn) for turn in turns]
    return [r.text for r in replies], replies[-1].record.recognition.moves


def test_what_would_you_like_to_get_out_of_today_is_answered():
    replies, moves = said(
        "en-substance-use-no-treatment",
        "Hi Lee. Thanks for sitting down with me.",
        "What would you like to get out of today?",
    )
    assert moves == ("seek_collaboration",)  # the reading stands; only the words answer
    assert replies[-1] == "Nothing. I came in for a coffee, remember."


def test_what_would_help_is_answered_before_lee_moves_on():
    replies, _ = said("en-substance-use-no-treatment", "What would help you most right now?")
    assert replies[0].startswith("Dunno. Not being lectured, for a start.")


def test_a_finnish_wish_is_answered():
    replies, moves = said("fi-lastensuojelu-ensitapaaminen", "Mitä te itse toivoisitte?")
    assert moves == ("seek_collaboration",)
    assert replies[0] == "En mä tiiä. Ei kai mikään."


def test_what_the_meeting_should_give_is_answered_in_finnish():
    replies, _ = said("fi-tyonohjaus-raskas-viikko", "Mitä sä toivoisit tältä tapaamiselta?")
    assert replies[0] == "Että tää ois nopeesti ohi. Mulla on kirjaukset kesken."

