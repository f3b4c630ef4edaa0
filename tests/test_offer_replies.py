"""Offers, proposals and either/or questions as a user sees the client take them up (issue 14;
docs/format.md, "How a reply is chosen", steps `offer` and `written_for_the_act`). Played with
the real recognizer, turn by turn as the stop-42 blind round's writers typed them."""

import json
from pathlib import Path

from simulator.scenario.loader import load_scenario
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = ROOT / "benchmarks" / "credibility_data" / "meetings"


def replies(meeting_id: str, last: int) -> list[str]:
    meeting = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    return [session.say(worker).text for worker in meeting["turns"][:last]]


def test_an_either_or_the_meeting_ends_on_gets_a_pick_not_a_bare_yeah():
    # "Do you want to send the letter to the landlord yourself, or would you like me to
    # email it to them as well?" -> "Yeah. ...Thanks. Really." (hen60 t17, 3 of 3 judges)
    text = replies("en-income-support-young-adult-skilled-hen60-1", 17)[-1]
    assert not text.startswith("Yeah.")
    assert text.startswith(("Dunno. Either", "Whatever's easiest"))
    assert "Thanks. Really." in text


def test_an_either_or_that_moves_the_client_on_gets_a_pick_not_her_earlier_okay():
    # "Haluutko että mä sanon sen ääneen ryhmälle..., vai sanotko sä sen itse?" -> "Joo,
    # käy. Ja mulla on..." word for word her earlier answer (hhh t10)
    said = replies("fi-kokemusasiantuntija-kehittamisryhma-skilled-hhh-1", 10)
    assert said[-1].startswith("Kumpi")
    assert "palaverikäytäntö" in said[-1]


def test_an_either_or_whose_words_pick_a_side_later_keep_their_yes():
    # "...haluutko että mä varaan sulle myös sen ajan terveysasemalle unesta, vai hoidatko
    # sen itse?" -> "Joo. Eli mä soitan Tiinalle..." picks in its own words (hfs t18)
    text = replies("fi-lastensuojelu-ensitapaaminen-skilled-hfs-1", 18)[-1]
    assert text.startswith("Joo. Eli mä soitan Tiinalle")


def test_a_plan_agreed_by_a_line_that_agrees_is_not_agreed_twice():
    # "Haluutko sä käydä mun kanssa läpi ennen sitä...?" -> "Okei. Sopii. Joo. Niin just.
    # Sovittu, ..." (hhh t15): agreement words from two sources stacked
    text = replies("fi-tyonohjaus-raskas-viikko-skilled-hhh-1", 15)[-1]
    assert text.startswith("Joo. Niin just.")
    assert "Sopii" not in text


def test_a_time_put_as_the_meeting_ends_is_agreed_before_the_goodbye():
    # "...sopisko sulle aamupäivä, vaikka kahden viikon päästä tiistaina kello kymmenen?" ->
    # "Kiitos. Mä luulin... Moi sitten." passed the time over (hhh t17, 3 of 3 judges)
    text = replies("fi-lastensuojelu-ensitapaaminen-skilled-hhh-1", 17)[-1]
    assert text.startswith(("Okei. Käy.", "Selvä. Sopii.", "Okei, niin tehdään."))
    assert text.endswith("Moi sitten.")


def test_an_offer_for_someone_else_to_do_something_is_answered_yes_or_no():
    # "Would you like Omar to try it?" -> "So... I say it back, to see I understand?" passed
    # the offer over (hen62 t15, 3 of 3 judges)
    text = replies("en-school-concern-plain-language-skilled-hen62-1", 15)[-1]
    assert text.startswith("Yes.")


def test_an_either_or_read_as_asking_leave_is_not_answered_with_leave():
    # "Would you like me to talk to the nurse about that, or would you rather ask her
    # yourself?" -> "Depends. Go on." (leave given) picked no side (hen35 t17)
    text = replies("en-substance-use-no-treatment-skilled-hen35-1", 17)[-1]
    assert "I'll see the nurse" in text
