"""The Session as the TUI and the CLI use it: turns in, the client's answers and records out."""

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.engine.build import FakeRecognizer, rule, scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.language.base import Recognition
from simulator.language.text import MAX_CHARS as MAX_RECOGNIZED_CHARS
from simulator.moves import MOVES
from simulator.scenario.model import Transition
from simulator.session import ResumeError, Session, SessionEnded
from simulator.transcript import Transcript


@pytest.fixture
def sc():
    return scenario()


def session(sc, **kwargs):
    kwargs.setdefault("recognizer", FakeRecognizer())
    kwargs.setdefault("seed", 1)
    kwargs.setdefault("variant", "calm")
    return Session(sc, **kwargs)


def test_the_client_speaks_first(sc):
    s = session(sc)
    assert s.opening.text in sc.states["opening"].say
    assert s.opening.state == "opening" and s.opening.cues == ("exhaustion",)
    assert s.opening.variables == {"trust": 20, "openness": 15, "distress": 90}
    assert (s.state, s.turn, s.ended, s.outcome) == ("opening", 0, False, None)
    assert s.transcript.opening == s.opening.text


def test_a_listening_worker_reaches_the_good_end(sc):
    s = session(sc)
    first = s.say("How are you doing?")
    assert (first.state, first.text) == ("testing", "You really want to know?")
    assert first.variables["trust"] == 30 and first.variables["distress"] == 85
    assert s.say("It sounds like it has been hard.").state == "opening_up"
    assert s.say("Mm.", moves=["simple_reflection"]).state == "opening_up"
    end = s.say("So, what I hear is that the dog matters.")
    assert (end.ended, end.outcome, end.state, end.text) == (True, "good", "good_end", "Thank you.")
    assert s.ended and s.outcome == "good" and s.transcript.outcome == "good"


def test_every_turn_record_is_filled_for_the_scorer(sc):
    s = session(sc)
    s.say("How are you doing?")
    turn = s.say("It sounds like it has been hard.")
    record = turn.record
    assert record.index == 2 and record.worker == "It sounds like it has been hard."
    assert record.recognition.moves == ("complex_reflection",)
    assert record.client_before == "You really want to know?"
    assert (record.state_before, record.state_after) == ("testing", "opening_up")
    assert record.transition == "testing.on[0]"
    assert record.variables_before["trust"] == 30 and record.variables_after["trust"] == 50
    assert record.ready == ("information",)  # of the state the worker was answering
    assert record.cues_dropped == ("exhaustion", "dog")  # entering opening_up + the reply's
    assert record.choices_active == ("keep_dog",)  # stated on entering testing
    assert record.choice_stated is None
    assert record.thought == "Finally someone hears me."
    assert turn.cues == record.cues_dropped and turn.thought == record.thought
    assert not record.via_menu and not record.ended and record.seconds >= 0
    first = s.transcript.turns[0]
    assert first.choice_stated == "keep_dog" and first.choices_active == ()
    assert first.note == "An open question gives room." and first.better == "It sounds heavy."


def test_a_turn_nothing_matches_gets_a_fallback_line_not_silence(sc):
    s = session(sc)
    turn = s.say("I see.")
    assert turn.text in sc.states["opening"].fallback
    assert turn.record.transition is None and turn.state == "opening"
    texts = [s.say("I see.").text for _ in range(20)]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))


def test_built_in_lines_when_the_scenario_has_no_fallback(sc):
    bare = replace(
        sc, fallback=(), states={**sc.states, "opening": replace(sc.states["opening"], fallback=())}
    )
    s = session(bare)
    assert s.say("I see.").text in {
        "Hmm.",
        "I don't really know what to say to that.",
        "Well...",
        "I'm not quite sure what you mean.",
    }


def test_blaming_gets_pushback_and_lowers_trust(sc):
    s = session(sc)
    turn = s.say("You should have called earlier.")
    assert turn.text == "This is exactly the blaming I was afraid of."
    assert turn.variables["trust"] == 5 and turn.variables["distress"] == 100  # clamped
    assert turn.record.note == "Blaming closes the conversation."


def test_the_same_seed_replays_the_same_meeting(sc):
    script = ["I see.", "I see.", "How are you?", "Hmm", "It sounds hard.", "Okay"]

    def play(seed):
        s = Session(sc, recognizer=FakeRecognizer(), seed=seed)
        return [s.opening.text] + [s.say(line).text for line in script], s.transcript.variant

    assert play(7) == play(7)
    assert len({tuple(play(seed)[0]) for seed in range(12)}) > 1


def test_without_a_seed_one_is_chosen_and_recorded(sc):
    s = Session(sc, recognizer=FakeRecognizer())
    assert isinstance(s.transcript.seed, int)
    again = Session(sc, recognizer=FakeRecognizer(), seed=s.transcript.seed)
    assert again.transcript.variant == s.transcript.variant
    assert again.opening.text == s.opening.text


def test_variants_are_drawn_by_weight_from_the_seed(sc):
    drawn = {Session(sc, recognizer=FakeRecognizer(), seed=n).transcript.variant for n in range(40)}
    assert drawn == {"calm", "exhausted"}
    only_calm = replace(
        sc,
        client=replace(
            sc.client, variants=(sc.client.variants[0], replace(sc.client.variants[1], weight=0))
        ),
    )
    assert {Session(only_calm, seed=n).transcript.variant for n in range(20)} == {"calm"}


def test_a_variant_changes_start_values_thresholds_and_lines(sc):
    s = session(sc, variant="exhausted")
    assert s.opening.text == "Just say what you want." and s.variables["distress"] == 95
    s.say("How are you?")
    # opens_up is 60 in this variant: the same reflection no longer opens the client up.
    assert s.say("It sounds hard.").state == "testing"


def test_an_unknown_variant_is_refused_by_name(sc):
    with pytest.raises(ValueError, match="no variant tired.*calm, exhausted"):
        session(sc, variant="tired")


def test_saying_anything_after_the_end_is_refused(sc):
    s = session(sc)
    assert s.say("whatever").outcome == "poor"
    with pytest.raises(SessionEnded, match="already ended"):
        s.say("Sorry, wait.")
    with pytest.raises(SessionEnded):
        s.choose(0)
    assert s.suggestions() == ()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_000, "😀🙏🏽 👩‍👧", "\x1b[31mred\x00\x07", "Mitä sinulle kuuluu tänään?"],
)
def test_odd_input_still_gets_an_answer(sc, text):
    recognizer = FakeRecognizer()
    s = session(sc, recognizer=recognizer)
    turn = s.say(text)
    assert turn.text
    assert len(recognizer.heard[-1][0]) <= MAX_RECOGNIZED_CHARS
    assert not any(ch in turn.record.worker for ch in "\x1b\x00\x07")


def test_the_recognizer_gets_the_word_lists_and_the_clients_last_words(sc):
    seen = {}

    class Spy(FakeRecognizer):
        def recognize(self, text, *, client_before="", topics=None):
            seen.update(client_before=client_before, topics=topics)
            return super().recognize(text, client_before=client_before, topics=topics)

    s = session(sc, recognizer=Spy())
    s.say("Hello")
    assert seen["client_before"] == s.opening.text
    assert seen["topics"] == sc.word_lists()


def test_pinned_moves_replace_the_reading_but_keep_the_topics(sc):
    s = session(sc)
    s.say("How are you?")
    s.say("It sounds hard.")
    turn = s.say("Tell me about the dog?", moves=["affirmation"])
    assert turn.record.recognition.moves == ("affirmation",)
    assert turn.record.recognition.topics == ("dog", "keep_dog")
    assert turn.record.transition == "opening_up.on[1]"


def test_menu_mode_says_a_suggestion_with_its_moves(sc):
    s = session(sc)
    assert [x.text for x in s.suggestions()][0] == "Tell me in your own words how this feels."
    turn = s.choose(0)
    assert turn.state == "testing" and turn.record.via_menu
    assert turn.record.recognition.moves == ("open_question",)
    with pytest.raises(IndexError, match="no suggestion 1; state testing has 0"):
        s.choose(0)


def test_on_turn_sees_every_record_as_it_happens(sc):
    seen = []
    s = session(sc, on_turn=lambda transcript, record: seen.append((len(transcript.turns), record)))
    s.say("How are you?")
    s.say("I see.")
    assert [(n, r.index) for n, r in seen] == [(1, 1), (2, 2)]


def test_a_meeting_resumes_where_it_was_left(sc):
    script = ["How are you?", "I see.", "It sounds hard."]
    original = session(sc, seed=11, variant=None)
    for line in script:
        original.say(line)
    saved = Transcript.from_dict(json.loads(json.dumps(original.transcript.to_dict())))

    resumed = Session.resume(sc, saved, recognizer=FakeRecognizer())
    assert resumed.opening.text == original.opening.text
    assert (resumed.state, resumed.variables, resumed.turn) == (
        original.state,
        original.variables,
        original.turn,
    )
    assert [t.reply for t in resumed.transcript.turns] == [
        t.reply for t in original.transcript.turns
    ]
    # The same seed continues the same way.
    assert resumed.say("Mm.").text == original.say("Mm.").text
    assert resumed.transcript.turns[-1].index == 4


def test_resume_refuses_a_transcript_the_scenario_no_longer_leads_to(sc):
    s = session(sc)
    s.say("How are you?")
    saved = Transcript.from_dict(s.transcript.to_dict())
    saved.turns[0].state_after = "opening_up"
    with pytest.raises(ResumeError, match="after turn 1 the client was in state opening_up"):
        Session.resume(sc, saved, recognizer=FakeRecognizer())


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_at_all_gets_an_in_character_answer(text):
    s = session(scenario())
    turn = s.say(text)
    assert turn.text.strip()
    assert turn.record.worker == turn.record.worker.strip()
    assert all(ch == "\n" or ch.isprintable() or not ch.isascii() for ch in turn.record.worker)


def loadable_scenarios():
    """Every scenario file in the repository that the loader accepts right now."""
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import load_scenario

    root = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted(
        [*root.glob("scenarios/*.yaml"), *root.glob("tests/fixtures/engine/*.yaml")]
    ):
        try:
            found.append(load_scenario(path))
        except ScenarioError:
            continue  # a broken file is `kohtaamo check`'s business, not the engine's
    return found


def test_random_meetings_on_every_accepted_scenario_never_crash_or_fall_silent():
    rng = random.Random(2024)
    scenarios = loadable_scenarios()
    assert scenarios  # at least the engine fixture
    for sc in scenarios:
        topics = list(sc.word_lists())
        for seed in range(15):
            s = Session(sc, recognizer=FakeRecognizer(), seed=seed)
            assert s.opening.text.strip()
            for _ in range(40):
                if s.ended:
                    break
                moves = rng.sample(MOVES, rng.randint(0, 3))
                mentioned = tuple(rng.sample(topics, min(len(topics), rng.randint(0, 2))))
                reading = Recognition(text="...", moves=tuple(moves), topics=mentioned)
                turn = s.say("...", recognition=reading)
                assert turn.text.strip(), (sc.id, turn.state)
                assert all(0 <= v <= 100 for v in turn.variables.values())
                assert turn.state in sc.states


def test_conditions_can_read_how_many_words_the_turn_has(sc):
    """A plain-language client gets lost in long turns: `words` is the turn's word count."""
    lost = Transition(
        id="lost",
        sources=("opening",),
        moves=("open_question",),
        reply=("Sorry. Too many words.",),
        **rule("words > 12"),
    )
    sc = replace(sc, transitions=(lost, *sc.transitions))
    short = session(sc).say("How are you doing?", moves=["open_question"])
    assert short.text != "Sorry. Too many words."
    long = session(sc).say(
        "How are you doing today, after everything that happened with the letter and the "
        "school and the neighbours last week?",
        moves=["open_question"],
    )
    assert long.text == "Sorry. Too many words." and long.state == "opening"
