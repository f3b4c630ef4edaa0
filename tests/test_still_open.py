"""A meeting closed well but early: the debrief says what was still open in the scenario's own
terms (cues not yet told and what they wait on, cues not taken up, the client's own decision
not yet come to, the goal, the client's thought) and what went well in how the worker closed.
What the student reads in `kohtaamo run`, `assess`'s text, the Markdown/HTML/JSON exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.loader import load_scenario
from simulator.scoring import score, to_html, to_json, to_markdown
from simulator.scoring.summary import to_text
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
JORDAN = ROOT / "scenarios" / "en-income-support-young-adult.yaml"
#: Listening, a plan agreed (claim, advance, voucher, a call on Thursday) and a kind goodbye
#: at turn 11, as played in tmux last stop: neutral, never good (the scenario's design).
LISTENED_THEN_CLOSED = [
    "Hi Jordan, come and sit down. What brings you in today?",
    "The landlord's letter has you worried, and you'd like to get the form sorted quickly.",
    "It sounds like the shifts just stopped, and that wasn't your doing.",
    "You've always managed on your own, so being here feels strange.",
    "Would it be okay if I told you about a couple of things that could help with the rent?",
    "There's income support, and you could ask for an advance while the claim is processed. "
    "There's also a food voucher. What do you think?",
    "You'd rather handle the loan yourself, and that's your call.",
    "So how about we do the claim together now, ask for the advance, and I'll give you a voucher?",
    "And shall we have a call on Thursday to see how it went?",
    "You've done a lot today, coming in on your own.",
    "So: the claim today, the advance, the voucher, and I call you on Thursday. "
    "Take care, Jordan, see you Thursday.",
]


@pytest.fixture(scope="module")
def jordan():
    return load_scenario(JORDAN)


def play(scenario, lines, seed=1):
    session = Session(scenario, seed=seed)
    for line in lines:
        session.say(line)
    return session.transcript


@pytest.fixture(scope="module")
def closed_early(jordan):
    transcript = play(jordan, LISTENED_THEN_CLOSED)
    assert transcript.outcome == "neutral" and transcript.turns[-1].index == 11
    return transcript


def test_the_debrief_names_what_was_still_open_and_what_went_well(jordan, closed_early):
    report = score(closed_early, jordan)
    text = to_text(report, "en")
    said = text[text.index("You left the meeting at turn 11") :]
    assert "Still open when you left:" in said
    # Told nothing of the meals yet; the mum was told, but not taken up.
    assert "- Jordan had not yet told you about: Skipping meals." in said
    # ... with Jordan's own words and the turn they were said.
    assert (
        "- Jordan told you, but you did not take it up: Has not told their mum (turn 10: "
        "“Nobody knows, actually. My mum thinks I'm still at the warehouse. I haven't told "
        "anyone.”)."
    ) in said
    # Jordan's own decision waits behind openness (openness >= 65 on the way to it, short
    # when the worker left; trust was enough: the call on Thursday asked at turn 9 no longer
    # costs trust as a check on the dismissal would).
    assert (
        "- Jordan had not yet come to a decision of their own: Will deal with the loan alone, "
        "no debt advice referral. (Jordan comes to it only once openness has grown.)"
    ) in said
    # The way to the good ending from where Jordan stood names what it waited on (the
    # scenario's transitions), instead of the briefing's whole goal: a goodbye once the loan
    # is left with Jordan (honoured) ends well, so three steps, not five.
    assert (
        "- The way to a good ending from where Jordan stood: Jordan was waiting for complex "
        "reflection, simple reflection, affirmation or open question about Has not told their "
        "mum or Never having needed help before; then 3 more steps and your goodbye, and on "
        "the way Jordan needed more openness."
    ) in said
    assert "The goal, not yet reached" not in said
    assert "- What Jordan was thinking when you left: “Why did I say that. Now they know.”" in said
    assert "What went well in how you closed:" in said
    assert "+ You put a plan together before leaving (turn 11, read as: structuring)." in said
    assert "+ Your goodbye (“see you Thursday”) was kind: no blame, no brushing off." in said
    assert (
        "You closed well, but too soon for Jordan: the good ending waits on what is still open "
        "above."
    ) in said
    # What was told and taken up is not listed as open.
    assert "Rent arrears" not in said
    assert "about: Never having needed help before" not in said
    # Turn 4 ("You've always managed on your own, so being here feels strange.") reflects it
    # without its words: half a pick-up, said so. It counted whole only while a cue phrase was
    # named by any one of its words ("hard to ask" by the "to" of turn 5's "told").
    assert (
        "take it up: Never having needed help before (turn 3: “I've never had to ask for stuff "
        "like this before.”). It counted half: after Jordan first touched on it (turn 3), you "
        "reflected, but did not name it."
    ) in said


def test_the_same_in_finnish(jordan, closed_early):
    fi = to_text(score(closed_early, jordan), "fi")
    assert "Vielä kesken, kun lähdit:" in fi
    assert "- Jordan ei ollut vielä kertonut: Skipping meals." in fi
    assert "(Jordan tulee siihen vasta, kun avoimuus kasvaa.)" in fi
    assert "Mikä lopetuksessa onnistui:" in fi
    assert "+ Kokosit suunnitelman ennen lähtöä (vuoro 11, luettiin: jäsentäminen)." in fi
    assert "+ Hyvästelit ystävällisesti (”see you Thursday”), syyllistämättä ja torjumatta." in fi
    assert "Lopetit hyvin, mutta liian aikaisin" in fi


def test_leaving_at_once_names_what_waits_on_trust(jordan):
    transcript = play(jordan, ["Hi Jordan. Okay, bye, see you Thursday."])
    report = score(transcript, jordan)
    said = to_text(report, "en")
    assert "Jordan had not yet told you about: Never having needed help before." in said
    assert (
        "Jordan had not yet told you about: Has not told their mum. "
        "(Jordan tells it only once trust has grown.)"
    ) in said
    # A kind goodbye, but no plan put together: named, and no "You closed well".
    assert "Your goodbye (“see you Thursday”) was kind" in said
    assert "You put a plan together" not in said and "You closed well" not in said


def test_a_plan_put_over_the_client_is_not_what_went_well(jordan):
    # A plan read with a brush-off beside it (dismiss + structuring): the debrief does not
    # credit it as "You put a plan together" (the lead's tmux play, stop 40).
    transcript = play(
        jordan,
        [
            "Hi Jordan.",
            "Forget the food, let's just do the plan: claim today, call on Thursday.",
            "Okay, bye.",
        ],
    )
    plan = transcript.turns[1].recognition
    assert "structuring" in plan.moves and "dismiss" in plan.moves
    said = to_text(score(transcript, jordan), "en")
    assert "You put a plan together" not in said


def test_the_exports_carry_it(jordan, closed_early):
    report = score(closed_early, jordan)
    md = to_markdown(report, closed_early, "en")
    assert "**Still open when you left:**" in md
    assert "- Jordan had not yet told you about: Skipping meals." in md
    assert "**What went well in how you closed:**" in md
    page = to_html(report, closed_early, "fi")
    assert "<li>Jordan ei ollut vielä kertonut: Skipping meals.</li>" in page
    data = json.loads(to_json(report, closed_early, "en"))
    opened = data["still_open"]
    assert opened["untold"] == [{"cue": "Skipping meals", "waits_on": []}]
    assert opened["undecided"][0]["waits_on"] == ["openness"]
    assert opened["plan_turn"] == 11 and opened["kind_goodbye"] == "see you Thursday"


def test_a_meeting_carried_through_or_stopped_has_nothing_open(jordan):
    good = next(t for t in jordan.tests if t.turns and t.turns[-1].expect_ending == "good")
    session = Session(jordan, seed=good.seed or 0, variant=good.variant)
    for turn in good.turns:
        session.say(turn.say, moves=turn.moves or None)
    assert session.transcript.outcome == "good"
    report = score(session.transcript, jordan)
    assert report.still_open is None and "Still open" not in to_text(report, "en")
    stopped = play(jordan, LISTENED_THEN_CLOSED[:4])
    assert score(stopped, jordan).still_open is None
    # Without the scenario (a hand-typed transcript) the engine knows nothing of it.
    assert score(play(jordan, ["Hi Jordan. Okay, bye, see you Thursday."])).still_open is None


def test_kohtaamo_run_says_it_under_the_ending(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    script = tmp_path / "turns.txt"
    script.write_text("\n".join(LISTENED_THEN_CLOSED) + "\n", encoding="utf-8")
    assert main(["run", str(JORDAN), "--script", str(script), "--seed", "1"]) == 0
    out = capsys.readouterr().out
    tail = out[out.index("The meeting ended at turn 11") :]
    assert "Still open when you left:" in tail
    assert "  - Jordan had not yet told you about: Skipping meals." in tail
    assert "You closed well, but too soon for Jordan" in tail
