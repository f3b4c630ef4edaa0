"""`untouched:` on a line (issue 14): a line for before something was settled is not said once
the meeting has settled it: none of its topics, cues or choices came up, and the client never
stood in any of its states, on an earlier turn; looping back to a state it left does not bring
the settled worry back (stop-39 blind round hgr t7: Riikka's fee worry again after it was
settled in t3-t4)."""

import pytest
from fixtures.scenario_header import scenario_header

from simulator.language.base import Recognition
from simulator.scenario.loader import load_scenario_text
from simulator.session import Session

BODY = """
topics:
  fee:
    words: [fee, pay]
start: asking
fallback: ["Hm."]
states:
  asking:
    say: ["Hello."]
    on:
      - moves: [summary]
        go: settled
      - moves: [open_question, simple_reflection]
        reply:
          - text: "And the fee. Who pays it?"
            untouched: [settled]
          - "I want to do this properly."
          - "Tell me more, then."
        exhausted: ["I've said what I think."]
  settled:
    say: ["Good. The fee's sorted, then."]
    on:
      - moves: [open_question]
        go: asking
      - moves: [structuring]
        go: good_end
  good_end:
    ending: good
    say: ["Bye."]
"""


class NoReading:
    language = "en"

    def recognize(self, text, *, client_before="", topics=None):
        return Recognition(text=text, moves=(), topics=())


def meet(body: str = BODY, seed: int = 1) -> Session:
    header = scenario_header(
        "en-untouched-fixture",
        "Untouched lines",
        setting="Office.",
        background="A fee to agree.",
        goal="Agree it.",
        name="Riikka",
        persona="Careful.",
        trust=30,
        language="en",
    )
    return Session(load_scenario_text(header + body), NoReading(), seed=seed)


def test_a_line_for_before_a_state_is_not_said_after_passing_through_it():
    for seed in range(1, 30):
        s = meet(seed=seed)
        s.say("So: the fee is agreed.", moves=["summary"])
        assert s.state == "settled"
        s.say("What else is on your mind?", moves=["open_question"])
        assert s.state == "asking"
        said = [s.say("Go on.", moves=["simple_reflection"]).text for _ in range(3)]
        assert "And the fee. Who pays it?" not in said, (seed, said)


def test_before_the_state_the_line_is_said():
    said = set()
    for seed in range(1, 30):
        s = meet(seed=seed)
        said |= {s.say("Go on.", moves=["simple_reflection"]).text for _ in range(2)}
    assert "And the fee. Who pays it?" in said


def test_untouched_takes_state_ids_and_refuses_unknown_names():
    scenario = meet().scenario
    stay = scenario.transitions_from("asking")[1]
    assert stay.gates["And the fee. Who pays it?"].untouched == ("settled",)
    with pytest.raises(Exception, match="nowhere"):
        meet(BODY.replace("untouched: [settled]", "untouched: [nowhere]"))
