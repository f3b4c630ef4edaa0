"""A reply made of an answer and the reaction's own line says a sentence once (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scenario.loader import load_scenario
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.session import Session, said_once

MEETINGS = Path(__file__).resolve().parent.parent / "benchmarks" / "credibility_data" / "meetings"


def test_a_sentence_the_line_opens_with_just_said_is_said_once() -> None:
    assert (
        said_once("Yes. Go on, then.", "Go on, then. As long as he stays home, I'm listening.")
        == "Yes. Go on, then. As long as he stays home, I'm listening."
    )
    assert said_once("Joo. Sopii.", "sopii!") == "Joo. Sopii."
    # the same words elsewhere in the line are the client's own and stay
    assert said_once("Yes.", "Go on, then. Go on.") == "Yes. Go on, then. Go on."


def test_denise_says_go_on_then_once_to_the_offer_about_the_letters() -> None:
    # hen38 t15 (the stop-37 blind round): both judges called "Yes. Go on, then. Go on, then.
    # As long as he stays home, I'm listening." a misfit, a line said twice in a row.
    meeting = json.loads((MEETINGS / "en-humiliated-before-skilled-hen38-1.json").read_text())
    scenario = load_scenario(bundled_scenarios_dir() / "en-humiliated-before.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    for line in meeting["turns"][:14]:
        session.say(line)
    reply = session.say(meeting["turns"][14]).text
    assert reply.count("Go on, then.") == 1
    assert reply.startswith("Yes. Go on, then.")
