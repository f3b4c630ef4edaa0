"""The client machine's selection rule, effects, and the choice of words."""

import random
from dataclasses import replace

import pytest
from fixtures.engine.build import scenario

from simulator.client.machine import apply_effects, machine_for
from simulator.client.replies import (
    ReplyPicker,
    builtin_exhausted,
    builtin_fallback,
    fallback_pool,
    reply_pool,
)
from simulator.scenario.model import Effect

ENV = {"trust": 20.0, "openness": 15.0, "distress": 90.0, "opens_up": 30.0, "turn": 1.0}


def react_in(sc, state, moves=(), topics=(), **env):
    machine = machine_for(sc)
    model = machine.attach()
    machine.put(model, state)
    try:
        fired = machine.react(model, moves, topics, {**ENV, **env}).fired
        return (fired.id if fired else None), machine.state_of(model)
    finally:
        machine.detach(model)


@pytest.fixture(scope="module")
def sc():
    return scenario()


def test_a_global_reaction_fires_in_any_state(sc):
    assert react_in(sc, "opening", ["confront"]) == ("reactions[0]", "opening")


def test_a_state_that_handles_the_move_overrides_the_reaction(sc):
    assert react_in(sc, "testing", ["confront"]) == ("testing.on[2]", "testing")


def test_the_reaction_still_holds_for_moves_the_state_does_not_handle(sc):
    assert react_in(sc, "testing", ["persuade"]) == ("reactions[0]", "testing")


def test_reactions_are_checked_before_the_states_own_transitions(sc):
    # opening.on[0] matches the open question too, but the reaction to persuade comes first.
    assert react_in(sc, "opening", ["open_question", "persuade"]) == ("reactions[0]", "opening")


def test_own_transitions_are_checked_in_file_order_with_conditions(sc):
    assert react_in(sc, "testing", ["simple_reflection"], trust=30) == (
        "testing.on[0]",
        "opening_up",
    )
    assert react_in(sc, "testing", ["simple_reflection"], trust=29) == ("testing.on[1]", "testing")


def test_top_level_transitions_apply_to_every_state_in_from(sc):
    for state in ("opening", "testing", "opening_up"):
        assert react_in(sc, state, ["dismiss"]) == ("transitions[0]", "poor_end")


def test_a_transition_without_moves_matches_on_topics_alone(sc):
    assert react_in(sc, "opening_up", [], ["dog"]) == ("opening_up.on[1]", "opening_up")
    assert react_in(sc, "opening_up", ["open_question"], []) == (None, "opening_up")


def test_conditions_see_the_turn_count(sc):
    assert react_in(sc, "opening_up", ["summary"], turn=3) == (None, "opening_up")
    assert react_in(sc, "opening_up", ["summary"], turn=4) == ("opening_up.on[0]", "good_end")


def test_nothing_matches_leaves_the_state_alone(sc):
    assert react_in(sc, "opening", ["affirmation"]) == (None, "opening")


def test_an_ending_takes_no_more_turns(sc):
    assert react_in(sc, "good_end", ["confront"]) == (None, "good_end")


def test_the_machine_is_built_once_per_scenario(sc):
    assert machine_for(sc) is machine_for(sc)
    assert machine_for(scenario()) is not machine_for(sc)


def test_sessions_come_and_go_from_the_shared_machine(sc):
    machine = machine_for(sc)
    models = [machine.attach() for _ in range(3)]
    assert all(m in machine._machine.models for m in models)
    for model in models:
        machine.detach(model)
    assert not any(m in machine._machine.models for m in models)


def test_effects_add_set_and_clamp_to_0_100():
    start = {"trust": 95.0, "distress": 10.0, "openness": 40.0}
    after = apply_effects(
        start,
        [Effect("trust", 10), Effect("distress", -30), Effect("openness", 50, absolute=True)],
    )
    assert after == {"trust": 100.0, "distress": 0.0, "openness": 50.0}
    assert start["trust"] == 95.0


def test_no_line_is_said_twice_in_a_meeting_while_the_pool_has_an_unused_one():
    picker = ReplyPicker(random.Random(5))
    lines = ("a", "b", "c")
    picks = [picker.pick("pool", lines) for _ in range(3)]
    assert sorted(picks) == ["a", "b", "c"]


def test_a_dry_pool_says_so_in_character_instead_of_repeating():
    picker = ReplyPicker(random.Random(5), "en")
    for _ in range(2):
        picker.pick("pool", ("a", "b"))
    # The authored line first; where the authors wrote one, never the engine's generic lines
    # after it: the line said longest ago comes back instead.
    assert picker.pick("pool", ("a", "b"), exhausted=[("I'm waiting for you.",)]) == (
        "I'm waiting for you."
    )
    later = [
        picker.pick("pool", ("a", "b"), exhausted=[("I'm waiting for you.",)]) for _ in range(4)
    ]
    assert not set(later) & set(builtin_exhausted("en"))
    assert set(later) <= {"a", "b", "I'm waiting for you."}
    # A pool the authors wrote no dry lines for gets the built-in ones.
    picker = ReplyPicker(random.Random(5), "en")
    for _ in range(2):
        picker.pick("pool", ("a", "b"))
    later = [picker.pick("pool", ("a", "b")) for _ in range(4)]
    assert set(later) == set(builtin_exhausted("en"))
    # Only when every fitting and every exhausted line is spent does a line come back,
    # the one said longest ago, and never the one just said.
    again = [picker.pick("pool", ("a", "b")) for _ in range(4)]
    assert all(x != y for x, y in zip(again, again[1:], strict=False))
    assert again[0] in ("a", "b")


def test_the_built_in_dry_pool_lines_speak_the_scenarios_language():
    picker = ReplyPicker(random.Random(0), "fi")
    picker.pick("p", ("only",))
    assert picker.pick("p", ("only",)) in builtin_exhausted("fi")
    assert "Tätä on jo käyty läpi. Odotan, mitä sinä siitä ajattelet." in builtin_exhausted("fi")


def test_the_same_seed_picks_the_same_lines():
    lines = tuple("abcdef")

    def picks(seed):
        picker = ReplyPicker(random.Random(seed))
        return [picker.pick("p", lines) for _ in range(30)]

    assert picks(1) == picks(1)
    assert picks(1) != picks(2)


def test_a_single_line_pool_still_answers():
    picker = ReplyPicker(random.Random(0))
    assert picker.pick("p", ("only",)) == "only"
    assert picker.pick("p", ("only",)) != "only"


def test_fallback_comes_from_the_state_then_the_scenario_then_built_in(sc):
    assert fallback_pool(sc, sc.states["opening"], "en")[1] == ("I don't know.", "Hm.", "Whatever.")
    assert fallback_pool(sc, sc.states["testing"], "en")[1] == ("Hmm.",)
    bare = replace(sc, fallback=())
    lines = fallback_pool(bare, bare.states["testing"], "fi").lines
    assert lines == builtin_fallback("fi")
    assert "En oikein tiedä, mitä tuohon sanoisin." in lines
    assert "I don't really know what to say to that." in builtin_fallback("en")


def test_the_reply_is_the_transitions_then_the_targets_entry_lines(sc):
    variant = sc.client.variants[1]
    fired = sc.transitions[0]  # opening -> testing, no reply of its own
    before, after = sc.states["opening"], sc.states["testing"]
    assert reply_pool(sc, None, fired, before, after)[1] == ("You really want to know?",)
    assert reply_pool(sc, None, sc.transitions[1], before, before)[1] == ("Fine, tell me then.",)
    # Back to the opening: the variant's own entry line replaces the scenario's.
    back = replace(fired, target="opening", reply=())
    assert reply_pool(sc, variant, back, after, before)[1] == ("Just say what you want.",)


def test_a_line_said_again_almost_word_for_word_counts_as_said():
    # hen33 t22: "A kit? Had one once. Lost it, or someone had it. ...Maybe later." after t14's
    # "Had a kit once. Lost it, or someone had it. ...Maybe later. Let's see how this goes."
    picker = ReplyPicker(random.Random(0), "en")
    picker.record("Had a kit once. Lost it, or someone had it. ...Maybe later. Let's see.")
    kit = (
        "A kit? Had one once. Lost it, or someone had it. ...Maybe later. Let's see.",
        "Not on me, no. I know what the spray is. Maybe later, mate.",
    )
    assert [picker.pick("kit", kit) for _ in range(2)][0] == kit[1]
    # A short line shares no run of four words: "Okay. Thank you." may come again in other words.
    assert not picker.said_before("Okay. Thanks. Later, maybe.")
    fi = ReplyPicker(random.Random(0), "fi")
    fi.record("Mä makasin siinä jäällä varmaan puoli tuntia. Nappi haukku vieressä koko ajan.")
    assert fi.said_before("Mä makasin siinä jäällä hyvän tovin. Nappi haukku vieressä koko ajan.")
    assert not fi.said_before("Nappi on mun seura. Kolmetoista vuotta vanha.")


def test_a_line_marked_as_told_again_is_said_again_on_purpose():
    # "Like I said, Flat 4, 18 Weaver Street." retells the address asked again: `touched:`
    from simulator.scenario.model import LineGate

    picker = ReplyPicker(random.Random(0), "en")
    picker.record("Flat 4, 18 Weaver Street. It's a studio.")
    again = "Like I said, Flat 4, 18 Weaver Street."
    assert picker.said_before(again)
    gates = {again: LineGate(touched=("address",))}
    assert picker.take_first((again,), gates, {}, {"address"}) == again


def test_a_touched_version_of_a_telling_already_told_is_not_told_again():
    # hen19: the state entered again said "It's just... days." in its other version
    from simulator.scenario.model import LineGate

    told = "It's just... days. Get up, get through it. Sundays I see my daughter, Mia."
    version = "It's just... days. Get up, get through it. Sundays with Mia, that's the good bit."
    pool = (version, told)
    gates = {version: LineGate(touched=("daughter",))}
    picker = ReplyPicker(random.Random(0), "en")
    picker.record(told)
    assert picker.take_first(pool, gates, {}, {"daughter"}) is None
