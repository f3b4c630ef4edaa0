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


def replies(meeting_id: str) -> list[str]:
    """Every reply of the meeting, up to its ending."""
    meeting = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    said = []
    for worker in meeting["turns"]:
        if session.ended:
            break
        said.append(session.say(worker).text)
    return said


def test_a_name_the_worker_never_heard_is_not_said_as_if_known():
    # The plan was agreed by phone at turns 17-18 and the client had never named her sister:
    # "Tiina" is said only once she has told who Tiina is (the meeting's path may change with
    # the scenario; the rule does not)
    introduced = False
    for text in replies("fi-lastensuojelu-ensitapaaminen-skilled-hfo-1"):
        introduced = introduced or ("Tiina" in text and "sisko" in text)
        assert "Tiina" not in text or introduced, text


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


def test_a_question_about_the_dog_is_answered_with_the_dog_not_the_fall():
    # the_fall, asked of Nappi: "Aha, teillä on koira. Mikä sen nimi on?" was answered "Mä
    # kerroin jo. Pääsin ylös." and the worker had to ask again ("Mä kysyin vaan siitä
    # koirasta"); "sen nimi" is now a word of the dog's topic, so the first asking is answered
    text = reply_at("fi-kotikaynti-yksin-asuva-skilled-hfo-1", 7)
    assert "Nappi" in text and "mustelma" not in text and "Pääsin ylös" not in text


def test_a_question_about_jere_is_answered_about_jere_not_the_workload():
    # "Entä tiistai ja Jere, miten sä oot sen kanssa?" got "Kaikki muutkin on ihan täynnä."
    text = reply_at("fi-tyonohjaus-raskas-viikko-skilled-hfo-1", 4)
    assert "Jere" in text and "täynnä" not in text


def _fi_session(name: str, variant: str | None, turns: list[tuple[str, list[str]]]) -> Session:
    # a guarded variant: trust stays below the threshold that would move the client on anyway
    session = Session(load_scenario(ROOT / "scenarios" / f"{name}.yaml"), seed=1, variant=variant)
    for text, moves in turns:
        session.say(text, moves=moves)
    return session


def test_the_dog_asked_of_while_the_fall_is_told_brings_the_dog():
    session = _fi_session(
        "fi-kotikaynti-yksin-asuva",
        "ylpea",
        [
            ("Hei, mä oon Anna kotihoidosta. Kiitos että päästitte sisään.", ["greeting"]),
            ("Te ootte pärjänny täällä itse pitkään.", ["complex_reflection"]),
        ],
    )
    assert session.state == "the_fall"
    answer = session.say("Entä tuo koira, mikä sen nimi on?", moves=["open_question"])
    assert session.state == "the_dog"
    assert "Nappi" in answer.text


def test_the_alarm_button_asked_about_is_not_nappi_the_dog():
    # ea62896 round: "Se on semmonen nappi ranteessa, painatte sitä..." was answered "Nappi on
    # kolmetoista. Elsan kanssa se aikanaan otettiin."; the button has its own answer
    session = _fi_session(
        "fi-kotikaynti-yksin-asuva",
        "ylpea",
        [("Hei, mä oon Anna kotihoidosta. Kiitos että päästitte sisään.", ["greeting"])],
    )
    answer = session.say("Saako sitä nappia painaa myös yöllä?", moves=["closed_question"])
    assert "ranteessa" in answer.text
    assert "koira" not in answer.text and "kolmetoista" not in answer.text


def test_jere_named_in_a_question_takes_mikko_from_the_workload_to_jere():
    session = _fi_session(
        "fi-tyonohjaus-raskas-viikko",
        "kyyninen",
        [
            ("Ei oo mitään hätää. Halusin kuulla, miten sä voit.", ["structuring"]),
            ("Ruuhkaa on ollu, ja Sarin asiakkaat tuli sulle.", ["simple_reflection"]),
        ],
    )
    assert session.state == "workload"
    # the workload in other words ("kuuskyt asiakasta") is not a question about Jere
    session.say("Kuuskyt asiakasta. Se on tosi paljon.", moves=["simple_reflection"])
    assert session.state == "workload"
    answer = session.say("Entä Jere, miten sä oot sen kanssa?", moves=["open_question"])
    assert session.state == "the_client"
    assert "Jere" in answer.text


def test_a_fee_told_on_the_turn_that_reaches_the_fee_question_is_not_asked_about():
    session = _fi_session(
        "fi-kokemusasiantuntija-kehittamisryhma",
        None,
        [
            (
                "Moi Riikka, kiva että tulit. Kerron ensin, mitä ryhmä tekee.",
                ["greeting", "structuring"],
            )
        ],
    )
    answer = session.say(
        "Sua käytettiin näyteikkunana. Täällä sulle maksetaan palkkio joka kerrasta.",
        moves=["complex_reflection"],
    )
    assert session.state == "role"
    assert "maksetaanko" not in answer.text and "palkkio" in answer.text


def test_a_quick_yes_met_with_an_open_question_is_noticed_not_ended():
    # polite_yes: "Ei oo mitään käsikirjoitusta. ... Mikä sun mielestä on ollu pielessä?" (also
    # read as information) ended the meeting: "Okei. Mä tuun. Laita ne puheenaiheet sähköpostiin."
    # Turn 3 ("Sun ei tarvii kertoo ... jos et halua.") no longer reads as pressure (issue 12,
    # recog13fi), so Riikka answers it as a kind turn ("Okei. Mä sanon, jos ei käy.") and the
    # open question is met with "Hyvä, että kysyt multa." instead of "...No. Rehellisesti?";
    # read as seeking collaboration only, the question is now answered from `answers:` ("Ne
    # puhuu lapsesta eikä lapsen kanssa.").
    text = reply_at("fi-kokemusasiantuntija-kehittamisryhma-skilled-hfe-1", 4)
    assert "sähköpostiin" not in text and (
        "Rehellisesti" in text or "kysyt multa" in text or "lapsen kanssa" in text
    )


@pytest.mark.parametrize(
    ("meeting", "turn"),
    [
        # a request for her story, a question of what should change, a form to sign: none of
        # them called her bitter (the dc17972 round, both judges; and the 4bc3b13 round)
        ("fi-kokemusasiantuntija-kehittamisryhma-hurried-hfr-1", 4),
        ("fi-kokemusasiantuntija-kehittamisryhma-skilled-hfq-1", 5),
        ("fi-kokemusasiantuntija-kehittamisryhma-hurried-hfn-1", 10),
    ],
)
def test_a_listening_turn_is_not_answered_with_a_denial_of_a_charge_nobody_made(meeting, turn):
    assert "katkera" not in reply_at(meeting, turn)


def test_a_surface_yes_given_again_is_not_said_word_for_word():
    """Stop 39's blind round: Riikka said 'Joo, mä voin tulla. Kertokaa vaan, mitä mun pitää
    siellä sanoa.' at hgs t6 and again at t16, her polite-yes state's only line (the scenario's
    waiting lines spent). The surface-agreement states now have a waiting line of their own."""
    said = replies("fi-kokemusasiantuntija-kehittamisryhma-hurried-hgs-1")
    assert len(said) == len(set(said))
    assert said[5].startswith("Joo, mä voin tulla.")


@pytest.mark.parametrize(
    "meeting_id",
    [
        "en-substance-use-no-treatment-skilled-hen70-1",
        "en-substance-use-no-treatment-skilled-hen72-1",
    ],
)
def test_lees_dose_asked_about_is_answered_about_the_dose_not_the_spray(meeting_id):
    # Stop 44's blind round: "When you say your dose sorted, do you mean something like a
    # script, methadone or that?" got "The spray? Danny's been on about that." in both
    # skilled meetings (a misfit to all three judges each time).
    text = reply_at(meeting_id, 12)
    assert not text.startswith("The spray?")
    assert "methadone" in text.lower() or "dose" in text.lower()
