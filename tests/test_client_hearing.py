"""A client that hears (issue 14): no parroting, memory of the meeting, an answer to anything.

Each test plays a meeting on tests/fixtures/hearing/hearing.yaml with pinned moves, and
checks what the student would see: the client's words.
"""

from pathlib import Path

import pytest
from fixtures.engine.build import FakeRecognizer

from simulator.scenario.loader import load_scenario, load_scenario_text
from simulator.session import Session
from simulator.transcript import Transcript

FIXTURE = Path(__file__).parent / "fixtures" / "hearing" / "hearing.yaml"


@pytest.fixture(scope="module")
def sc():
    return load_scenario(FIXTURE)


def meet(sc, seed=1):
    return Session(sc, FakeRecognizer(), seed=seed)


def test_no_reply_is_repeated_while_the_pool_has_an_unused_line(sc):
    s = meet(sc)
    replies = [s.say("So it's the money.", moves=["open_question"]).text for _ in range(3)]
    assert sorted(replies[:2]) == ["It's the rent.", "The letters keep coming."]
    # The pool is dry: the state's authored line, in character, not a word-for-word repeat.
    assert replies[2] == "I'm waiting for you to say something I haven't heard."


def test_after_the_authored_lines_the_oldest_comes_back_never_an_engine_line(sc):
    # The authors gave the client words for running dry (the state's, the scenario's): the
    # engine's generic "We've been over this..." would break the character, so once those are
    # spent the line said longest ago comes back instead.
    s = meet(sc)
    replies = [s.say("Question?", moves=["open_question"]).text for _ in range(5)]
    assert replies[3] == "I've said my piece. Your move."
    assert not replies[4].startswith(
        ("I've told you", "We've been", "I don't know what", "I think")
    )
    assert replies[4] == replies[0]  # the oldest of the pool's lines


def test_built_in_lines_only_where_the_scenario_wrote_none(sc):
    from dataclasses import replace

    bare = replace(
        sc,
        exhausted=(),
        states={k: replace(v, exhausted=()) for k, v in sc.states.items()},
    )
    s = Session(bare, FakeRecognizer(), seed=1)
    replies = [s.say("Question?", moves=["open_question"]).text for _ in range(3)]
    assert replies[2].startswith(("I've told you", "We've been", "I don't know what", "I think"))


def test_stay_replies_change_with_the_variable_band(sc):
    s = meet(sc, seed=3)
    first = s.say("You're not sure about me.", moves=["simple_reflection"])
    assert first.text in ("Maybe. I don't know you yet.", "Like I said, the nights wear me down.")
    assert "hard, to be honest" not in first.text  # trust 28 < warm 40
    s.say("Hmm.", moves=["simple_reflection"])  # trust 36
    warm = s.say("Tired, then.", moves=["simple_reflection"])  # trust 44 >= 40
    assert warm.variables["trust"] == 44
    said = {t.reply for t in s.transcript.turns}
    assert "Yeah. It's been hard, to be honest." in said
    assert "Maybe. I don't know you yet." not in {warm.text}


def test_a_line_that_refers_back_is_preferred_once_its_topic_was_raised(sc):
    s = meet(sc, seed=2)
    # The opening dropped the `nights` cue: the client refers back to it first.
    assert s.say("Hm.", moves=["simple_reflection"]).text == (
        "Like I said, the nights wear me down."
    )
    # The rent line waits until the worker has raised the rent on an earlier turn.
    s.say("Is it the rent?", moves=["closed_question"])
    assert s.say("Right.", moves=["simple_reflection"]).text == (
        "Same again: the rent. It's always the rent."
    )


def test_a_line_that_refers_back_to_something_else_does_not_answer_a_turn_about_the_rent(sc):
    # The opening dropped the `nights` cue, but the worker now talks about the rent: "Like I
    # said, the nights..." would answer a turn late. A plain line answers instead.
    s = meet(sc, seed=2)
    answer = s.say("You're behind with the rent.", moves=["simple_reflection"])
    assert answer.text == "Maybe. I don't know you yet."
    # Once the rent came up before, a turn about the rent gets the line that refers to it,
    # ahead of the one about the nights.
    again = s.say("The rent, then.", moves=["simple_reflection"])
    assert again.text == "Same again: the rent. It's always the rent."


def test_a_turn_with_no_recognised_move_gets_the_states_when_unrecognised(sc):
    s = meet(sc)
    answer = s.say("mmhm", moves=[])
    assert answer.text in ("You're mumbling.", "What was that?", "Say that again?")
    assert answer.record.transition == "opening.when_unrecognised"
    assert answer.variables["trust"] == 19


def test_the_global_when_unrecognised_answers_where_the_state_has_none(sc):
    s = meet(sc)
    s.say("It sounds like the rent.", moves=["complex_reflection"])
    s.say("Rent and nights.", moves=["complex_reflection"])
    s.say("Rent, nights.", moves=["complex_reflection"])
    assert s.say("The rent and the landlord.", moves=["complex_reflection"]).state == "talking"
    answer = s.say("uh", moves=[])
    assert answer.text in ("Sorry, what?", "I didn't get that.", "Come again?")
    assert answer.record.transition == "when_unrecognised"


def test_moves_any_answers_what_the_state_does_not_handle_but_not_a_global_reaction(sc):
    s = meet(sc)
    assert s.say("Here is a leaflet.", moves=["give_information"]).text in (
        "Okay.",
        "If you say so.",
        "Mm.",
    )
    # `moves: any` does not take confrontation from the global reaction.
    blamed = s.say("You should have paid.", moves=["confront"])
    assert blamed.record.transition == "reactions[0]"
    assert blamed.variables["trust"] == 10


def test_a_scenario_default_answers_a_move_no_state_mentions(sc):
    s = meet(sc)
    s.say("It sounds like the rent.", moves=["complex_reflection"])
    s.say("Rent and nights.", moves=["complex_reflection"])
    s.say("Rent, nights.", moves=["complex_reflection"])
    s.say("The rent and the landlord.", moves=["complex_reflection"])
    # In `talking`, `moves: any` is the state's own catch-all, so it answers first ...
    assert s.say("Can I ask?", moves=["ask_permission"]).record.transition == "talking.on[1]"
    # ... while in `opening` a condition-free default for ask_permission would never be
    # reached either; defaults answer where nothing else does:
    bare = load_scenario_text(
        FIXTURE.read_text(encoding="utf-8").replace(
            '      - moves: any\n        reply:\n          - "Okay."\n',
            '      - moves: [advice]\n        reply:\n          - "Okay."\n',
        ),
    )
    b = meet(bare)
    answer = b.say("May I ask you something?", moves=["ask_permission"])
    assert answer.record.transition == "defaults.ask_permission"
    assert answer.text in ("Go on, ask.", "You can ask. Doesn't mean I'll answer.", "Ask away.")
    planned = b.say("First we talk, then we plan.", moves=["structuring"])
    assert planned.record.transition == "defaults.structuring"
    assert planned.variables["trust"] == 22


def test_a_condition_alone_is_a_reaction_to_any_turn(sc):
    s = meet(sc)
    for _ in range(11):
        s.say("Mm.", moves=["give_information"])
    assert s.say("Mm.", moves=["give_information"]).outcome == "neutral"


def test_a_meeting_replays_word_for_word_by_seed_and_from_its_journal(sc):
    turns = [("So it's the money?", ["open_question"]), ("uh", []), ("You should.", ["confront"])]
    turns += [("Rent, nights.", ["complex_reflection"])] * 4 + [("So, Friday.", ["summary"])]
    a, b = meet(sc, seed=7), meet(sc, seed=7)
    for text, moves in turns:
        a.say(text, moves=moves)
        b.say(text, moves=moves)
    assert [t.reply for t in a.transcript.turns] == [t.reply for t in b.transcript.turns]
    stored = Transcript.from_dict(a.transcript.to_dict())
    resumed = Session.resume(sc, stored, FakeRecognizer())
    assert resumed.state == a.state


def test_when_unrecognised_and_defaults_are_checked_by_the_loader():
    text = FIXTURE.read_text(encoding="utf-8")
    from simulator.scenario.diagnostics import ScenarioError

    with pytest.raises(ScenarioError) as bad:
        load_scenario_text(text.replace("  ask_permission:\n", "  ask_permision:\n"))
    assert "ask_permision" in str(bad.value)
    with pytest.raises(ScenarioError) as bad:
        load_scenario_text(
            text.replace(
                "    when_unrecognised:\n      effects",
                "    when_unrecognised:\n      moves: [summary]\n      effects",
            )
        )
    assert "moves" in str(bad.value)


def test_an_entry_line_can_refer_back_to_what_the_meeting_touched(sc):
    def enter_talking(first_turn):
        s = meet(sc)
        s.say(*first_turn)
        while s.state != "talking":
            s.say("The rent and the landlord.", moves=["complex_reflection"])
        return s.transcript.turns[-1].reply

    # The worker raised the rent on an earlier turn: the client's entry line picks it up.
    raised = enter_talking(("Is it the rent?", ["closed_question"]))
    assert raised == "The nights, the rent... and now the landlord wants it all by Friday."
