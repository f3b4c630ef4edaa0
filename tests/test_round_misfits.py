"""Replies the blind round at 03e2b61 judged not to fit (benchmarks/credibility_data/README.md),
played again through Session with the real recognizer, turn by turn as the writer typed them:
the reply a student would now see takes up what was asked (issue 14). Each case names the
meeting, the turn and what must (or must not) be in the client's reply."""

import json
from pathlib import Path

import pytest

from simulator.scenario.loader import load_scenario
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = ROOT / "benchmarks" / "credibility_data" / "meetings"


def reply_at(meeting_id: str, turn: int) -> str:
    meeting = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    reply = None
    for worker in meeting["turns"][:turn]:
        reply = session.say(worker)
    return reply.text


def test_an_either_or_offer_is_answered_before_the_client_goes_on():
    # "Haluutko että käydään ne läpi nyt vai luet rauhassa kotona?"
    text = reply_at("fi-kokemusasiantuntija-kehittamisryhma-skilled-hfo-1", 10)
    assert text.startswith("Kumpi vaan.")


def test_who_tells_the_daughter_is_answered_from_the_scenario_s_own_answer():
    # "Sopiiko että kerron Marjalle myös, mitä sovittiin, vai haluatteko kertoa ite?"
    text = reply_at("fi-kotikaynti-yksin-asuva-skilled-hfo-1", 19)
    assert text.startswith("Mä kerron Marjalle itse")


@pytest.mark.parametrize(
    ("meeting", "turn"),
    [
        # the plan is agreed by phone: the client never named her sister in this meeting
        ("fi-lastensuojelu-ensitapaaminen-skilled-hfo-1", 17),
        ("fi-lastensuojelu-ensitapaaminen-skilled-hfo-1", 18),
    ],
)
def test_a_name_the_worker_never_heard_is_not_said_as_if_known(meeting, turn):
    assert "Tiina" not in reply_at(meeting, turn)


def test_a_content_question_in_the_first_turn_gets_no_greeting_back():
    # "Moi. ... Onko sulla liikaa asiakkaita nyt kun Sari on poissa?"
    text = reply_at("fi-tyonohjaus-raskas-viikko-hurried-hfp-1", 1)
    assert "moi" not in text.lower()


def test_i_m_listening_is_not_answered_as_if_not_heard():
    text = reply_at("en-humiliated-before-skilled-hen15-1", 13)
    assert "Sorry" not in text and "?" not in text


def test_an_offer_read_as_a_push_is_not_heard_as_an_interruption():
    text = reply_at("en-humiliated-before-skilled-hen15-1", 19)
    assert "finish" not in text
