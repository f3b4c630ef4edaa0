"""One judgement per turn: the coach, the debrief and the axes agree (scoring.feedback),
and a turn's encounter mode follows its moves (moves.mode_of)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from simulator.language.base import Recognition
from simulator.moves import mode_of
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Cue
from simulator.scoring import feedback, score
from simulator.session import Session
from simulator.transcript import Transcript, TurnRecord

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SCENE = SimpleNamespace(
    topics={}, cues={"mia": Cue("mia", "His daughter Mia", ("daughter", "Mia"))}, choices={}
)


def meeting(*rows, cues_in_opening=("mia",), ready=("information",)) -> Transcript:
    tr = Transcript(language="en", opening="My daughter Mia stopped calling.")
    tr.opening_cues = tuple(cues_in_opening)
    for i, (worker, moves, *rest) in enumerate(rows, 1):
        dropped = tuple(rest[0]) if rest else ()
        tr.turns.append(
            TurnRecord(
                index=i,
                worker=worker,
                recognition=Recognition(worker, tuple(moves), mode_of(moves)),
                reply="Well.",
                state_before="talk",
                ready=tuple(ready),
                cues_dropped=dropped,
            )
        )
    return tr


def test_a_lecture_that_names_the_cue_picks_nothing_up():
    tr = meeting(
        ("Your daughter Mia needs you to stop drinking.", ("advice",)),
        ("What else is going on?", ("open_question",)),
    )
    report = score(tr, SCENE)
    assert report.cues["picked"] == [] and report.cues["missed"] == ["His daughter Mia"]
    said = feedback.judge(tr, SCENE)
    assert said[0].lectured and said[0].cues_picked == ()
    assert said[1].cues_missed == ("His daughter Mia",)
    listening = [r.text("en") for r in report.listening.reasons]
    assert "Cues picked up: 0 of 1 (a reflection that does not name the cue counts half)." in (
        listening
    )


def test_a_reflection_or_question_about_the_cue_picks_it_up():
    for worker, moves in (
        ("Mia matters a great deal to you.", ("complex_reflection",)),
        ("What happened with your daughter?", ("open_question",)),
    ):
        tr = meeting((worker, moves))
        assert score(tr, SCENE).cues["picked"] == ["His daughter Mia"], worker
        assert feedback.judge(tr, SCENE)[0].cues_picked == ("His daughter Mia",)


def test_information_after_permission_is_not_too_early_anywhere():
    tr = meeting(
        ("May I tell you about the rent support?", ("ask_permission",)),
        ("There is a rent support.", ("give_information",)),
        ("And a debt adviser too.", ("give_information",)),
        ready=(),
    )
    said = feedback.judge(tr, SCENE)
    # The client let the worker go on (trust did not fall): the permission stands for the
    # rest of the meeting, as the engine remembers it, so turn 3 is not too early either.
    assert [s.early for s in said] == [(), (), ()]
    report = score(tr, SCENE)
    # The debrief shows the same judgement the coach showed.
    assert [t.feedback for t in report.turns] == said
    for index in (2, 3):
        early = [r.key for r in report.turn(index).effects["pacing"].reasons]
        assert not any(k.startswith("t_early") for k in early)
    # Permission refused (the question cost trust): turn 3 is too early again.
    tr.turns[0].variables_before, tr.turns[0].variables_after = {"trust": 30}, {"trust": 25}
    assert [s.early for s in feedback.judge(tr, SCENE)] == [(), (), ("give_information",)]


def test_a_cue_let_slip_in_the_last_reply_is_named_not_denied():
    tr = meeting(("Hello.", ("greeting",), ("mia",)), cues_in_opening=())
    text = [r.text("en") for r in score(tr, SCENE).listening.reasons]
    assert not any("let slip no cues" in x for x in text)
    assert any("His daughter Mia" in x and "last reply" in x for x in text)
    fi = [r.text("fi") for r in score(tr, SCENE).listening.reasons]
    assert any("His daughter Mia" in x and "viimeisessä vastauksessaan" in x for x in fi)


def test_while_the_meeting_goes_on_an_open_window_is_not_called_missed():
    tr = meeting(("Hello.", ("greeting",)))  # the opening cue can still be picked up
    assert feedback.last(tr, SCENE).cues_missed == ()
    assert feedback.judge(tr, SCENE)[0].cues_missed == ("His daughter Mia",)  # if it ends here


def test_menu_turns_carry_the_mode_their_moves_give_in_every_bundled_scenario():
    wrong = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(path)
        for pick in range(3):
            session = Session(scenario, seed=pick)
            for _ in range(12):
                if session.ended or not session.suggestions():
                    break
                session.choose(min(pick, len(session.suggestions()) - 1))
            for turn in session.transcript.turns:
                if turn.recognition.mode != mode_of(turn.recognition.moves):
                    wrong.append((path.name, turn.worker, turn.recognition.moves))
    assert wrong == []


def test_mode_of_is_the_one_rule():
    assert mode_of(["open_question", "confront"]) == "blaming"
    assert mode_of(["advice", "persuade"]) == "rejecting"
    assert mode_of(["advice"]) == "noticing"
    assert mode_of(["support"]) == "encountering"
    assert mode_of([]) is None
