"""The worker takes leave and the meeting ends (issue 14): what a student sees, both languages.

"Goodbye.", "See you Thursday", "Kiitos, nähdään ensi viikolla" read as no move, so the client
used to keep talking. Now the meeting ends as the scenario's `when_worker_leaves` says; an
early leave never gives the good ending, a closing state reached properly ends well, and the
debrief and `kohtaamo run` say how the meeting ended.
"""

from __future__ import annotations

import pytest

from simulator import store
from simulator.cli import main
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import load_scenario, load_scenario_text
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.session import DEFAULT_LEAVE, Session
from simulator.transcript import how_it_ended

BUNDLED = sorted(bundled_scenarios_dir().glob("*.yaml"))
GOODBYE = {"en": "Okay, thanks. Bye, then, take care.", "fi": "Kiitos, nähdään ensi viikolla."}


@pytest.fixture(scope="module")
def library():
    return {path.stem: load_scenario(path) for path in BUNDLED}


def standing_in(scenario, state: str, seed: int = 1) -> Session:
    """A meeting whose client stands in `state` (as if the turns before had led there)."""
    session = Session(scenario, seed=seed)
    session._machine.put(session._model, state)
    session._state = state
    return session


def test_a_goodbye_mid_meeting_ends_it_and_the_debrief_says_how(library):
    denise = library["en-humiliated-before"]
    session = Session(denise, seed=4)
    session.say("Hello Denise, I'm Sam from the adult care team.")
    answer = session.say("Goodbye.")
    assert answer.ended and answer.outcome == "neutral"
    assert answer.text in denise.leave.reply  # Denise's own words, not the engine's
    assert session.ended
    assert how_it_ended(session.transcript, "en") == (
        "You left the meeting at turn 2 (“Goodbye”) before the work was done, "
        "so it could not end well."
    )
    with pytest.raises(Exception, match="ended|päättyi"):
        session.say("Actually, one more thing.")


def test_kiitos_nahdaan_ensi_viikolla_ends_a_finnish_meeting(library):
    jenni = library["fi-lastensuojelu-ensitapaaminen"]
    session = Session(jenni, seed=2)
    session.say("Hei, mä oon Anna lastensuojelusta.")
    session.say("Kerro omin sanoin, miltä tämä tilanne sinusta tuntuu.")
    answer = session.say("Kiitos, nähdään ensi viikolla")
    assert answer.ended and answer.outcome == "neutral"
    assert answer.text in jenni.leave.reply
    assert answer.record.leaving == "nähdään ensi viikolla"
    assert how_it_ended(session.transcript, "fi") == (
        "Lähdit tapaamisesta kesken vuorolla 3 (”nähdään ensi viikolla”): työ jäi tekemättä, "
        "joten tapaaminen ei voinut päättyä hyvin."
    )


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_an_early_leave_never_gives_the_good_ending(path, library):
    scenario = library[path.stem]
    lang = scenario.language
    for sid, state in scenario.states.items():
        if state.is_ending or scenario.closes_well(sid):
            continue
        answer = standing_in(scenario, sid).say(GOODBYE[lang])
        assert answer.ended, sid
        assert answer.outcome != "good", sid
        assert answer.text, sid


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_closing_state_reached_properly_takes_the_goodbye_and_ends_well(path, library):
    scenario = library[path.stem]
    lang = scenario.language
    closing = [s for s in scenario.states if not scenario.states[s].is_ending]
    closing = [s for s in closing if scenario.closes_well(s)]
    assert closing
    for sid in closing:
        session = standing_in(scenario, sid)
        answer = session.say(GOODBYE[lang])
        assert answer.ended and answer.outcome == "good", sid
        assert answer.text in scenario.states[sid].leave.reply
        said = how_it_ended(session.transcript, lang)
        assert said.startswith("You closed the meeting" if lang == "en" else "Päätit tapaamisen")


def test_a_plan_agreed_and_a_goodbye_in_one_turn_end_well(library):
    """The turn that takes the client on to a closing state may also say goodbye: the
    closing state answers it (the good ending), not the state the turn started in."""
    jordan = library["en-income-support-young-adult"]
    session = standing_in(jordan, "planning")
    session._variables.update(trust=90.0, distress=40.0)
    answer = session.say(
        "Great. So the claim today, the advance asked for, and you ring the landlord. "
        "See you Thursday, Jordan. Take care."
    )
    assert answer.ended and answer.outcome == "good"
    assert answer.text in jordan.states["wrap_up"].leave.reply
    # The same goodbye before the plan is agreed (the client does not move on) is an early leave:
    # in money_now, the meals and the loan still untold (planning's own goodbye ends well: the
    # loan was left with Jordan and the claim is under way, hen58 t28).
    session = standing_in(jordan, "money_now")
    session._variables.update(trust=30.0, distress=80.0)
    answer = session.say("Okay, thanks. Bye, then, take care.")
    assert answer.ended and answer.outcome != "good"


#: The lead's play of Mikko (2026-12-07, seed 5): the split of Sari's clients asked and agreed
#: at turn 10 (in `strengths`), Jere kept, supervision taken up twice, a warm goodbye in
#: `options` at turn 16. The way to a good ending from there waited only for the split asked.
MIKKO_PLAY = (
    "Et oo tehny mitään väärää, älä huoli. Mä halusin vaan kuulla miten sä jaksat, kun viikko "
    "on ollu tosi raskas.",
    "Miten sulla menee? Kerro ihan omin sanoin.",
    "Niin hyvin kuin nyt voi. Kuulostaa siltä, että aika tiukilla ollaan.",
    "Kuuskyt ja vielä puolet Sarin asiakkaista. Ja kirjaukset iltaisin kotona. Se on ihan "
    "liikaa yhdelle ihmiselle.",
    "Voi ei. Kaks vuotta yhteistä työtä, ja sit tällanen. Miltä se susta on tuntunu?",
    "Sä syytät ittees siitä, että uskoit sitä maanantaina.",
    "Mä en aio sanoa niin. Mä kuulen, että sä kannat tätä tosi raskaana. Mitä sä oot miettiny "
    "siitä maanantaista?",
    "Jeren äiti soitti sulle. Se on ollu varmasti vaikee puhelu.",
    "Kiitos että kerroit tän. Et oo nukkunu, ja aamulla istut autossa ennen kuin jaksat tulla "
    "sisään. Mitä sä ite toivoisit, että nyt tapahtuis?",
    "Se soitti sulle ekana. Se kertoo paljon siitä, mitä sä oot sille merkinny. Sarin asiakkaat "
    "voidaan jakaa uudestaan tiimissä, jos se sopii sulle?",
    "Mä hoidan sen maanantaina. Ja Jere pysyy sulla, jos sä niin haluut. Haluutko sä?",
    "Eli jos mä kokoan: sulla on ollu aivan liikaa, Sarin asiakkaat jaetaan maanantaina ja Jere "
    "pysyy sulla. Sovitaanko, että palataan tähän ens perjantaina?",
    "Sä päätät ite, mikä sulle on hyväks. Mä en aio päättää sun puolesta.",
    "Vaihtoehtoja on muutama: työnohjaus, työterveys tai sit kevennetään sun kirjauksia.",
    "Hyvä. Mä varaan sulle työnohjauksen ja nähdään perjantaina. Kiitos Mikko tästä keskustelusta.",
    "Hienoa. Moikka, nähdään perjantaina!",
)


def test_a_goodbye_once_the_work_was_done_in_an_earlier_state_ends_well(library):
    """A goodbye outside a closing state ends well where the way to a good ending from there
    (the one the debrief names) waits only for what the meeting already did: Mikko agreed the
    split at turn 10 in another state; a real client would not answer the goodbye with "Ei tää
    kyllä mihinkään johtanu"."""
    mikko = library["fi-tyonohjaus-raskas-viikko"]
    session = Session(mikko, seed=5)
    for line in MIKKO_PLAY[:-1]:
        session.say(line)
    assert session.state == "options"
    answer = session.say(MIKKO_PLAY[-1])
    assert answer.ended and answer.outcome == "good"
    assert answer.text in mikko.states["closing"].leave.reply
    assert how_it_ended(session.transcript, "fi").startswith(
        "Päätit tapaamisen vuorolla 16 (”nähdään perjantaina”)"
    )
    # Without the split ever asked, the same goodbye leaves the work undone.
    session = Session(mikko, seed=5)
    for line in MIKKO_PLAY[:9]:
        session.say(line)
    session.say("Se soitti sulle ekana. Se kertoo paljon siitä, mitä sä oot sille merkinny.")
    for line in MIKKO_PLAY[10:-1]:
        session.say(line)
    answer = session.say(MIKKO_PLAY[-1])
    assert answer.ended and answer.outcome == "neutral"
    # Nor does a goodbye that brushes him off, whatever was done before.
    session = Session(mikko, seed=5)
    for line in MIKKO_PLAY[:-1]:
        session.say(line)
    answer = session.say("No niin, ei tässä enempää. Moikka.", moves=["dismiss"])
    assert answer.ended and answer.outcome != "good"


def test_jere_kept_put_to_mikko_yes_or_no_gets_his_yes(library):
    """Jere kept, put to him yes or no ("Ja Jere pysyy sulla, jos sä niin haluut. Haluutko
    sä?"): he says yes, not "Se soittaa vieläkin joka maanantai." (the lead's play, t11)."""
    mikko = library["fi-tyonohjaus-raskas-viikko"]
    session = Session(mikko, seed=5)
    for line in MIKKO_PLAY[:10]:
        session.say(line)
    answer = session.say(MIKKO_PLAY[10])
    assert answer.text.startswith("Joo, haluun. Jere pysyy mulla.")
    assert session.state == "choice_point"


def test_a_dismissive_goodbye_in_a_closing_state_does_not_end_well(library):
    denise = library["en-humiliated-before"]
    answer = standing_in(denise, "closing").say("Right, whatever. Bye.", moves=["dismiss"])
    assert answer.ended and answer.outcome != "good"


def test_a_question_after_the_goodbye_keeps_the_meeting_going(library):
    denise = library["en-humiliated-before"]
    session = Session(denise, seed=1)
    answer = session.say("Bye for now - but how is Derek doing?")
    assert not answer.ended
    session = Session(library["fi-kotikaynti-yksin-asuva"], seed=1)
    assert not session.say("Nähdään, miten käy. Miten te olette jaksaneet?").ended


def test_a_played_meeting_that_ended_by_leaving_resumes_as_it_was(library, tmp_path):
    mikko = library["fi-tyonohjaus-raskas-viikko"]
    session = Session(mikko, seed=3)
    session.say("Moi Mikko, kiva että ehdit.")
    session.say("Miten sun viikko on mennyt?")
    session.say("Moikka!")  # the third turn: a parting word
    assert session.ended
    data = session.transcript.to_dict()
    assert data["turns"][-1]["leaving"] == "moikka"
    assert "leaving" not in data["turns"][0]  # other turns' journal lines are as before
    resumed = Session.resume(mikko, type(session.transcript).from_dict(data))
    assert resumed.ended and resumed.outcome == session.outcome


def test_a_journal_from_before_leave_taking_replays_as_it_was_played(library):
    # Recorded before goodbyes were read: "Goodbye." was an unrecognised turn then, and a
    # resumed meeting must land where it was played, not end now.
    denise = library["en-humiliated-before"]
    session = Session(denise, seed=1)
    session.say("Hello.")
    old = session.transcript.to_dict()
    live = Session(denise, seed=1)
    live.say("Hello.")
    live._take_turn("Goodbye.", None, None, via_menu=False, leaving="")
    old["turns"].append(live.transcript.turns[-1].to_dict())
    transcript = type(session.transcript).from_dict(old)
    resumed = Session.resume(denise, transcript)
    assert not resumed.ended


# --- a scenario without when_worker_leaves: the engine's default --------------------------

BARE = """
kohtaamo: 1
id: {lang}-bare-leave
title: Bare
language: {lang}
client: {{name: Sam, persona: quiet, variables: {{trust: 20}}}}
start: opening
states:
  opening:
    say: ["{hello}"]
    fallback: ["Mm."]
    on:
      - moves: [open_question]
        go: closing
  closing:
    say: ["{plan}"]
    on:
      - moves: [summary, structuring]
        go: good_end
  good_end: {{ending: good, say: ["Good."]}}
  neutral_end: {{ending: neutral, say: ["Fine."]}}
"""


@pytest.mark.parametrize(
    ("lang", "words", "line"),
    [
        ("en", "See you Thursday.", "Oh — we're stopping already? Right... fine, then."),
        ("fi", "Ei muuta tällä kertaa, nähdään.", "Ai, lopetetaanko jo? No... selvä sitten."),
    ],
)
def test_without_when_worker_leaves_the_engine_ends_the_meeting_neutrally(lang, words, line):
    scenario = load_scenario_text(BARE.format(lang=lang, hello="Hi.", plan="So."))
    answer = standing_in(scenario, "opening", seed=0).say(words)
    assert answer.ended and answer.outcome == "neutral"
    assert answer.record.transition == DEFAULT_LEAVE
    assert answer.record.note  # the debrief's trainer note says the work was not done
    # In the closing state the scenario's own transitions decide: a goodbye they end well
    # (read as structuring) ends well; one they do not answer ends by the engine's default.
    answer = standing_in(scenario, "closing", seed=0).say(words)
    assert answer.ended
    assert answer.record.transition in ("closing.on[0]", DEFAULT_LEAVE)
    assert answer.outcome == ("good" if answer.record.transition == "closing.on[0]" else "neutral")
    texts = set()
    for seed in range(8):
        texts.add(Session(scenario, seed=seed).say(words).text)
    assert line in texts


def test_kohtaamo_check_strict_warns_about_the_engines_default_lines(tmp_path, capsys):
    path = tmp_path / "bare.yaml"
    path.write_text(BARE.format(lang="en", hello="Hi.", plan="So."), encoding="utf-8")
    main(["check", "--strict", str(path)])
    out = capsys.readouterr().out
    assert "K514" in out and "when_worker_leaves" in out
    assert "K515" in out and "closing" in out


def _loading(text: str) -> str:
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(text)
    return str(error.value)


def test_the_loader_refuses_a_leave_that_would_end_well_mid_meeting():
    base = BARE.format(lang="en", hello="Hi.", plan="So.")
    top = base + "when_worker_leaves: {go: good_end}\n"
    assert "K319" in _loading(top)
    early = base.replace(
        '    fallback: ["Mm."]\n', '    fallback: ["Mm."]\n    when_worker_leaves: {go: good_end}\n'
    )
    assert "K319" in _loading(early) and "opening" in _loading(early)
    nowhere = base + "when_worker_leaves: {go: closing}\n"
    assert "K319" in _loading(nowhere) and "not an ending" in _loading(nowhere)
    fine = base.replace(
        '    say: ["So."]\n', '    say: ["So."]\n    when_worker_leaves: {go: good_end}\n'
    )
    assert load_scenario_text(fine + "when_worker_leaves: {go: neutral_end}\n").leave


def test_kohtaamo_run_says_how_the_meeting_ended(tmp_path, capsys):
    script = tmp_path / "turns.txt"
    script.write_text("Hello, I'm Sam.\nSee you Thursday, then.\n", encoding="utf-8")
    denise = str(bundled_scenarios_dir() / "en-humiliated-before.yaml")
    assert main(["run", denise, "--script", str(script), "--seed", "1"]) == 0
    out = capsys.readouterr().out
    # The worker's words as typed (issue 13), not the reader's lower case.
    assert "You left the meeting at turn 2 (“See you Thursday”) before the work was done" in out


def test_a_meeting_left_early_is_journalled_and_read_back_with_how_it_ended(tmp_path, library):
    lee = library["en-substance-use-no-treatment"]
    session = Session(lee, seed=5)
    journal = store.Journal.start(session.transcript, home=tmp_path)
    session.on_turn = journal.append
    session.say("Hi Lee.")
    session.say("I have to go now, bye.")
    read = store.read_journal(journal.path)
    assert read.ended and read.outcome == "neutral"
    assert read.turns[-1].leaving == "bye"
    assert how_it_ended(read, "en").startswith("You left the meeting at turn 2 (“bye”)")


@pytest.mark.parametrize(
    ("file", "turns", "said"),
    [
        (
            "en-humiliated-before",
            ["Hello Denise, I'm Sam.", "Goodbye."],
            "You left the meeting at turn 2 (“Goodbye”) before the work was done",
        ),
        (
            "fi-kotikaynti-yksin-asuva",
            ["Päivää, olen Anna kotihoidosta.", "Näkemiin!"],
            "Lähdit tapaamisesta kesken vuorolla 2 (”Näkemiin”)",
        ),
    ],
)
def test_the_exported_debrief_says_how_the_meeting_ended(library, file, turns, said):
    from simulator.scoring import score, to_html, to_markdown

    scenario = library[file]
    session = Session(scenario, seed=1)
    for text in turns:
        session.say(text)
    report = score(session.transcript, scenario)
    assert said in to_markdown(report, session.transcript)
    assert said in to_html(report, session.transcript)


def test_the_graph_draws_taking_leave(library):
    from simulator.authoring.graph import to_dot, to_mermaid

    mermaid = to_mermaid(library["en-humiliated-before"])
    assert "s_closing --> s_good_end: goodbye (when_worker_leaves)" in mermaid
    assert "__any --> s_neutral_end: goodbye (when_worker_leaves)" in mermaid
    dot = to_dot(library["fi-kotikaynti-yksin-asuva"])
    assert '"closing" -> "good_end" [label="hyvästely (when_worker_leaves)"];' in dot


HARSH_PARTING = {
    "en-humiliated-before": "Right. Well. I knew it'd be like this in here.",
    "en-income-support-young-adult": "That's it? Okay. I'll figure it out. Like always.",
    "en-substance-use-no-treatment": (
        "Right. Cheers, then. ...Told you it'd be a waste of ten minutes."
    ),
    "fi-kotikaynti-yksin-asuva": "Vai niin. No, ovi on tuolla. Nappi saattaa.",
    "fi-tyonohjaus-raskas-viikko": "Selvä. Kiitti ajasta. ...Ei tää kyllä mihinkään johtanu.",
}


@pytest.mark.parametrize("stem", sorted(HARSH_PARTING))
def test_a_kind_early_goodbye_after_a_warm_meeting_gets_no_bitter_parting(stem, library):
    """Left early after trust has grown (Denise, the lead's meeting: morning carers agreed, a
    kind goodbye, "Right. Well. I knew it'd be like this in here."), the client is unsure what
    happens now, not bitter; the bitter lines stay for a meeting left cold."""
    scenario = library[stem]
    goodbye = GOODBYE[scenario.language[:2]]
    warm, cold = set(), set()
    for seed in range(12):
        session = standing_in(scenario, scenario.start, seed=seed)
        session._variables["trust"] = 90.0
        answer = session.say(goodbye)
        assert answer.ended and answer.outcome != "good"
        warm.add(answer.text)
        session = standing_in(scenario, scenario.start, seed=seed)
        session._variables["trust"] = 10.0
        cold.add(session.say(goodbye).text)
    assert HARSH_PARTING[stem] not in warm
    assert HARSH_PARTING[stem] in cold
