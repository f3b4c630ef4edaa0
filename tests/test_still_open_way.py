"""A meeting closed kindly but early: the debrief quotes the cues the client told that the
worker did not take up (or only half: a reflection in the turns after that did not name the
cue), and names the way to the good ending from where the client stood in the student's
terms (what the client was waiting for, the cues still to turn to, the variables still to
grow) instead of the briefing's whole goal.

The Veikko case is the lead's tmux play at 01d2f59 (fi-kotikaynti, variant surullinen, 14
turns): pride, the fall and the grief reflected, his decision to stay honoured, a bracelet
offered with permission, a Thursday call agreed, a kind goodbye; the loneliness ("Joskus mä
en puhu kenenkään kanssa viikkoon") never taken up. Its debrief said only the whole goal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scenario.loader import load_scenario
from simulator.scoring import score, to_json, to_markdown
from simulator.scoring.still_open import StillOpen, open_lines
from simulator.scoring.summary import to_text
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"

#: The worker's turns of the play, as typed (its journal, 20261207T010905-57ec1d).
VEIKKO_TURNS = [
    "Päivää Veikko, mä oon Anna palveluohjauksesta. Kiitos kun päästit sisään. Tyttäresi "
    "soitti meille, mutta mä haluisin kuulla ihan sulta itseltäs, miten täällä menee.",
    "Kiitos, otan mielelläni. Itse rakennettu talo, ja siinä on ikä ja elämä kiinni.",
    "Kuka sun kanssa täällä asuu, onko muita kuin Nappi?",
    "Miten sä pärjäät arjessa, kun tulee liukasta?",
    "Se pelotti. Ja Nappi pysyi vieressä koko ajan.",
    "Mitä sä itse toivoisit, miten täällä jatkuis?",
    "Sä haluut asua täällä kotona Napin kanssa. Se on sun päätös, ja mä kunnioitan sitä.",
    "Elsa on vieläkin joka paikassa täällä. Sen takki eteisessä, sen tuoli. Sä kaipaat sitä "
    "kovasti.",
    "Saanko kertoa yhdestä jutusta, joka vois auttaa jos kaatuu uudestaan?",
    "Turvaranneke. Se on napin painallus, ja apu tulee. Saat itse päättää haluutko sen.",
    "Selvä. Sä asut täällä Napin kanssa, eikä kukaan vie sua mihinkään. Mä oon täällä sitä "
    "varten, että se onnistuis turvallisesti.",
    "Mitä sä ajattelet siitä rannekkeesta?",
    "Hyvä. Mä tilaan rannekkeen ja soitan sulle torstaina. Sopiiko?",
    "Kiitos kahvista Veikko. Nähdään, ja rapsutukset Napille.",
]
VEIKKO_SEED = 1261127787


def play(path: Path, lines: list[str], seed: int = 1, variant: str | None = None):
    scenario = load_scenario(path)
    session = Session(scenario, seed=seed, variant=variant)
    for line in lines:
        session.say(line)
    return scenario, session.transcript


@pytest.fixture(scope="module")
def veikko():
    scenario, transcript = play(
        SCENARIOS / "fi-kotikaynti-yksin-asuva.yaml", VEIKKO_TURNS, VEIKKO_SEED, "surullinen"
    )
    # The play as it went: the loneliness told at turn 8, his decision at turn 10, a goodbye
    # from the choice point to the neutral ending.
    assert [t.state_after for t in transcript.turns][7:] == [
        "lonely",
        "fear_of_home",
        "choice_point",
        "choice_point",
        "choice_point",
        "choice_point",
        "neutral_end",
    ]
    assert transcript.turns[7].reply.startswith("Joskus mä en puhu kenenkään kanssa viikkoon.")
    assert transcript.outcome == "neutral"
    return scenario, transcript


def block(text: str, heading: str) -> str:
    return text[text.index(heading) :]


def test_veikko_in_english(veikko):
    scenario, transcript = veikko
    report = score(transcript, scenario)
    said = block(to_text(report, "en"), "Still open when you left:")
    # Listening counted the loneliness and the grief half each (3 of 4); the block says which
    # and why, in Veikko's words.
    assert "Cues picked up: 3 of 4" in to_text(report, "en")
    assert (
        "- Veikko told you, but you did not take it up: Yksinäisyys (turn 8: “Joskus mä en puhu "
        "kenenkään kanssa viikkoon. … Radio on päällä, ettei oo niin hiljasta.”). It counted "
        "half: after Veikko first touched on it (turn 3), you reflected, but did not name it."
    ) in said
    assert (
        "- Veikko told you, and you took it up only later: Suru Elsasta (turn 5: “Elsa... Se "
        "kuoli kaks vuotta sitten maaliskuussa.”). It counted half: after Veikko first touched "
        "on it (turn 5), you reflected, but did not name it. You took it up at turn 8, after "
        "the 2 turns in which taking it up counts."
    ) in said
    # From the choice point (his decision said) the good ending waited on these moves; the
    # simple reflection, open question and plan he was given there kept him where he stood.
    assert (
        "- The way to a good ending from where Veikko stood: Veikko was waiting for emphasising "
        "autonomy, asking permission, offering options or seeking collaboration; then 2 more "
        "steps and your goodbye."
    ) in said
    assert "The goal, not yet reached" not in said
    assert "You closed well, but too soon for Veikko" in said


def test_veikko_in_finnish(veikko):
    scenario, transcript = veikko
    said = block(to_text(score(transcript, scenario), "fi"), "Vielä kesken, kun lähdit:")
    assert (
        "- Veikko kertoi, mutta et tarttunut siihen: Yksinäisyys (vuoro 8: ”Joskus mä en puhu "
        "kenenkään kanssa viikkoon. … Radio on päällä, ettei oo niin hiljasta.”). Se laskettiin "
        "puoliksi: kun Veikko ensi kerran vihjasi siihen (vuoro 3), heijastit, mutta et "
        "nimennyt sitä."
    ) in said
    assert "- Veikko kertoi, ja tartuit siihen vasta myöhemmin: Suru Elsasta (vuoro 5:" in said
    assert "Tartuit siihen vuorolla 8, kun 2 vuoroa, joissa tarttuminen lasketaan" in said
    assert (
        "- Tie hyvään loppuun siitä, mihin Veikko jäi: Veikko odotti: itsemääräämisen korostus, "
        "luvan kysyminen, vaihtoehtojen tarjoaminen tai yhteistyön hakeminen; sitten vielä 2 "
        "askelta ja hyvästely."
    ) in said
    assert "Tavoite, johon ei vielä päästy" not in said


def test_veikko_in_the_exports(veikko):
    scenario, transcript = veikko
    report = score(transcript, scenario)
    data = json.loads(to_json(report, transcript, "en"))["still_open"]
    assert data["unheard"][0] == {
        "cue": "Yksinäisyys",
        "turn": 8,
        "words": "Joskus mä en puhu kenenkään kanssa viikkoon. … Radio on päällä, ettei oo niin "
        "hiljasta.",
        "first": 3,
        "half": True,
    }
    assert data["unheard"][1]["later"] == 8
    assert data["way"][0] == {
        "moves": ["emphasize_autonomy", "ask_permission", "offer_options", "seek_collaboration"],
        "about": [],
        "waits_on": [],
    }
    assert data["way"][-1] == {"goodbye": True} and len(data["way"]) == 4
    md = to_markdown(report, transcript, "fi")
    assert "- Tie hyvään loppuun siitä, mihin Veikko jäi: Veikko odotti:" in md


def test_another_finnish_scenario_names_the_cue_and_what_the_way_waits_on():
    scenario, transcript = play(
        SCENARIOS / "fi-lastensuojelu-ensitapaaminen.yaml",
        [
            "Hei, mä oon Sanna lastensuojelusta. Kiitos että otitte mut vastaan.",
            "Kertoisitteko, miten teillä on viime aikoina mennyt?",
            "Kuulostaa, että teillä on ollut raskasta.",
            "Hyvä on, kiitos tästä. Nähdään ensi viikolla, hei hei.",
        ],
    )
    assert transcript.outcome == "neutral" and len(transcript.turns) == 4
    said = block(to_text(score(transcript, scenario), "fi"), "Vielä kesken, kun lähdit:")
    # Told at turn 3, then the goodbye: missed outright, no "puoliksi".
    assert (
        "- Jenni kertoi, mutta et tarttunut siihen: Eetu on väsynyt (vuoro 3: ”Eetu on vaan "
        "välillä vähän väsyny.”)."
    ) in said
    assert "puoliksi" not in said
    way = next(line for line in said.splitlines() if "Tie hyvään loppuun" in line)
    assert "Jenni odotti: avoin kysymys" in way and "aiheesta Eetu on väsynyt" in way
    assert "ja matkalla Jenni odotti, että otat puheeksi: Äidin oma uupumus" in way
    assert "Tavoite, johon ei vielä päästy" not in said


def test_another_english_scenario_says_what_had_to_grow():
    scenario, transcript = play(
        SCENARIOS / "en-substance-use-no-treatment.yaml",
        [
            "Hi, I'm Sam. Thanks for coming in today.",
            "What's been going on for you lately?",
            "It sounds like things have been hard.",
            "Okay, thanks for coming. See you next week, bye.",
        ],
    )
    assert transcript.outcome == "neutral"
    said = block(to_text(score(transcript, scenario), "en"), "Still open when you left:")
    assert (
        "- The way to a good ending from where Lee stood: Lee was waiting for open question, "
        "closed question, simple reflection, complex reflection or affirmation about His "
        "daughter Mia and the Sunday visits; then 5 more steps and your goodbye, and on the way "
        "Lee needed more trust and openness."
    ) in said
    assert "The goal, not yet reached" not in said


def test_the_goal_stays_when_no_way_is_known():
    # A state from which the scenario's transitions reach no good ending: the goal is all
    # the engine can name.
    so = StillOpen(client="Lee", goal="Hear Lee out.", stood="Is this a trick?")
    assert open_lines(so, "en") == [
        "The goal, not yet reached: Hear Lee out.",
        "What Lee was thinking when you left: “Is this a trick?”",
    ]


def test_a_line_that_names_the_cue_in_none_of_its_sentences_is_quoted_whole():
    # ending12's own tmux play (installed kohtaamo, default settings): the loneliness let
    # slip in the line about the fall; first quoted by its first sentence, "No...".
    scenario, transcript = play(
        SCENARIOS / "fi-kotikaynti-yksin-asuva.yaml",
        [
            "Päivää Veikko, mä oon Anna palveluohjauksesta. Kiitos kun päästit sisään. Mä tulin "
            "kuulemaan, miten täällä menee.",
            "Kiitos, otan mielelläni. Itse rakennettu talo, se on iso asia.",
            "Sanot ettei kannata tehdä numeroa, mutta kuulostaa että se säikäytti.",
            "Mitä sä teet päivisin?",
            "Selvä. Mä tilaan sulle turvarannekkeen ja soitan ensi viikolla. Kiitos kahvista, "
            "hei hei.",
        ],
        seed=1244623243,
        variant="surullinen",
    )
    assert transcript.outcome == "neutral" and transcript.turns[2].cues_dropped == ("lonely",)
    said = block(to_text(score(transcript, scenario), "en"), "Still open when you left:")
    assert (
        "- Veikko told you, but you did not take it up: Yksinäisyys (turn 3: “No... kyllä se "
        "säikäytti. Mä makasin siinä jäällä varmaan puoli tuntia. Nappi haukku vieressä koko "
        "ajan. Ei sitä kukaan kuullu.”)."
    ) in said
    # From Elsa (turn 5) the way on waits for turn 8 (`turn >= 8` on the step to lonely).
    assert (
        "Veikko was waiting for complex reflection, offering time, affirmation, open question, "
        "simple reflection or summary (only later in the meeting); then 5 more steps and your "
        "goodbye."
    ) in said


LEE_PAST_TREATMENT = [
    "Hi Lee, I'm Sam. Thanks for coming in today.",
    "How are things with Mia these days?",
    "She really matters to you, those Sundays. You light up talking about her.",
    "You're a dad who shows up for her, every Sunday.",
    "What's a normal day like for you at the moment?",
    "So the days are long and the using fills them. What happened ten days ago, if you're "
    "okay to tell me?",
    "That must have been terrifying, waking up like that.",
    "You said you've been to rehab before. What was that like?",
    "Okay, thanks for coming. See you next week, bye.",
]


def test_a_step_open_to_many_moves_is_named_by_examples_not_listed_whole():
    # Lee, left just after telling of rehab, waited on any of thirteen moves: a list of
    # thirteen names teaches nothing, so the debrief gives their number and three examples.
    lee = SCENARIOS / "en-substance-use-no-treatment.yaml"
    scenario, transcript = play(lee, LEE_PAST_TREATMENT)
    assert transcript.turns[-1].state_before == "past_treatment"
    assert transcript.outcome == "neutral"
    report = score(transcript, scenario)
    way = next(line for line in to_text(report, "en").splitlines() if "The way to a good" in line)
    assert (
        "Lee was waiting for any of 13 moves, such as open question, complex reflection or "
        "simple reflection about “naloxone” (Lee needed more trust); then 3 more steps"
    ) in way
    assert "structuring" not in way and "offering time" not in way
    fi = next(line for line in to_text(report, "fi").splitlines() if "Tie hyvään" in line)
    assert "Lee odotti: mikä tahansa 13 siirrosta, esimerkiksi avoin kysymys" in fi
