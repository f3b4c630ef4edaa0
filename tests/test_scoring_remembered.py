"""What the debrief says after the meeting, in both languages (issue 13): information given
turns after the client gave leave is not "too early" (the scorer remembers permission as the
engine does); trust in the client's feedback is written with the reader's decimal comma; a
partial meeting shows each axis' figure marked partial, with no level word, in every export.
"""

from __future__ import annotations

import json

import pytest

from simulator.scenario.loader import load_scenario_text
from simulator.scoring import feedback, score, to_html, to_json, to_markdown
from simulator.scoring.summary import to_text
from simulator.session import Session

SCENARIO = """
kohtaamo: 1
id: {lang}-remembered
title: Remembered
language: {lang}
authors: [Test]
reviewed_by: []
briefing: {{setting: A room., background: Someone., voluntary: true, goal: Talk.}}
client:
  name: Pat
  persona: Wary.
  variables: {{trust: 30}}
start: wary
fallback: ["Hm."]
states:
  wary:
    say: ["I don't know why I'm here."]
    ready: [disclosure]
    on:
      - moves: [ask_permission]
        if: "trust < 25"
        effects: {{trust: -5}}
        reply: ["Not now."]
      - moves: [ask_permission]
        reply: ["Go on."]
      - moves: [complex_reflection]
        effects: {{trust: +2.5}}
        reply: ["Yes."]
      - moves: [persuade]
        effects: {{trust: -10}}
        reply: ["Don't."]
      - moves: [summary]
        go: done
  done:
    ending: good
    say: ["Thanks."]
"""

EARLY = {
    "en": "Information before the client was ready to hear it",
    "fi": "Tietoa ennen kuin asiakas oli valmis sitä kuulemaan",
}


def play(lang: str, turns: list[tuple[str, str]]) -> tuple[Session, object]:
    scenario = load_scenario_text(SCENARIO.format(lang=lang))
    session = Session(scenario, seed=1)
    for text, move in turns:
        session.say(text, moves=[move])
    return session, scenario


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_information_two_turns_after_leave_given_is_not_too_early(lang):
    session, scenario = play(
        lang,
        [
            ("May I tell you something about the service?", "ask_permission"),
            ("You're not sure this is for you.", "complex_reflection"),
            ("The service is free and you can stop any time.", "give_information"),
        ],
    )
    # The coach's judgement of the turn just taken and the debrief's agree: timely.
    said = feedback.last(session.transcript, scenario)
    assert said is not None and said.early == ()
    md = to_markdown(score(session.transcript, scenario), session.transcript, lang)
    assert EARLY[lang] not in md


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_without_leave_information_is_still_too_early(lang):
    # Never asked, and asked but refused (the answer cost trust): too early, as before.
    for opening in (
        [("You're not sure this is for you.", "complex_reflection")],
        [("You must stop.", "persuade"), ("May I tell you something?", "ask_permission")],
    ):
        session, scenario = play(
            lang,
            [
                *opening,
                ("You're not sure this is for you.", "complex_reflection"),
                ("The service is free and you can stop any time.", "give_information"),
            ],
        )
        said = feedback.last(session.transcript, scenario)
        assert said is not None and said.early == ("give_information",), opening
        md = to_markdown(score(session.transcript, scenario), session.transcript, lang)
        assert EARLY[lang] in md


@pytest.mark.parametrize(
    ("lang", "trust"), [("en", "trust 30 → 32.5"), ("fi", "luottamus 30 → 32,5")]
)
def test_trust_in_the_clients_feedback_uses_the_readers_number_format(lang, trust):
    session, scenario = play(lang, [("You're not sure this is for you.", "complex_reflection")])
    report = score(session.transcript, scenario)
    text = to_text(report, lang)
    assert trust in text
    page = to_html(report, session.transcript, lang)
    assert trust in page


PARTIAL = {
    "en": ("partial, 2 turns", ("good", "fair", "needs practice")),
    "fi": ("kesken, 2 vuoroa", ("hyvä", "kohtalainen", "harjoiteltavaa")),
}
AXIS_NAMES = {
    "en": ("Listening", "Pacing", "Honouring choices"),
    "fi": ("Kuuntelu", "Tahdistus", "Valintojen kunnioitus"),
}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_partial_meeting_shows_figures_marked_partial_without_levels(lang):
    # Two kind turns and a stop: honouring choices and the rest describe two turns only.
    session, scenario = play(
        lang,
        [
            ("May I ask what brought you?", "ask_permission"),
            ("You're not sure this is for you.", "complex_reflection"),
        ],
    )
    report = score(session.transcript, scenario)
    label, levels = PARTIAL[lang]
    assert all(report.axis(a).level == "partial" for a in ("listening", "pacing", "autonomy"))
    text = to_text(report, lang)
    for name in AXIS_NAMES[lang]:
        line = next(x for x in text.splitlines() if x.startswith(name))
        assert line.endswith(label) and not any(w in line for w in levels), line
    md = to_markdown(report, session.transcript, lang)
    for name in AXIS_NAMES[lang]:
        row = next(x for x in md.splitlines() if x.startswith(f"| {name} |"))
        assert row.endswith(f"| {label} |") and not any(w in row for w in levels), row
    page = to_html(report, session.transcript, lang)
    scores = page.split("</table>", 1)[0]
    assert scores.count(f"<td>{label}</td>") == 3
    assert not any(f"<td>{w}</td>" in scores for w in levels)
    data = json.loads(to_json(report, session.transcript, lang))
    for axis in ("listening", "pacing", "autonomy"):
        assert data["axes"][axis]["level"] == "partial"
        assert data["axes"][axis]["level_label"] == label


DIRECTIVE_TURNS = {
    "en": (
        "You need to go home and throw those cigarettes out.",
        "It sounds like you feel you have to manage this on your own.",
        "This sounded like a reflection but told the client what they have to do",
        "You told the client what to do or think instead of hearing them out.",
    ),
    "fi": (
        "Olet joukkueessa, joten sinun on noudatettava sääntöjä.",
        "Kuulostaa siltä, että sinusta tuntuu, että sinun pitää pärjätä yksin.",
        "Vuoro kuulosti heijastukselta mutta kertoi, mitä asiakkaan täytyy tehdä",
        "Kerroit asiakkaalle, mitä tehdä tai ajatella, sen sijaan että olisit kuunnellut.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_reflection_that_tells_the_client_what_to_do_counts_as_advice(lang):
    directive, framed, explained, lecture = DIRECTIVE_TURNS[lang]
    # Read (here: pinned) as a complex reflection, as the recognizer read such turns in the
    # Finnish AnnoMI translation; the scorer codes it as MITI would: unasked advice.
    session, scenario = play(lang, [(directive, "complex_reflection")])
    said = feedback.last(session.transcript, scenario)
    assert said is not None and said.lectured
    report = score(session.transcript, scenario)
    assert report.miti["counts"]["complex_reflection"] == 0
    md = to_markdown(report, session.transcript, lang)
    assert explained in md and lecture in md
    # The client's own sense of obligation, reflected back, stays a reflection.
    session, scenario = play(lang, [(framed, "complex_reflection")])
    said = feedback.last(session.transcript, scenario)
    assert said is not None and not said.lectured
    report = score(session.transcript, scenario)
    assert report.miti["counts"]["complex_reflection"] == 1
    assert explained not in to_markdown(report, session.transcript, lang)
